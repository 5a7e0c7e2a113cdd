import { ConnectionClosedError } from "../../protocol/errors.js";
import type { Transport, TransportEvents } from "../../protocol/transport.js";

/** Options of {@link memoryPair}. */
export interface MemoryPairOptions {
  /**
   * Check that every message serialises to JSON before it is delivered, so a send that a stream
   * transport would reject (a BigInt, a cycle) is rejected here too. Off by default for speed; the
   * message is delivered as the same object either way.
   */
  serialize?: boolean;
}

/** What one end hands the other: a message, or word that the connection ended. */
type Delivery = { message: unknown } | { closed: true };

/** The state both ends share: whether the connection is still up. */
interface Link {
  closed: boolean;
}

/**
 * One end of an in-memory connection. Messages reach the other end asynchronously, in order, in a
 * microtask; messages sent before the other end starts wait for it. Closing either end closes both:
 * this end at once, the other after it has received what was already sent.
 */
export class MemoryTransport implements Transport {
  readonly #link: Link;
  readonly #serialize: boolean;
  #inbox: Delivery[] = [];
  #head = 0;
  #peer: MemoryTransport | undefined;
  #events: TransportEvents | undefined;
  #scheduled = false;
  #closeFired = false;

  private constructor(link: Link, options: MemoryPairOptions) {
    this.#link = link;
    this.#serialize = options.serialize ?? false;
  }

  /** Two joined ends; {@link memoryPair} is the usual way in. */
  static pair(options: MemoryPairOptions = {}): [MemoryTransport, MemoryTransport] {
    const link: Link = { closed: false };
    const a = new MemoryTransport(link, options);
    const b = new MemoryTransport(link, options);
    a.#peer = b;
    b.#peer = a;
    return [a, b];
  }

  /** Starts receiving; anything sent before now is delivered next. */
  start(events: TransportEvents): void {
    if (this.#events || this.#closeFired)
      throw new Error(`the transport is already ${this.#events ? "started" : "closed"}`);
    this.#events = events;
    this.#schedule();
  }

  /** Hands the message to the other end; rejects with ConnectionClosedError once either end has closed. */
  send(message: unknown): Promise<void> {
    if (this.#link.closed) return Promise.reject(new ConnectionClosedError());
    if (this.#serialize) {
      try {
        if (JSON.stringify(message) === undefined) throw new TypeError(`cannot send ${typeof message} as JSON`);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    this.#peer!.#receive({ message });
    return Promise.resolve();
  }

  /** Closes both ends; idempotent. */
  close(): Promise<void> {
    if (!this.#link.closed) {
      this.#link.closed = true;
      this.#peer!.#receive({ closed: true });
    }
    // What the peer sent and this end has not yet read is dropped: this end has stopped listening.
    this.#fireClose();
    return Promise.resolve();
  }

  #receive(delivery: Delivery): void {
    this.#inbox.push(delivery);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled || !this.#events || this.#head === this.#inbox.length) return;
    this.#scheduled = true;
    queueMicrotask(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    try {
      while (this.#events && this.#head < this.#inbox.length) {
        const delivery = this.#inbox[this.#head++]!;
        if ("closed" in delivery) this.#fireClose();
        else this.#events.message(delivery.message);
      }
      this.#drop();
    } finally {
      // A handler that threw leaves the rest queued for the next microtask.
      this.#schedule();
    }
  }

  #drop(): void {
    this.#inbox = [];
    this.#head = 0;
  }

  #fireClose(): void {
    if (this.#closeFired) return;
    this.#closeFired = true;
    this.#drop();
    const events = this.#events;
    this.#events = undefined;
    events?.close();
  }
}

/**
 * Two transports joined in memory, for tests and for a client and server in one process. Whatever
 * one end sends, the other receives as the same object.
 */
export function memoryPair(options?: MemoryPairOptions): [MemoryTransport, MemoryTransport] {
  return MemoryTransport.pair(options);
}
