import { Buffer } from "node:buffer";
import { DEFAULT_CLIENT_MAX_MESSAGE_BYTES } from "../limits.js";

/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** The `event:` field (undefined for the default type, `message`). */
  event?: string | undefined;
  /** The `id:` field given with this event, if any. */
  id?: string | undefined;
  /** The `data:` lines, joined with LF (empty for a priming event that only carries an id). */
  data: string;
}

/** What an event stream reports besides its events. */
export interface EventStreamHandlers {
  /** One dispatched event. */
  event(event: ServerSentEvent): void;
  /** An `id:` field, once its event is dispatched: the cursor a reconnection sends as Last-Event-ID. */
  id?(id: string): void;
  /** A `retry:` field: milliseconds to wait before reconnecting. */
  retry?(ms: number): void;
}

/** A server's message (an event's data, or a JSON body) was longer than the client accepts. */
export class MessageTooLargeError extends Error {
  /** The limit, in bytes. */
  readonly limit: number;

  constructor(what: string, limit: number) {
    super(`${what} exceeds the ${describeBytes(limit)} limit on one message (the maxMessageSize option)`);
    this.name = "MessageTooLargeError";
    this.limit = limit;
  }
}

const KIB = 1024;
const MIB = KIB * KIB;

/** `67108864` as `64 MiB`, `1000` as `1000 bytes`. */
function describeBytes(bytes: number): string {
  if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
  return bytes % KIB === 0 ? `${bytes / KIB} KiB` : `${bytes} bytes`;
}

/** Checks a `maxMessageSize` option. */
export function messageLimit(max: number | undefined): number {
  const limit = max ?? DEFAULT_CLIENT_MAX_MESSAGE_BYTES;
  if (!(limit > 0)) throw new RangeError(`maxMessageSize must be positive, not ${limit}`);
  return limit;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const FIELDS = ["data", "event", "id", "retry"];

/** The field `chunk` names from `start` to `end`, if it is one of the four; compared in place, no string made. */
function fieldName(chunk: Buffer, start: number, end: number): string | undefined {
  search: for (const field of FIELDS) {
    if (field.length !== end - start) continue;
    for (let i = 0; i < field.length; i++) if (chunk[start + i] !== field.charCodeAt(i)) continue search;
    return field;
  }
  return undefined;
}

/**
 * A `text/event-stream` decoder (the WHATWG rules: CR, LF or CRLF line ends; `data`, `event`, `id`
 * and `retry` fields; comments) that holds at most `max` bytes of one event, the line under way and
 * the event's data so far; past that, `feed` throws {@link MessageTooLargeError}. Lines are joined
 * as bytes before they are decoded, so a UTF-8 character split across chunks survives. An event not
 * ended by a blank line is dropped at the end of the stream, as EventSource does.
 */
export class EventStreamDecoder {
  readonly #handlers: EventStreamHandlers;
  readonly #max: number;
  /** Pieces of the line under way (it has no line end yet), and their length. */
  #pieces: Buffer[] = [];
  #pending = 0;
  /** The last chunk ended with CR: an LF opening the next one is the same line end. */
  #afterCR = false;
  #started = false;
  /** The event under way. */
  #data: string[] = [];
  #dataBytes = 0;
  #event: string | undefined;
  #id: string | undefined;

  constructor(handlers: EventStreamHandlers, max = DEFAULT_CLIENT_MAX_MESSAGE_BYTES) {
    this.#handlers = handlers;
    this.#max = max;
  }

  /** Decodes one chunk of the body. */
  feed(bytes: Uint8Array): void {
    let chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (chunk.length === 0) return;
    if (!this.#started) {
      this.#started = true;
      if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
    }
    let at = 0;
    if (this.#afterCR) {
      this.#afterCR = false;
      if (chunk[0] === LF) at = 1;
    }
    // Searched again only once passed: a chunk without CR is scanned for it once, not per line.
    let cr = chunk.indexOf(CR, at);
    while (at < chunk.length) {
      if (cr !== -1 && cr < at) cr = chunk.indexOf(CR, at);
      const lf = chunk.indexOf(LF, at);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) return this.#hold(chunk.subarray(at));
      this.#line(chunk, at, end);
      at = end + 1;
      if (chunk[end] !== CR) continue;
      if (at === chunk.length) this.#afterCR = true;
      else if (chunk[at] === LF) at++;
    }
  }

  /** Keeps part of a line whose end has not come yet. */
  #hold(piece: Buffer): void {
    this.#pending += piece.length;
    this.#check(this.#pending + this.#dataBytes);
    this.#pieces.push(piece);
  }

  #check(held: number): void {
    if (held > this.#max) throw new MessageTooLargeError("an event from the server", this.#max);
  }

  /** One complete line: `chunk` from `start` to `end`, after the pieces held before it. */
  #line(chunk: Buffer, start: number, end: number): void {
    if (this.#pending > 0) {
      this.#hold(chunk.subarray(start, end));
      chunk = Buffer.concat(this.#pieces, this.#pending);
      [start, end] = [0, chunk.length];
      this.#pieces = [];
      this.#pending = 0;
    }
    if (start === end) return this.#dispatch();
    if (chunk[start] === COLON) return;
    let colon = chunk.indexOf(COLON, start);
    if (colon === -1 || colon > end) colon = end;
    let from = colon === end ? end : colon + 1;
    if (from < end && chunk[from] === SPACE) from++;
    this.#field(fieldName(chunk, start, colon), chunk, from, end);
  }

  /** A field named `name`, its value in `chunk` from `from` to `end`. */
  #field(name: string | undefined, chunk: Buffer, from: number, end: number): void {
    switch (name) {
      case "data":
        // Each data line costs its length and the LF that joins it to the next.
        this.#dataBytes += end - from + 1;
        this.#check(this.#dataBytes);
        this.#data.push(chunk.toString("utf8", from, end));
        return;
      case "event":
        this.#event = chunk.toString("utf8", from, end);
        return;
      case "id": {
        const id = chunk.toString("utf8", from, end);
        if (!id.includes("\0")) this.#id = id;
        return;
      }
      case "retry": {
        const value = chunk.toString("latin1", from, end);
        if (/^\d+$/.test(value)) this.#handlers.retry?.(Number(value));
        return;
      }
    }
  }

  /** A blank line: the event under way is dispatched if it has data, and forgotten. */
  #dispatch(): void {
    const id = this.#id;
    const data = this.#data;
    const event = this.#event;
    this.#id = undefined;
    this.#event = undefined;
    this.#data = [];
    this.#dataBytes = 0;
    if (id !== undefined) this.#handlers.id?.(id);
    if (data.length > 0) this.#handlers.event({ event, id, data: data.length === 1 ? data[0]! : data.join("\n") });
  }
}
