/** A JSON-RPC request id as MCP allows it: a string or a number, never null. */
export type RequestId = string | number;

/** What every handler of an inbound request is told, whichever side handles it. */
export interface BaseContext {
  readonly requestId: RequestId;
  readonly method: string;
  /** Aborted when the peer cancels the request or the connection closes. */
  readonly signal: AbortSignal;
  /** The request's `params._meta`, when it had one. */
  readonly meta: Readonly<Record<string, unknown>> | undefined;
}

/**
 * An inbound request being handled. The AbortController behind `signal` is made only when a handler
 * asks for the signal, so requests that never look at it cost no controller.
 */
export class InboundRequest implements BaseContext {
  readonly requestId: RequestId;
  readonly method: string;
  readonly meta: Readonly<Record<string, unknown>> | undefined;
  #controller: AbortController | undefined;
  #cancelled: { reason: string } | undefined;
  #answered = false;

  constructor(requestId: RequestId, method: string, params: unknown) {
    this.requestId = requestId;
    this.method = method;
    const meta = (params as { _meta?: unknown } | undefined)?._meta;
    this.meta = typeof meta === "object" && meta !== null ? (meta as Record<string, unknown>) : undefined;
  }

  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    if (this.#cancelled && !this.#controller.signal.aborted) this.#controller.abort(new Error(this.#cancelled.reason));
    return this.#controller.signal;
  }

  /** The peer cancelled it (or the connection closed): no response will be sent. */
  get cancelled(): boolean {
    return this.#cancelled !== undefined;
  }

  /** The response has been sent (or dropped, when cancelled): nothing more belongs to this request. */
  get answered(): boolean {
    return this.#answered;
  }

  /** @internal Marks the request answered (the engine calls it as the response goes out). */
  markAnswered(): void {
    this.#answered = true;
  }

  cancel(reason: string): void {
    if (this.#cancelled) return;
    this.#cancelled = { reason };
    this.#controller?.abort(new Error(reason));
  }
}
