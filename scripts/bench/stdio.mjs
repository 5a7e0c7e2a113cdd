/**
 * Workload 2: tools/call round trips per second over stdio to a spawned server, 1 and 64 in flight.
 * Floor: a raw newline-delimited JSON echo over a child-process pipe.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import process from "node:process";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { BENCH_DIR, childArgs, interleave, rate } from "./lib.mjs";
import { echoMessages, mcpkit, mcpkitClient, official, officialClient } from "./servers.mjs";

const script = (name) => join(BENCH_DIR, name);

/** A client of the floor server: each call writes one line and awaits the line answering it. */
async function floorClient() {
  const child = spawn(process.execPath, [...childArgs(), script("stdio-floor-server.mjs")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await once(child, "spawn");
  const pending = new Map();
  let nextId = 0;
  let buffered = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf("\n")) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
  const { request } = echoMessages();
  return {
    call() {
      const id = ++nextId;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ ...request, id })}\n`);
      });
    },
    async close() {
      const exited = once(child, "exit");
      child.stdin.end();
      if (child.exitCode === null) await exited;
    },
  };
}

/** Spawns each side's server and connects a client to it. */
async function connect() {
  const [kit, sdk] = await Promise.all([mcpkit(), official()]);
  // Both clients start servers with a minimal environment: pass on which dist/ to measure.
  const env = process.env.MCPKIT_BENCH_DIST ? { MCPKIT_BENCH_DIST: process.env.MCPKIT_BENCH_DIST } : undefined;
  const params = (name) => ({
    command: process.execPath,
    args: [...childArgs(), script(name)],
    env,
    stderr: "inherit",
  });
  const clients = {
    mcpkit: await mcpkitClient(kit, new kit.StdioClientTransport(params("stdio-mcpkit-server.mjs"))),
    official: await officialClient(sdk, new StdioClientTransport(params("stdio-official-server.mjs"))),
    floor: await floorClient(),
  };
  return clients;
}

/** Runs the workload; returns its rows. */
export async function run({ reps, warmup, ms, sides }) {
  const clients = await connect();
  try {
    const rows = [];
    for (const inFlight of [1, 64]) {
      const values = await interleave((side) => rate(clients[side].call, inFlight, ms), { reps, warmup, sides });
      rows.push({
        id: `stdio-${inFlight}`,
        label: `stdio tools/call, ${inFlight} in flight`,
        unit: "calls/s",
        better: "higher",
        ...values,
        targets: [{ kind: "ratio", min: 2 }, ...(inFlight === 1 ? [{ kind: "floor", min: 0.8 }] : [])],
      });
    }
    return rows;
  } finally {
    await Promise.all(Object.values(clients).map((c) => c.close()));
  }
}
