import type { CallerParams, RequestSpec, RevisionSpec, Validator } from "../../generated/common.js";
import {
  clientHandlers,
  clientNotifications,
  clientRequests,
  type ClientHandlerRegistrars,
  type ClientNotificationHandlers,
  type ClientNotifications,
  type ClientRequestHandlers,
  type ClientRequests,
} from "../../generated/surface/client.js";
import type {
  ClientNotificationMethod,
  ClientRequestMethod,
  NotificationMap,
  RequestMap,
} from "../../generated/surface/methods.js";
import { requests as surfaceRequests } from "../../generated/surface/methods.js";
import { revisions, type Revision } from "../../generated/index.js";
import { CapabilityError, ConnectionClosedError, ErrorCode, McpError } from "../protocol/errors.js";
import { InboundRequest, type RequestId } from "../protocol/inbound.js";
import { isObject } from "../protocol/jsonrpc.js";
import { hasCapability } from "../protocol/negotiation.js";
import { Session, type AnyNotificationHandler, type RequestOptions } from "../protocol/session.js";
import type { Transport } from "../protocol/transport.js";
import { installMethods } from "../protocol/install.js";
import { extendRevision, TASKS } from "../protocol/extensions.js";
import { CallPipeline } from "./calls.js";
import { describeLegacy, describeModern, eraOption, lenient, probe, withRequestMeta, type EraMode } from "./modern.js";
import { MAX_INPUT_ROUNDS } from "./mrtr.js";
import { installByName, type ByName } from "./by-name.js";
import { installListAll, type ListAll } from "./pagination.js";
import type { LegacyCall, Subscription, SubscriptionFilter } from "./subscriptions.js";
import { isCreateTaskResult, TaskClient, withTasksCapability, type TaskHandle, type TaskStart } from "./tasks.js";
import type {
  ClientCapabilities,
  ClientRequestOptions,
  ClientSessionOptions,
  Implementation,
  RequestResult,
  ServerCapabilities,
  ServerDescription,
} from "./types.js";

export type {
  ClientCapabilities,
  ClientRequestOptions,
  ClientSessionOptions,
  DiscoverResult,
  Implementation,
  InitializeResult,
  LoggingLevel,
  RequestResult,
  ServerCapabilities,
  ServerDescription,
} from "./types.js";

/** What a handler of a server-to-client request (or of a multi round-trip input request) is told. */
export class ClientRequestContext extends InboundRequest {
  readonly session: ClientSession;

  constructor(id: RequestId, method: string, params: unknown, session: ClientSession) {
    super(id, method, params);
    this.session = session;
  }
}

const anyObject: Validator<unknown> = (value: unknown): value is unknown => typeof value === "object" && value !== null;

/** Capabilities a registered handler implies. */
const IMPLIED: Partial<Record<string, ClientCapabilities>> = {
  "sampling/createMessage": { sampling: {} },
  "elicitation/create": { elicitation: {} },
  "roots/list": { roots: { listChanged: true } },
};

/**
 * A client's side of one MCP connection. initialize() settles the era: it probes with server/discover
 * and speaks 2026-07-28 to a modern server (per-request `_meta`, multi round-trip requests answered by
 * the registered handlers, ttl caching, subscriptions/listen), or falls back to the initialize
 * handshake. Then every client-to-server method of every revision (`listTools`, `callTool`, ...
 * generated), refused clearly when the negotiated revision or the server's capabilities lack it;
 * handlers for what the server sends (`onCreateMessage`, `onToolListChanged`, ...).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed by the interface below
export class ClientSession extends Session<ClientRequestContext> {
  readonly #mode: EraMode;
  readonly #preferred: Revision;
  readonly #offered: RevisionSpec;
  readonly #info: Implementation;
  readonly #declared: ClientCapabilities;
  readonly #handled = new Set<string>();
  readonly #discoverTimeout: number;
  readonly #calls: CallPipeline;
  readonly #tasks: TaskClient | undefined;
  #negotiated: RevisionSpec | undefined;
  #server: ServerDescription | undefined;

  constructor(transport: Transport, options: ClientSessionOptions = {}) {
    super(transport, "client", options);
    ({ mode: this.#mode, preferred: this.#preferred, offered: this.#offered } = eraOption(options.protocolVersion));
    this.#info = options.clientInfo ?? { name: "mcpkit", version: "0.1.0" };
    this.#declared = options.capabilities ?? {};
    const mirrors = transport.mirrorsHeaders === true;
    this.#discoverTimeout = options.discoverTimeout ?? (mirrors ? Infinity : 5000);
    this.#calls = new CallPipeline({
      logger: this.logger,
      mirrors,
      clientInfo: this.#info,
      logLevel: options.logLevel,
      maxRounds: options.maxInputRounds ?? MAX_INPUT_ROUNDS,
      capabilities: () => (this.#tasks ? withTasksCapability(this.capabilities as never) : this.capabilities),
      negotiated: () => ({ revision: this.#negotiated!, modern: this.#server?.era === "modern" }),
      adopt: (revision) => void (this.#negotiated = this.#extended(revision)),
      send: (revision, method, params, opts, result) => this.sendRequest(revision, method, params, opts, result),
      handler: (method) => (Object.hasOwn(IMPLIED, method) ? this.requestHandler(method) : undefined),
      context: (key, method, params) => this.createContext(key, method, params),
    });
    this.onClose((error) => this.#calls.closed(error ?? new ConnectionClosedError("the session closed")));
    const tasks = options.tasks;
    this.#tasks = tasks
      ? new TaskClient((method, params, signal) => this.#calls.call(method, params, { cache: false, signal }), {
          answer: this.#calls.answer,
          ...(typeof tasks === "object" ? tasks : {}),
        })
      : undefined;
  }

  /** A modern revision with the methods of the extensions this session takes part in (tasks). */
  #extended(revision: RevisionSpec): RevisionSpec {
    return this.#tasks ? extendRevision(revision, [TASKS]) : revision;
  }

  protected get revision(): RevisionSpec {
    return this.#negotiated ?? this.#offered;
  }

  /** The negotiated revision, once initialized. */
  get protocolVersion(): Revision | undefined {
    return this.#negotiated?.name as Revision | undefined;
  }

  /** `modern` (2026-07-28 on: per-request `_meta`) or `legacy` (initialize handshake), once initialized. */
  get era(): "modern" | "legacy" | undefined {
    return this.#server?.era;
  }

  /** What the server declared (at initialize, or in its discover result). */
  get serverCapabilities(): ServerCapabilities | undefined {
    return this.#server?.capabilities;
  }

  /** The server's name and version, when it gave them. */
  get serverInfo(): Implementation | undefined {
    return this.#server?.serverInfo;
  }

  /** The server's instructions for models, when it gave them. */
  get instructions(): string | undefined {
    return this.#server?.instructions;
  }

  /** The capabilities declared: those given, plus those the registered handlers imply. */
  get capabilities(): ClientCapabilities {
    let caps: ClientCapabilities = {};
    for (const method of this.#handled) caps = { ...caps, ...IMPLIED[method] };
    return { ...caps, ...this.#declared };
  }

  /**
   * Starts the transport and settles the era and revision (basic/versioning, "Backward Compatibility"):
   * server/discover first (unless a stateful revision was asked for); a modern server is then spoken
   * to statelessly, and anything else gets the initialize handshake and `notifications/initialized`.
   * A discover result that fails validation rejects and leaves the session open, to try again.
   */
  async initialize(options?: RequestOptions): Promise<ServerDescription> {
    if (this.#server) throw new McpError(ErrorCode.InvalidRequest, "this session is already initialized");
    await this.start();
    let offer = this.#offered;
    if (this.#mode !== "legacy") {
      const outcome = await probe((version) => this.#discover(version, options), this.#mode, this.#preferred);
      if (outcome.era === "modern") return this.#adopt(outcome.revision, outcome.result);
      if (outcome.offer) offer = revisions[outcome.offer];
    }
    return this.#handshake(offer, options);
  }

  #discover(version: Revision, options: RequestOptions | undefined): Promise<unknown> {
    const revision: RevisionSpec = revisions[version];
    // Only a dual-era probe is cut short: silence then means a legacy server. Infinity: the usual timeout.
    const probing = this.#mode === "dual" ? Math.min(options?.timeout ?? Infinity, this.#discoverTimeout) : Infinity;
    const timeout = Number.isFinite(probing) ? probing : options?.timeout;
    const params = withRequestMeta(undefined, this.#calls.meta(revision));
    const validator = lenient(revision.requests["server/discover"]!.result);
    return this.sendRequest(revision, "server/discover", params, { ...options, timeout }, validator);
  }

  #adopt(revision: RevisionSpec, result: Record<string, unknown>): ServerDescription {
    this.#negotiated = this.#extended(revision);
    return (this.#server = describeModern(revision, result));
  }

  /** The initialize handshake: offers `offered`, accepts any stateful revision this build speaks. */
  async #handshake(offered: RevisionSpec, options: RequestOptions | undefined): Promise<ServerDescription> {
    const params = { protocolVersion: offered.name, capabilities: this.capabilities, clientInfo: this.#info };
    const answer = await this.sendRequest(offered, "initialize", params, options, anyObject);
    let description: ServerDescription & { era: "legacy" };
    try {
      description = describeLegacy(answer);
    } catch (error) {
      await this.close();
      throw error;
    }
    this.#negotiated = revisions[description.protocolVersion];
    this.#server = description;
    await this.sendNotification(this.#negotiated, "notifications/initialized", undefined);
    return description;
  }

  /** Sends any client-to-server request of the negotiated revision. */
  request<M extends ClientRequestMethod>(
    method: M,
    params?: CallerParams<RequestMap[M]["params"]>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<M>> {
    if (!this.#negotiated) {
      if (method !== "ping")
        return Promise.reject(new McpError(ErrorCode.InvalidRequest, `call initialize() before ${method}`));
      return this.sendRequest(this.#offered, method, params, options) as Promise<RequestResult<M>>;
    }
    const sent = this.#calls.call(method, params as Record<string, unknown> | undefined, options);
    const tasks = this.#tasks;
    if (!tasks || method !== "tools/call") return sent as Promise<RequestResult<M>>;
    return sent.then((result) =>
      isCreateTaskResult(result) ? tasks.follow(result, options?.signal) : result,
    ) as Promise<RequestResult<M>>;
  }

  /**
   * Calls a tool, handing over the task if the server makes one (tasks extension; the session needs
   * `tasks: true`): `{ task }` to poll, answer and cancel, or `{ result }` when it answered at once.
   */
  async callToolTask(name: string, args?: Record<string, unknown>, options?: ClientRequestOptions): Promise<TaskStart> {
    if (!this.#tasks) throw new TypeError("mcpkit: pass tasks: true to the ClientSession to take tasks");
    if (!this.#negotiated) throw new McpError(ErrorCode.InvalidRequest, "call initialize() before callToolTask");
    const params = args === undefined ? { name } : { name, arguments: args };
    const result = await this.#calls.call("tools/call", params, options);
    return isCreateTaskResult(result) ? { task: this.#tasks.handle(result) } : { result: result as never };
  }

  /** A handle on a task known by id (one handed over earlier, perhaps by another process), its state read afresh. */
  task(taskId: string, signal?: AbortSignal): Promise<TaskHandle> {
    if (!this.#tasks)
      return Promise.reject(new TypeError("mcpkit: pass tasks: true to the ClientSession to take tasks"));
    return this.#tasks.resume(taskId, signal);
  }

  /** Sends any client-to-server notification of the negotiated revision. */
  notify<M extends ClientNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
  ): Promise<void> {
    return this.sendNotification(this.revision, method, params);
  }

  /**
   * Opens a change-notification subscription (basic/patterns/subscriptions): on a modern session a
   * `subscriptions/listen` request, whose tagged notifications the returned Subscription yields; on a
   * legacy one the same object over the list_changed notifications the server declared and
   * `resources/subscribe`. Given `{ uri }` instead, it is the legacy resources/subscribe request itself.
   */
  subscribe(filter: SubscriptionFilter): Subscription;
  subscribe(
    params: CallerParams<RequestMap["resources/subscribe"]["params"]>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<"resources/subscribe">>;
  subscribe(filter: unknown, options?: ClientRequestOptions): Subscription | Promise<unknown> {
    if (isObject(filter) && typeof filter.uri === "string")
      return this.request("resources/subscribe", filter as never, options);
    if (!this.#server) throw new McpError(ErrorCode.InvalidRequest, "call initialize() before subscribe");
    const legacy: LegacyCall = (method, uri) => this.request(method, { uri });
    return this.#calls.subscribe(filter as SubscriptionFilter, this.#server.capabilities, legacy);
  }

  /** Handles a server-to-client request; the capability it implies is declared at initialize. */
  setRequestHandler<M extends keyof ClientRequestHandlers<ClientRequestContext>>(
    method: M,
    handler: ClientRequestHandlers<ClientRequestContext>[M],
  ): this {
    this.#handled.add(method);
    this.handleRequest(method, handler);
    return this;
  }

  /** Handles a server-to-client notification. */
  setNotificationHandler<M extends keyof ClientNotificationHandlers<ClientRequestContext>>(
    method: M,
    handler: (params: NotificationMap[M]["params"]) => void | Promise<void>,
  ): this {
    this.handleNotification(method, handler);
    return this;
  }

  protected checkOutbound(spec: RequestSpec): void {
    const gate = spec.capability;
    if (gate?.side === "server" && this.#server && !hasCapability(this.#server.capabilities, gate.path))
      throw new CapabilityError(spec.method, "server", gate.path);
  }

  protected admit(spec: RequestSpec): McpError | undefined {
    const gate = spec.capability;
    if (gate?.side === "client" && !hasCapability(this.capabilities, gate.path))
      return new McpError(
        ErrorCode.MethodNotFound,
        `Method not found: ${spec.method} (capability ${gate.path.join(".")} not declared)`,
      );
    return undefined;
  }

  protected createContext(id: RequestId, method: string, params: unknown): ClientRequestContext {
    return new ClientRequestContext(id, method, params, this);
  }

  /** Every notification also refreshes the ttl cache and reaches the subscriptions it belongs to. */
  protected override notificationHandler(method: string): AnyNotificationHandler | undefined {
    const handler = super.notificationHandler(method);
    return (params: unknown) => {
      this.#calls.notified(method, params);
      return handler?.(params);
    };
  }
}

type Overridden = "initialize" | "callTool" | "readResource" | "getPrompt" | "subscribe";

// The generated tables add one method per protocol method; this interface types them.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface ClientSession
  extends
    Omit<ClientRequests<ClientRequestOptions>, Overridden>,
    ClientNotifications<ClientRequestOptions>,
    ClientHandlerRegistrars<ClientRequestContext, ClientSession>,
    ByName,
    ListAll {}

installListAll(ClientSession.prototype);
installByName(ClientSession.prototype);

installMethods(
  ClientSession.prototype,
  clientRequests,
  (method) =>
    function (this: ClientSession, params?: unknown, options?: ClientRequestOptions) {
      return this.request(method as ClientRequestMethod, params as never, options);
    },
);
installMethods(
  ClientSession.prototype,
  clientNotifications,
  (method) =>
    function (this: ClientSession, params?: unknown) {
      return this.notify(method as ClientNotificationMethod, params as never);
    },
);
installMethods(ClientSession.prototype, clientHandlers, (method) =>
  Object.hasOwn(surfaceRequests, method)
    ? function (this: ClientSession, handler: never) {
        return this.setRequestHandler(method as keyof ClientRequestHandlers<ClientRequestContext>, handler);
      }
    : function (this: ClientSession, handler: never) {
        return this.setNotificationHandler(method as keyof ClientNotificationHandlers<ClientRequestContext>, handler);
      },
);
