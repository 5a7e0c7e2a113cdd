/**
 * `npm run cluster` (scripts/cluster.ts) started by a test as its own child process, and a fetch
 * that records which replica haproxy sent each request to (its `X-Mcp-Replica` header).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { onFreePort } from "../../scripts/cluster/children.js";

const SCRIPT = fileURLToPath(new URL("../../scripts/cluster.ts", import.meta.url));

/** A running cluster. */
export interface Cluster {
  readonly url: string;
  readonly pids: number[];
  readonly process: ChildProcess;
  /** What it wrote to stderr so far. */
  readonly stderr: () => string;
  /** SIGTERM, and resolves with its exit code once it exited. */
  stop(): Promise<number | null>;
}

/** Runs scripts/cluster.ts with `args`, resolving with its exit code and output (for refusals). */
export async function runCluster(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

/**
 * Starts a cluster with `args` (plus `--port`, a free port: another one if the port picked, by `pick`,
 * is taken before the cluster binds it) and waits for its `replica pids:` line.
 */
export async function startCluster(
  args: string[],
  timeoutMs = 90_000,
  options: { pick?: () => Promise<number> } = {},
): Promise<Cluster> {
  return (await onFreePort((port) => launch(port, args, timeoutMs), { ...options, attempts: 3 })).started;
}

async function launch(port: number, args: string[], timeoutMs: number): Promise<Cluster> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, "--port", String(port), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const pids = await new Promise<number[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cluster did not start:\n${stderr}`)), timeoutMs);
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`the cluster exited ${code}:\n${stderr}`))));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^replica pids: ([\d,]+)$/m.exec(stdout);
      if (!line) return;
      clearTimeout(timer);
      resolve(line[1]!.split(",").map(Number));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    pids,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/** Whether a process `pid` exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One request as haproxy routed it: its MCP method (the `Mcp-Method` header) and the replica that answered. */
export interface Routed {
  method: string;
  replica: string;
}

/** A fetch that records, in `log`, which replica answered each request. */
export function recordingFetch(log: Routed[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const method = new Headers(init?.headers).get("mcp-method") ?? init?.method ?? "GET";
    log.push({ method, replica: response.headers.get("x-mcp-replica") ?? "?" });
    return response;
  };
}
