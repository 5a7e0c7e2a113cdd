import type { CallerParams, RequestSpec, RevisionSpec, Validator } from "../../generated/common.js";
import {
  ClientMethods,
  type ClientNotificationHandlers,
  type ClientRequestHandlers,
} from "../../generated/surface/client.js";
import type {
  ClientNotificationMethod,
  ClientRequestMethod,
  NotificationMap,
  RequestMap,
} from "../../generated/surface/methods.js";
import type { Revision } from "../../generated/index.js";
import { CapabilityError, ConnectionClosedError, ErrorCode, McpError } from "../protocol/errors.js";
import { InboundRequest, type RequestId } from "../protocol/inbound.js";
import { isObject } from "../protocol/jsonrpc.js";
import { hasCapability, RevisionSet } from "../protocol/negotiation.js";
import {
  Connection,
  type AnyNotificationHandler,
  type ConnectionHost,
  type RequestOptions,
} from "../protocol/connection.js";
import type { Transport } from "../protocol/transport.js";
import { extendRevision, TASKS } from "../protocol/extensions.js";
import { CallPipeline } from "./calls.js";
import {
  describeStateful,
  describeStateless,
  speaksOption,
  lenient,
  probe,
  withRequestMeta,
  type Speaks,
} from "./stateless.js";
import { MAX_INPUT_ROUNDS } from "./input-required.js";
import { collectPages } from "./pagination.js";
import type { StatefulCall, Subscription, SubscriptionFilter } from "./subscriptions.js";
import { isCreateTaskResult, TaskClient, withTasksCapability, type TaskHandle, type TaskStart } from "./tasks.js";
import { declaresSkills, skillsFor, SkillsClient, type LoadedSkill, type Skill } from "./skills.js";
import { whenLoaded } from "../protocol/loading.js";
import type {
  ClientCapabilities,
  ClientRequestOptions,
  ClientSessionOptions,
  Implementation,
  Prompt,
  RequestResult,
  Resource,
  ResourceTemplate,
  ServerCapabilities,
  ServerDescription,
  Tool,
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

/** What a handler of a server-to-client request (or of an input request in an input-required round) is told. */
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
 * A client's side of one MCP connection. initialize() settles the mode: it probes with server/discover
 * and speaks 2026-07-28 to a stateless server (per-request `_meta`, input-required requests answered by
 * the registered handlers, ttl caching, subscriptions/listen), or falls back to the initialize
 * handshake. Then every client-to-server method of every revision (`listTools`, `callTool`, ...,
 * inherited from the generated {@link ClientMethods}), refused clearly when the negotiated revision or
 * the server's capabilities lack it; handlers for what the server sends (`onCreateMessage`,
 * `onToolListChanged`, ...).
 */
export class ClientSession extends ClientMethods<ClientRequestOptions, ClientRequestContext> {
  readonly #connection: Connection<ClientRequestContext>;
  readonly #known: RevisionSet;
  readonly #speaks: Speaks;
  readonly #preferred: RevisionSpec;
  readonly #offered: RevisionSpec;
  readonly #info: Implementation;
  readonly #declared: ClientCapabilities;
  readonly #handled = new Set<string>();
  readonly #discoverTimeout: number;
  readonly #calls: CallPipeline;
  readonly #tasks: TaskClient | undefined;
  readonly #skills: SkillsClient;
  #negotiated: RevisionSpec | undefined;
  #server: ServerDescription | undefined;

  constructor(transport: Transport, options: ClientSessionOptions = {}) {
    super();
    this.#connection = new Connection(transport, "client", new ClientSession.#Host(this), options);
    this.#known = RevisionSet.of(options.revisions);
    ({
      speaks: this.#speaks,
      preferred: this.#preferred,
      offered: this.#offered,
    } = speaksOption(options.protocolVersion, this.#known));
    this.#info = options.clientInfo ?? { name: "mcpkit", version: "0.1.0" };
    this.#declared = options.capabilities ?? {};
    const mirrors = transport.mirrorsHeaders === true;
    this.#discoverTimeout = options.discoverTimeout ?? (mirrors ? Infinity : 5000);
    this.#calls = new CallPipeline({
      logger: this.#connection.logger,
      mirrors,
      clientInfo: this.#info,
      logLevel: options.logLevel,
      maxRounds: options.maxInputRounds ?? MAX_INPUT_ROUNDS,
      capabilities: () => (this.#tasks ? withTasksCapability(this.capabilities as never) : this.capabilities),
      negotiated: () => ({ revision: this.#negotiated!, stateless: this.#server?.mode === "stateless" }),
      adopt: (revision) => void (this.#negotiated = this.#extended(revision)),
      known: this.#known,
      send: (revision, method, params, opts, result) =>
        this.#connection.sendRequest(revision, method, params, opts, result),
      handler: (method) => (Object.hasOwn(IMPLIED, method) ? this.#connection.requestHandler(method) : undefined),
      context: (key, method, params) => new ClientRequestContext(key, method, params, this),
    });
    this.onClose((error) => this.#calls.closed(error ?? new ConnectionClosedError("the session closed")));
    const tasks = options.tasks;
    this.#tasks = tasks
      ? new TaskClient((method, params, signal) => this.#calls.call(method, params, { cache: false, signal }), {
          answer: this.#calls.answer,
          ...(typeof tasks === "object" ? tasks : {}),
        })
      : undefined;
    this.#skills = new SkillsClient({
      call: (method, params, options) => this.#calls.call(method, params, options),
      serverCapabilities: () => this.#server?.capabilities,
    });
  }

  /** A revision with the methods of the extensions this session takes part in (tasks; skills when the server declares them). */
  #extended(revision: RevisionSpec, capabilities: unknown = this.#server?.capabilities): RevisionSpec {
    const using = [...(this.#tasks ? [TASKS] : []), ...(declaresSkills(capabilities) ? [skillsFor(revision)] : [])];
    return using.length > 0 ? extendRevision(revision, using) : revision;
  }

  /** What the connection asks of this session: one object per session, its methods on the prototype. */
  static readonly #Host = class Host implements ConnectionHost<ClientRequestContext> {
    readonly #session: ClientSession;

    constructor(session: ClientSession) {
      this.#session = session;
    }

    get revision(): RevisionSpec {
      return this.#session.#revision;
    }

    checkOutbound(spec: RequestSpec): void {
      const gate = spec.capability;
      const server = this.#session.#server;
      if (gate?.side === "server" && server && !hasCapability(server.capabilities, gate.path))
        throw new CapabilityError(spec.method, "server", gate.path);
    }

    admit(spec: RequestSpec): McpError | undefined {
      const gate = spec.capability;
      if (gate?.side === "client" && !hasCapability(this.#session.capabilities, gate.path))
        return new McpError(
          ErrorCode.MethodNotFound,
          `Method not found: ${spec.method} (capability ${gate.path.join(".")} not declared)`,
        );
      return undefined;
    }

    createContext(id: RequestId, method: string, params: unknown): ClientRequestContext {
      return new ClientRequestContext(id, method, params, this.#session);
    }

    /** Every notification also refreshes the ttl cache and reaches the subscriptions it belongs to. */
    notificationHandler(method: string, registered: AnyNotificationHandler | undefined): AnyNotificationHandler {
      const calls = this.#session.#calls;
      return (params: unknown) => {
        calls.notified(method, params);
        return registered?.(params);
      };
    }
  };

  get #revision(): RevisionSpec {
    return this.#negotiated ?? this.#offered;
  }

  /** Whether the transport is started and not closed. */
  get isOpen(): boolean {
    return this.#connection.isOpen;
  }

  /** Outbound requests still waiting for an answer. */
  get pendingRequests(): number {
    return this.#connection.pendingRequests;
  }

  /** Starts the transport (initialize() does it too); idempotent. */
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

  /** The negotiated revision, once initialized. */
  get protocolVersion(): Revision | undefined {
    return this.#negotiated?.name as Revision | undefined;
  }

  /** `stateless` (2026-07-28 on: per-request `_meta`) or `stateful` (initialize handshake), once initialized. */
  get mode(): "stateless" | "stateful" | undefined {
    return this.#server?.mode;
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
   * Starts the transport and settles the mode and revision (basic/versioning, "Backward Compatibility"):
   * server/discover first (unless a stateful revision was asked for); a stateless server is then spoken
   * to statelessly, and anything else gets the initialize handshake and `notifications/initialized`.
   * A discover result that fails validation rejects and leaves the session open, to try again.
   */
  async initialize(options?: RequestOptions): Promise<ServerDescription> {
    if (this.#server) throw new McpError(ErrorCode.InvalidRequest, "this session is already initialized");
    await this.start();
    let offer = this.#offered;
    if (this.#speaks !== "stateful") {
      const send = (version: RevisionSpec) => this.#discover(version, options);
      const outcome = await probe(send, this.#speaks, this.#preferred, this.#known);
      if (outcome.mode === "stateless") return whenLoaded(() => this.#adopt(outcome.revision, outcome.result));
      if (outcome.offer) offer = outcome.offer;
    }
    return this.#handshake(offer, options);
  }

  #discover(revision: RevisionSpec, options: RequestOptions | undefined): Promise<unknown> {
    // Only a two-mode probe is cut short: silence then means a stateful server. Infinity: the usual timeout.
    const probing = this.#speaks === "both" ? Math.min(options?.timeout ?? Infinity, this.#discoverTimeout) : Infinity;
    const timeout = Number.isFinite(probing) ? probing : options?.timeout;
    const params = withRequestMeta(undefined, this.#calls.meta(revision));
    return whenLoaded(() => lenient(revision.requests["server/discover"]!.result)).then((validator) =>
      this.#connection.sendRequest(revision, "server/discover", params, { ...options, timeout }, validator),
    );
  }

  #adopt(revision: RevisionSpec, result: Record<string, unknown>): ServerDescription {
    this.#server = describeStateless(revision, result);
    this.#negotiated = this.#extended(revision);
    return this.#server;
  }

  /** The initialize handshake: offers `offered`, accepts any stateful revision this build speaks. */
  async #handshake(offered: RevisionSpec, options: RequestOptions | undefined): Promise<ServerDescription> {
    const params = { protocolVersion: offered.name, capabilities: this.capabilities, clientInfo: this.#info };
    const answer = await this.#connection.sendRequest(offered, "initialize", params, options, anyObject);
    let description: ServerDescription & { mode: "stateful" };
    try {
      description = await whenLoaded(() => describeStateful(answer, this.#known));
    } catch (error) {
      await this.close();
      throw error;
    }
    this.#negotiated = this.#extended(this.#known.spec(description.protocolVersion)!, description.capabilities);
    this.#server = description;
    await this.#connection.sendNotification(this.#negotiated, "notifications/initialized", undefined);
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
      return this.#connection.sendRequest(this.#offered, method, params, options) as Promise<RequestResult<M>>;
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
    return this.#connection.sendNotification(this.#revision, method, params);
  }

  /**
   * Opens a change-notification subscription (basic/patterns/subscriptions): on a stateless session a
   * `subscriptions/listen` request, whose tagged notifications the returned Subscription yields; on a
   * stateful one the same object over the list_changed notifications the server declared and
   * `resources/subscribe`. Given `{ uri }` instead, it is the stateful resources/subscribe request itself.
   */
  override subscribe(filter: SubscriptionFilter): Subscription;
  override subscribe(
    params: CallerParams<RequestMap["resources/subscribe"]["params"]>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<"resources/subscribe">>;
  override subscribe(filter: unknown, options?: ClientRequestOptions): Subscription | Promise<unknown> {
    if (isObject(filter) && typeof filter.uri === "string")
      return this.request("resources/subscribe", filter as never, options);
    if (!this.#server) throw new McpError(ErrorCode.InvalidRequest, "call initialize() before subscribe");
    const stateful: StatefulCall = (method, uri) => this.request(method, { uri });
    return this.#calls.subscribe(filter as SubscriptionFilter, this.#server.capabilities, stateful);
  }

  /** Handles a server-to-client request; the capability it implies is declared at initialize. */
  setRequestHandler<M extends keyof ClientRequestHandlers<ClientRequestContext>>(
    method: M,
    handler: ClientRequestHandlers<ClientRequestContext>[M],
  ): this {
    this.#handled.add(method);
    this.#connection.handleRequest(method, handler);
    return this;
  }

  /** Handles a server-to-client notification. */
  setNotificationHandler<M extends keyof ClientNotificationHandlers<ClientRequestContext>>(
    method: M,
    handler: (params: NotificationMap[M]["params"]) => void | Promise<void>,
  ): this {
    this.#connection.handleNotification(method, handler);
    return this;
  }

  /** Every tool, across pages (a repeated cursor is an error). */
  listAllTools(options?: ClientRequestOptions): Promise<Tool[]> {
    return collectPages(
      (cursor) => this.listTools(cursor ? { cursor } : undefined, options),
      (page) => page.tools,
    );
  }

  /** Every resource, across pages. */
  listAllResources(options?: ClientRequestOptions): Promise<Resource[]> {
    return collectPages(
      (cursor) => this.listResources(cursor ? { cursor } : undefined, options),
      (page) => page.resources,
    );
  }

  /** Every resource template, across pages. */
  listAllResourceTemplates(options?: ClientRequestOptions): Promise<ResourceTemplate[]> {
    return collectPages(
      (cursor) => this.listResourceTemplates(cursor ? { cursor } : undefined, options),
      (page) => page.resourceTemplates,
    );
  }

  /** Every skill the server lists (skills extension), across pages; no skill file is read. */
  listSkills(options?: ClientRequestOptions): Promise<Skill[]> {
    return this.#skills.list(options);
  }

  /** The current entry of one skill, named by the URI of its SKILL.md (`skills/get`). */
  getSkill(uri: string, options?: ClientRequestOptions): Promise<Skill> {
    return this.#skills.get(uri, options);
  }

  /**
   * Loads a skill (by URI, or from an entry already held): SKILL.md read and verified against the entry
   * (size, digest, frontmatter), a SkillVerificationError otherwise. Supporting files are read on demand
   * through the result, only when the entry lists them, each verified.
   */
  loadSkill(skill: string | Skill, options?: ClientRequestOptions): Promise<LoadedSkill> {
    return this.#skills.load(skill, options);
  }

  /** Every prompt, across pages. */
  listAllPrompts(options?: ClientRequestOptions): Promise<Prompt[]> {
    return collectPages(
      (cursor) => this.listPrompts(cursor ? { cursor } : undefined, options),
      (page) => page.prompts,
    );
  }
}
