/**
 * The child processes of `npm run cluster`: each started with its output watched for a line that
 * says it is ready, and stopped with SIGTERM (then SIGKILL after a grace period).
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { once } from "node:events";
import { connect, createServer, type Server } from "node:net";

/** A started child and the name it is reported under. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** Set once we asked it to stop, so that its exit is not reported as unexpected. */
  stopping: boolean;
  /** Set once it said it is ready: an exit before is its start's failure, reported by `start`. */
  ready: boolean;
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
  options: SpawnOptions & {
    timeoutMs?: number;
    echoStdout?: boolean;
    track?: (child: Child) => void;
    /** A file descriptor the child inherits as its fd 3 (a listening socket). */
    fd3?: number;
  } = {},
): Promise<{ child: Child; match: RegExpMatchArray | undefined }> {
  const { timeoutMs, echoStdout, track, fd3, ...spawnOptions } = options;
  const stdio = fd3 === undefined ? ["ignore", "pipe", "pipe"] : ["ignore", "pipe", "pipe", fd3];
  const proc = spawn(command, args, { ...spawnOptions, stdio: stdio as SpawnOptions["stdio"] });
  const child: Child = { name, process: proc, stopping: false, ready: false };
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
      child.ready = true;
      clearTimeout(timer);
      resolve({ child, match });
    };
    relay(name, proc.stdout!, seen, echoStdout ?? false);
    relay(name, proc.stderr!, seen, true);
    if (!ready) {
      settled = true;
      child.ready = true;
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

/** Whether a child's failure to start (its message, with what it printed) says its port was taken. */
export function addressInUse(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /address already in use|EADDRINUSE|is in use/i.test(text);
}

/**
 * Starts something that binds a port it is given: `launch` with a port from `pick` (default
 * {@link freePort}), and again with a new port when it fails because that port was taken between the
 * pick and the bind (a port is free only when picked: another process's listener, or an outbound
 * socket's ephemeral port, can take it before the child binds it), at most `attempts` times.
 */
export async function onFreePort<T>(
  launch: (port: number) => Promise<T>,
  options: { pick?: () => Promise<number>; attempts?: number } = {},
): Promise<{ port: number; started: T }> {
  const { pick = freePort, attempts = 5 } = options;
  for (let attempt = 1; ; attempt++) {
    const port = await pick();
    try {
      return { port, started: await launch(port) };
    } catch (error) {
      if (attempt >= attempts || !addressInUse(error)) throw error;
    }
  }
}

/** Listens on 127.0.0.1:`port` (a socket to hand to a child), or rejects when it is in use. */
export async function holdPort(port: number): Promise<Server> {
  const server = createServer();
  server.listen(port, "127.0.0.1");
  await Promise.race([once(server, "listening"), once(server, "error").then(([error]) => Promise.reject(error))]);
  return server;
}

/** The file descriptor of a listening server, for a child to inherit. */
export function descriptorOf(server: Server): number {
  const fd = (server as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== "number" || fd < 0) throw new Error("the listening socket has no file descriptor");
  return fd;
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
