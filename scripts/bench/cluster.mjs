/**
 * Workload "cluster": tools/call round trips per second through haproxy (npm run cluster), with
 * mcpkit's client at 2026-07-28 (stateless, so round robin spreads the calls), 16 in flight. Three
 * topologies run side by side on this machine: one replica on Redis, three replicas on Redis, and
 * (the floor) one replica in memory behind the same haproxy set-up. Two calls are measured: a plain
 * tool (nothing shared is touched) and a task tool followed by one tasks/get (the task saved to
 * Redis at creation and at its end, and read from it by a replica that does not run it). A third
 * call is a tools/call on a 2025-11-25 session (stateful): with three replicas, two calls in three
 * land on a replica that does not own the session and are forwarded to the owner over Redis pub/sub.
 * The replicas run the everything-server from src/ through tsx.
 * Everything shares the machine's cores: three replicas on two cores are not expected to scale.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import process from "node:process";
import { fileURLToPath, URL } from "node:url";
import { interleave, rate } from "./lib.mjs";
import { mcpkit } from "./servers.mjs";

const CLUSTER = fileURLToPath(new URL("../cluster.ts", import.meta.url));

async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

/**
 * Starts `npm run cluster` with `args` on a free port; resolves with its URL and stop once it printed
 * its pids. A port taken before the cluster held it (it says "is in use") is replaced, up to 3 times.
 */
async function cluster(args, attempts = 3) {
  try {
    return await clusterOn(await freePort(), args);
  } catch (error) {
    if (attempts <= 1 || !/is in use/.test(error.message)) throw error;
    return cluster(args, attempts - 1);
  }
}

async function clusterOn(port, args) {
  const child = spawn(process.execPath, ["--import", "tsx", CLUSTER, "--port", String(port), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  await new Promise((resolve, reject) => {
    let stdout = "";
    child.once("exit", (code) => reject(new Error(`the cluster exited ${code}: ${stderr}`)));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("replica pids:")) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    async stop() {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A 2026-07-28 client of `url` with the tasks extension, and a 2025-11-25 one: their calls. */
async function client(kit, url) {
  const session = new kit.ClientSession(kit.streamableHttpClient(url), {
    protocolVersion: "2026-07-28",
    tasks: { pollIntervalMs: 10 },
  });
  await session.initialize();
  const stateful = new kit.ClientSession(kit.streamableHttpClient(url), { protocolVersion: "2025-11-25" });
  await stateful.initialize();
  return {
    stateful: () => stateful.callTool("greet", { name: "bench" }),
    plain: () => session.callTool("greet", { name: "bench" }),
    // Two requests, never a wait: the task's creation (saved to Redis before it is answered) and one
    // tasks/get (answered from Redis by a replica that does not run it).
    task: async () => {
      const started = await session.callToolTask("slow_compute", { seconds: 0 });
      await started.task.refresh();
    },
    close: () => Promise.all([session.close(), stateful.close()]),
  };
}

const LABELS = {
  plain: "tools/call",
  task: "task tool + 1 tasks/get",
  stateful: "tools/call on a 2025-11-25 session",
};

/** Runs the workload; returns its rows. */
export async function run({ reps, warmup, ms }) {
  const kit = await mcpkit();
  const topologies = await Promise.all([
    cluster(["--replicas", "1"]),
    cluster(["--replicas", "3"]),
    cluster(["--replicas", "1", "--memory"]),
  ]);
  const [one, three, memory] = await Promise.all(topologies.map((t) => client(kit, t.url)));
  try {
    const rows = [];
    for (const call of ["plain", "task", "stateful"]) {
      for (const [id, redis, n] of [
        ["1", one, "one replica"],
        ["3", three, "three replicas"],
      ]) {
        const calls = { mcpkit: redis[call], floor: memory[call] };
        const values = await interleave((side) => rate(calls[side], 16, ms), {
          reps,
          warmup,
          sides: ["mcpkit", "floor"],
        });
        rows.push({
          id: `cluster-${call}-redis-${id}`,
          label: `haproxy, ${n} on Redis, ${LABELS[call]}, 16 in flight`,
          unit: "calls/s",
          better: "higher",
          floorNote: "one replica in memory behind haproxy",
          ...values,
        });
      }
    }
    return rows;
  } finally {
    await Promise.all([one, three, memory].map((c) => c.close()));
    await Promise.all(topologies.map((t) => t.stop()));
  }
}
