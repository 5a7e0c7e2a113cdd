/**
 * `npm run cluster -- --replicas N --port P`: the topology of docs/replicas.md in the foreground. A
 * redis-server (its own temporary directory, loopback, a free port, no persistence), N replicas of
 * the everything-server (test/conformance/everything-server.ts) sharing it with `--store` and one
 * `requestState` secret, and haproxy on 127.0.0.1:P balancing `/mcp` round robin over them, without
 * stickiness. Prints `replica pids: A,B,C` once all of it serves; stops everything on SIGTERM or
 * SIGINT, and stops everything (exit 1) when a child dies on its own, except a replica once all
 * started while another replica still runs (haproxy's checks take it out of the rotation).
 *
 * `--redis <url>` uses a Redis that is already running instead of starting one (the tests restart
 * theirs under a running cluster); `--memory` runs the replicas without a store and without Redis
 * (each keeps its state to itself: the baseline of the bench). haproxy names the replica that
 * answered in `X-Mcp-Replica`.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  accepting,
  descriptorOf,
  holdPort,
  onFreePort,
  portIsFree,
  start,
  stop,
  type Child,
} from "./cluster/children.js";

const EVERYTHING_SERVER = fileURLToPath(new URL("../test/conformance/everything-server.ts", import.meta.url));

/** A refusal of the command line or of the machine's state: one `cluster:` line and this exit code. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

interface Settings {
  replicas: number;
  port: number;
  redis?: string;
  memory: boolean;
}

function settings(argv: string[]): Settings {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        replicas: { type: "string", default: "3" },
        port: { type: "string" },
        redis: { type: "string" },
        memory: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new Refusal((error as Error).message, 2);
  }
  const replicas = Number(values.replicas);
  if (!/^\d+$/.test(values.replicas) || replicas < 1 || replicas > 32)
    throw new Refusal(`--replicas must be a whole number from 1 to 32, not ${JSON.stringify(values.replicas)}`, 2);
  if (values.port === undefined) throw new Refusal("--port is required (the load balancer's port)", 2);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port < 1 || port > 65535)
    throw new Refusal(`--port must be a port number from 1 to 65535, not ${JSON.stringify(values.port)}`, 2);
  if (values.redis !== undefined && !/^rediss?:\/\//.test(values.redis))
    throw new Refusal(`--redis must be a redis:// or rediss:// URL`, 2);
  if (values.memory && values.redis !== undefined) throw new Refusal("--memory and --redis exclude each other", 2);
  return { replicas, port, memory: values.memory, ...(values.redis ? { redis: values.redis } : {}) };
}

/** haproxy's configuration: round robin per request, no stickiness, timeouts long enough for SSE streams. */
function haproxyConfig(replicaPorts: number[], probes: boolean): string {
  return [
    "global",
    "  maxconn 4096",
    "defaults",
    "  mode http",
    "  timeout connect 5s",
    "  timeout http-request 30s",
    // An SSE response (a listen stream, a long tool call) stays open and may be quiet for a while.
    "  timeout client 1h",
    "  timeout server 1h",
    "  timeout tunnel 1h",
    "frontend mcp",
    // The listening socket this script opened on 127.0.0.1:P, inherited: the port checked is the
    // port held (no window for another process to take it), and never shared by SO_REUSEPORT.
    "  bind fd@3",
    "  default_backend replicas",
    "backend replicas",
    "  balance roundrobin",
    // A replica shutting down refuses connections at once: a request haproxy could not deliver to it
    // goes to another replica (a connection refused means nothing was sent, so nothing runs twice).
    "  retries 3",
    "  option redispatch 1",
    "  http-response set-header X-Mcp-Replica %[srv_name]",
    // Liveness, not readiness: while Redis is down every replica is unready, and taking them all out
    // would also refuse the requests that need no Redis.
    ...(probes ? ["  option httpchk GET /healthz"] : []),
    ...replicaPorts.map((p, i) => `  server replica${i + 1} 127.0.0.1:${p} check inter 1s fall 2 rise 1`),
    "",
  ].join("\n");
}

type Track = (child: Child) => void;

const isReplica = (child: Child) => child.name.startsWith("replica ");
const running = (child: Child) => child.process.exitCode === null && child.process.signalCode === null;

async function startRedis(dir: string, track: Track): Promise<string> {
  const { port } = await onFreePort((port) => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
    return start("redis-server", "redis-server", args, /Ready to accept connections/, { track });
  });
  return `redis://127.0.0.1:${port}`;
}

/** Starts haproxy with `file`, on the listening socket of 127.0.0.1:`port` (refused when it is in use). */
async function startHaproxy(port: number, file: string, track: Track): Promise<Child> {
  const socket = await holdPort(port).catch((error: unknown) => {
    throw new Error(`127.0.0.1:${port} is in use (${(error as Error).message})`);
  });
  // Spawned and closed here in the same turn: this process never accepts a connection on it.
  const started = start("haproxy", "haproxy", ["-db", "-f", file], undefined, { track, fd3: descriptorOf(socket) });
  socket.close();
  return (await started).child;
}

async function startReplica(index: number, redisUrl: string | undefined, secret: string | undefined, track: Track) {
  const store = redisUrl === undefined ? [] : ["--store", redisUrl];
  const args = ["--import", "tsx", EVERYTHING_SERVER, "--port", "0", ...store];
  // With a store the replicas draw their requestState secret from it; in memory they are given one.
  const env = secret === undefined ? process.env : { ...process.env, REQUEST_STATE_SECRET: secret };
  const { child, match } = await start(
    `replica ${index}`,
    process.execPath,
    args,
    /^listening on http:\/\/[^:]+:(\d+)\//,
    {
      env,
      timeoutMs: 60_000,
      track,
    },
  );
  return { child, port: Number(match![1]) };
}

/** The cluster's children, stopped in the reverse order of their start. */
class Topology {
  readonly children: Child[] = [];
  #stopping: Promise<void> | undefined;
  #serving = false;

  constructor(readonly dir: string) {}

  add(child: Child): Child {
    // Started while stopping (a signal during start-up): stopped at once, not left behind.
    if (this.#stopping) void stop(child);
    this.children.push(child);
    child.process.once("exit", (code, signal) => {
      // An exit before it was ready is its start's failure, which the start reports (or retries).
      if (child.stopping || this.#stopping || !child.ready) return;
      const how = `${child.name} (pid ${child.process.pid}) exited unexpectedly (${signal ?? `code ${code}`})`;
      // A replica dying is what the load balancer is there for: haproxy's checks take it out of the rotation.
      if (this.#serving && isReplica(child) && this.children.some((c) => isReplica(c) && running(c)))
        return void process.stderr.write(`cluster: ${how}; the other replicas go on serving\n`);
      process.stderr.write(`cluster: ${how}; stopping\n`);
      void this.stop().then(() => process.exit(1));
    });
    return child;
  }

  /** Marks the topology as started: from now on a replica may die without taking the others down. */
  serving(): void {
    this.#serving = true;
  }

  /** Whether stop() has begun. */
  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      for (const child of [...this.children].reverse()) await stop(child);
      await rm(this.dir, { recursive: true, force: true });
    })();
    return this.#stopping;
  }
}

async function run(config: Settings, topology: Topology): Promise<void> {
  const track = (child: Child) => void topology.add(child);
  const url = config.memory ? undefined : (config.redis ?? (await startRedis(topology.dir, track)));
  const secret =
    url === undefined ? (process.env.REQUEST_STATE_SECRET ?? randomBytes(32).toString("base64url")) : undefined;
  const started = await Promise.all(
    Array.from({ length: config.replicas }, (_, i) => startReplica(i + 1, url, secret, track)),
  );
  const replicas = started.map(({ child }) => child);
  const file = join(topology.dir, "haproxy.cfg");
  await writeFile(
    file,
    haproxyConfig(
      started.map((r) => r.port),
      url !== undefined,
    ),
  );
  const haproxy = await startHaproxy(config.port, file, track);
  await accepting(config.port, 10_000, () => haproxy.process.exitCode === null);
  process.stderr.write(
    `cluster: serving http://127.0.0.1:${config.port}/mcp (${url ? `redis ${url}` : "in memory"})\n`,
  );
  topology.serving();
  process.stdout.write(`replica pids: ${replicas.map((r) => r.process.pid).join(",")}\n`);
}

async function main(): Promise<void> {
  let config: Settings;
  try {
    config = settings(process.argv.slice(2));
    if (!(await portIsFree(config.port))) throw new Refusal(`127.0.0.1:${config.port} is in use`, 1);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    process.stderr.write(`cluster: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  const topology = new Topology(await mkdtemp(join(tmpdir(), "mcpkit-cluster-")));
  const quit = () => void topology.stop().then(() => process.exit(0));
  // on, not once: a second signal (a wrapper relaying the one its group got) must not end us mid-stop.
  process.on("SIGTERM", quit);
  process.on("SIGINT", quit);
  try {
    await run(config, topology);
  } catch (error) {
    // Stopped by a signal during start-up: the children's ends are not failures.
    if (topology.stopping) return;
    process.stderr.write(`cluster: ${(error as Error).message}\n`);
    await topology.stop();
    process.exit(1);
  }
}

await main();
