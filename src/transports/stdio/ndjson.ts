import type { TransportEvents } from "../../protocol/transport.js";

import { DEFAULT_CLIENT_MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES } from "../limits.js";

export { DEFAULT_CLIENT_MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES };

/** Stands in a decoder's output for a line that was dropped for being longer than the limit. */
export const OVERSIZE: unique symbol = Symbol("mcpkit.oversize");

/** Options of the newline-delimited JSON decoders. */
export interface NdjsonOptions {
  /**
   * The largest line, in bytes without its newline, that is decoded; longer ones are dropped and
   * reported (4 MiB, {@link DEFAULT_MAX_MESSAGE_BYTES}; a stdio client's default is 64 MiB).
   */
  maxMessageSize?: number;
}

const NEWLINE = 0x0a;
const REASON_LENGTH = 200;

/**
 * Splits a byte stream into lines. Chunks are kept as they arrive and joined once, when the newline
 * that ends them turns up, and only the newest chunk is searched for newlines, so a message split
 * across many writes costs linear time. Bytes are joined before they are decoded, so a UTF-8
 * character split across chunks survives. A trailing `\r` is stripped and blank lines are skipped;
 * a line over the limit is dropped up to its newline and reported once, as {@link OVERSIZE}.
 */
export class LineDecoder {
  readonly #max: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #discarding = false;

  constructor(options: NdjsonOptions = {}) {
    this.#max = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (!(this.#max > 0)) throw new RangeError(`maxMessageSize must be positive, not ${this.#max}`);
  }

  /** The line length limit in bytes. */
  get maxMessageSize(): number {
    return this.#max;
  }

  /** Bytes held back waiting for a newline. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Takes the next chunk and returns the lines it completes, in order, with OVERSIZE for each line dropped. */
  push(chunk: Buffer | string): (string | typeof OVERSIZE)[] {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    const out: (string | typeof OVERSIZE)[] = [];
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      this.#complete(bytes, start, end, out);
      start = end + 1;
    }
    if (start < bytes.length) this.#hold(bytes.subarray(start), out);
    return out;
  }

  /** Ends the input: returns what is left after the last newline, as a final line, if it is not blank. */
  end(): (string | typeof OVERSIZE)[] {
    const out: (string | typeof OVERSIZE)[] = [];
    if (!this.#discarding && this.#buffered > 0) this.#emit(this.#take(), out);
    this.#reset();
    return out;
  }

  #complete(bytes: Buffer, start: number, end: number, out: (string | typeof OVERSIZE)[]): void {
    if (this.#discarding) {
      this.#reset();
      return;
    }
    if (this.#buffered + (end - start) > this.#max) {
      this.#reset();
      out.push(OVERSIZE);
      return;
    }
    if (this.#chunks.length === 0) {
      this.#emit(bytes.toString("utf8", start, end), out);
      return;
    }
    this.#chunks.push(bytes.subarray(start, end));
    this.#buffered += end - start;
    this.#emit(this.#take(), out);
  }

  #hold(rest: Buffer, out: (string | typeof OVERSIZE)[]): void {
    if (this.#discarding) return;
    if (this.#buffered + rest.length > this.#max) {
      // Report now rather than at the newline, and keep nothing of the line in memory.
      this.#reset();
      this.#discarding = true;
      out.push(OVERSIZE);
      return;
    }
    this.#chunks.push(rest);
    this.#buffered += rest.length;
  }

  #take(): string {
    const chunks = this.#chunks;
    const text =
      chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, this.#buffered).toString("utf8");
    this.#reset();
    return text;
  }

  #reset(): void {
    this.#chunks = [];
    this.#buffered = 0;
    this.#discarding = false;
  }

  #emit(line: string, out: (string | typeof OVERSIZE)[]): void {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (!isBlank(text)) out.push(text);
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/**
 * Turns a byte stream of newline-delimited JSON into transport events: each line that parses is a
 * `message`, each that does not (or that is over the size limit) a `malformed` with a short reason.
 */
export class MessageDecoder {
  readonly #lines: LineDecoder;
  readonly #events: Pick<TransportEvents, "message" | "malformed">;

  constructor(events: Pick<TransportEvents, "message" | "malformed">, options: NdjsonOptions = {}) {
    this.#lines = new LineDecoder(options);
    this.#events = events;
  }

  /** Decodes the lines a chunk completes and reports each. */
  push(chunk: Buffer | string): void {
    this.#deliver(this.#lines.push(chunk));
  }

  /** Ends the input; an unterminated last line is decoded like any other (and is malformed if cut short). */
  end(): void {
    this.#deliver(this.#lines.end());
  }

  #deliver(lines: (string | typeof OVERSIZE)[]): void {
    for (const line of lines) {
      if (line === OVERSIZE) {
        this.#events.malformed(`message exceeds ${this.#lines.maxMessageSize} bytes`);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        this.#events.malformed(parseFailure(error));
        continue;
      }
      this.#events.message(value);
    }
  }
}

function parseFailure(error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  const reason = `invalid JSON: ${why}`;
  return reason.length > REASON_LENGTH ? `${reason.slice(0, REASON_LENGTH - 3)}...` : reason;
}

/**
 * One newline-delimited frame: the message as JSON, then `\n`. JSON never holds a raw newline, so the
 * frame is one line. Throws a TypeError for what JSON cannot carry (a BigInt, a cycle, `undefined`).
 */
export function encode(message: unknown): string {
  const json = JSON.stringify(message);
  if (json === undefined) throw new TypeError(`cannot send ${typeof message} as JSON`);
  return `${json}\n`;
}
