import type { Readable, Writable } from "node:stream";
import { ConnectionClosedError } from "../../protocol/errors.js";
import type { Transport, TransportEvents } from "../../protocol/transport.js";
import { encode, MessageDecoder, type NdjsonOptions } from "./ndjson.js";

/** Options of {@link streamTransport}. */
export interface StreamTransportOptions extends NdjsonOptions {
  /** Whether `close()` ends the writable stream (true); false leaves it open, as stdout must be. */
  endOnClose?: boolean;
}

interface QueuedFrame {
  frame: string;
  resolve(): void;
  reject(error: Error): void;
}

type Listener = (...args: any[]) => void;

/**
 * Newline-delimited JSON over a readable and a writable stream. Sends go out in order; when the
 * writable is over its high-water mark a send resolves only after `drain`, and later sends wait
 * behind it. The end of the readable closes the transport; an error on either stream closes it
 * with that error. Every listener it adds is removed when it closes, and a readable socket is
 * paused and unref'd, so that stdin no longer keeps the process alive.
 */
export class StreamTransport implements Transport {
  readonly #readable: NodeJS.ReadableStream | Readable;
  readonly #writable: Writable;
  readonly #options: StreamTransportOptions;
  readonly #added: [NodeJS.EventEmitter, string, Listener][] = [];
  readonly #backlog: QueuedFrame[] = [];
  #events: TransportEvents | undefined;
  #state: "new" | "open" | "closed" = "new";
  #draining: QueuedFrame | undefined;

  constructor(readable: NodeJS.ReadableStream | Readable, writable: Writable, options: StreamTransportOptions = {}) {
    this.#readable = readable;
    this.#writable = writable;
    this.#options = options;
  }

  /** Whether the transport is closed. */
  get closed(): boolean {
    return this.#state === "closed";
  }

  /** Starts reading; throws if started twice or after close. */
  start(events: TransportEvents): void {
    if (this.#state !== "new")
      throw new Error(`the transport is already ${this.#state === "open" ? "started" : "closed"}`);
    this.#state = "open";
    this.#events = events;
    // A message handler may close the transport; the rest of that chunk is then not delivered.
    const decoder = new MessageDecoder(
      {
        message: (message) => this.#state === "open" && events.message(message),
        malformed: (reason) => this.#state === "open" && events.malformed(reason),
      },
      this.#options,
    );
    const readable = this.#readable;
    this.#listen(readable, "data", (chunk: Buffer | string) => decoder.push(chunk));
    this.#listen(readable, "end", () => {
      decoder.end();
      this.#finish();
    });
    this.#listen(readable, "error", (error: Error) => this.#finish(error));
    this.#listen(readable, "close", () => this.#finish(new Error("the input stream closed before it ended")));
    this.#listen(this.#writable, "error", (error: Error) => this.#finish(error));
    this.#listen(this.#writable, "close", () => this.#finish(new Error("the output stream closed")));
    this.#listen(this.#writable, "drain", () => this.#drained());
    readable.resume();
    refInput(readable, true);
    this.#flush();
  }

  /**
   * Writes one message as a line; rejects if it cannot be serialised or the transport is closed.
   * Messages sent before `start` are held until it.
   */
  send(message: unknown): Promise<void> {
    let frame: string;
    try {
      frame = encode(message);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#state === "closed") return Promise.reject(new ConnectionClosedError());
    return new Promise((resolve, reject) => {
      const queued = { frame, resolve, reject };
      if (this.#draining || this.#state === "new") this.#backlog.push(queued);
      else this.#write(queued);
    });
  }

  /** Stops reading, ends the writable (unless `endOnClose` is false) and fires `close` once; idempotent. */
  close(): Promise<void> {
    this.#finish();
    return Promise.resolve();
  }

  #listen(emitter: NodeJS.EventEmitter, event: string, listener: Listener): void {
    emitter.on(event, listener);
    this.#added.push([emitter, event, listener]);
  }

  #write(queued: QueuedFrame): void {
    if (this.#writable.write(queued.frame)) queued.resolve();
    else this.#draining = queued;
  }

  #drained(): void {
    const waiting = this.#draining;
    this.#draining = undefined;
    waiting?.resolve();
    this.#flush();
  }

  #flush(): void {
    while (!this.#draining && this.#state === "open" && this.#backlog.length > 0) this.#write(this.#backlog.shift()!);
  }

  #finish(error?: Error): void {
    if (this.#state === "closed") return;
    const started = this.#state === "open";
    this.#state = "closed";
    for (const [emitter, event, listener] of this.#added) emitter.removeListener(event, listener);
    this.#added.length = 0;
    if (started) {
      this.#readable.pause();
      refInput(this.#readable, false);
    }
    this.#releaseWritable();
    const closed = new ConnectionClosedError("the connection closed before the message was written", { cause: error });
    this.#draining?.reject(closed);
    this.#draining = undefined;
    for (const queued of this.#backlog.splice(0)) queued.reject(closed);
    const events = this.#events;
    this.#events = undefined;
    events?.close(error);
  }

  /**
   * Ends the writable if it is ours to end. An error can still arrive while buffered data flushes
   * (EPIPE from a peer that went away), and an unheard 'error' event would crash the process, so a
   * guard swallows it until the stream settles, then removes itself.
   */
  #releaseWritable(): void {
    const writable = this.#writable;
    if (writable.destroyed || writable.errored) return;
    const end = (this.#options.endOnClose ?? true) && !writable.writableEnded;
    if (end) writable.end();
    const ended = writable.writableEnded;
    if (ended ? writable.writableFinished : writable.writableLength === 0) return;
    // Flushed means 'finish' once ended, 'drain' otherwise.
    const events = ["error", "close", ended ? "finish" : "drain"];
    const release = () => events.forEach((event) => writable.removeListener(event, release));
    events.forEach((event) => writable.on(event, release));
  }
}

/**
 * A paused socket (stdin on a pipe or a TTY) still holds the event loop open; unref lets the process
 * exit once the transport is done with it, and ref undoes that when a transport starts reading again.
 */
function refInput(readable: object, ref: boolean): void {
  const socket = readable as { ref?: () => void; unref?: () => void };
  if (ref) socket.ref?.();
  else socket.unref?.();
}

/** A transport over a pair of streams, newline-delimited JSON each way (the stdio framing). */
export function streamTransport(
  readable: NodeJS.ReadableStream | Readable,
  writable: Writable,
  options?: StreamTransportOptions,
): StreamTransport {
  return new StreamTransport(readable, writable, options);
}
