/**
 * Workload 4: server memory per open Streamable HTTP session. Each repetition starts a fresh server
 * process per side, opens a few sessions to warm it, measures, opens 1,000 more with raw initialize
 * (and notifications/initialized) POSTs, measures again, and reports the growth per session.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { Agent, request as httpRequest } from "node:http";
import { join } from "node:path";
import { clearTimeout, setTimeout } from "node:timers";
import { BENCH_DIR, childArgs, interleave, median } from "./lib.mjs";
import { readBody } from "./http.mjs";

const WARM = 50;
const SESSIONS = 1000;
const PARALLEL = 8;

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1.0.0" } },
});
const INITIALIZED = JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" });

/** One POST; resolves with its status, session id and body. */
function post(url, agent, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    });
    req.on("response", (res) =>
      readBody(res).then(
        (text) => resolve({ status: res.statusCode, session: res.headers["mcp-session-id"], text }),
        reject,
      ),
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Opens `count` sessions, `PARALLEL` at a time. */
async function open(url, agent, count) {
  let left = count;
  const worker = async () => {
    while (left-- > 0) {
      const init = await post(url, agent, INITIALIZE);
      if (init.status !== 200 || !init.session) throw new Error(`initialize answered ${init.status}: ${init.text}`);
      const headers = { "mcp-session-id": init.session, "mcp-protocol-version": "2025-11-25" };
      const done = await post(url, agent, INITIALIZED, headers);
      if (done.status !== 202) throw new Error(`notifications/initialized answered ${done.status}: ${done.text}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

/** Asks the child for a message and waits for the answer. */
async function ask(child, message) {
  const answer = new Promise((resolve, reject) => {
    const exit = (code) => reject(new Error(`the ${child.spawnargs.at(-1)} server exited (${code}) before answering`));
    child.once("exit", exit);
    child.once("message", (m) => (child.off("exit", exit), resolve(m)));
  });
  if (message) child.send(message);
  return answer;
}

/** One measurement of one side in a fresh process: growth per session of RSS and heap. */
async function measure(side) {
  const child = fork(join(BENCH_DIR, "session-memory-server.mjs"), [side], {
    execArgv: ["--expose-gc", ...childArgs()],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
  try {
    const { url } = await ask(child);
    await open(url, agent, WARM);
    const before = await ask(child, "measure");
    await open(url, agent, SESSIONS);
    const after = await ask(child, "measure");
    if (after.sessions - before.sessions !== SESSIONS)
      throw new Error(`${side}: ${after.sessions - before.sessions} sessions open, not ${SESSIONS}`);
    const growth = (key) => (after[key] - before[key]) / SESSIONS;
    return {
      rss: growth("rss"),
      heap: growth("heapUsed"),
      heapTotal: growth("heapTotal"),
      external: growth("external"),
    };
  } finally {
    agent.destroy();
    const exited = once(child, "exit");
    if (child.connected) child.send("exit");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    if (child.exitCode === null && child.signalCode === null) await exited;
    clearTimeout(timer);
  }
}

/** Runs the workload; returns its rows. */
export async function run({ memoryReps, sides }) {
  const values = await interleave(measure, { reps: memoryReps, warmup: 0, sides });
  const pick = (key) =>
    Object.fromEntries(Object.entries(values).map(([side, list]) => [side, list.map((v) => v[key])]));
  const row = (key, what) => ({
    id: `session-${key}`,
    label: `server ${what} per HTTP session`,
    unit: "bytes",
    better: "lower",
    ...pick(key),
    targets: [{ kind: "ratio", max: 1 / 4 }],
    // The rest of the growth, to read RSS by: the heap reserved (used or not) and memory outside it.
    detail: Object.fromEntries(
      Object.entries(values).map(([side, list]) => [
        side,
        { heapTotal: median(list.map((v) => v.heapTotal)), external: median(list.map((v) => v.external)) },
      ]),
    ),
  });
  return [row("heap", "heap"), row("rss", "RSS")];
}
