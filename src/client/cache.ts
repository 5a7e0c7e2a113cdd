import { canonicalJson, isObject } from "../protocol/jsonrpc.js";

/**
 * Results kept for their `ttlMs` (server/utilities/caching): a repeated identical request within it is
 * answered here, without I/O. The key is the method and every param but `_meta`; a matching
 * change notification drops the entries it makes stale.
 */

/** The methods whose results carry caching hints, and what invalidates each. */
const INVALIDATED_BY: Readonly<Record<string, string>> = {
  "tools/list": "notifications/tools/list_changed",
  "prompts/list": "notifications/prompts/list_changed",
  "resources/list": "notifications/resources/list_changed",
  "resources/templates/list": "notifications/resources/list_changed",
  "resources/read": "notifications/resources/updated",
};

interface Entry {
  readonly method: string;
  readonly uri: unknown;
  readonly result: unknown;
  readonly expires: number;
}

/** A session's cache of fresh results. */
export class ResultCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Whether `method` is cacheable at all. */
  static caches(method: string): boolean {
    return Object.hasOwn(INVALIDATED_BY, method);
  }

  /** A copy of the fresh result for this request, or undefined. */
  get(method: string, params: unknown): unknown {
    const key = cacheKey(method, params);
    const entry = key === undefined ? undefined : this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#now() < entry.expires) return structuredClone(entry.result);
    this.#entries.delete(key!);
    return undefined;
  }

  /** Keeps `result` for its `ttlMs` (nothing is kept for 0, a negative or a missing ttl). */
  put(method: string, params: unknown, result: unknown): void {
    const key = cacheKey(method, params);
    const ttl = isObject(result) ? result.ttlMs : undefined;
    if (key === undefined || typeof ttl !== "number" || !(ttl > 0)) return;
    const uri = isObject(params) ? params.uri : undefined;
    this.#entries.set(key, { method, uri, result: structuredClone(result), expires: this.#now() + ttl });
  }

  /** Drops what notification `method` makes stale (for resources/updated, the reads of its `uri`). */
  invalidate(method: string, params: unknown): void {
    const uri = isObject(params) ? params.uri : undefined;
    for (const [key, entry] of this.#entries)
      if (INVALIDATED_BY[entry.method] === method && (entry.method !== "resources/read" || entry.uri === uri))
        this.#entries.delete(key);
  }

  /** Drops everything. */
  clear(): void {
    this.#entries.clear();
  }
}

/**
 * The cache key of a request: the method and its params without `_meta`, object keys sorted. Retries
 * of an input-required request (carrying `inputResponses` or `requestState`) have none: never cached.
 */
function cacheKey(method: string, params: unknown): string | undefined {
  if (!ResultCache.caches(method)) return undefined;
  const { _meta: _ignored, ...rest } = isObject(params) ? params : {};
  if ("inputResponses" in rest || "requestState" in rest) return undefined;
  return `${method} ${canonicalJson(rest)}`;
}
