import type { RequestSpec, RevisionSpec } from "../../generated/common.js";
import { ErrorCode, McpError } from "../protocol/errors.js";
import { isObject } from "../protocol/jsonrpc.js";
import { META, metaOf, metaVersion } from "../protocol/mcp-headers.js";
import { RevisionSet } from "../protocol/negotiation.js";

/**
 * The stateless revisions (2026-07-28 on): no handshake, and every request carries its protocol
 * version, client capabilities and client identity in `_meta`. What a server needs to read and answer
 * such requests lives here.
 */

/** The stateless revision a request is read under: the one it names, or the newest when it names none of `known`. */
export function statelessRevision(message: Record<string, unknown>, known = RevisionSet.BUILT_IN): RevisionSpec {
  const named = known.spec(metaVersion(message));
  return named && !named.stateful ? named : known.latestStateless;
}

/**
 * Why a stateless request cannot be served, checked in the order the spec gives: the required `_meta`
 * fields (-32602), then the version (-32022, with the versions of `known`); undefined when it may be.
 */
export function metaRefusal(message: Record<string, unknown>, known = RevisionSet.BUILT_IN): McpError | undefined {
  const meta = metaOf(message);
  const version = meta?.[META.protocolVersion];
  if (typeof version !== "string")
    return new McpError(ErrorCode.InvalidParams, `Invalid params: _meta["${META.protocolVersion}"] is required`);
  if (!isObject(meta?.[META.clientCapabilities]))
    return new McpError(
      ErrorCode.InvalidParams,
      `Invalid params: _meta["${META.clientCapabilities}"] is required and must be an object`,
    );
  const spec = known.spec(version);
  if (!spec || spec.stateful)
    return new McpError(ErrorCode.UnsupportedProtocolVersion, `Unsupported protocol version: ${version}`, {
      supported: [...known.supported],
      requested: version,
    });
  return undefined;
}

/** Caching hints of a cacheable result (`ttlMs` milliseconds of freshness, and who may share it). */
export interface CacheHints {
  ttlMs?: number;
  cacheScope?: "public" | "private";
}

/** Used where a result requires caching hints and nothing set them: immediately stale, not to be shared. */
export const DEFAULT_CACHE_HINTS: Required<CacheHints> = { ttlMs: 0, cacheScope: "private" };

/**
 * A stateless result as sent: `resultType` "complete" unless the handler set one, the caching hints
 * the result requires (the handler's, else `hints`, else the defaults), and the server's identity in
 * `_meta`. The handler's object is copied, not changed.
 */
export function completeStatelessResult(
  result: unknown,
  spec: RequestSpec,
  hints: CacheHints | undefined,
  serverInfo: unknown,
): unknown {
  if (!isObject(result)) return result;
  const out: Record<string, unknown> = { ...result };
  out.resultType ??= "complete";
  if (out.resultType === "complete") {
    if (spec.sessionFields.includes("ttlMs")) out.ttlMs ??= hints?.ttlMs ?? DEFAULT_CACHE_HINTS.ttlMs;
    if (spec.sessionFields.includes("cacheScope"))
      out.cacheScope ??= hints?.cacheScope ?? DEFAULT_CACHE_HINTS.cacheScope;
  }
  const meta = isObject(result._meta) ? result._meta : undefined;
  if (!meta || !(META.serverInfo in meta)) out._meta = { ...meta, [META.serverInfo]: serverInfo };
  return out;
}

/** The client capabilities a stateless request declares (an empty object when it declares none). */
export function requestCapabilities(meta: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const caps = meta?.[META.clientCapabilities];
  return isObject(caps) ? caps : {};
}

/**
 * The error a server answers when a request needs a client capability the request did not declare
 * (-32021), naming what is missing as a ClientCapabilities object.
 */
export function missingCapability(required: Record<string, unknown>, why?: string): McpError {
  const names = Object.keys(required).join(", ");
  return new McpError(
    ErrorCode.MissingRequiredClientCapability,
    why ?? `Missing required client capability: ${names}`,
    { requiredCapabilities: required },
  );
}

/** The -32021 of a request that needs extension `id` and did not declare it (`requiredCapabilities.extensions[id]`). */
export function missingExtension(id: string, why?: string): McpError {
  return missingCapability({ extensions: { [id]: {} } }, why ?? `Missing required client capability: extension ${id}`);
}
