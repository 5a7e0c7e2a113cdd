import type { CallerParams, RequestSpec, RevisionSpec } from "../../generated/common.js";
import type { Revision } from "../../generated/index.js";
import type {
  NotificationMap,
  RequestMap,
  ServerNotificationMethod,
  ServerRequestMethod,
} from "../../generated/surface/methods.js";
import { ServerSessionMethods } from "../../generated/surface/server.js";
import { CapabilityError, ErrorCode, McpError } from "../protocol/errors.js";
import type { RequestId } from "../protocol/inbound.js";
import { hasCapability } from "../protocol/negotiation.js";
import {
  Connection,
  type AnyNotificationHandler,
  type AnyRequestHandler,
  type ConnectionHost,
  type RequestOptions,
  type SessionOptions,
} from "../protocol/connection.js";
import type { MessageInfo, SendOptions, Transport } from "../protocol/transport.js";
import type { RestoredSession } from "../transports/http/session-sharing.js";
import { extensionRefusal } from "./extensions.js";
import { metaVersion } from "../protocol/mcp-headers.js";
import { completeStatelessResult, metaRefusal, statelessRevision } from "./stateless.js";
import { isLevel, passesLevel, ServerRequestContext, type LoggingLevel } from "./request-context.js";
import { isObject } from "../protocol/jsonrpc.js";
import type { ServerRuntime } from "./runtime.js";
import { agreedFilter, Subscriptions, type SubscriptionFilter } from "./subscriptions.js";

type InitializeParams = RequestMap["initialize"]["params"];
type InitializeResult = RequestMap["initialize"]["result"];
type LoggingParams = NotificationMap["notifications/message"]["params"];

export { ServerRequestContext, type LoggingLevel };

/** Overrides of what the server says about itself at initialize, per connection. */
export interface InitializationOptions {
  serverInfo?: InitializeResult["serverInfo"];
  instructions?: string;
  capabilities?: InitializeResult["capabilities"];
  /**
   * Serve as if initialize had been answered with this revision: for transports without sessions
   * (stateless Streamable HTTP), where each request arrives on a connection of its own.
   */
  preinitialized?: string;
  /**
   * With `preinitialized`: what the session it re-creates (another replica served it until it stopped)
   * keeps of the client: its initialize params and the log level it set.
   */
  restored?: RestoredSession;
  /**
   * Every request on this connection is read under a stateless revision (2026-07-28 on), even one
   * whose `_meta` names none: for Streamable HTTP POSTs whose MCP-Protocol-Version header names one.
   */
  stateless?: boolean;
}

/**
 * The server's side of one connection. A request whose `_meta` names a stateless revision (2026-07-28
 * on) is served on its own, from what it carries; otherwise the connection is stateful: initialize is
 * answered (the client's revision if spoken, else the newest), other requests are refused until then
 * and requests for capabilities not declared always, the log level is tracked, and server-to-client
 * requests (`createMessage`, `elicit`, `listRoots`) and notifications may be sent.
 */
export class ServerSession extends ServerSessionMethods<RequestOptions> {
  readonly #server: ServerRuntime;
  readonly #connection: Connection<ServerRequestContext>;
  readonly #transport: Transport;
  readonly #init: InitializationOptions;
  #negotiated: RevisionSpec | undefined;
  #client: InitializeParams | undefined;
  #initialized = false;
  #level: LoggingLevel | undefined;
  #declared: InitializeResult["capabilities"] | undefined;
  #subscriptions: Subscriptions | undefined;

  /** A session of the server whose runtime is `server` (a Server makes its sessions in `connect`). */
  constructor(transport: Transport, server: ServerRuntime, options: SessionOptions & InitializationOptions = {}) {
    super();
    this.#connection = new Connection(transport, "server", new ServerSession.#Host(this), options);
    this.#server = server;
    this.#transport = transport;
    this.#init = options;
    if (options.preinitialized !== undefined) {
      this.#negotiated = server.withExtensions(server.revisions.negotiateStateful(options.preinitialized));
      const { client, logLevel } = options.restored ?? {};
      this.#client =
        isObject(client) && isObject(client.capabilities) && isObject(client.clientInfo)
          ? (client as unknown as InitializeParams)
          : {
              protocolVersion: this.#negotiated.name,
              capabilities: {},
              clientInfo: { name: "unknown (no session)", version: "" },
            };
      if (isLevel(logLevel)) this.#level = logLevel;
      this.#initialized = true;
    }
  }

  /**
   * The requests every session answers itself, ahead of the server's handlers: one table for all
   * sessions (each handler reaches its session through the request), not closures made per session.
   */
  static readonly #own = new Map<string, AnyRequestHandler<ServerRequestContext>>([
    ["initialize", (params: InitializeParams, ctx) => ctx.session.#initialize(params)],
    [
      "logging/setLevel",
      (params: { level: LoggingLevel }, ctx) => {
        ctx.session.#level = params.level;
        const user = ctx.session.#server.requestHandler("logging/setLevel");
        return user ? user(params, ctx) : {};
      },
    ],
    ["server/discover", (_params: unknown, ctx) => ctx.session.#discover(ctx)],
    ["subscriptions/listen", (params: { notifications: SubscriptionFilter }, ctx) => ctx.session.#listen(params, ctx)],
  ]);

  async #listen(params: { notifications: SubscriptionFilter }, ctx: ServerRequestContext): Promise<unknown> {
    const server = this.#server;
    const agreed = agreedFilter(params.notifications, server.capabilitiesFor(ctx.revision));
    const requested = params.notifications as Record<string, unknown>;
    const filter = (await server.agreeTopics(requested, ctx, agreed as Record<string, unknown>)) as SubscriptionFilter;
    this.#subscriptions ??= new Subscriptions((f, method, p) => server.topicWanted(f as never, method, p));
    return this.#subscriptions.listen(filter, ctx);
  }

  #initializedBy(params: unknown): unknown {
    this.#initialized = true;
    return this.#server.notificationHandler("notifications/initialized")?.(params);
  }

  get #revision(): RevisionSpec {
    return this.#negotiated ?? this.#server.revisions.latestStateful;
  }

  /**
   * A request naming its protocol version in `_meta`, or any request on a stateless connection, is read
   * under a stateless revision; before initialize, so is a method only stateless revisions have
   * (server/discover); initialize picks its stateful revision; the rest follow the negotiated one.
   */
  #revisionFor(message: Record<string, unknown>): RevisionSpec {
    const known = this.#server.revisions;
    if (this.#init.stateless || metaVersion(message) !== undefined)
      return this.#server.withExtensions(statelessRevision(message, known));
    if (this.#negotiated) return this.#negotiated;
    const method = message.method;
    if (method === "initialize")
      return known.negotiateStateful((message.params as { protocolVersion?: unknown } | undefined)?.protocolVersion);
    const stateful = this.#revision;
    if (typeof method === "string" && "id" in message && !Object.hasOwn(stateful.requests, method)) {
      const stateless = this.#server.withExtensions(statelessRevision(message, known));
      if (Object.hasOwn(stateless.requests, method)) return stateless;
    }
    return stateful;
  }

  /** The negotiated revision, once initialize was answered. */
  get protocolVersion(): Revision | undefined {
    return this.#negotiated?.name as Revision | undefined;
  }

  /** The client's initialize params: capabilities, clientInfo, offered revision. */
  get clientParams(): InitializeParams | undefined {
    return this.#client;
  }

  get clientCapabilities(): InitializeParams["capabilities"] | undefined {
    return this.#client?.capabilities;
  }

  get clientInfo(): InitializeParams["clientInfo"] | undefined {
    return this.#client?.clientInfo;
  }

  /** The client has sent notifications/initialized. */
  get initialized(): boolean {
    return this.#initialized;
  }

  /** The least severe level the client asked to receive (unset: every level). */
  get logLevel(): LoggingLevel | undefined {
    return this.#level;
  }

  /** Sends any server-to-client request of the negotiated revision. */
  request<M extends ServerRequestMethod>(
    method: M,
    params?: CallerParams<RequestMap[M]["params"]>,
    options?: RequestOptions,
  ): Promise<RequestMap[M]["result"]> {
    if (!this.#negotiated && method !== "ping")
      return Promise.reject(
        new McpError(
          ErrorCode.InvalidRequest,
          `cannot send ${method}: the client has not initialized a session (stateless clients, 2026-07-28 on, ` +
            "take no server-to-client requests: ask through an input-required request, as FastMCP's ctx.elicit does)",
        ),
      );
    return this.#connection.sendRequest(this.#revision, method, params, options) as Promise<RequestMap[M]["result"]>;
  }

  /** Sends any server-to-client notification of the negotiated revision. */
  notify<M extends ServerNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
    options?: SendOptions,
  ): Promise<void> {
    return this.#connection.sendNotification(this.#revision, method, params, options);
  }

  /** @internal Says (at debug level) that a notification of an answered stateless request was not sent. */
  dropped(method: string, requestId: RequestId): void {
    this.#connection.logger.debug(`dropped ${method}: request ${JSON.stringify(requestId)} was already answered`);
  }

  /** Sends a notification of `revision` (a stateless request's notifications are of its own revision). */
  notifyUnder(revision: RevisionSpec, method: string, params: unknown, options?: SendOptions): Promise<void> {
    return this.#connection.sendNotification(revision, method, params, options);
  }

  /** Sends a log message unless it is less severe than the level the client set. */
  override sendLoggingMessage(params: CallerParams<LoggingParams>, options?: SendOptions): Promise<void> {
    if (!passesLevel(params.level, this.#level)) return Promise.resolve();
    return this.notify("notifications/message", params, options);
  }

  /**
   * Sends a notification on every `subscriptions/listen` stream of this connection that opted in to
   * it; with `principal`, only on those opened by that caller ({@link principalOf}).
   */
  publish(method: string, params: unknown, principal?: string): Promise<void> {
    return this.#subscriptions?.publish(method, params, principal) ?? Promise.resolve();
  }

  /** Ends the open `subscriptions/listen` streams gracefully (each is answered, then closed). */
  endSubscriptions(): void {
    this.#subscriptions?.endAll();
  }

  /**
   * Closes the connection of an inbound request's SSE stream, keeping the stream for the client to
   * resume; see {@link ServerRequestContext.closeSseStream}.
   */
  closeRequestStream(requestId: RequestId): boolean {
    return this.isOpen && (this.#transport.closeRequestStream?.(requestId) ?? false);
  }

  /** What the connection asks of this session: one object per session, its methods on the prototype. */
  static readonly #Host = class Host implements ConnectionHost<ServerRequestContext> {
    readonly #session: ServerSession;

    constructor(session: ServerSession) {
      this.#session = session;
    }

    get revision(): RevisionSpec {
      return this.#session.#revision;
    }

    revisionFor(message: Record<string, unknown>): RevisionSpec {
      return this.#session.#revisionFor(message);
    }

    requestHandler(method: string): AnyRequestHandler<ServerRequestContext> | undefined {
      const server = this.#session.#server;
      const handler = ServerSession.#own.get(method) ?? server.requestHandler(method);
      return handler && server.around(handler);
    }

    notificationHandler(method: string, registered: AnyNotificationHandler | undefined) {
      const session = this.#session;
      if (method === "notifications/initialized") return (params: unknown) => session.#initializedBy(params);
      return registered ?? session.#server.notificationHandler(method);
    }

    ended(): void {
      this.#session.#server.ended(this.#session);
    }

    admit(spec: RequestSpec, message: Record<string, unknown>, revision: RevisionSpec): McpError | undefined {
      return this.#session.#admit(spec, message, revision);
    }

    completeResult(ctx: ServerRequestContext, spec: RequestSpec, result: unknown): unknown {
      return this.#session.#completeResult(ctx, spec, result);
    }

    checkOutbound(spec: RequestSpec): void {
      const gate = spec.capability;
      if (gate?.side === "client" && !hasCapability(this.#session.#client?.capabilities, gate.path))
        throw new CapabilityError(spec.method, "client", gate.path);
    }

    createContext(
      id: RequestId,
      method: string,
      params: unknown,
      revision: RevisionSpec,
      info?: MessageInfo,
    ): ServerRequestContext {
      return new ServerRequestContext(id, method, params, this.#session, revision, info);
    }
  };

  /** Whether the transport is started and not closed. */
  get isOpen(): boolean {
    return this.#connection.isOpen;
  }

  /** Outbound requests still waiting for an answer. */
  get pendingRequests(): number {
    return this.#connection.pendingRequests;
  }

  /** Starts the transport; idempotent. */
  start(): Promise<void> {
    return this.#connection.start();
  }

  /** Closes the transport; waiting requests reject with ConnectionClosedError. */
  close(): Promise<void> {
    return this.#connection.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Calls `listener` once when the connection ends. */
  onClose(listener: (error?: Error) => void): () => void {
    return this.#connection.onClose(listener);
  }

  #admit(spec: RequestSpec, message: Record<string, unknown>, revision: RevisionSpec): McpError | undefined {
    if (!this.#server.handles(revision, spec.method))
      return new McpError(ErrorCode.MethodNotFound, `Method not found: ${spec.method}`);
    if (!revision.stateful) {
      const refusal = metaRefusal(message, this.#server.revisions);
      if (refusal) return refusal;
      const extension = this.#server.extensionOf(revision, spec.method);
      if (extension) return extensionRefusal(extension, message);
      return this.#gate(spec, this.#server.capabilitiesFor(revision));
    }
    if (spec.method === "initialize") {
      return this.#negotiated
        ? new McpError(ErrorCode.InvalidRequest, "Invalid request: already initialized")
        : undefined;
    }
    if (!this.#negotiated && spec.method !== "ping")
      return new McpError(ErrorCode.InvalidRequest, `Invalid request: ${spec.method} before initialize`);
    return this.#gate(spec, this.#capabilities);
  }

  #gate(spec: RequestSpec, capabilities: unknown): McpError | undefined {
    const gate = spec.capability;
    if (gate?.side === "server" && !hasCapability(capabilities, gate.path))
      return new McpError(
        ErrorCode.MethodNotFound,
        `Method not found: ${spec.method} (capability ${gate.path.join(".")} not declared)`,
      );
    return undefined;
  }

  #completeResult(ctx: ServerRequestContext, spec: RequestSpec, result: unknown): unknown {
    if (ctx.revision.stateful) return result;
    return completeStatelessResult(
      result,
      spec,
      this.#server.cacheHints(spec.method),
      this.#init.serverInfo ?? this.#server.info,
    );
  }

  #discover(ctx: ServerRequestContext): Record<string, unknown> {
    const instructions = this.#init.instructions ?? this.#server.instructions;
    return {
      supportedVersions: [...this.#server.revisions.supported],
      capabilities: this.#server.capabilitiesFor(ctx.revision),
      ...(instructions === undefined ? {} : { instructions }),
    };
  }

  /** What this session declared at initialize; requests are admitted against it. */
  get #capabilities(): InitializeResult["capabilities"] {
    return this.#declared ?? this.#init.capabilities ?? this.#server.capabilities;
  }

  #initialize(params: InitializeParams): InitializeResult {
    const spec = this.#server.revisions.negotiateStateful(params.protocolVersion);
    this.#negotiated = this.#server.withExtensions(spec);
    this.#client = params;
    const instructions = this.#init.instructions ?? this.#server.instructions;
    return {
      protocolVersion: spec.name,
      capabilities: (this.#declared = this.#capabilities),
      serverInfo: this.#init.serverInfo ?? this.#server.info,
      ...(instructions === undefined ? {} : { instructions }),
    };
  }
}
