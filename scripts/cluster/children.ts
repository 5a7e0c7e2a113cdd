/**
 * The child processes of `npm run cluster`: each started with its output watched for a line that
 * says it is ready, and stopped with SIGTERM (then SIGKILL after a grace period).
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { once } from "node:events";
import { connect, createServer } from "node:net";

/** A started child and the name it is reported under. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** Set once we asked it to stop, so that its exit is not reported as unexpected. */
  stopping: boolean;
}

/** Copies `stream`'s lines to stderr, each prefixed with `name`; calls `onLine` with each. */
function relay(name: string, stream: NodeJS.ReadableStream, onLine: (line: string) => void, echo: boolean): void {
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      onLine(line);
      if (echo && line.trim() !== "") process.stderr.write(`${name}: ${line}\n`);
    }
  });
}

/**
 * Starts `command` and resolves with the first stdout line `ready` matches (its match), or rejects
 * when the child exits first or `timeoutMs` passes. Its stderr is relayed (prefixed with `name`).
 * `track` is given the child as soon as it is spawned, so that it is stopped even if it never gets ready.
 */
export function start(
  name: string,
  command: string,
  args: string[],
  ready: RegExp | undefined,
  options: SpawnOptions & { timeoutMs?: number; echoStdout?: boolean; track?: (child: Child) => void } = {},
): Promise<{ child: Child; match: RegExpMatchArray | undefined }> {
  const { timeoutMs, echoStdout, track, ...spawnOptions } = options;
  const proc = spawn(command, args, { ...spawnOptions, stdio: ["ignore", "pipe", "pipe"] });
  const child: Child = { name, process: proc, stopping: false };
  track?.(child);
  return new Promise((resolve, reject) => {
    let settled = false;
    const tail: string[] = [];
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${name} ${why}${tail.length ? `:\n${tail.join("\n")}` : ""}`));
    };
    const timer = setTimeout(() => fail("did not start in time"), timeoutMs ?? 30_000);
    proc.once("error", (error) => fail(`could not start (${error.message})`));
    proc.once("exit", (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before it was ready`));
    const seen = (line: string) => {
      if (!settled && tail.push(line) > 20) tail.shift();
      const match = ready && line.match(ready);
      if (settled || !match) return;
      settled = true;
      clearTimeout(timer);
      resolve({ child, match });
    };
    relay(name, proc.stdout!, seen, echoStdout ?? false);
    relay(name, proc.stderr!, seen, true);
    if (!ready) {
      settled = true;
      clearTimeout(timer);
      resolve({ child, match: undefined });
    }
  });
}

/** Stops `child` (SIGTERM, SIGKILL after `graceMs`) and waits for it to exit. */
export async function stop(child: Child, graceMs = 5000): Promise<void> {
  child.stopping = true;
  const proc = child.process;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = once(proc, "exit");
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

/** Whether `port` on 127.0.0.1 can be listened on now. */
export async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  server.listen(port, "127.0.0.1");
  try {
    await Promise.race([once(server, "listening"), once(server, "error").then(([error]) => Promise.reject(error))]);
  } catch {
    return false;
  }
  server.close();
  await once(server, "close");
  return true;
}

/** Resolves once a TCP connection to 127.0.0.1:`port` succeeds, or rejects after `timeoutMs`. */
export async function accepting(port: number, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (!alive()) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    if (Date.now() > deadline) throw new Error(`127.0.0.1:${port} does not accept connections`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
