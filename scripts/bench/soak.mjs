/**
 * Workload 7: soak. One long-lived mcpkit server, in memory: 10,000 client sessions opened
 * (initialize) and closed, then 100,000 tools/call round trips on one session; reports the heap still
 * held, after collecting garbage, per closed session and per 1,000 calls. mcpkit alone: the
 * official SDK's Server serves one connection per instance, so it has no such server to soak.
 */
import { performance } from "node:perf_hooks";
import process from "node:process";
import { collect, sleep } from "./lib.mjs";
import { mcpkit, mcpkitClient, mcpkitServer } from "./servers.mjs";

const SESSIONS = 10_000;
const CALLS = 100_000;
const WARM = 200;
/** Calls made before measuring, so that what the first calls leave (compiled code, type feedback) is not counted. */
const WARM_CALLS = 20_000;
/** Sessions opened at once, as many clients connecting together would. */
const PARALLEL = 16;

/** Heap in use once timers have run and garbage is collected until it stops shrinking. */
async function heapAfterGc() {
  await sleep(20);
  let heap = Infinity;
  for (let i = 0; i < 6; i++) {
    collect();
    const now = process.memoryUsage().heapUsed;
    if (now >= heap) break;
    heap = now;
  }
  return heap;
}

/** Opens and closes `count` client sessions against `server`, `PARALLEL` at a time. */
async function churn(kit, server, count) {
  let left = count;
  const worker = async () => {
    while (left-- > 0) {
      const [clientEnd, serverEnd] = kit.memoryPair();
      await server.connect(serverEnd);
      const client = await mcpkitClient(kit, clientEnd);
      await client.close();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

/** One repetition on a fresh server: bytes retained per closed session and per 1,000 calls. */
async function measure(kit) {
  const server = mcpkitServer(kit);
  await churn(kit, server, WARM);
  const before = await heapAfterGc();
  const t0 = performance.now();
  await churn(kit, server, SESSIONS);
  const churnMs = performance.now() - t0;
  const afterChurn = await heapAfterGc();
  if (server.sessions.size !== 0) throw new Error(`${server.sessions.size} sessions still open after closing all`);

  const [clientEnd, serverEnd] = kit.memoryPair();
  await server.connect(serverEnd);
  const client = await mcpkitClient(kit, clientEnd);
  for (let i = 0; i < WARM_CALLS; i++) await client.call();
  const beforeCalls = await heapAfterGc();
  const t1 = performance.now();
  for (let i = 0; i < CALLS; i += 16) await Promise.all(Array.from({ length: 16 }, () => client.call()));
  const callsMs = performance.now() - t1;
  const afterCalls = await heapAfterGc();
  await client.close();
  await server.close();
  return {
    perSession: (afterChurn - before) / SESSIONS,
    perThousandCalls: ((afterCalls - beforeCalls) / CALLS) * 1000,
    churnMs,
    callsMs,
  };
}

/** Runs the workload; returns its rows (mcpkit only). */
export async function run({ memoryReps, sides }) {
  if (!sides.includes("mcpkit")) return [];
  const kit = await mcpkit();
  const runs = [];
  for (let i = 0; i < memoryReps; i++) runs.push(await measure(kit));
  const seconds = (key) => runs.map((r) => (r[key] / 1000).toFixed(1)).join(" ");
  const notes = [
    `${SESSIONS} sessions opened and closed in ${seconds("churnMs")} s; ${CALLS} calls on one session in ${seconds("callsMs")} s (per run)`,
  ];
  return [
    {
      id: "soak-session",
      label: `heap retained per closed session (${SESSIONS} opened and closed, in memory)`,
      unit: "bytes",
      better: "lower",
      mcpkit: runs.map((r) => r.perSession),
      targets: [{ kind: "value", max: 200 }],
      notes,
    },
    {
      id: "soak-calls",
      label: `heap retained per 1,000 calls (${CALLS} on one session, in memory)`,
      unit: "bytes",
      better: "lower",
      mcpkit: runs.map((r) => r.perThousandCalls),
    },
  ];
}
