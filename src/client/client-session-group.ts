import type { RequestMap } from "../../generated/surface/methods.js";
import { ErrorCode, McpError } from "../protocol/errors.js";
import type { RequestOptions } from "../protocol/outbound.js";
import type { Transport } from "../protocol/transport.js";
import type { ClientAuthOption } from "../auth/client/authorized-request.js";
import { SseClientTransport } from "../transports/http/sse-client.js";
import { StreamableHttpClientTransport } from "../transports/http/streamable-http-client.js";
import { stdioClient, type StdioServerParameters } from "../transports/stdio/stdio.js";
import { WebSocketClientTransport } from "../transports/websocket/websocket.js";
import { ClientSession, type ClientSessionOptions, type Implementation, type RequestResult } from "./client-session.js";

type Tool = RequestMap["tools/list"]["result"]["tools"][number];
type Resource = RequestMap["resources/list"]["result"]["resources"][number];
type Prompt = RequestMap["prompts/list"]["result"]["prompts"][number];

/** The kinds of component a group aggregates. */
export type ComponentKind = "tools" | "resources" | "prompts";

/** A remote server: its URL, which transport speaks to it, and how requests are authorized. */
export interface RemoteServerParameters {
  /** The endpoint: http(s) for Streamable HTTP and HTTP+SSE, ws(s) for WebSocket. */
  url: string | URL;
  /** Streamable HTTP by default; `websocket` for a ws(s) URL. */
  kind?: "streamable-http" | "sse" | "websocket";
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** OAuth authorization: a provider, or an `OAuthClientAuth` shared with other connections. */
  auth?: ClientAuthOption;
}

/** Where to connect: a stdio server to spawn, a remote server by URL, or any transport. */
export type ServerParameters = StdioServerParameters | RemoteServerParameters | { transport: Transport };

/** The transport for remote server parameters. */
function remoteTransport(params: RemoteServerParameters): Transport {
  const { url, headers, auth } = params;
  const options = { ...(headers ? { headers } : {}), ...(auth ? { auth } : {}) };
  const kind = params.kind ?? (/^wss?:/i.test(String(url)) ? "websocket" : "streamable-http");
  if (kind === "websocket") return new WebSocketClientTransport(url, options);
  if (kind === "sse") return new SseClientTransport(url, options);
  return new StreamableHttpClientTransport(url, options);
}

/**
 * Names a component that collides with one of another server's: the default prefixes the server's
 * name (`weather_forecast` for `forecast` of server `weather`), made a name model APIs accept for a
 * tool (`^[a-zA-Z0-9_-]{1,64}$`): see {@link defaultCollisionName}.
 */
export type CollisionHook = (name: string, server: Implementation, kind: ComponentKind) => string;

/** Options of a ClientSessionGroup. */
export interface ClientSessionGroupOptions {
  onCollision?: CollisionHook;
  /** Options for every session the group opens. */
  session?: ClientSessionOptions;
}

interface Owned<T> {
  session: ClientSession;
  name: string;
  component: T;
}

interface Member {
  server: Implementation;
  names: Record<ComponentKind, string[]>;
  refreshing: Promise<void>;
}

/** The longest tool name most model APIs accept. */
const MAX_NAME = 64;

/**
 * The default collision name, `<server>_<name>`, with every character model APIs refuse in a tool
 * name (anything but ASCII letters, digits, `_` and `-`) replaced by `_`. One longer than 64
 * characters keeps its first 55 and ends with `_` and 8 hex digits of a hash of the whole name, so
 * two long names that share a start still differ.
 */
export function defaultCollisionName(name: string, server: Implementation): string {
  const full = `${server.name}_${name}`;
  const safe = full.replace(/[^A-Za-z0-9_-]/g, "_");
  if (safe.length <= MAX_NAME) return safe;
  return `${safe.slice(0, MAX_NAME - 9)}_${fnv1a(full)}`;
}

/** The 32-bit FNV-1a hash of `text`'s UTF-16 code units, as 8 hex digits: short and stable, not secret. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}

const defaultCollision: CollisionHook = defaultCollisionName;

/**
 * Several sessions seen as one: their tools, resources and prompts gathered by name (collisions
 * renamed by a hook), each call routed to the session that owns the name, kept current as servers
 * announce list changes.
 */
export class ClientSessionGroup {
  readonly #onCollision: CollisionHook;
  readonly #sessionOptions: ClientSessionOptions;
  readonly #members = new Map<ClientSession, Member>();
  readonly #components: { [K in ComponentKind]: Map<string, Owned<ComponentOf<K>>> } = {
    tools: new Map(),
    resources: new Map(),
    prompts: new Map(),
  };

  constructor(options: ClientSessionGroupOptions = {}) {
    this.#onCollision = options.onCollision ?? defaultCollision;
    this.#sessionOptions = options.session ?? {};
  }

  /** The tools of every server, by (possibly renamed) name. */
  get tools(): Readonly<Record<string, Tool>> {
    return this.#view("tools");
  }

  get resources(): Readonly<Record<string, Resource>> {
    return this.#view("resources");
  }

  get prompts(): Readonly<Record<string, Prompt>> {
    return this.#view("prompts");
  }

  get sessions(): ClientSession[] {
    return [...this.#members.keys()];
  }

  /** Connects, initializes and gathers the server's components; resolves with its session. */
  async connectToServer(params: ServerParameters, options?: ClientSessionOptions): Promise<ClientSession> {
    const transport =
      "transport" in params ? params.transport : "url" in params ? remoteTransport(params) : stdioClient(params);
    const session = new ClientSession(transport, { ...this.#sessionOptions, ...options });
    try {
      const { serverInfo } = await session.initialize();
      const member: Member = {
        server: serverInfo ?? { name: "server", version: "unknown" },
        names: { tools: [], resources: [], prompts: [] },
        refreshing: Promise.resolve(),
      };
      this.#members.set(session, member);
      session.onClose(() => this.#forget(session));
      session.onToolListChanged(() => this.#refresh(session, "tools"));
      session.onResourceListChanged(() => this.#refresh(session, "resources"));
      session.onPromptListChanged(() => this.#refresh(session, "prompts"));
      this.#listenForChanges(session);
      for (const kind of ["tools", "resources", "prompts"] as const) await this.#refresh(session, kind);
      return session;
    } catch (error) {
      this.#forget(session);
      await session.close();
      throw error;
    }
  }

  /** Drops a server's components and closes its session. */
  async disconnectFromServer(session: ClientSession): Promise<void> {
    if (!this.#members.has(session)) throw new TypeError("mcpkit: that session is not part of this group");
    this.#forget(session);
    await session.close();
  }

  /** Calls a tool by its name in the group, on the session that owns it. */
  callTool(
    name: string,
    args?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<RequestResult<"tools/call">> {
    const owner = this.#owner("tools", name);
    return owner ? owner.session.callTool(owner.name, args, options) : this.#unknown("tool", name);
  }

  /** Reads a resource by its name in the group. */
  readResource(name: string, options?: RequestOptions): Promise<RequestResult<"resources/read">> {
    const owner = this.#owner("resources", name);
    return owner ? owner.session.readResource(owner.component.uri, options) : this.#unknown("resource", name);
  }

  /** Gets a prompt by its name in the group. */
  getPrompt(
    name: string,
    args?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<RequestResult<"prompts/get">> {
    const owner = this.#owner("prompts", name);
    return owner ? owner.session.getPrompt(owner.name, args, options) : this.#unknown("prompt", name);
  }

  #owner<K extends ComponentKind>(kind: K, name: string): Owned<ComponentOf<K>> | undefined {
    return (this.#components[kind] as Map<string, Owned<ComponentOf<K>>>).get(name);
  }

  #unknown(kind: string, name: string): Promise<never> {
    return Promise.reject(new McpError(ErrorCode.InvalidParams, `no server in this group has a ${kind} named ${name}`));
  }

  /** Closes every session. */
  async close(): Promise<void> {
    const sessions = [...this.#members.keys()];
    for (const session of sessions) this.#forget(session);
    await Promise.allSettled(sessions.map((s) => s.close()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #view<K extends ComponentKind>(kind: K): Record<string, ComponentOf<K>> {
    const view: Record<string, ComponentOf<K>> = {};
    for (const [name, owned] of this.#components[kind] as Map<string, Owned<ComponentOf<K>>>)
      view[name] = owned.component;
    return view;
  }

  /** Re-lists one kind of a member's components, one refresh at a time per member. */
  /**
   * A stateless server sends list changes only on a subscription: open one for the kinds it declares
   * (it ends with the session). A stateful server sends them unasked.
   */
  #listenForChanges(session: ClientSession): void {
    const caps = session.serverCapabilities as Record<string, { listChanged?: boolean } | undefined> | undefined;
    if (session.mode !== "stateless" || !caps) return;
    const filter = {
      toolsListChanged: caps.tools?.listChanged === true,
      promptsListChanged: caps.prompts?.listChanged === true,
      resourcesListChanged: caps.resources?.listChanged === true,
    };
    if (Object.values(filter).some(Boolean)) session.subscribe(filter);
  }

  #refresh(session: ClientSession, kind: ComponentKind): Promise<void> {
    const member = this.#members.get(session);
    if (!member) return Promise.resolve();
    const next = member.refreshing.then(async () => {
      const listed = session.serverCapabilities?.[kind] ? await listAll(session, kind) : [];
      if (this.#members.get(session) !== member) return;
      this.#drop(member, session, kind);
      for (const component of listed) this.#add(member, session, kind, component);
    });
    member.refreshing = next.catch(() => {});
    return next;
  }

  #add(member: Member, session: ClientSession, kind: ComponentKind, component: Tool | Resource | Prompt): void {
    const table = this.#components[kind] as Map<string, Owned<typeof component>>;
    let name = component.name;
    if (table.has(name)) name = this.#onCollision(component.name, member.server, kind);
    if (table.has(name))
      throw new McpError(
        ErrorCode.InvalidParams,
        `${kind} name ${name} of ${member.server.name} collides even after renaming`,
      );
    table.set(name, { session, name: component.name, component });
    member.names[kind].push(name);
  }

  #drop(member: Member, session: ClientSession, kind: ComponentKind): void {
    const table = this.#components[kind];
    for (const name of member.names[kind]) if (table.get(name)?.session === session) table.delete(name);
    member.names[kind] = [];
  }

  #forget(session: ClientSession): void {
    const member = this.#members.get(session);
    if (!member) return;
    for (const kind of ["tools", "resources", "prompts"] as const) this.#drop(member, session, kind);
    this.#members.delete(session);
  }
}

type ComponentOf<K extends ComponentKind> = K extends "tools" ? Tool : K extends "resources" ? Resource : Prompt;

function listAll(session: ClientSession, kind: ComponentKind): Promise<(Tool | Resource | Prompt)[]> {
  if (kind === "tools") return session.listAllTools();
  if (kind === "resources") return session.listAllResources();
  return session.listAllPrompts();
}
