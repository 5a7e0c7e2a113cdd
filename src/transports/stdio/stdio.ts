import { spawn, type ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { ConnectionClosedError } from "../../protocol/errors.js";
import type { Logger } from "../../protocol/logger.js";
import type { Transport, TransportEvents } from "../../protocol/transport.js";
import { DEFAULT_CLIENT_MAX_MESSAGE_BYTES, LineDecoder, OVERSIZE, type NdjsonOptions } from "./ndjson.js";
import { ServerExitedError, StderrTail } from "./server-exit.js";
import { StreamTransport, streamTransport, type StreamTransportOptions } from "./stream.js";

export { StreamTransport, streamTransport, type StreamTransportOptions };
export { ServerExitedError };

/** Options of {@link stdioServer}. */
export interface StdioServerOptions extends NdjsonOptions {
  /**
   * The largest line read from stdin, in bytes (4 MiB, `DEFAULT_MAX_MESSAGE_BYTES`, as on every server
   * transport); a longer one is answered with a -32700 parse error and dropped, and serving goes on.
   */
  maxMessageSize?: number;
  /** Where messages are read from (process.stdin). */
  stdin?: NodeJS.ReadableStream | Readable;
  /** Where messages are written to (process.stdout). */
  stdout?: Writable;
}

/**
 * The server side of stdio: newline-delimited JSON on stdin and stdout. Closing it stops reading
 * stdin (so the process can exit) and leaves stdout open for whatever else writes there.
 */
export function stdioServer(options: StdioServerOptions = {}): StreamTransport {
  const { stdin = process.stdin, stdout = process.stdout, ...framing } = options;
  return streamTransport(stdin, stdout, { ...framing, endOnClose: false });
}

/** How to start an MCP server as a child process. */
export interface StdioServerParameters {
  /** The executable; run directly, without a shell. */
  command: string;
  /** Its arguments, passed as they are. */
  args?: string[];
  /** Added to {@link getDefaultEnvironment}; the rest of this process's environment is not passed on. */
  env?: Record<string, string>;
  /** The directory it starts in (this process's). */
  cwd?: string;
  /**
   * What becomes of the server's stderr: copied to this process's stderr (the default), a pipe (read it
   * from `transport.process.stderr`), dropped, or handed over line by line. With the default and a
   * function, its last lines go into the {@link ServerExitedError} that an unexpected exit closes with.
   */
  stderr?: "inherit" | "pipe" | "ignore" | ((line: string) => void);
}

/** Options of {@link stdioClient}. */
export interface StdioClientOptions extends NdjsonOptions {
  /**
   * The largest line read from the server's stdout (or stderr), in bytes (64 MiB,
   * `DEFAULT_CLIENT_MAX_MESSAGE_BYTES`); a longer one is dropped and reported as malformed.
   */
  maxMessageSize?: number;
  /** Milliseconds `close()` waits for the server to exit after ending its stdin, and again after SIGTERM (2000). */
  closeTimeout?: number;
  /** Where the shutdown reports a server that had to be killed (silent). */
  logger?: Logger;
}

const INHERITED_ENV =
  process.platform === "win32"
    ? ["APPDATA", "HOMEDRIVE", "HOMEPATH", "LOCALAPPDATA", "PATH", "PATHEXT", "PROCESSOR_ARCHITECTURE"].concat([
        "SYSTEMDRIVE",
        "SYSTEMROOT",
        "TEMP",
        "USERNAME",
        "USERPROFILE",
      ])
    : ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"];

/**
 * The part of this process's environment a server is started with: what locates the user and
 * their programs, and nothing that might hold a secret. A value that starts with `()` is a shell
 * function definition and is left out.
 */
export function getDefaultEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of INHERITED_ENV) {
    const value = process.env[key];
    if (value !== undefined && !value.startsWith("()")) env[key] = value;
  }
  return env;
}

/** Milliseconds to wait, after the server exits, for the last of its output to be read. */
const OUTPUT_GRACE = 200;

type Listener = (...args: any[]) => void;

/**
 * The client side of stdio: starts the server as a child process and speaks newline-delimited
 * JSON over its stdin and stdout. The server exiting, at any time, closes the transport with an
 * error saying how it exited; `close()` ends its stdin, then escalates to SIGTERM and SIGKILL.
 */
export class StdioClientTransport implements Transport {
  readonly #params: StdioServerParameters;
  readonly #options: StdioClientOptions;
  readonly #finished: Promise<void>;
  readonly #cleanup: (() => void)[] = [];
  #resolveFinished!: () => void;
  #child: ChildProcess | undefined;
  #streams: StreamTransport | undefined;
  #events: TransportEvents | undefined;
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** The server's last stderr lines, when this transport reads its stderr. */
  #stderrTail: StderrTail | undefined;
  #closeRequested = false;
  #stopping = false;
  #done = false;

  constructor(params: StdioServerParameters, options: StdioClientOptions = {}) {
    this.#params = params;
    this.#options = { ...options, maxMessageSize: options.maxMessageSize ?? DEFAULT_CLIENT_MAX_MESSAGE_BYTES };
    this.#finished = new Promise((resolve) => (this.#resolveFinished = resolve));
  }

  /** The server's process id, once started. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The server's child process, once started. */
  get process(): ChildProcess | undefined {
    return this.#child;
  }

  /** Spawns the server; rejects, and fires `close`, if it cannot be started. */
  async start(events: TransportEvents): Promise<void> {
    if (this.#events || this.#closeRequested)
      throw new Error(`the transport is already ${this.#events ? "started" : "closed"}`);
    this.#events = events;
    const { command } = this.#params;
    let child: ChildProcess | undefined;
    try {
      child = this.#spawn();
      await new Promise<void>((resolve, reject) => {
        child!.once("spawn", resolve).once("error", reject);
      });
    } catch (error) {
      const failure = new Error(`could not start \`${command}\`: ${(error as Error).message}`, { cause: error });
      this.#finish(failure);
      throw failure;
    } finally {
      child?.removeAllListeners("spawn").removeAllListeners("error");
    }
    this.#on(child, "error", (error: Error) =>
      this.#options.logger?.warn("the server process reported an error", error),
    );
    if (!this.#closeRequested && !this.#done) this.#connect(child, events);
  }

  #spawn(): ChildProcess {
    const { command, args = [], env, cwd, stderr = "inherit" } = this.#params;
    const child = spawn(command, args, {
      cwd,
      env: { ...getDefaultEnvironment(), ...env },
      stdio: ["pipe", "pipe", stderr === "ignore" ? "ignore" : "pipe"],
      shell: false,
      windowsHide: true,
    });
    this.#child = child;
    this.#on(child, "exit", (code: number | null, signal: NodeJS.Signals | null) => this.#exited(code, signal));
    if (stderr === "pipe") return child;
    const tail = (this.#stderrTail = new StderrTail());
    if (stderr === "inherit") {
      // Copied through rather than shared, so that the last lines can say why an exit happened.
      copyTo(child.stderr!, process.stderr);
      readLines(child.stderr!, (line) => tail.push(line), this.#options);
    } else if (typeof stderr === "function")
      readLines(
        child.stderr!,
        (line) => {
          tail.push(line);
          stderr(line);
        },
        this.#options,
      );
    return child;
  }

  /** Writes one message to the server's stdin. */
  send(message: unknown): Promise<void> {
    if (!this.#streams && !this.#done) return Promise.reject(new ConnectionClosedError("the transport is not started"));
    if (!this.#streams || this.#streams.closed) return Promise.reject(new ConnectionClosedError());
    return this.#streams.send(message);
  }

  /** Ends the server's stdin and resolves once it has exited, escalating to SIGTERM and then SIGKILL. */
  close(): Promise<void> {
    this.#closeRequested = true;
    if (!this.#events) return Promise.resolve();
    void this.#stop();
    return this.#finished;
  }

  #connect(child: ChildProcess, events: TransportEvents): void {
    this.#streams = streamTransport(child.stdout!, child.stdin!, this.#options);
    this.#streams.start({
      message: (message) => events.message(message),
      malformed: (reason) => events.malformed(reason),
      // The server closed its output or its stdin broke: the connection is over, and its exit will say why.
      close: () => void this.#stop(),
    });
  }

  #on(emitter: NodeJS.EventEmitter, event: string, listener: Listener): void {
    emitter.on(event, listener);
    this.#cleanup.push(() => emitter.removeListener(event, listener));
  }

  #exited(code: number | null, signal: NodeJS.Signals | null): void {
    this.#exit = { code, signal };
    const child = this.#child!;
    // stdout, and stderr when its last lines are kept, are read to their end before the exit is reported.
    const pending = [child.stdout!, ...(this.#stderrTail && child.stderr ? [child.stderr] : [])].filter(
      (stream) => !stream.readableEnded && !stream.destroyed,
    );
    if (pending.length === 0) return this.#finish(this.#exitReason());
    // Read to the end even if the transport stopped reading (its stdin broke, or it never connected).
    child.stdout!.resume();
    // Let the last of its output be read, but a grandchild holding the pipe open must not hold us up.
    const timer = setTimeout(() => this.#finish(this.#exitReason()), OUTPUT_GRACE);
    this.#cleanup.push(() => clearTimeout(timer));
    const open = new Set(pending);
    for (const stream of pending) {
      const ended = () => {
        open.delete(stream);
        if (open.size === 0) this.#finish(this.#exitReason());
      };
      this.#on(stream, "end", ended);
      this.#on(stream, "close", ended);
    }
  }

  #exitReason(): Error | undefined {
    const { code, signal } = this.#exit!;
    if (this.#closeRequested) return undefined;
    return new ServerExitedError(this.#params.command, code, signal, this.#stderrTail?.lines ?? []);
  }

  async #stop(): Promise<void> {
    const child = this.#child;
    if (this.#stopping || !child || this.#exit || this.#done) return;
    this.#stopping = true;
    if (this.#streams) await this.#streams.close();
    else child.stdin?.end();
    // Keep reading (and dropping) its output, so a chatty server is not stuck on a full pipe.
    child.stdout?.resume();
    const timeout = this.#options.closeTimeout ?? 2000;
    if (await this.#finishesWithin(timeout)) return;
    child.kill("SIGTERM");
    if (await this.#finishesWithin(timeout)) return;
    this.#options.logger?.warn(`the server process \`${this.#params.command}\` outlived SIGTERM; sending SIGKILL`);
    child.kill("SIGKILL");
  }

  async #finishesWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
    try {
      return await Promise.race([this.#finished.then(() => true), elapsed]);
    } finally {
      clearTimeout(timer);
    }
  }

  #finish(error?: Error): void {
    if (this.#done) return;
    this.#done = true;
    for (const undo of this.#cleanup.splice(0)) undo();
    void this.#streams?.close();
    const child = this.#child;
    if (!this.#streams) child?.stdin?.destroy();
    // The server is gone; whatever still holds its output open is not ours to wait for.
    if (child?.stdout && !child.stdout.readableEnded) child.stdout.destroy();
    if (this.#stderrTail && child?.stderr && !child.stderr.readableEnded) child.stderr.destroy();
    try {
      this.#events?.close(error);
    } finally {
      this.#resolveFinished();
    }
  }
}

/**
 * Copies `from` into `to` as it comes, pausing `from` while `to` is full. Not `pipe()`, which leaves five
 * listeners on `to` per source: a dozen servers sharing this process's stderr would warn of a leak.
 */
function copyTo(from: Readable, to: Writable): void {
  const resume = () => from.resume();
  from.on("data", (chunk: Buffer) => {
    if (to.write(chunk)) return;
    from.pause();
    to.once("drain", resume);
  });
  from.once("close", () => to.removeListener("drain", resume));
}

/** Hands each line of `stream` to `onLine` until the stream ends; its listeners go with it. */
function readLines(stream: Readable, onLine: (line: string) => void, options: NdjsonOptions): void {
  const lines = new LineDecoder(options);
  const deliver = (out: (string | typeof OVERSIZE)[]) => {
    for (const line of out) onLine(line === OVERSIZE ? "[mcpkit: an overlong line was dropped]" : line);
  };
  const onData = (chunk: Buffer) => deliver(lines.push(chunk));
  const onEnd = () => deliver(lines.end());
  const detach = () => {
    stream.removeListener("data", onData).removeListener("end", onEnd);
    stream.removeListener("error", detach).removeListener("close", detach);
  };
  stream.on("data", onData).on("end", onEnd).on("error", detach).on("close", detach);
}

/** Starts an MCP server as a child process and connects to it over its stdin and stdout. */
export function stdioClient(params: StdioServerParameters, options?: StdioClientOptions): StdioClientTransport {
  return new StdioClientTransport(params, options);
}
