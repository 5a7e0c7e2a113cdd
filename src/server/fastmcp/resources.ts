import { UriTemplateMatcher } from "uri-template-matcher";
import type { RequestMap } from "../../../generated/surface/methods.js";
import { ErrorCode, McpError, withHandlerMessage } from "../../protocol/errors.js";
import { toResourceContents } from "./content.js";
import type { Context } from "./context.js";

type Resource = RequestMap["resources/list"]["result"]["resources"][number];
type ResourceTemplate = RequestMap["resources/templates/list"]["result"]["resourceTemplates"][number];
type ReadResourceResult = RequestMap["resources/read"]["result"];

/** The code the stateful revisions give a read of a resource that does not exist. */
export const RESOURCE_NOT_FOUND = -32002;

/** Suggests values for one variable or argument, given what the user typed and the other arguments. */
export type Completer = (value: string, context: { arguments: Record<string, string> }) => string[] | Promise<string[]>;

type Operator = "+" | "#" | "." | "/" | ";" | "?" | "&";
type Names<E extends string> = E extends `${infer A},${infer B}`
  ? Names<A> | Names<B>
  : E extends `${infer N}*`
    ? N
    : E extends `${infer N}:${string}`
      ? N
      : E;
type Expression<E extends string> = E extends `${Operator}${infer Rest}` ? Names<Rest> : Names<E>;
/** The variables of an RFC 6570 template, read off its text: `"notes://{id}{?tag*}"` -> "id" | "tag". */
export type TemplateVariables<T extends string> = T extends `${string}{${infer E}}${infer Rest}`
  ? Expression<E> | TemplateVariables<Rest>
  : never;
/** What a resource handler receives: the template's variables by name (none for a fixed URI). */
export type ResourceVariables<T extends string> = { [K in TemplateVariables<T>]: string | string[] };

/** How a resource (or a template of them) is described to clients. */
export interface ResourceOptions<T extends string = string> {
  name?: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  annotations?: Resource["annotations"];
  icons?: Resource["icons"];
  _meta?: Resource["_meta"];
  /** Completion of the template's variables (completion/complete with a ref/resource). */
  complete?: Partial<Record<TemplateVariables<T>, Completer>>;
  replace?: boolean;
  /**
   * The OAuth scopes a caller's token must grant to use this (on a server with the `auth` option): a
   * call without them is refused (HTTP 403 `insufficient_scope` naming them, so the client can step
   * up), and lists show it only to callers that have them.
   */
  scopes?: readonly string[];
}

/** What a resource handler may return: text, bytes, a JSON value, or whole `contents`. */
export type ResourceHandler<T extends string> = (variables: ResourceVariables<T>, ctx: Context) => unknown;

interface Registered {
  key: string;
  isTemplate: boolean;
  definition: Resource | ResourceTemplate;
  handler: (variables: never, ctx: Context) => unknown;
  complete: Partial<Record<string, Completer>>;
}

/** The resources and resource templates of a FastMCP server: listing, reading by URI, completion. */
export class ResourceRegistry {
  readonly #fixed = new Map<string, Registered>();
  readonly #templates = new Map<string, Registered>();
  #matcher = new UriTemplateMatcher();

  /** Registers a resource (a URI) or a template (a URI with `{variables}`); a template that does not parse is refused here. */
  add(uriOrTemplate: string, options: ResourceOptions, handler: Registered["handler"]): void {
    const isTemplate = uriOrTemplate.includes("{");
    const table = isTemplate ? this.#templates : this.#fixed;
    if (table.has(uriOrTemplate) && !options.replace)
      throw new TypeError(
        `mcpkit: a resource ${uriOrTemplate} is already registered (remove it first, or pass replace: true)`,
      );
    if (typeof handler !== "function")
      throw new TypeError(`mcpkit: the handler of resource ${uriOrTemplate} is not a function`);
    if (isTemplate) {
      try {
        new UriTemplateMatcher().add(uriOrTemplate);
      } catch (error) {
        throw new TypeError(`mcpkit: resource template ${uriOrTemplate} does not parse: ${(error as Error).message}`, {
          cause: error,
        });
      }
    } else if (!URL.canParse(uriOrTemplate)) {
      throw new TypeError(`mcpkit: resource URI ${uriOrTemplate} is not a valid URI`);
    }
    const { complete = {}, replace: _replace, name, ...described } = options;
    const definition = isTemplate
      ? { uriTemplate: uriOrTemplate, name: name ?? uriOrTemplate, ...described }
      : { uri: uriOrTemplate, name: name ?? uriOrTemplate, ...described };
    table.set(uriOrTemplate, { key: uriOrTemplate, isTemplate, definition: definition as Resource, handler, complete });
    if (isTemplate) this.#rebuild();
  }

  remove(uriOrTemplate: string): boolean {
    const removed = this.#fixed.delete(uriOrTemplate) || this.#templates.delete(uriOrTemplate);
    if (removed) this.#rebuild();
    return removed;
  }

  get size(): number {
    return this.#fixed.size + this.#templates.size;
  }

  list(): Resource[] {
    return [...this.#fixed.values()].map((r) => r.definition as Resource);
  }

  listTemplates(): ResourceTemplate[] {
    return [...this.#templates.values()].map((r) => r.definition as ResourceTemplate);
  }

  /** The registration (URI or template) a read of `uri` is served by, if any. */
  keyOf(uri: string): string | undefined {
    if (this.#fixed.has(uri)) return uri;
    return this.#matcher.match(uri)?.template;
  }

  /** Reads a resource by URI: an exact registration first, then the first template that matches. */
  async read(uri: string, ctx: Context): Promise<ReadResourceResult> {
    let entry = this.#fixed.get(uri);
    let variables: Record<string, string | string[]> = {};
    if (!entry) {
      const match = this.#matcher.match(uri);
      entry = match ? this.#templates.get(match.template) : undefined;
      variables = match?.params ?? {};
    }
    // 2026-07-28 names an unknown resource -32602 (Invalid params); earlier revisions -32002.
    const code = ctx.request.stateless ? ErrorCode.InvalidParams : RESOURCE_NOT_FOUND;
    if (!entry) throw new McpError(code, `Resource not found: ${uri}`, { uri });
    const handler = entry.handler;
    const value = await withHandlerMessage(`resource ${uri}`, () => handler(variables as never, ctx));
    const mimeType = (entry.definition as { mimeType?: string }).mimeType;
    const outcome = toResourceContents(uri, value, mimeType);
    if ("error" in outcome) throw new McpError(ErrorCode.InternalError, `resource ${uri}: ${outcome.error}`);
    return outcome.ok as ReadResourceResult;
  }

  /** The completer of a template variable, if the template has one; undefined when no such template exists. */
  completer(template: string, variable: string): Completer | null | undefined {
    const entry = this.#templates.get(template) ?? this.#fixed.get(template);
    if (!entry) return undefined;
    return Object.hasOwn(entry.complete, variable) ? (entry.complete[variable] ?? null) : null;
  }

  #rebuild(): void {
    this.#matcher = new UriTemplateMatcher();
    for (const template of this.#templates.keys()) this.#matcher.add(template);
  }
}
