import type { Direction, RequestSpec, RevisionSpec, Validator } from "../../generated/common.js";
import { afterLoading, InboundBacklog, readValidators } from "./loading.js";
import { own, toErrors } from "../validate/core.js";
import {
  ConnectionClosedError,
  describeErrors,
  ErrorCode,
  McpError,
  toWireError,
  UnsupportedMethodError,
  type WireError,
} from "./errors.js";
import { InboundRequest, type RequestId } from "./inbound.js";
import { isObject, isRequestId } from "./jsonrpc.js";
import { stderrLogger, type Logger } from "./logger.js";
import { PendingRequests, sendOptions, withMeta, type Progress, type RequestOptions } from "./outbound.js";
import { resultValidator } from "./outbound.js";
import type { MessageInfo, SendOptions, Transport, TransportEvents } from "./transport.js";

/** Options every session takes. */
export interface SessionOptions {
  /** Where bad input, dropped messages and handler crashes are reported (default: warnings and errors to stderr). */
  logger?: Logger;
  /** Default milliseconds to wait for an answer (60 000). */
  requestTimeout?: number;
  /** Default absolute cap when progress keeps restarting the timeout (3 600 000). */
  maxTotalTimeout?: number;
  /** Also validate what this side sends, against the same generated validators (for tests and debugging). */
  validateOutbound?: boolean;
}

// Handlers are registered through typed facades; here they are stored by method name alone.
export type AnyRequestHandler<Ctx> = (params: any, ctx: Ctx) => unknown;
export type AnyNotificationHandler = (params: any) => unknown;
/** Where one inbound message's answer goes: a batch collects its answers; without one, it is sent at once. */
type Reply = ((response: Record<string, unknown> | null) => void) | undefined;

const errorResponse = (id: RequestId | null, error: WireError) => ({ jsonrpc: "2.0", id, error });
const ping = () => ({});
/** How long a request refused by a closing connection waits for the close to say why (ms). */
const CLOSE_GRACE_MS = 1000;

/**
 * What a connection asks of the session that owns it: the lifecycle state it holds none of. A session
 * implements it with one small object whose methods are on its prototype.
 */
export interface ConnectionHost<Ctx> {
  /** The revision this side speaks now (offered, negotiated, or the default before either). */
  readonly revision: RevisionSpec;
  /** The revision an inbound message is read under (default: {@link revision}); a stateless session reads it off the message. */
  revisionFor?(message: Record<string, unknown>): RevisionSpec;
  /** The handler of an inbound request method the connection's own table lacks. */
  requestHandler?(method: string): AnyRequestHandler<Ctx> | undefined;
  /** The handler of an inbound notification method, given the one registered on the connection (if any). */
  notificationHandler?(
    method: string,
    registered: AnyNotificationHandler | undefined,
  ): AnyNotificationHandler | undefined;
  /** A refusal for an inbound request this side will not serve now (lifecycle, capabilities), or nothing. */
  admit(spec: RequestSpec, request: Record<string, unknown>, revision: RevisionSpec): McpError | undefined;
  /** Checks an outbound request against what the peer declared; throws before any I/O. */
  checkOutbound(spec: RequestSpec): void;
  /** Makes the context handed to the handler of one inbound request, read under `revision`, carried as `info` says. */
  createContext(id: RequestId, method: string, params: unknown, revision: RevisionSpec, info?: MessageInfo): Ctx;
  /**
   * The result sent for an inbound request, from what its handler returned: the session fills what the
   * revision requires and the handler may leave out (`resultType`, caching hints). Default: as it is.
   */
  completeResult?(ctx: Ctx, spec: RequestSpec, result: unknown): unknown;
  /** Called once when the connection ends, before the {@link Connection.onClose} listeners. */
  ended?(error?: Error): void;
}

/**
 * The JSON-RPC engine that ClientSession and ServerSession each hold: correlation, timeouts,
 * cancellation, progress, batches, inbound validation and error mapping. It holds no lifecycle state
 * of its own: which revision a message is read under, and which requests are admitted, it asks of its
 * {@link ConnectionHost}.
 */
export class Connection<Ctx extends InboundRequest = InboundRequest> {
  readonly logger: Logger;
  readonly #host: ConnectionHost<Ctx>;
  readonly #transport: Transport;
  readonly #inbound: Direction;
  readonly #outbound: Direction;
  readonly #options: SessionOptions;
  readonly #validateOutbound: boolean;
  // A server holds one session per client, most of them idle: the tables below are made on first use.
  #pending: PendingRequests | undefined;
  #inflight: Map<RequestId, Ctx> | undefined;
  /** What the transport said of the message being dispatched now. */
  #info: MessageInfo | undefined;
  #requestHandlers: Map<string, AnyRequestHandler<Ctx>> | undefined;
  #notificationHandlers: Map<string, AnyNotificationHandler> | undefined;
  #closeListeners: Set<(error?: Error) => void> | undefined;
  #state: "new" | "open" | "closed" = "new";
  /** Where messages wait while validators they need load. */
  readonly #backlog = new InboundBacklog(
    (message, info) => {
      // Requests reach createContext synchronously, so the info is read while it is set.
      this.#info = info;
      this.#receive(message);
      this.#info = undefined;
    },
    (id, message) => this.#reject(id, ErrorCode.InternalError, message, undefined),
  );

  constructor(
    transport: Transport,
    side: "client" | "server",
    host: ConnectionHost<Ctx>,
    options: SessionOptions = {},
  ) {
    this.#host = host;
    this.#transport = transport;
    this.#inbound = side === "client" ? "serverToClient" : "clientToServer";
    this.#outbound = side === "client" ? "clientToServer" : "serverToClient";
    this.logger = options.logger ?? stderrLogger;
    this.#options = options;
    this.#validateOutbound = options.validateOutbound ?? false;
  }

  /** The outbound requests waiting for an answer; made with the first request sent. */
  get #outstanding(): PendingRequests {
    return (this.#pending ??= new PendingRequests(
      {
        requestTimeout: this.#options.requestTimeout ?? 60_000,
        maxTotalTimeout: this.#options.maxTotalTimeout ?? 3_600_000,
      },
      { cancel: (id, reason) => this.#cancelOutbound(id, reason) },
    ));
  }

  /** The handler registered for an inbound request method, else ping's, else the host's. */
  requestHandler(method: string): AnyRequestHandler<Ctx> | undefined {
    return (
      this.#requestHandlers?.get(method) ??
      (method === "ping" ? ping : undefined) ??
      this.#host.requestHandler?.(method)
    );
  }

  /** The handler of an inbound notification method, as the host decides from the registered one. */
  #notificationHandler(method: string): AnyNotificationHandler | undefined {
    const registered = this.#notificationHandlers?.get(method);
    return this.#host.notificationHandler ? this.#host.notificationHandler(method, registered) : registered;
  }

  /** Whether the transport is started and not closed. */
  get isOpen(): boolean {
    return this.#state === "open";
  }

  /** Outbound requests still waiting for an answer. */
  get pendingRequests(): number {
    return this.#pending?.size ?? 0;
  }

  /** Starts the transport; idempotent. */
  async start(): Promise<void> {
    if (this.#state !== "new") return;
    this.#state = "open";
    await this.#transport.start(new Connection.#Events<Ctx>(this));
  }

  /** What the transport calls: one small object per session, its methods on the prototype. */
  static readonly #Events = class Events<C extends InboundRequest> implements TransportEvents {
    readonly #session: Connection<C>;

    constructor(session: Connection<C>) {
      this.#session = session;
    }

    message(message: unknown, info?: MessageInfo): void {
      this.#session.#backlog.receive(message, info);
    }

    malformed(reason: string): void {
      this.#session.#reject(null, ErrorCode.ParseError, `Parse error: ${reason}`, undefined);
    }

    close(error?: Error): void {
      this.#session.#closed(error);
    }
  };

  /** Closes the transport; waiting requests reject with ConnectionClosedError. */
  async close(): Promise<void> {
    if (this.#state === "closed") return;
    if (this.#state === "new") return this.#closed();
    try {
      await this.#transport.close();
    } finally {
      this.#closed();
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Calls `listener` once when the connection ends. */
  onClose(listener: (error?: Error) => void): () => void {
    const listeners = (this.#closeListeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Registers the handler of an inbound request method, replacing any earlier one. */
  handleRequest(method: string, handler: AnyRequestHandler<Ctx>): void {
    (this.#requestHandlers ??= new Map()).set(method, handler);
  }

  /** Registers the handler of an inbound notification method, replacing any earlier one. */
  handleNotification(method: string, handler: AnyNotificationHandler): void {
    (this.#notificationHandlers ??= new Map()).set(method, handler);
  }

  /** The spec of an outbound method in `revision`, or UnsupportedMethodError. */
  #outboundSpec(revision: RevisionSpec, method: string): RequestSpec {
    const spec = own(revision.requests, method);
    if (!spec) throw new UnsupportedMethodError(method, revision.name);
    if (!spec.directions.includes(this.#outbound))
      throw new UnsupportedMethodError(method, revision.name, `is not sent in this direction (${this.#outbound})`);
    return spec;
  }

  /**
   * Sends a request and resolves with its validated result. `result` overrides the validator of the
   * result (initialize, whose answer picks the revision).
   */
  sendRequest(
    revision: RevisionSpec,
    method: string,
    params: unknown,
    options?: RequestOptions,
    result?: Validator<unknown>,
  ): Promise<unknown> {
    try {
      if (this.#state !== "open")
        throw new ConnectionClosedError(
          `cannot send ${method}: the session is ${this.#state === "new" ? "not started" : "closed"}`,
        );
      const spec = this.#outboundSpec(revision, method);
      this.#host.checkOutbound(spec);
      options?.signal?.throwIfAborted();
      const pending = this.#outstanding;
      const { id, promise } = pending.open(method, result ?? resultValidator(revision, spec, params), options);
      try {
        options?.onRequestId?.(id);
        if (options?.onprogress) params = withMeta(params, { progressToken: id });
        const message = params === undefined ? { jsonrpc: "2.0", id, method } : { jsonrpc: "2.0", id, method, params };
        if (this.#validateOutbound) this.#checkSent(revision, spec.request, message);
        const sent = this.#transport.send(message, sendOptions(options));
        if (sent) sent.catch((error: unknown) => this.#sendFailed(id, error));
      } catch (error) {
        pending.fail(id, error);
      }
      return promise;
    } catch (error) {
      // Nothing was sent: the request's result validator is read first.
      return afterLoading(error, () => this.sendRequest(revision, method, params, options, result));
    }
  }

  /**
   * A request whose write failed. When the connection refused it because it is closing (EPIPE from a
   * server that exited), the close that follows says why, so the request waits for that close to
   * reject it, a moment at most; any other failure rejects it at once.
   */
  #sendFailed(id: number, error: unknown): void {
    const pending = this.#outstanding;
    if (!(error instanceof ConnectionClosedError) || this.#state !== "open") return pending.fail(id, error);
    setTimeout(() => pending.fail(id, error), CLOSE_GRACE_MS).unref();
  }

  /** Sends a notification of `revision`; unknown methods throw before any I/O. */
  sendNotification(revision: RevisionSpec, method: string, params: unknown, options?: SendOptions): Promise<void> {
    try {
      if (this.#state !== "open") throw new ConnectionClosedError(`cannot send ${method}: the session is not open`);
      const spec = own(revision.notifications, method);
      if (!spec?.directions.includes(this.#outbound)) throw new UnsupportedMethodError(method, revision.name);
      const message = params === undefined ? { jsonrpc: "2.0", method } : { jsonrpc: "2.0", method, params };
      if (this.#validateOutbound) this.#checkSent(revision, spec.notification, message);
      return Promise.resolve(this.#transport.send(message, options));
    } catch (error) {
      return afterLoading(error, () => this.sendNotification(revision, method, params, options));
    }
  }

  #checkSent(revision: RevisionSpec, validator: Validator<unknown>, message: unknown): void {
    if (!validator(message)) {
      const why = describeErrors(toErrors(validator.errors));
      throw new TypeError(`mcpkit: outbound message is invalid under ${revision.name}: ${why}`);
    }
  }

  /** Answers one inbound message: into its batch's reply, else straight to the transport. */
  #reply(reply: Reply, response: Record<string, unknown> | null): void {
    if (reply) return reply(response);
    if (!response || this.#state !== "open") return;
    try {
      const sent = this.#transport.send(response);
      if (sent) sent.catch((error: unknown) => this.logger.warn("could not send a response", error));
    } catch (error) {
      this.logger.warn("could not send a response", error);
    }
  }

  #cancelOutbound(id: number, reason: string): void {
    if (this.#state !== "open") return;
    const sent = this.sendNotification(this.#host.revision, "notifications/cancelled", { requestId: id, reason });
    sent.catch((error: unknown) => this.logger.debug("could not send notifications/cancelled", error));
  }

  #closed(error?: Error): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    this.#pending?.closeAll(error);
    if (this.#inflight) for (const request of this.#inflight.values()) request.cancel("the connection closed");
    this.#inflight = undefined;
    this.#host.ended?.(error);
    if (!this.#closeListeners) return;
    for (const listener of this.#closeListeners) listener(error);
    this.#closeListeners.clear();
  }

  #reject(id: RequestId | null, code: number, message: string, reply: Reply): void {
    this.logger.warn(`answered ${code}: ${message}`);
    this.#reply(reply, errorResponse(id, { code, message }));
  }

  #receive(message: unknown): void {
    if (!Array.isArray(message)) {
      this.#dispatch(message, undefined);
      return;
    }
    const revision = this.#host.revision;
    // A batch is dispatched item by item: its validators are loaded before the first one is.
    readValidators(revision);
    if (!revision.batching) {
      this.#reject(
        null,
        ErrorCode.InvalidRequest,
        `JSON-RPC batches are not part of revision ${revision.name}`,
        undefined,
      );
    } else if (message.length === 0) {
      this.#reject(null, ErrorCode.InvalidRequest, "an empty batch", undefined);
    } else {
      this.#dispatchBatch(message);
    }
  }

  /** Answers a batch with one array of responses, once every request in it has been answered. */
  #dispatchBatch(batch: unknown[]): void {
    const responses: Record<string, unknown>[] = [];
    let expected = 0;
    let answered = 0;
    let dispatched = false;
    const flush = () => {
      if (dispatched && answered === expected && responses.length > 0) this.#reply(undefined, responses as never);
    };
    const reply = (response: Record<string, unknown> | null) => {
      answered++;
      if (response) responses.push(response);
      flush();
    };
    for (const item of batch) if (this.#dispatch(item, reply)) expected++;
    dispatched = true;
    flush();
  }

  /** Handles one message; true when it will call `reply` (exactly once). */
  #dispatch(message: unknown, reply: Reply): boolean {
    if (!isObject(message)) {
      this.#reject(null, ErrorCode.InvalidRequest, "Invalid request: a JSON-RPC message must be an object", reply);
      return true;
    }
    const { id, method } = message;
    const isResponse = method === undefined && ("result" in message || "error" in message);
    if (message.jsonrpc !== "2.0") {
      if (isResponse) this.logger.warn('dropped a response whose jsonrpc is not "2.0"', message);
      else
        this.#reject(
          isRequestId(id) ? id : null,
          ErrorCode.InvalidRequest,
          'Invalid request: jsonrpc must be "2.0"',
          reply,
        );
      return !isResponse;
    }
    if (isResponse) {
      this.#response(message);
      return false;
    }
    if (typeof method !== "string") {
      this.#reject(
        isRequestId(id) ? id : null,
        ErrorCode.InvalidRequest,
        "Invalid request: method must be a string",
        reply,
      );
      return true;
    }
    if (!("id" in message)) {
      this.#notification(method, message);
      return false;
    }
    this.#request(message, id, method, reply);
    return true;
  }

  #response(message: Record<string, unknown>): void {
    if (this.#pending?.settle(message.id, message)) return;
    if (message.id === null && "error" in message) this.logger.warn("the peer reported an error", message.error);
    else this.logger.warn(`dropped a response to unknown request id ${JSON.stringify(message.id)}`);
  }

  #request(message: Record<string, unknown>, id: unknown, method: string, reply: Reply): void {
    if (!isRequestId(id))
      return this.#reject(null, ErrorCode.InvalidRequest, "Invalid request: id must be a string or an integer", reply);
    if (this.#inflight?.has(id))
      return this.#reject(
        id,
        ErrorCode.InvalidRequest,
        `Invalid request: id ${JSON.stringify(id)} is already in use`,
        reply,
      );
    const revision = this.#revisionFor(message);
    const spec = own(revision.requests, method);
    const handler = this.requestHandler(method);
    if (!spec || !handler || !spec.directions.includes(this.#inbound))
      return this.#reject(id, ErrorCode.MethodNotFound, `Method not found: ${method}`, reply);
    const refusal = this.#host.admit(spec, message, revision);
    if (refusal) {
      this.logger.warn(`refused ${method}: ${refusal.message}`);
      return this.#reply(reply, errorResponse(id, refusal.toWire()));
    }
    const params = message.params;
    if (params === undefined ? spec.paramsRequired : spec.params !== null && !spec.params(params)) {
      const errors =
        params === undefined ? [{ path: "", message: "params are required" }] : toErrors(spec.params!.errors);
      this.logger.warn(`answered ${ErrorCode.InvalidParams} to ${method}`, errors);
      return this.#reply(
        reply,
        errorResponse(id, {
          code: ErrorCode.InvalidParams,
          message: `Invalid params: ${describeErrors(errors)}`,
          data: { errors },
        }),
      );
    }
    const ctx = this.#host.createContext(id, method, params, revision, this.#info);
    (this.#inflight ??= new Map()).set(id, ctx);
    let out: unknown;
    try {
      out = handler(params ?? {}, ctx);
    } catch (error) {
      return this.#answer(ctx, spec, { error }, reply);
    }
    if (out instanceof Promise) {
      out.then(
        (result: unknown) => this.#answer(ctx, spec, { result }, reply),
        (error: unknown) => this.#answer(ctx, spec, { error }, reply),
      );
    } else {
      this.#answer(ctx, spec, { result: out }, reply);
    }
  }

  #answer(ctx: Ctx, spec: RequestSpec, outcome: { result?: unknown; error?: unknown }, reply: Reply): void {
    if (this.#inflight?.get(ctx.requestId) === ctx) this.#inflight.delete(ctx.requestId);
    ctx.markAnswered();
    if (ctx.cancelled) return this.#reply(reply, null);
    let error: unknown;
    let result: unknown;
    if ("error" in outcome) error = outcome.error;
    else if (outcome.result === undefined) error = new TypeError("the handler returned no result");
    else {
      result = this.#host.completeResult ? this.#host.completeResult(ctx, spec, outcome.result) : outcome.result;
      if (this.#validateOutbound && !spec.result(result))
        error = new TypeError(
          `the handler's result does not match the schema: ${describeErrors(toErrors(spec.result.errors))}`,
        );
    }
    if (error !== undefined || "error" in outcome)
      return this.#reply(reply, errorResponse(ctx.requestId, toWireError(error, this.logger, spec.method)));
    this.#reply(reply, { jsonrpc: "2.0", id: ctx.requestId, result });
  }

  #revisionFor(message: Record<string, unknown>): RevisionSpec {
    return this.#host.revisionFor ? this.#host.revisionFor(message) : this.#host.revision;
  }

  #notification(method: string, message: Record<string, unknown>): void {
    const revision = this.#revisionFor(message);
    const spec = own(revision.notifications, method);
    if (!spec?.directions.includes(this.#inbound)) {
      this.logger.warn(
        `ignored notification ${method}: ${own(revision.requests, method) ? "a request without an id" : "not a notification of " + revision.name}`,
      );
      return;
    }
    const params = message.params;
    if (params === undefined ? spec.paramsRequired : spec.params !== null && !spec.params(params)) {
      this.logger.warn(
        `ignored ${method} with invalid params`,
        params === undefined ? "params are required" : toErrors(spec.params!.errors),
      );
      return;
    }
    if (method === "notifications/cancelled") this.#cancelInbound(params as { requestId?: unknown; reason?: unknown });
    else if (method === "notifications/progress") this.#pending?.progress(params as Progress);
    const handler = this.#notificationHandler(method);
    if (!handler) return;
    try {
      const out = handler(params ?? {});
      if (out instanceof Promise)
        out.catch((error: unknown) => this.logger.error(`handler for ${method} failed`, error));
    } catch (error) {
      this.logger.error(`handler for ${method} failed`, error);
    }
  }

  #cancelInbound(params: { requestId?: unknown; reason?: unknown }): void {
    const request = isRequestId(params.requestId) ? this.#inflight?.get(params.requestId) : undefined;
    if (!request) return;
    this.#inflight!.delete(request.requestId);
    request.cancel(typeof params.reason === "string" ? params.reason : "cancelled by the peer");
  }
}

export type { RequestOptions, Progress };
export { withMeta };
export { McpError };
