import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { RevisionSpec } from "../../../generated/common.js";
import type { RequestMap } from "../../../generated/surface/methods.js";
import { ErrorCode, McpError } from "../../protocol/errors.js";
import type { Logger } from "../../protocol/logger.js";
import type { Transport } from "../../protocol/transport.js";
import type { WebHandler } from "../../transports/http/node-server.js";
import { stdioServer } from "../../transports/stdio/stdio.js";
import { Routes, serveHttp, serveSse, type HttpApp, type SseApp, type SseRunOptions } from "./http-app.js";
import { serveWebSocket, type WebSocketApp, type WebSocketRunOptions } from "./ws-app.js";
import { authorizationServersOf, type AuthSettings } from "./auth-app.js";
import { mcpHandler, type McpHandler, type McpHandlerOptions } from "./web-app.js";
import { Context } from "./context.js";
import { ScopeRules, type ScopedKind } from "./scopes.js";
import { ResourceSubscribers, type UpdateAudience } from "./resource-updates.js";
import type { Middleware } from "../middleware.js";
import { principalOf, type AuthInfo } from "../../protocol/auth-info.js";
import type { CacheHints } from "../stateless.js";
import { RequestStateSealer, withInputs, type InputChannel, type RequestStateOptions } from "./input-required.js";
import { PromptRegistry, type PromptArgument, type PromptHandler, type PromptOptions } from "./prompts.js";
import { ResourceRegistry, type ResourceHandler, type ResourceOptions } from "./resources.js";
import type { NoBareShape, SchemaInput } from "./schema-input.js";
import { Server, type Implementation } from "../server.js";
import type { InitializationOptions, ServerRequestContext, ServerSession } from "../server-session.js";
import { SkillsProvider, type SkillsOptions } from "../skills/skills.js";
import { TaskTools } from "../tasks/task-tools.js";
import type { TaskManagerOptions } from "../tasks/tasks.js";
import { applyStore, NotificationSharing, type FastHttpRunOptions, type NotificationBody } from "./store-app.js";
import { ToolRegistry, type ToolHandler, type ToolOptions } from "./tools.js";

type CompleteParams = RequestMap["completion/complete"]["params"];
type CompleteResult = RequestMap["completion/complete"]["result"];

/** Options of a FastMCP server. */
export interface FastMCPOptions {
  version?: string;
  title?: string;
  instructions?: string;
  icons?: Implementation["icons"];
  websiteUrl?: string;
  logger?: Logger;
  /** Default milliseconds to wait for the client's answers (sampling, elicitation, roots). */
  requestTimeout?: number;
  /**
   * Caching hints (2026-07-28 on) per feature: `tools` (tools/list), `prompts` (prompts/list),
   * `resources` (resources/list, resources/templates/list, resources/read) and `discover`. Unset: `ttlMs` 0, `private`.
   */
  cache?: Partial<Record<"tools" | "prompts" | "resources" | "discover", CacheHints>>;
  /** How the request states of input-required requests are sealed (2026-07-28 on). */
  requestState?: RequestStateOptions;
  /** How tasks of task tools (tasks extension) live: TTL, poll interval, and who owns them. */
  tasks?: Omit<TaskManagerOptions, "logger">;
  /** Revisions spoken beyond the built-in ones (modules from `mcp generate`); as the low-level Server takes them. */
  revisions?: readonly RevisionSpec[];
  /**
   * Protects every MCP endpoint the `run*` methods serve with bearer tokens (OAuth 2.1 resource
   * server): a token is required and verified on each request, and the Protected Resource Metadata is
   * served at the well-known URLs. Handlers see the caller as `ctx.auth`.
   */
  auth?: AuthSettings;
}

const CACHED_METHODS = {
  tools: ["tools/list"],
  prompts: ["prompts/list"],
  resources: ["resources/list", "resources/templates/list", "resources/read"],
  discover: ["server/discover"],
} as const;

/** `(options, handler)` or `(handler)`, as tool, resource and prompt take them. */
function optionsAndHandler(optionsOrHandler: object, handler: unknown): [object, never] {
  return typeof optionsOrHandler === "function"
    ? [{}, optionsOrHandler as never]
    : [optionsOrHandler, handler as never];
}

/** The most completion values one answer may carry. */
const MAX_COMPLETIONS = 100;
/** How long requests in flight may take to finish when `mcp run --transport http` is stopped. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * The high-level server: tools, resources and prompts in a few lines, each handler given a Context.
 * Registration checks names, templates and schemas at once; at run time every failure becomes the
 * result or JSON-RPC error the spec names. Adding or removing anything while clients are connected
 * tells them (list_changed).
 */
export class FastMCP {
  /** The low-level server underneath, for anything FastMCP does not cover. */
  readonly server: Server;
  readonly name: string;
  readonly #tools = new ToolRegistry();
  readonly #resources = new ResourceRegistry();
  readonly #prompts = new PromptRegistry();
  readonly #subscribers = new ResourceSubscribers();
  readonly #routes = new Routes();
  readonly #logger: Logger | undefined;
  readonly #auth: AuthSettings | undefined;
  readonly #sealer: RequestStateSealer;
  readonly #tasks: TaskTools;
  readonly #shared: NotificationSharing;
  #skills: SkillsProvider | undefined;
  readonly #scopes: ScopeRules;
  #scoped = false;
  #defaultHandler: McpHandler | undefined;

  /**
   * Serves one web-standard request at `/mcp` (and the custom routes, and with `auth` the metadata),
   * with every check `runHttp` makes: `export default { fetch: app.fetch }` on Cloudflare Workers,
   * `Bun.serve({ fetch: app.fetch })`, `Deno.serve(app.fetch)`, Hono's `(c) => app.fetch(c.req.raw)`.
   * Bound to this server. DNS-rebinding protection allows loopback hosts only: name the public host
   * with `app.handler({ security: { allowedHosts: [...] } })`.
   */
  readonly fetch = (request: Request): Promise<Response> => (this.#defaultHandler ??= this.handler())(request);

  constructor(name: string, options: FastMCPOptions = {}) {
    this.name = name;
    this.#logger = options.logger;
    this.#auth = options.auth;
    if (options.auth) authorizationServersOf(options.auth);
    const { version = "0.1.0", title, icons, websiteUrl, instructions, logger, requestTimeout, revisions } = options;
    const info: Implementation = {
      name,
      version,
      ...(title === undefined ? {} : { title }),
      ...(icons === undefined ? {} : { icons }),
      ...(websiteUrl === undefined ? {} : { websiteUrl }),
    };
    this.server = new Server(info, {
      ...(instructions === undefined ? {} : { instructions }),
      ...(logger === undefined ? {} : { logger }),
      ...(requestTimeout === undefined ? {} : { requestTimeout }),
      ...(revisions === undefined ? {} : { revisions }),
      notificationOptions: { toolsChanged: true, resourcesChanged: true, promptsChanged: true },
    });
    this.#scopes = new ScopeRules((uri) => this.#resources.keyOf(uri), !!options.auth, options.auth?.requiredScopes);
    this.#sealer = new RequestStateSealer(options.requestState);
    this.#shared = new NotificationSharing((notification) => this.#deliver(notification), logger);
    this.#tasks = new TaskTools(this.server, { ...options.tasks, ...(logger === undefined ? {} : { logger }) });
    for (const [feature, methods] of Object.entries(CACHED_METHODS)) {
      const hints = options.cache?.[feature as keyof typeof CACHED_METHODS];
      if (hints) for (const method of methods) this.server.setCacheHints(method, hints);
    }
    this.#serve();
  }

  /** Registers a tool: its arguments are validated against `input` before `handler` runs. */
  tool<
    I extends SchemaInput | StandardSchemaV1 | undefined = undefined,
    O extends SchemaInput | StandardSchemaV1 | undefined = undefined,
  >(
    name: string,
    options: ToolOptions<I, O> & { input?: NoBareShape<I>; output?: NoBareShape<O> },
    handler: ToolHandler<I, O>,
  ): this;
  tool(name: string, handler: ToolHandler<undefined, undefined>): this;
  tool(name: string, optionsOrHandler: object, handler?: unknown): this {
    const [options, run] = optionsAndHandler(optionsOrHandler, handler);
    this.#tools.add(name, options, run);
    this.#scope("tool", name, options);
    if (this.#tools.taskOptions(name)) this.#tasks.enable();
    this.#changed("notifications/tools/list_changed");
    return this;
  }

  removeTool(name: string): boolean {
    this.#scopes.set("tool", name, undefined);
    return this.#removed(this.#tools.remove(name), "notifications/tools/list_changed");
  }

  /** Registers a resource by URI, or a template of them (`notes://{id}`) whose variables reach the handler. */
  resource<const T extends string>(uriOrTemplate: T, options: ResourceOptions<T>, handler: ResourceHandler<T>): this;
  resource<const T extends string>(uriOrTemplate: T, handler: ResourceHandler<T>): this;
  resource(uriOrTemplate: string, optionsOrHandler: object, handler?: unknown): this {
    const [options, run] = optionsAndHandler(optionsOrHandler, handler);
    this.#resources.add(uriOrTemplate, options, run);
    this.#scope("resource", uriOrTemplate, options);
    this.#changed("notifications/resources/list_changed");
    return this;
  }

  removeResource(uriOrTemplate: string): boolean {
    this.#scopes.set("resource", uriOrTemplate, undefined);
    return this.#removed(this.#resources.remove(uriOrTemplate), "notifications/resources/list_changed");
  }

  /** Registers a prompt; required arguments are checked before `handler` runs. */
  prompt<const A extends Record<string, PromptArgument> = Record<never, PromptArgument>>(
    name: string,
    options: PromptOptions<A>,
    handler: PromptHandler<A>,
  ): this;
  prompt(name: string, handler: PromptHandler<Record<never, PromptArgument>>): this;
  prompt(name: string, optionsOrHandler: object, handler?: unknown): this {
    const [options, run] = optionsAndHandler(optionsOrHandler, handler);
    this.#prompts.add(name, options, run);
    this.#scope("prompt", name, options);
    this.#changed("notifications/prompts/list_changed");
    return this;
  }

  removePrompt(name: string): boolean {
    this.#scopes.set("prompt", name, undefined);
    return this.#removed(this.#prompts.remove(name), "notifications/prompts/list_changed");
  }

  /**
   * Tells every client subscribed to `uri` that it changed (notifications/resources/updated): sessions
   * that subscribed with resources/subscribe, and `subscriptions/listen` streams that named it. With
   * `to` (a caller's `ctx.auth`, or its principal), only that caller's subscriptions are told.
   */
  notifyResourceUpdated(uri: string, options: { to?: UpdateAudience } = {}): Promise<void> {
    const to = options.to;
    const principal = to === undefined || typeof to === "string" ? to : principalOf(to);
    // Shared with the other replicas: for everyone, or for one principal (a caller without one has no audience there).
    if (to === undefined) this.#shared.publish({ uri });
    else if (principal !== undefined) this.#shared.publish({ uri, principal });
    return this.#subscribers.notify(this.server.sessions, uri, to);
  }

  /**
   * Adds a step around every request (see {@link Middleware}): it sees the params and the request
   * (`request.auth`, `request.headers`), and may refuse with an `McpError`, answer, or change the result.
   */
  use(middleware: Middleware): this {
    this.server.use(middleware);
    return this;
  }

  /** Serves one connection over any transport; resolves with its session. */
  async connect(transport: Transport, options?: InitializationOptions): Promise<ServerSession> {
    const session = await this.server.connect(transport, options);
    const { subscriptions, principal } = options?.restored ?? {};
    if (subscriptions) this.#subscribers.restore(session, subscriptions, principal);
    return session;
  }

  /**
   * Serves on this process's stdin and stdout until the client goes away. Under `mcp run --transport
   * http` (which sets MCPKIT_TRANSPORT=http, MCPKIT_HOST and MCPKIT_PORT) it serves Streamable HTTP
   * there instead, until SIGINT or SIGTERM (then requests in flight get 10 s to finish), so one
   * server file runs either way.
   */
  runStdio(): Promise<void> {
    if (process.env.MCPKIT_TRANSPORT === "http") return this.#serveHttpFromEnvironment();
    return this.server.run(stdioServer());
  }

  async #serveHttpFromEnvironment(): Promise<void> {
    const { MCPKIT_HOST: host, MCPKIT_PORT: port } = process.env;
    const served = await this.runHttp({ ...(host ? { host } : {}), ...(port ? { port: Number(port) } : {}) });
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await served.close({ timeoutMs: SHUTDOWN_TIMEOUT_MS });
  }

  /**
   * Serves Streamable HTTP at `http://host:port/path` (default 127.0.0.1:3000/mcp), with the custom
   * routes beside it; resolves once listening, with the URL and `close()`.
   */
  async runHttp(options: FastHttpRunOptions = {}): Promise<HttpApp> {
    const applied = await applyStore(options, this.#auth, this.#tasks.manager, this.#shared, this.#sealer);
    // Subscriptions end with an answer (a graceful end the client can tell from a dropped connection),
    // once the server has stopped accepting, so that their clients listen again on another replica.
    const endSubscriptions = () => this.server.endSubscriptions();
    const served = await serveHttp(...this.#streamable(applied.options, applied.auth), endSubscriptions).catch(
      async (error: unknown) => {
        await applied.stop();
        throw error;
      },
    );
    const close = served.close;
    return { ...served, close: async (closeOptions) => (await close(closeOptions), applied.stop()) };
  }

  /**
   * The HTTP handler of this server with `options` (path, security, limits): a function that answers a
   * web `Request` with a `Response`, or node:http's request and response in place (Express, with or
   * without `express.json()` in front; Fastify's raw request and reply, its parsed body third).
   */
  handler(options: McpHandlerOptions = {}): McpHandler {
    return mcpHandler(...this.#streamable(options));
  }

  /** What the Streamable HTTP endpoint is built from, however it is served (`runHttp`, `handler`). */
  #streamable<O extends object>(options: O, auth = this.#auth) {
    return [
      (transport: Transport, init?: Parameters<Server["connect"]>[1]) => this.server.connect(transport, init),
      this.#routes,
      {
        toolHeaders: (name: string) => this.#tools.headerParams(name),
        revisions: this.server.revisions.all,
        ...options,
      },
      this.#logger,
      auth,
      this.#scopeCheck,
    ] as const;
  }

  /** Serves the legacy HTTP+SSE transport (2024-11-05 clients) at `/sse` and `/messages`, with the custom routes. */
  runSse(options: SseRunOptions = {}): Promise<SseApp> {
    const connect = (transport: Transport) => this.server.connect(transport);
    return serveSse(connect, this.#routes, options, this.#logger, this.#auth, this.#scopeCheck);
  }

  /** Serves MCP over WebSocket (subprotocol `mcp`) at `ws://host:port/ws`, with the custom routes. */
  runWebSocket(options: WebSocketRunOptions = {}): Promise<WebSocketApp> {
    const connect = (transport: Transport) => this.server.connect(transport);
    return serveWebSocket(connect, this.#routes, options, this.#logger, this.#auth);
  }

  /** Serves `handler` for GET requests to `path` on the HTTP server `runHttp` starts. */
  get(path: string, handler: WebHandler): this {
    return this.route("GET", path, handler);
  }

  post(path: string, handler: WebHandler): this {
    return this.route("POST", path, handler);
  }

  put(path: string, handler: WebHandler): this {
    return this.route("PUT", path, handler);
  }

  patch(path: string, handler: WebHandler): this {
    return this.route("PATCH", path, handler);
  }

  delete(path: string, handler: WebHandler): this {
    return this.route("DELETE", path, handler);
  }

  /**
   * Serves `handler` for `method` requests to `path` beside the MCP endpoint; with `auth: true` (which
   * needs the `auth` option), requests to it pass the bearer guard first.
   */
  route(method: string, path: string, handler: WebHandler, options: { auth?: boolean } = {}): this {
    if (options.auth && !this.#auth)
      throw new TypeError(`mcpkit: route ${path} asks for auth, but the server has no auth option`);
    this.#routes.add(method, path, handler, options);
    return this;
  }

  /**
   * Serves every Agent Skill under `folder` (skills extension, SEP-2640): each file as a
   * `skill://<skill-path>/<file>` resource, `skills/list`, `skills/get` and `resources/directory/read`.
   * A skill that breaks the naming rules or the per-skill limits is refused here, saying why
   * (SkillFolderError). The folder is watched (never keeping the process alive) and reloaded on change.
   */
  skills(folder: string, options: SkillsOptions = {}): this {
    if (this.#skills) throw new TypeError("mcpkit: this server already serves a skills folder");
    const changed = () => this.#changed("notifications/resources/list_changed");
    this.#skills = new SkillsProvider(folder, options, changed, this.#logger);
    this.#skills.register(this.server);
    changed();
    return this;
  }

  /** Closes every connection, and stops watching the skills folder. */
  close(): Promise<void> {
    this.#skills?.close();
    return this.server.close();
  }

  /** Reads one of this server's resources (skill files included) for a handler (`ctx.readResource`). */
  readResource(uri: string, ctx: Context): Promise<RequestMap["resources/read"]["result"]> {
    if (this.#skills?.owns(uri)) return this.#skills.read(uri, ctx);
    return this.#resources.read(uri, ctx);
  }

  /** Records an item's scopes; the first scoped item puts the scope middleware in place. */
  #scope(kind: ScopedKind, key: string, options: { scopes?: readonly string[] }): void {
    this.#scopes.set(kind, key, options.scopes);
    if (this.#scopes.empty || this.#scoped) return;
    this.#scoped = true;
    this.server.use(this.#scopes.middleware());
  }

  readonly #scopeCheck = (messages: readonly unknown[], auth: AuthInfo | undefined) =>
    this.#scopes.httpRefusal(messages, auth);

  #context(request: ServerRequestContext, channel?: InputChannel): Context {
    return new Context(request, this, channel);
  }

  #serve(): void {
    const server = this.server;
    server
      .onListTools(() => ({ tools: this.#tools.list() }))
      .onCallTool((params, request) =>
        withInputs(request, params, this.#sealer, (channel) => {
          const ctx = this.#context(request, channel);
          const run = () => this.#tools.call(params.name, params.arguments, ctx);
          return this.#tasks.call(this.#tools.taskOptions(params.name), ctx, run) as ReturnType<typeof run>;
        }),
      )
      .onListResources(() => ({ resources: [...this.#resources.list(), ...(this.#skills?.resources() ?? [])] }))
      .onListResourceTemplates(() => ({ resourceTemplates: this.#resources.listTemplates() }))
      .onReadResource((params, request) =>
        withInputs(request, params, this.#sealer, (channel) =>
          this.readResource(params.uri, this.#context(request, channel)),
        ),
      )
      .onSubscribe((params, request) => this.#subscribers.subscribe(request, params.uri, true))
      .onUnsubscribe((params, request) => this.#subscribers.subscribe(request, params.uri, false))
      .onListPrompts(() => ({ prompts: this.#prompts.list() }))
      .onGetPrompt((params, request) =>
        withInputs(request, params, this.#sealer, (channel) =>
          this.#prompts.get(params.name, params.arguments, this.#context(request, channel)),
        ),
      )
      .onComplete((params, request) => this.#complete(params, request));
  }

  async #complete(params: CompleteParams, request: ServerRequestContext): Promise<CompleteResult> {
    const { ref, argument } = params;
    const completer =
      ref.type === "ref/prompt"
        ? this.#prompts.completer(ref.name, argument.name)
        : this.#resources.completer((ref as { uri: string }).uri, argument.name);
    if (completer === undefined)
      throw new McpError(ErrorCode.InvalidParams, `Nothing to complete for ${ref.type} ${JSON.stringify(ref)}`);
    if (completer === null) return { completion: { values: [] } };
    const { auth, headers } = request;
    const values = await completer(argument.value, { arguments: params.context?.arguments ?? {}, auth, headers });
    return {
      completion: {
        values: values.slice(0, MAX_COMPLETIONS),
        total: values.length,
        hasMore: values.length > MAX_COMPLETIONS,
      },
    };
  }

  #changed(method: `notifications/${"tools" | "resources" | "prompts"}/list_changed`): void {
    if (this.server.sessions.size > 0) void this.server.broadcast(method);
    this.#shared.publish({ list: method.split("/")[1] as "tools" | "resources" | "prompts" });
  }

  /** Delivers here a notification another replica raised. */
  #deliver(notification: NotificationBody): void {
    if ("list" in notification) {
      if (this.server.sessions.size > 0) void this.server.broadcast(`notifications/${notification.list}/list_changed`);
    } else if ("task" in notification) this.#tasks.manager.deliverRemote(notification.task);
    else void this.#subscribers.notify(this.server.sessions, notification.uri, notification.principal);
  }

  #removed(removed: boolean, method: `notifications/${"tools" | "resources" | "prompts"}/list_changed`): boolean {
    if (removed) this.#changed(method);
    return removed;
  }
}
