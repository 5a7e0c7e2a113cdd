import type { AuthInfo } from "../../protocol/auth-info.js";
import { McpError } from "../../protocol/errors.js";
import type { Middleware } from "../middleware.js";
import type { ServerRequestContext } from "../request-context.js";

/** The JSON-RPC error code of a request refused for want of scopes, where no HTTP status can say it (WebSocket). */
export const INSUFFICIENT_SCOPE = -32003;

/** What a scoped registration is: a tool, a prompt, or a resource (by URI or template). */
export type ScopedKind = "tool" | "prompt" | "resource";

type Params = Readonly<Record<string, unknown>>;

/** Which item of which kind a request method names, read from its params. */
const SCOPED: Record<string, [ScopedKind, string]> = {
  "tools/call": ["tool", "name"],
  "prompts/get": ["prompt", "name"],
  "resources/read": ["resource", "uri"],
  "resources/subscribe": ["resource", "uri"],
};

/** Which list method's items are filtered, where they are in the result, and what names each. */
const LISTS: Record<string, [ScopedKind, string, string]> = {
  "tools/list": ["tool", "tools", "name"],
  "prompts/list": ["prompt", "prompts", "name"],
  "resources/list": ["resource", "resources", "uri"],
  "resources/templates/list": ["resource", "resourceTemplates", "uriTemplate"],
};

/**
 * The scopes a FastMCP server's tools, prompts and resources ask of their callers, and the checks
 * built on them: a middleware that refuses a call without them and shows each caller only what it may
 * use, and the same check over HTTP, where the refusal is a 403 `insufficient_scope` naming the scopes.
 * Enforced on a server that checks tokens (its `auth` option), or for any request that carries a caller.
 */
export class ScopeRules {
  readonly #rules: Record<ScopedKind, Map<string, readonly string[]>> = {
    tool: new Map(),
    prompt: new Map(),
    resource: new Map(),
  };
  readonly #resourceKey: (uri: string) => string | undefined;
  readonly #enforced: boolean;
  readonly #required: readonly string[];

  /**
   * `resourceKey` says which registration serves a URI; `enforced` whether the server checks tokens;
   * `required` the scopes every request needs anyway, named in every challenge beside the item's.
   */
  constructor(resourceKey: (uri: string) => string | undefined, enforced: boolean, required: readonly string[] = []) {
    this.#resourceKey = resourceKey;
    this.#enforced = enforced;
    this.#required = required;
  }

  /** Sets the scopes of one registration (none, or an empty list, removes them). */
  set(kind: ScopedKind, key: string, scopes: readonly string[] | undefined): void {
    if (scopes === undefined || scopes.length === 0) {
      this.#rules[kind].delete(key);
      return;
    }
    for (const scope of scopes)
      if (typeof scope !== "string" || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))
        throw new TypeError(`mcpkit: ${JSON.stringify(scope)} is not an OAuth scope (RFC 6749 section 3.3)`);
    this.#rules[kind].set(key, [...new Set(scopes)]);
  }

  /** Whether any registration has scopes. */
  get empty(): boolean {
    return this.#rules.tool.size + this.#rules.prompt.size + this.#rules.resource.size === 0;
  }

  /** The scopes a request for `method` with `params` needs, when the item it names has some. */
  needed(method: string, params: Params | undefined): readonly string[] | undefined {
    if (method === "subscriptions/listen") return this.#listenNeeds(params);
    const scoped = SCOPED[method];
    if (!scoped || !params) return undefined;
    const [kind, field] = scoped;
    const name = params[field];
    if (typeof name !== "string") return undefined;
    const key = kind === "resource" ? this.#resourceKey(name) : name;
    return key === undefined ? undefined : this.#rules[kind].get(key);
  }

  /** A `subscriptions/listen` needs the scopes of every resource whose updates it asks for. */
  #listenNeeds(params: Params | undefined): readonly string[] | undefined {
    const uris = (params?.notifications as { resourceSubscriptions?: unknown } | undefined)?.resourceSubscriptions;
    if (!Array.isArray(uris)) return undefined;
    const scopes = new Set<string>();
    for (const uri of uris)
      for (const scope of (typeof uri === "string" && this.needed("resources/read", { uri })) || []) scopes.add(scope);
    return scopes.size === 0 ? undefined : [...scopes];
  }

  /**
   * The scopes to name in a refusal of `method` from `auth` (the item's and the server's required
   * ones), or undefined when the caller may go on.
   */
  refusal(method: string, params: Params | undefined, auth: AuthInfo | undefined): readonly string[] | undefined {
    const needed = this.needed(method, params);
    if (needed === undefined || needed.every((scope) => auth?.scopes.includes(scope))) return undefined;
    return [...new Set([...this.#required, ...needed])];
  }

  /**
   * The check over HTTP, before a POST is served: the scopes to name in a 403 when one of its requests
   * needs scopes the caller's token lacks.
   */
  httpRefusal(messages: readonly unknown[], auth: AuthInfo | undefined): readonly string[] | undefined {
    if (this.empty) return undefined;
    for (const message of messages) {
      if (typeof message !== "object" || message === null) continue;
      const { method, params } = message as { method?: unknown; params?: unknown };
      if (typeof method !== "string") continue;
      const scopes = this.refusal(method, params as Params | undefined, auth);
      if (scopes) return scopes;
    }
    return undefined;
  }

  /** The middleware: refuses a call without the item's scopes, and filters lists down to what the caller may use. */
  middleware(): Middleware {
    return async (params, request, next) => {
      if (this.empty || !(this.#enforced || request.auth !== undefined)) return next();
      const scopes = this.refusal(request.method, params, request.auth);
      if (scopes) throw insufficientScope(request.method, scopes);
      const list = LISTS[request.method];
      const result = await next();
      return list ? this.#filter(list, result, request) : result;
    };
  }

  #filter([kind, field, nameField]: [ScopedKind, string, string], result: unknown, request: ServerRequestContext) {
    const items = (result as Record<string, unknown> | undefined)?.[field];
    if (!Array.isArray(items)) return result;
    const rules = this.#rules[kind];
    const granted = request.auth?.scopes ?? [];
    const visible = items.filter((item: Record<string, unknown>) => {
      const scopes = rules.get(String(item[nameField]));
      return scopes === undefined || scopes.every((scope) => granted.includes(scope));
    });
    return { ...(result as object), [field]: visible };
  }
}

/** The JSON-RPC error of a request refused for want of `scopes`. */
export function insufficientScope(method: string, scopes: readonly string[]): McpError {
  return new McpError(INSUFFICIENT_SCOPE, `Insufficient scope: ${method} needs the scopes ${scopes.join(" ")}`, {
    error: "insufficient_scope",
    scopes: [...scopes],
  });
}
