import type { IncomingMessage, Server as NodeServer, ServerResponse } from "node:http";

/** How `close()` of a running HTTP server ends what is in flight. */
export interface HttpCloseOptions {
  /**
   * How long requests in flight (a tools/call streaming its progress, any POST) may take to finish
   * before they are cut off, in ms (default 0: at once). Meanwhile no connection is accepted, the
   * readiness probe answers 503, and connections close after their current response.
   */
  timeoutMs?: number;
}

/**
 * The requests in flight on one node:http server, so that a graceful close can wait for them. GET
 * streams of the MCP endpoint are not counted: they have no end of their own (the endpoint's close
 * ends them, and an event store lets their clients resume on another replica).
 */
export class InFlightRequests {
  readonly #open = new Set<ServerResponse>();
  /** Set once draining. */
  #server: NodeServer | undefined;
  #drained: (() => void) | undefined;

  /** Counts `res` until it closes, unless `streaming` (a GET stream); while draining, its connection closes after it. */
  track(_req: IncomingMessage, res: ServerResponse, streaming: boolean): void {
    if (this.#server && !res.headersSent) res.setHeader("connection", "close");
    if (streaming) return;
    this.#open.add(res);
    res.once("close", () => {
      this.#open.delete(res);
      const server = this.#server;
      if (!server) return;
      // The connection this response leaves idle is closed (its socket is freed a tick later).
      setImmediate(() => server.closeIdleConnections());
      if (this.#open.size === 0) this.#drained?.();
    });
  }

  /**
   * From now on each connection closes after its current response, idle ones at once; resolves once
   * no counted request is in flight, or after `timeoutMs` (whichever comes first), with how many were
   * still in flight. `server` (the one whose requests are tracked) should have stopped accepting first.
   */
  async drain(server: NodeServer, timeoutMs: number): Promise<number> {
    this.#server = server;
    for (const res of this.#open) if (!res.headersSent) res.setHeader("connection", "close");
    server.closeIdleConnections();
    if (this.#open.size === 0 || timeoutMs <= 0) return this.#open.size;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.#drained = resolve;
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    this.#drained = undefined;
    return this.#open.size;
  }
}
