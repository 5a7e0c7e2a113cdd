import type { CallerParams, RevisionSpec } from "../../generated/common.js";
import { own } from "../validate/core.js";
import type { NotificationMap, RequestMap, ServerNotificationMethod } from "../../generated/surface/methods.js";
import { requests as surfaceRequests } from "../../generated/surface/methods.js";
import {
  ServerHandlerMethods,
  type ServerNotificationHandlers,
  type ServerRequestHandlers,
} from "../../generated/surface/server.js";
import { RevisionSet } from "../protocol/negotiation.js";
import type { AnyNotificationHandler, AnyRequestHandler, SessionOptions } from "../protocol/connection.js";
import type { Transport } from "../protocol/transport.js";
import { agreeTopics, extendRevision, extensionOf, topicWanted, type ServerExtension } from "./extensions.js";
import type { CacheHints } from "./stateless.js";
import type { ServerRuntime } from "./runtime.js";
import { ServerRequestContext, ServerSession, type InitializationOptions } from "./server-session.js";
import { aroundHandler, type Middleware } from "./middleware.js";

/** What a server declares it can do. */
export type ServerCapabilities = RequestMap["initialize"]["result"]["capabilities"];
/** A server's name, version and optional title, icons and website. */
export type Implementation = RequestMap["initialize"]["result"]["serverInfo"];

/** Which list-changed notifications this server sends (declared as `listChanged` capabilities). */
export interface NotificationOptions {
  toolsChanged?: boolean;
  resourcesChanged?: boolean;
  promptsChanged?: boolean;
}

/** Options of a low-level Server. */
export interface ServerOptions extends SessionOptions {
  instructions?: string;
  /** Declared beyond (and over) what the registered handlers imply. */
  capabilities?: ServerCapabilities;
  notificationOptions?: NotificationOptions;
  /** Declare the logging capability and honour logging/setLevel (default true). */
  logging?: boolean;
  /**
   * Caching hints (2026-07-28 on) of the results that carry them, by method (`tools/list`,
   * `resources/read`, `server/discover`, ...); a handler's own `ttlMs`/`cacheScope` win. Unset: `ttlMs` 0, `private`.
   */
  cacheHints?: Partial<Record<string, CacheHints>>;
  /**
   * Revisions spoken beyond the built-in ones: the `revision` a module from `mcp generate` exports.
   * Accepted in initialize, `_meta` and MCP-Protocol-Version, listed in `supportedVersions`, and
   * validated with their own validators; newer than the built-in ones, the last given the newest.
   */
  revisions?: readonly RevisionSpec[];
}

/** Adds to the capabilities declared under one revision (an extension's, for instance). */
export type CapabilityContributor = (revision: RevisionSpec, capabilities: ServerCapabilities) => ServerCapabilities;

type Handlers = ServerRequestHandlers<ServerRequestContext>;
type NotificationHandlers = ServerNotificationHandlers<ServerRequestContext>;
/** Request methods a server may handle (initialize is answered by the session itself). */
export type HandledRequestMethod = keyof Handlers;

const LIST_CHANGED: Record<keyof NotificationOptions, string> = {
  toolsChanged: "tools",
  resourcesChanged: "resources",
  promptsChanged: "prompts",
};

/** Sets `path` in `caps`: a top-level capability is an object, a flag under one is `true`. */
function declare(caps: Record<string, unknown>, path: readonly string[]): void {
  const [top, flag] = path;
  if (top === undefined) return;
  const node = (caps[top] ??= {}) as Record<string, unknown>;
  if (flag !== undefined) node[flag] = true;
}

/**
 * The low-level server: one typed handler per method (`onListTools`, `onCallTool`, ... generated, or
 * `setRequestHandler("tools/call", ...)`), capabilities derived from what is registered, and one
 * ServerSession per connection.
 */
export class Server extends ServerHandlerMethods<ServerRequestContext> {
  readonly info: Implementation;
  readonly instructions: string | undefined;
  /** The revisions this server speaks: the built-in ones and those given in {@link ServerOptions.revisions}. */
  readonly revisions: RevisionSet;
  readonly #options: ServerOptions;
  readonly #requests = new Map<string, AnyRequestHandler<ServerRequestContext>>();
  readonly #notifications = new Map<string, AnyNotificationHandler>();
  readonly #sessions = new Set<ServerSession>();
  #capabilities: ServerCapabilities | undefined;
  readonly #byRevision = new Map<string, ServerCapabilities>();
  readonly #contributors: CapabilityContributor[] = [];
  readonly #cacheHints = new Map<string, CacheHints>();
  readonly #extensions = new Map<string, ServerExtension>();
  readonly #extended = new Map<string, RevisionSpec>();
  /** The extension whose handler serves each method it registered one for. */
  readonly #extensionHandlers = new Map<string, ServerExtension>();
  readonly #runtime: ServerRuntime;
  readonly #middleware: Middleware[] = [];

  /** What this server hands its sessions ({@link ServerRuntime}): one object, its methods on the prototype. */
  static readonly #Runtime = class Runtime implements ServerRuntime {
    readonly #server: Server;

    constructor(server: Server) {
      this.#server = server;
    }

    get info(): Implementation {
      return this.#server.info;
    }

    get instructions(): string | undefined {
      return this.#server.instructions;
    }

    get revisions(): RevisionSet {
      return this.#server.revisions;
    }

    get capabilities(): ServerCapabilities {
      return this.#server.capabilities;
    }

    capabilitiesFor(revision: RevisionSpec): ServerCapabilities {
      return this.#server.capabilitiesFor(revision);
    }

    withExtensions(revision: RevisionSpec): RevisionSpec {
      const server = this.#server;
      if (server.#extensions.size === 0) return revision;
      let extended = server.#extended.get(revision.name);
      if (!extended)
        server.#extended.set(revision.name, (extended = extendRevision(revision, server.#extensions.values())));
      return extended;
    }

    handles(revision: RevisionSpec, method: string): boolean {
      return this.#server.#extensionHandlers.get(method)?.revisions.includes(revision.name) ?? true;
    }

    extensionOf(revision: RevisionSpec, method: string): ServerExtension | undefined {
      return extensionOf(this.#server.#extensions.values(), revision.name, method);
    }

    agreeTopics(
      requested: Record<string, unknown>,
      request: ServerRequestContext,
      agreed: Record<string, unknown>,
    ): Promise<Record<string, unknown>> {
      return agreeTopics(this.#server.#extensions.values(), requested, request, agreed);
    }

    topicWanted(filter: Record<string, unknown>, method: string, params: unknown): boolean {
      return topicWanted(this.#server.#extensions.values(), filter, method, params);
    }

    cacheHints(method: string): CacheHints | undefined {
      return this.#server.#cacheHints.get(method);
    }

    requestHandler(method: string): AnyRequestHandler<ServerRequestContext> | undefined {
      return this.#server.#requests.get(method);
    }

    around(handler: AnyRequestHandler<ServerRequestContext>): AnyRequestHandler<ServerRequestContext> {
      return aroundHandler(this.#server.#middleware, handler);
    }

    notificationHandler(method: string): AnyNotificationHandler | undefined {
      return this.#server.#notifications.get(method);
    }

    ended(session: ServerSession): void {
      this.#server.#sessions.delete(session);
    }
  };

  constructor(info: Implementation, options: ServerOptions = {}) {
    super();
    this.#runtime = new Server.#Runtime(this);
    this.info = info;
    this.instructions = options.instructions;
    this.revisions = RevisionSet.of(options.revisions);
    this.#options = options;
    for (const [method, hints] of Object.entries(options.cacheHints ?? {}))
      if (hints) this.#cacheHints.set(method, hints);
  }

  /** Handles a client-to-server request method, replacing any earlier handler. */
  override setRequestHandler<M extends HandledRequestMethod>(method: M, handler: Handlers[M]): this {
    if ((method as string) === "initialize") throw new TypeError("mcpkit: initialize is answered by the session");
    const known =
      Object.hasOwn(surfaceRequests, method) || this.revisions.all.some((r) => Object.hasOwn(r.requests, method));
    if (!known) throw new TypeError(`mcpkit: ${method} is not a request method`);
    this.#requests.set(method, handler);
    this.#extensionHandlers.delete(method);
    this.#changedCapabilities();
    return this;
  }

  /**
   * Adds a step around every request this server serves (see {@link Middleware}): read the caller,
   * refuse with an `McpError`, change or filter a result. Steps run in the order added.
   */
  use(middleware: Middleware): this {
    if (typeof middleware !== "function") throw new TypeError("mcpkit: use() takes a middleware function");
    this.#middleware.push(middleware);
    return this;
  }

  /** Handles a client-to-server notification method. */
  override setNotificationHandler<M extends keyof NotificationHandlers>(
    method: M,
    handler: NotificationHandlers[M],
  ): this {
    this.#notifications.set(method, handler as AnyNotificationHandler);
    return this;
  }

  /** Removes a request handler; its capability is no longer declared to new sessions. */
  removeRequestHandler(method: HandledRequestMethod): this {
    this.#requests.delete(method);
    this.#changedCapabilities();
    return this;
  }

  /** Declares more capabilities, under each revision as `contributor` says (extensions, for instance). */
  contributeCapabilities(contributor: CapabilityContributor): this {
    this.#contributors.push(contributor);
    this.#changedCapabilities();
    return this;
  }

  /**
   * Serves an extension's methods under the revisions it applies to, with these handlers, and
   * declares it there (`capabilities.extensions[id]`). Its requests are served only to requests that
   * declare it in their client capabilities (else -32021).
   */
  useExtension(extension: ServerExtension, handlers: Record<string, AnyRequestHandler<ServerRequestContext>>): this {
    if (this.#extensions.has(extension.id)) throw new TypeError(`mcpkit: extension ${extension.id} is already in use`);
    for (const method of Object.keys(handlers))
      if (!Object.hasOwn(extension.spec.requests, method))
        throw new TypeError(`mcpkit: ${method} is not a request method of extension ${extension.id}`);
    this.#extensions.set(extension.id, extension);
    this.#extended.clear();
    for (const [method, handler] of Object.entries(handlers)) {
      this.#requests.set(method, handler);
      this.#extensionHandlers.set(method, extension);
    }
    return this.contributeCapabilities((revision, caps) => {
      if (!extension.revisions.includes(revision.name)) return caps;
      const declared = (caps as { extensions?: Record<string, unknown> }).extensions;
      return { ...caps, extensions: { ...declared, [extension.id]: extension.settings ?? {} } } as ServerCapabilities;
    });
  }

  /** Sets the caching hints of `method`'s results (2026-07-28 on); see {@link ServerOptions.cacheHints}. */
  setCacheHints(method: string, hints: CacheHints): this {
    this.#cacheHints.set(method, hints);
    return this;
  }

  #changedCapabilities(): void {
    this.#capabilities = undefined;
    this.#byRevision.clear();
  }

  /** The capabilities declared at initialize: implied by the handlers, the notification options, then the given ones. */
  get capabilities(): ServerCapabilities {
    return (this.#capabilities ??= this.#deriveCapabilities(this.revisions.all));
  }

  /**
   * The capabilities declared under one revision: what its own methods' gates imply of the registered
   * handlers (so a stateless revision declares no capability it has no method for), then the
   * contributors'. `server/discover` answers these.
   */
  capabilitiesFor(revision: RevisionSpec): ServerCapabilities {
    let caps = this.#byRevision.get(revision.name);
    if (!caps) {
      caps = this.#deriveCapabilities([revision], revision);
      this.#byRevision.set(revision.name, caps);
    }
    return caps;
  }

  #deriveCapabilities(from: readonly RevisionSpec[], only?: RevisionSpec): ServerCapabilities {
    const caps: Record<string, unknown> = {};
    for (const method of this.#requests.keys()) {
      for (const revision of from) {
        const gate = own(revision.requests, method)?.capability;
        if (gate?.side === "server") declare(caps, gate.path);
      }
    }
    const logs = !only || own(only.notifications, "notifications/message")?.capability;
    if ((this.#options.logging ?? true) && logs) declare(caps, ["logging"]);
    for (const [option, top] of Object.entries(LIST_CHANGED)) {
      if (this.#options.notificationOptions?.[option as keyof NotificationOptions] && caps[top])
        declare(caps, [top, "listChanged"]);
    }
    // Stateless revisions carry resource updates on subscriptions/listen: offered where resources/subscribe is handled.
    if (only && !only.stateful && caps.resources && this.#requests.has("resources/subscribe"))
      declare(caps, ["resources", "subscribe"]);
    let declared = { ...caps, ...this.#options.capabilities } as ServerCapabilities;
    for (const contributor of this.#contributors)
      for (const revision of only ? [only] : from) declared = contributor(revision, declared);
    return declared;
  }

  /** The open sessions, one per connected client. */
  get sessions(): ReadonlySet<ServerSession> {
    return this.#sessions;
  }

  /** Serves one connection: starts the transport and resolves with its session. */
  async connect(transport: Transport, options: InitializationOptions = {}): Promise<ServerSession> {
    const { logger, requestTimeout, maxTotalTimeout, validateOutbound } = this.#options;
    const session = new ServerSession(transport, this.#runtime, {
      logger,
      requestTimeout,
      maxTotalTimeout,
      validateOutbound,
      ...options,
    });
    this.#sessions.add(session);
    await session.start();
    return session;
  }

  /** Serves one connection until it closes. */
  async run(transport: Transport, options: InitializationOptions = {}): Promise<void> {
    const session = await this.connect(transport, options);
    if (!session.isOpen) return;
    await new Promise<void>((resolve) => session.onClose(() => resolve()));
  }

  /**
   * Sends a notification to every initialized session, and on every `subscriptions/listen` stream that
   * opted in to it (list changes; for resource updates see FastMCP's notifyResourceUpdated).
   */
  async broadcast<M extends ServerNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
  ): Promise<void> {
    const sends = [...this.#sessions].map((s) =>
      s.protocolVersion ? s.notify(method, params) : s.publish(method, params),
    );
    await Promise.allSettled(sends);
  }

  /** Ends open subscriptions gracefully, then closes every session. */
  async close(): Promise<void> {
    await this.endSubscriptions();
    await Promise.allSettled([...this.#sessions].map((s) => s.close()));
  }

  /** Ends every open `subscriptions/listen` stream gracefully: each is answered, which closes it. */
  async endSubscriptions(): Promise<void> {
    for (const session of this.#sessions) session.endSubscriptions();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
