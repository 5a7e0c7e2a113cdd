import type { ClientRequestOptions, Prompt, Resource, ResourceTemplate, Tool } from "./types.js";
import { ErrorCode, McpError } from "../protocol/errors.js";

/**
 * Follows `nextCursor` from page to page and gathers every item. A cursor seen before means the
 * server is looping: that is an error rather than an endless walk.
 */
export async function collectPages<R extends { nextCursor?: string }, T>(
  page: (cursor: string | undefined) => Promise<R>,
  items: (result: R) => readonly T[],
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const result = await page(cursor);
    all.push(...items(result));
    cursor = result.nextCursor;
    if (cursor === undefined) return all;
    if (seen.has(cursor))
      throw new McpError(
        ErrorCode.InternalError,
        `the server repeated the cursor ${JSON.stringify(cursor)}: pagination stopped`,
      );
    seen.add(cursor);
  }
}

/** The listAll* methods of a ClientSession: each follows `nextCursor` until the server stops. */
export interface ListAll {
  /** Every tool, across pages (a repeated cursor is an error). */
  listAllTools(options?: ClientRequestOptions): Promise<Tool[]>;
  /** Every resource, across pages. */
  listAllResources(options?: ClientRequestOptions): Promise<Resource[]>;
  /** Every resource template, across pages. */
  listAllResourceTemplates(options?: ClientRequestOptions): Promise<ResourceTemplate[]>;
  /** Every prompt, across pages. */
  listAllPrompts(options?: ClientRequestOptions): Promise<Prompt[]>;
}

/** Each listAll* method: the list method it pages through, and the field holding the items. */
const LIST_ALL: Record<keyof ListAll, readonly [string, string]> = {
  listAllTools: ["tools/list", "tools"],
  listAllResources: ["resources/list", "resources"],
  listAllResourceTemplates: ["resources/templates/list", "resourceTemplates"],
  listAllPrompts: ["prompts/list", "prompts"],
};

type Requester = { request(method: string, params: unknown, options?: ClientRequestOptions): Promise<unknown> };

/** Adds the listAll* methods to the ClientSession prototype, each over its `request`. */
export function installListAll(proto: object): void {
  for (const [name, [method, field]] of Object.entries(LIST_ALL)) {
    const listAll = function (this: Requester, options?: ClientRequestOptions) {
      return collectPages(
        (cursor) => this.request(method, cursor ? { cursor } : undefined, options) as Promise<{ nextCursor?: string }>,
        (page) => (page as Record<string, unknown[]>)[field] ?? [],
      );
    };
    Object.defineProperty(proto, name, { value: listAll, writable: true, configurable: true });
  }
}
