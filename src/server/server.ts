import type { CallerParams, RevisionSpec } from "../../generated/common.js";
import { own } from "../validate/core.js";
import { revisions } from "../../generated/index.js";
import type { NotificationMap, RequestMap, ServerNotificationMethod } from "../../generated/surface/methods.js";
import { requests as surfaceRequests } from "../../generated/surface/methods.js";
import {
  serverHandlers,
  type ServerHandlerRegistrars,
  type ServerNotificationHandlers,
  type ServerRequestHandlers,
} from "../../generated/surface/server.js";
import type { AnyNotificationHandler, AnyRequestHandler, SessionOptions } from "../protocol/session.js";
import { installMethods } from "../protocol/install.js";
import type { Transport } from "../protocol/transport.js";
import { ServerRequestContext, ServerSession, type InitializationOptions } from "./server-session.js";

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
}

type Handlers = ServerRequestHandlers<ServerRequestContext>;
type NotificationHandlers = ServerNotificationHandlers<ServerRequestContext>;
/** Request methods a server may handle; initialize is answered by the session itself. */
export type HandledRequestMethod = Exclude<keyof Handlers, "initialize">;

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed by the interface below
export class Server {
  readonly info: Implementation;
  readonly instructions: string | undefined;
  readonly #options: ServerOptions;
  readonly #requests = new Map<string, AnyRequestHandler<ServerRequestContext>>();
  readonly #notifications = new Map<string, AnyNotificationHandler>();
  readonly #sessions = new Set<ServerSession>();
  #capabilities: ServerCapabilities | undefined;

  constructor(info: Implementation, options: ServerOptions = {}) {
    this.info = info;
    this.instructions = options.instructions;
    this.#options = options;
  }

  /** Handles a client-to-server request method, replacing any earlier handler. */
  setRequestHandler<M extends HandledRequestMethod>(method: M, handler: Handlers[M]): this {
    if ((method as string) === "initialize") throw new TypeError("mcpkit: initialize is answered by the session");
    if (!Object.hasOwn(surfaceRequests, method)) throw new TypeError(`mcpkit: ${method} is not a request method`);
    this.#requests.set(method, handler);
    this.#capabilities = undefined;
    return this;
  }

  /** Handles a client-to-server notification method. */
  setNotificationHandler<M extends keyof NotificationHandlers>(method: M, handler: NotificationHandlers[M]): this {
    this.#notifications.set(method, handler as AnyNotificationHandler);
    return this;
  }

  /** Removes a request handler; its capability is no longer declared to new sessions. */
  removeRequestHandler(method: HandledRequestMethod): this {
    this.#requests.delete(method);
    this.#capabilities = undefined;
    return this;
  }

  /** @internal The handler a session dispatches `method` to. */
  requestHandler(method: string): AnyRequestHandler<ServerRequestContext> | undefined {
    return this.#requests.get(method);
  }

  /** @internal */
  notificationHandler(method: string): AnyNotificationHandler | undefined {
    return this.#notifications.get(method);
  }

  /** The capabilities declared at initialize: implied by the handlers, the notification options, then the given ones. */
  get capabilities(): ServerCapabilities {
    return (this.#capabilities ??= this.#deriveCapabilities());
  }

  #deriveCapabilities(): ServerCapabilities {
    const caps: Record<string, unknown> = {};
    for (const method of this.#requests.keys()) {
      for (const revision of Object.values<RevisionSpec>(revisions)) {
        const gate = own(revision.requests, method)?.capability;
        if (gate?.side === "server") declare(caps, gate.path);
      }
    }
    if (this.#options.logging ?? true) declare(caps, ["logging"]);
    for (const [option, top] of Object.entries(LIST_CHANGED)) {
      if (this.#options.notificationOptions?.[option as keyof NotificationOptions] && caps[top])
        declare(caps, [top, "listChanged"]);
    }
    return { ...caps, ...this.#options.capabilities } as ServerCapabilities;
  }

  /** The open sessions, one per connected client. */
  get sessions(): ReadonlySet<ServerSession> {
    return this.#sessions;
  }

  /** Serves one connection: starts the transport and resolves with its session. */
  async connect(transport: Transport, options: InitializationOptions = {}): Promise<ServerSession> {
    const { logger, requestTimeout, maxTotalTimeout, validateOutbound } = this.#options;
    const session = new ServerSession(transport, this, {
      logger,
      requestTimeout,
      maxTotalTimeout,
      validateOutbound,
      ...options,
    });
    this.#sessions.add(session);
    session.onClose(() => this.#sessions.delete(session));
    await session.start();
    return session;
  }

  /** Serves one connection until it closes. */
  async run(transport: Transport, options: InitializationOptions = {}): Promise<void> {
    const session = await this.connect(transport, options);
    if (!session.isOpen) return;
    await new Promise<void>((resolve) => session.onClose(() => resolve()));
  }

  /** Sends a notification to every initialized session (list changes, resource updates). */
  async broadcast<M extends ServerNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
  ): Promise<void> {
    const sends = [...this.#sessions].filter((s) => s.protocolVersion).map((s) => s.notify(method, params));
    await Promise.allSettled(sends);
  }

  /** Closes every session. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#sessions].map((s) => s.close()));
  }
}

// The generated table adds one registration method per handled method; this interface types them.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Server extends Omit<ServerHandlerRegistrars<ServerRequestContext, Server>, "onInitialize"> {}

const { onInitialize: _answeredBySession, ...registrars } = serverHandlers;
installMethods(Server.prototype, registrars, (method) =>
  Object.hasOwn(surfaceRequests, method)
    ? function (this: Server, handler: never) {
        return this.setRequestHandler(method as HandledRequestMethod, handler);
      }
    : function (this: Server, handler: never) {
        return this.setNotificationHandler(method as keyof NotificationHandlers, handler);
      },
);
