import { ConnectionClosedError } from "../../protocol/errors.js";

/** How many of a server's last stderr lines an exit error carries. */
export const STDERR_TAIL_LINES = 10;
/** The longest stderr line kept, in characters; the rest of it is cut. */
const LINE_CHARS = 500;

/** The last lines a server wrote to stderr: at most {@link STDERR_TAIL_LINES}, each cut to 500 characters. */
export class StderrTail {
  readonly #lines: string[] = [];

  push(line: string): void {
    this.#lines.push(line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}…` : line);
    if (this.#lines.length > STDERR_TAIL_LINES) this.#lines.shift();
  }

  get lines(): readonly string[] {
    return [...this.#lines];
  }
}

/**
 * A stdio server process ended the connection by exiting (not asked to by `close()`): how it exited,
 * and the last lines it wrote to stderr when the transport read them (stderr `"inherit"`, the default,
 * or a function; not `"ignore"` or `"pipe"`). Its message says all of it, the lines indented below.
 */
export class ServerExitedError extends ConnectionClosedError {
  /** The exit code, or null when a signal ended it. */
  readonly exitCode: number | null;
  /** The signal that ended it, or null. */
  readonly signal: NodeJS.Signals | null;
  /** Its last lines on stderr, oldest first (empty when stderr was not read). */
  readonly stderr: readonly string[];

  constructor(command: string, exitCode: number | null, signal: NodeJS.Signals | null, stderr: readonly string[]) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
    const tail = stderr.filter((line) => line.trim() !== "");
    const lines = tail.length ? `; the end of its stderr:\n${tail.map((line) => `  ${line}`).join("\n")}` : "";
    super(`the server process \`${command}\` ${how}${lines}`);
    this.name = "ServerExitedError";
    this.exitCode = exitCode;
    this.signal = signal;
    this.stderr = tail;
  }
}
