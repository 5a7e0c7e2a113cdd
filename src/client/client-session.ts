import type { CallerParams, RequestSpec, RevisionSpec, SessionFilled, Validator } from "../../generated/common.js";
import type { Revision } from "../../generated/index.js";
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
import { toErrors } from "../validate/core.js";
import { CapabilityError, ErrorCode, InvalidResultError, McpError } from "../protocol/errors.js";
import { InboundRequest, type RequestId } from "../protocol/inbound.js";
import { hasCapability, LATEST_STATEFUL, revisionSpec } from "../protocol/negotiation.js";
import { Session, type RequestOptions, type SessionOptions } from "../protocol/session.js";
import type { Transport } from "../protocol/transport.js";
import { installMethods } from "../protocol/install.js";
import { collectPages } from "./pagination.js";

/** What initialize answers: the server's revision, capabilities, identity and instructions. */
export type InitializeResult = RequestMap["initialize"]["result"];
/** What a server declares it can do. */
export type ServerCapabilities = InitializeResult["capabilities"];
/** What a client declares it can do. */
export type ClientCapabilities = RequestMap["initialize"]["params"]["capabilities"];
/** A client's or server's name and version. */
export type Implementation = InitializeResult["serverInfo"];

/** What a call of `M` resolves with: its result, the fields older revisions lack optional. */
export type RequestResult<M extends ClientRequestMethod> = SessionFilled<RequestMap[M]["result"]>;
type Tool = RequestMap["tools/list"]["result"]["tools"][number];
type Resource = RequestMap["resources/list"]["result"]["resources"][number];
type ResourceTemplate = RequestMap["resources/templates/list"]["result"]["resourceTemplates"][number];
type Prompt = RequestMap["prompts/list"]["result"]["prompts"][number];

/** Options of a ClientSession. */
export interface ClientSessionOptions extends SessionOptions {
  /** How this client names itself (default: mcpkit). */
  clientInfo?: Implementation;
  /** Capabilities declared beyond those the registered handlers imply (sampling, elicitation, roots). */
  capabilities?: ClientCapabilities;
  /** The revision offered at initialize (default: the newest stateful one). */
  protocolVersion?: Revision;
}

/** What a handler of a server-to-client request is told. */
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
 * A client's side of one MCP connection: initialize, then every client-to-server method of every
 * revision (`listTools`, `callTool`, ... generated), refused clearly when the negotiated revision or the
 * server's capabilities lack it; handlers for what the server sends (`onCreateMessage`, `onToolListChanged`, ...).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed by the interface below
export class ClientSession extends Session<ClientRequestContext> {
  readonly #offered: RevisionSpec;
  readonly #info: Implementation;
  readonly #declared: ClientCapabilities;
  readonly #handled = new Set<string>();
  #negotiated: RevisionSpec | undefined;
  #server: InitializeResult | undefined;

  constructor(transport: Transport, options: ClientSessionOptions = {}) {
    super(transport, "client", options);
    const offered = revisionSpec(options.protocolVersion ?? LATEST_STATEFUL);
    if (!offered?.stateful) throw new TypeError(`mcpkit: cannot offer ${options.protocolVersion} at initialize`);
    this.#offered = offered;
    this.#info = options.clientInfo ?? { name: "mcpkit", version: "0.1.0" };
    this.#declared = options.capabilities ?? {};
  }

  protected get revision(): RevisionSpec {
    return this.#negotiated ?? this.#offered;
  }

  /** The negotiated revision, once initialized. */
  get protocolVersion(): Revision | undefined {
    return this.#negotiated?.name as Revision | undefined;
  }

  /** The server's answer to initialize, once initialized. */
  get serverCapabilities(): ServerCapabilities | undefined {
    return this.#server?.capabilities;
  }

  get serverInfo(): Implementation | undefined {
    return this.#server?.serverInfo;
  }

  get instructions(): string | undefined {
    return this.#server?.instructions;
  }

  /** The capabilities sent at initialize: those given, plus those the registered handlers imply. */
  get capabilities(): ClientCapabilities {
    let caps: ClientCapabilities = {};
    for (const method of this.#handled) caps = { ...caps, ...IMPLIED[method] };
    return { ...caps, ...this.#declared };
  }

  /**
   * Starts the transport and performs the handshake: offers the newest revision, accepts any revision
   * this build speaks, validates the answer under it and sends `notifications/initialized`.
   */
  async initialize(options?: RequestOptions): Promise<InitializeResult> {
    if (this.#server) throw new McpError(ErrorCode.InvalidRequest, "this session is already initialized");
    await this.start();
    const params = { protocolVersion: this.#offered.name, capabilities: this.capabilities, clientInfo: this.#info };
    const answer = (await this.sendRequest(
      this.#offered,
      "initialize",
      params,
      options,
      anyObject,
    )) as InitializeResult;
    const spec = revisionSpec(answer.protocolVersion);
    try {
      if (!spec?.stateful)
        throw new McpError(
          ErrorCode.InvalidRequest,
          `the server answered protocol version ${JSON.stringify(answer.protocolVersion)}, which this client does not speak`,
        );
      const validator = spec.requests.initialize!.result;
      if (!validator(answer)) throw new InvalidResultError("initialize", toErrors(validator.errors, "/result"));
    } catch (error) {
      await this.close();
      throw error;
    }
    this.#negotiated = spec;
    this.#server = answer;
    await this.sendNotification(spec, "notifications/initialized", undefined);
    return answer;
  }

  /** Sends any client-to-server request of the negotiated revision. */
  request<M extends ClientRequestMethod>(
    method: M,
    params?: CallerParams<RequestMap[M]["params"]>,
    options?: RequestOptions,
  ): Promise<RequestResult<M>> {
    const revision = this.#negotiated;
    if (!revision && method !== "ping")
      return Promise.reject(new McpError(ErrorCode.InvalidRequest, `call initialize() before ${method}`));
    return this.sendRequest(revision ?? this.#offered, method, params, options) as Promise<RequestResult<M>>;
  }

  /** Sends any client-to-server notification of the negotiated revision. */
  notify<M extends ClientNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
  ): Promise<void> {
    return this.sendNotification(this.revision, method, params);
  }

  /** Calls a tool by name with its arguments, or with the full params. */
  callTool(
    name: string,
    args?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<RequestResult<"tools/call">>;
  callTool(
    params: CallerParams<RequestMap["tools/call"]["params"]>,
    options?: RequestOptions,
  ): Promise<RequestResult<"tools/call">>;
  callTool(
    nameOrParams: unknown,
    argsOrOptions?: unknown,
    options?: RequestOptions,
  ): Promise<RequestResult<"tools/call">> {
    return this.#byName("tools/call", nameOrParams, argsOrOptions, options);
  }

  /** Reads a resource by URI, or with the full params. */
  readResource(
    uriOrParams: string | CallerParams<RequestMap["resources/read"]["params"]>,
    options?: RequestOptions,
  ): Promise<RequestResult<"resources/read">> {
    return this.request(
      "resources/read",
      typeof uriOrParams === "string" ? { uri: uriOrParams } : uriOrParams,
      options,
    );
  }

  /** Gets a prompt by name with its arguments, or with the full params. */
  getPrompt(
    name: string,
    args?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<RequestResult<"prompts/get">>;
  getPrompt(
    params: CallerParams<RequestMap["prompts/get"]["params"]>,
    options?: RequestOptions,
  ): Promise<RequestResult<"prompts/get">>;
  getPrompt(
    nameOrParams: unknown,
    argsOrOptions?: unknown,
    options?: RequestOptions,
  ): Promise<RequestResult<"prompts/get">> {
    return this.#byName("prompts/get", nameOrParams, argsOrOptions, options);
  }

  /** `(name, arguments?, options?)` or `(params, options?)`, as callTool and getPrompt take them. */
  #byName<M extends "tools/call" | "prompts/get">(
    method: M,
    nameOrParams: unknown,
    argsOrOptions: unknown,
    options: RequestOptions | undefined,
  ): Promise<RequestResult<M>> {
    if (typeof nameOrParams !== "string")
      return this.request(method, nameOrParams as never, argsOrOptions as RequestOptions | undefined);
    const params =
      argsOrOptions === undefined ? { name: nameOrParams } : { name: nameOrParams, arguments: argsOrOptions };
    return this.request(method, params as never, options);
  }

  /** Every tool, following `nextCursor` until the server stops (a repeated cursor is an error). */
  listAllTools(options?: RequestOptions): Promise<Tool[]> {
    return collectPages(
      (cursor) => this.request("tools/list", cursor ? { cursor } : undefined, options),
      (r) => r.tools,
    );
  }

  /** Every resource, across pages. */
  listAllResources(options?: RequestOptions): Promise<Resource[]> {
    return collectPages(
      (cursor) => this.request("resources/list", cursor ? { cursor } : undefined, options),
      (r) => r.resources,
    );
  }

  /** Every resource template, across pages. */
  listAllResourceTemplates(options?: RequestOptions): Promise<ResourceTemplate[]> {
    return collectPages(
      (cursor) => this.request("resources/templates/list", cursor ? { cursor } : undefined, options),
      (r) => r.resourceTemplates,
    );
  }

  /** Every prompt, across pages. */
  listAllPrompts(options?: RequestOptions): Promise<Prompt[]> {
    return collectPages(
      (cursor) => this.request("prompts/list", cursor ? { cursor } : undefined, options),
      (r) => r.prompts,
    );
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
}

type Overridden = "initialize" | "callTool" | "readResource" | "getPrompt";

// The generated tables add one method per protocol method; this interface types them.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface ClientSession
  extends
    Omit<ClientRequests<RequestOptions>, Overridden>,
    ClientNotifications<RequestOptions>,
    ClientHandlerRegistrars<ClientRequestContext, ClientSession> {}

installMethods(
  ClientSession.prototype,
  clientRequests,
  (method) =>
    function (this: ClientSession, params?: unknown, options?: RequestOptions) {
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
