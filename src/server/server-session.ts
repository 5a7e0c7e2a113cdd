import type { CallerParams, RequestSpec, RevisionSpec, SessionFilled } from "../../generated/common.js";
import type { Revision } from "../../generated/index.js";
import type {
  NotificationMap,
  RequestMap,
  ServerNotificationMethod,
  ServerRequestMethod,
} from "../../generated/surface/methods.js";
import {
  serverNotifications,
  serverRequests,
  type ServerNotifications,
  type ServerRequests,
} from "../../generated/surface/server.js";
import { CapabilityError, ErrorCode, McpError } from "../protocol/errors.js";
import { InboundRequest, type RequestId } from "../protocol/inbound.js";
import { installMethods } from "../protocol/install.js";
import { hasCapability, LATEST_STATEFUL, negotiateStateful, revisionSpec } from "../protocol/negotiation.js";
import { Session, type RequestOptions, type SessionOptions } from "../protocol/session.js";
import type { SendOptions, Transport } from "../protocol/transport.js";
import type { Server } from "./server.js";

type InitializeParams = RequestMap["initialize"]["params"];
type InitializeResult = RequestMap["initialize"]["result"];
/** A logging severity, as logging/setLevel and notifications/message name them. */
export type LoggingLevel = RequestMap["logging/setLevel"]["params"]["level"];
type LoggingParams = NotificationMap["notifications/message"]["params"];

const SEVERITY: Record<LoggingLevel, number> = {
  debug: 0,
  info: 1,
  notice: 2,
  warning: 3,
  error: 4,
  critical: 5,
  alert: 6,
  emergency: 7,
};

/** What a handler of a client-to-server request is told. */
export class ServerRequestContext extends InboundRequest {
  readonly session: ServerSession;

  constructor(id: RequestId, method: string, params: unknown, session: ServerSession) {
    super(id, method, params);
    this.session = session;
  }

  /** The progress token the client sent, if it asked for progress. */
  get progressToken(): string | number | undefined {
    const token = this.meta?.progressToken;
    return typeof token === "string" || typeof token === "number" ? token : undefined;
  }

  /** Reports progress on this request; does nothing when the client asked for none. */
  async reportProgress(progress: number, total?: number, message?: string): Promise<void> {
    const progressToken = this.progressToken;
    if (progressToken === undefined || this.cancelled) return;
    const params = {
      progressToken,
      progress,
      ...(total === undefined ? {} : { total }),
      ...(message === undefined ? {} : { message }),
    };
    await this.session.notify("notifications/progress", params, { relatedRequestId: this.requestId });
  }

  /**
   * Closes the HTTP connection of this request's SSE stream before the answer is ready, so the client
   * reconnects (after the priming event's `retry`) with Last-Event-ID and is sent the rest, the answer
   * included, on the resumed stream: SSE polling (2025-11-25), which frees the connection during long
   * work. False, and nothing happens, when the request has no resumable SSE stream (another transport,
   * a JSON answer, no event store, or a revision before 2025-11-25).
   */
  closeSseStream(): boolean {
    return this.session.closeRequestStream(this.requestId);
  }
}

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
}

/**
 * The server's side of one connection: answers initialize (the client's revision if spoken, else the
 * newest), refuses other requests until then and requests for capabilities not declared, tracks the
 * log level, and sends server-to-client requests (`createMessage`, `elicit`, `listRoots`) and notifications.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed by the interface below
export class ServerSession extends Session<ServerRequestContext> {
  readonly server: Server;
  readonly #transport: Transport;
  readonly #init: InitializationOptions;
  #negotiated: RevisionSpec | undefined;
  #client: InitializeParams | undefined;
  #initialized = false;
  #level: LoggingLevel | undefined;
  #declared: InitializeResult["capabilities"] | undefined;

  constructor(transport: Transport, server: Server, options: SessionOptions & InitializationOptions = {}) {
    super(transport, "server", options);
    this.server = server;
    this.#transport = transport;
    this.#init = options;
    if (options.preinitialized !== undefined) {
      this.#negotiated = negotiateStateful(options.preinitialized);
      this.#client = {
        protocolVersion: this.#negotiated.name,
        capabilities: {},
        clientInfo: { name: "unknown (no session)", version: "" },
      };
      this.#initialized = true;
    }
    this.handleRequest("initialize", (params: InitializeParams) => this.#initialize(params));
    this.handleRequest("logging/setLevel", (params: { level: LoggingLevel }, ctx: ServerRequestContext) => {
      this.#level = params.level;
      const user = server.requestHandler("logging/setLevel");
      return user ? user(params, ctx) : {};
    });
    this.handleNotification("notifications/initialized", (params: unknown) => {
      this.#initialized = true;
      return server.notificationHandler("notifications/initialized")?.(params);
    });
  }

  protected get revision(): RevisionSpec {
    return this.#negotiated ?? revisionSpec(LATEST_STATEFUL)!;
  }

  protected override revisionFor(message: Record<string, unknown>): RevisionSpec {
    if (this.#negotiated || message.method !== "initialize") return this.revision;
    return negotiateStateful((message.params as { protocolVersion?: unknown } | undefined)?.protocolVersion);
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
  ): Promise<SessionFilled<RequestMap[M]["result"]>> {
    if (!this.#negotiated && method !== "ping")
      return Promise.reject(
        new McpError(ErrorCode.InvalidRequest, `cannot send ${method} before the client has initialized`),
      );
    return this.sendRequest(this.revision, method, params, options) as Promise<SessionFilled<RequestMap[M]["result"]>>;
  }

  /** Sends any server-to-client notification of the negotiated revision. */
  notify<M extends ServerNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
    options?: SendOptions,
  ): Promise<void> {
    return this.sendNotification(this.revision, method, params, options);
  }

  /** Sends a log message unless it is less severe than the level the client set. */
  sendLoggingMessage(params: CallerParams<LoggingParams>, options?: SendOptions): Promise<void> {
    if (this.#level !== undefined && SEVERITY[params.level] < SEVERITY[this.#level]) return Promise.resolve();
    return this.notify("notifications/message", params, options);
  }

  /**
   * Closes the connection of an inbound request's SSE stream, keeping the stream for the client to
   * resume; see {@link ServerRequestContext.closeSseStream}.
   */
  closeRequestStream(requestId: RequestId): boolean {
    return this.isOpen && (this.#transport.closeRequestStream?.(requestId) ?? false);
  }

  protected override requestHandler(method: string) {
    return super.requestHandler(method) ?? this.server.requestHandler(method);
  }

  protected override notificationHandler(method: string) {
    return super.notificationHandler(method) ?? this.server.notificationHandler(method);
  }

  protected admit(spec: RequestSpec): McpError | undefined {
    if (spec.method === "initialize") {
      return this.#negotiated
        ? new McpError(ErrorCode.InvalidRequest, "Invalid request: already initialized")
        : undefined;
    }
    if (!this.#negotiated && spec.method !== "ping")
      return new McpError(ErrorCode.InvalidRequest, `Invalid request: ${spec.method} before initialize`);
    const gate = spec.capability;
    if (gate?.side === "server" && !hasCapability(this.#capabilities, gate.path))
      return new McpError(
        ErrorCode.MethodNotFound,
        `Method not found: ${spec.method} (capability ${gate.path.join(".")} not declared)`,
      );
    return undefined;
  }

  protected checkOutbound(spec: RequestSpec): void {
    const gate = spec.capability;
    if (gate?.side === "client" && !hasCapability(this.#client?.capabilities, gate.path))
      throw new CapabilityError(spec.method, "client", gate.path);
  }

  protected createContext(id: RequestId, method: string, params: unknown): ServerRequestContext {
    return new ServerRequestContext(id, method, params, this);
  }

  /** What this session declared at initialize; requests are admitted against it. */
  get #capabilities(): InitializeResult["capabilities"] {
    return this.#declared ?? this.#init.capabilities ?? this.server.capabilities;
  }

  #initialize(params: InitializeParams): InitializeResult {
    const spec = negotiateStateful(params.protocolVersion);
    this.#negotiated = spec;
    this.#client = params;
    const instructions = this.#init.instructions ?? this.server.instructions;
    return {
      protocolVersion: spec.name,
      capabilities: (this.#declared = this.#capabilities),
      serverInfo: this.#init.serverInfo ?? this.server.info,
      ...(instructions === undefined ? {} : { instructions }),
    };
  }
}

// The generated tables add one method per protocol method; this interface types them.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface ServerSession
  extends ServerRequests<RequestOptions>, Omit<ServerNotifications<RequestOptions>, "sendLoggingMessage"> {}

installMethods(
  ServerSession.prototype,
  serverRequests,
  (method) =>
    function (this: ServerSession, params?: unknown, options?: RequestOptions) {
      return this.request(method as ServerRequestMethod, params as never, options);
    },
);
installMethods(
  ServerSession.prototype,
  serverNotifications,
  (method) =>
    function (this: ServerSession, params?: unknown) {
      return this.notify(method as ServerNotificationMethod, params as never);
    },
);
