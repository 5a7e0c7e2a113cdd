import type { Logger } from "../../src/protocol/logger.js";
import type { Transport } from "../../src/protocol/transport.js";

/** A logger that keeps what it is told, for tests that check bad input is reported. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, detail?: unknown) =>
    void lines.push(`${level}: ${message}${detail instanceof Error ? ` (${detail.message})` : ""}`);
  return { lines, debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error") };
}

/**
 * The far end of a transport, driven by hand: send any value, wait for what arrives. Tests use it to
 * play a misbehaving peer.
 */
export class RawPeer {
  readonly received: unknown[] = [];
  closed = false;
  readonly #transport: Transport;
  #waiters: (() => void)[] = [];

  private constructor(transport: Transport) {
    this.#transport = transport;
  }

  static async on(transport: Transport): Promise<RawPeer> {
    const peer = new RawPeer(transport);
    await transport.start({
      message: (m) => {
        peer.received.push(m);
        peer.#wake();
      },
      malformed: () => {},
      close: () => {
        peer.closed = true;
        peer.#wake();
      },
    });
    return peer;
  }

  send(message: unknown): Promise<void> {
    return Promise.resolve(this.#transport.send(message));
  }

  close(): Promise<void> {
    return this.#transport.close();
  }

  /** Waits until `count` messages have arrived in all, or fails after `ms`. */
  async waitFor(count: number, ms = 2000): Promise<unknown[]> {
    const deadline = Date.now() + ms;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }

  /** The next message after the ones already taken. */
  async next(ms = 2000): Promise<Record<string, unknown>> {
    const index = this.#taken++;
    await this.waitFor(index + 1, ms);
    return this.received[index] as Record<string, unknown>;
  }

  #taken = 0;

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
