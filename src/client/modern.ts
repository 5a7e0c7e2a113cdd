import type { RevisionSpec, Validator } from "../../generated/common.js";
import type { Revision } from "../../generated/index.js";
import {
  ConnectionClosedError,
  ErrorCode,
  InvalidResultError,
  McpError,
  RequestTimeoutError,
} from "../protocol/errors.js";
import { isObject } from "../protocol/jsonrpc.js";
import { META } from "../protocol/mcp-headers.js";
import type { RevisionSet } from "../protocol/negotiation.js";
import { toErrors } from "../validate/core.js";
import type {
  DiscoverResult,
  Implementation,
  InitializeResult,
  ServerCapabilities,
  ServerDescription,
} from "./types.js";

/**
 * What a client needs to speak the stateless revisions (2026-07-28 on): the per-request `_meta`,
 * version selection, and the `server/discover` probe that tells a modern server from a legacy one.
 */

/** Error codes only a modern server answers with: receiving one proves the era. */
const MODERN_ERRORS: ReadonlySet<number> = new Set([
  ErrorCode.UnsupportedProtocolVersion,
  ErrorCode.MissingRequiredClientCapability,
  ErrorCode.HeaderMismatch,
]);

/** Whether `error` is a JSON-RPC error only a modern server sends (-32022, -32021, -32020). */
export function isModernError(error: unknown): error is McpError {
  return error instanceof McpError && MODERN_ERRORS.has(error.code);
}

/** The `supported` list of an UnsupportedProtocolVersion error (-32022), or undefined for any other error. */
export function supportedVersions(error: unknown): unknown[] | undefined {
  if (!(error instanceof McpError) || error.code !== ErrorCode.UnsupportedProtocolVersion) return undefined;
  const supported = isObject(error.data) ? error.data.supported : undefined;
  return Array.isArray(supported) ? supported : [];
}

/** The newest stateless revision of `known` that `supported` lists. */
export function pickVersion(supported: unknown, known: RevisionSet): RevisionSpec | undefined {
  return known.pick(supported, known.stateless);
}

/** The newest stateful revision of `known` that `supported` lists: what a dual-era client offers a server that has no modern one. */
export function pickLegacyVersion(supported: unknown, known: RevisionSet): RevisionSpec | undefined {
  return known.pick(supported, known.stateful);
}

/** What a modern request's `_meta` says about the client. */
export interface ClientMeta {
  protocolVersion: string;
  clientCapabilities: unknown;
  clientInfo: unknown;
  logLevel?: string;
}

/**
 * `params` with the per-request `_meta` of a modern request merged into any `_meta` the caller gave
 * (a progress token, trace context): the protocol keys are the session's; a log level the caller put
 * there is kept unless `client.logLevel` names one.
 */
export function withRequestMeta(params: unknown, client: ClientMeta): Record<string, unknown> {
  const base = isObject(params) ? params : {};
  const given = isObject(base._meta) ? base._meta : {};
  const meta: Record<string, unknown> = {
    ...given,
    [META.protocolVersion]: client.protocolVersion,
    [META.clientCapabilities]: client.clientCapabilities,
    [META.clientInfo]: client.clientInfo,
  };
  if (client.logLevel !== undefined) meta[META.logLevel] = client.logLevel;
  return { ...base, _meta: meta };
}

/** Capabilities as a modern request declares them: `roots` without `listChanged`, whose notification is gone. */
export function modernCapabilities<C extends Record<string, unknown>>(capabilities: C): C {
  if (!isObject(capabilities.roots)) return capabilities;
  const { listChanged: _gone, ...roots } = capabilities.roots;
  return { ...capabilities, roots };
}

/**
 * A result validator that reads absent session-filled fields as the spec says a client must:
 * `resultType` as `"complete"`, `ttlMs` as 0 and `cacheScope` as `"private"`. The caller still gets
 * the result exactly as the server sent it.
 */
export function lenient(validator: Validator<unknown>): Validator<unknown> {
  const check = ((value: unknown) => {
    const filled = isObject(value) ? { resultType: "complete", ttlMs: 0, cacheScope: "private", ...value } : value;
    const ok = validator(filled);
    check.errors = validator.errors;
    return ok;
  }) as Validator<unknown>;
  return check;
}

/** How a session chooses its era: probe and fall back (dual), or only one. */
export type EraMode = "dual" | "modern" | "legacy";

/**
 * What the `protocolVersion` option means: none, probe the newest modern revision of `known` and fall
 * back to the newest stateful one; a stateless revision, only it; a stateful one, only the handshake offering it.
 */
export function eraOption(
  asked: string | undefined,
  known: RevisionSet,
): { mode: EraMode; preferred: RevisionSpec; offered: RevisionSpec } {
  const spec = asked === undefined ? undefined : known.spec(asked);
  if (asked !== undefined && !spec) throw new TypeError(`mcpkit: ${asked} is not a revision this session speaks`);
  return {
    mode: spec === undefined ? "dual" : spec.stateful ? "legacy" : "modern",
    preferred: spec && !spec.stateful ? spec : known.latestStateless,
    offered: spec?.stateful ? spec : known.latestStateful,
  };
}

/** A modern session's description, from its discover result (serverInfo from the result's `_meta`). */
export function describeModern(revision: RevisionSpec, result: Record<string, unknown>): ServerDescription {
  const meta = isObject(result._meta) ? result._meta : {};
  return {
    era: "modern",
    protocolVersion: revision.name as Revision,
    capabilities: result.capabilities as ServerCapabilities,
    serverInfo: meta[META.serverInfo] as Implementation | undefined,
    instructions: result.instructions as string | undefined,
    result: result as unknown as DiscoverResult,
  };
}

/**
 * A legacy session's description, from the initialize answer: it must name a stateful revision of
 * `known` and match that revision's schema, else this throws.
 */
export function describeLegacy(answer: unknown, known: RevisionSet): ServerDescription & { era: "legacy" } {
  const result = answer as InitializeResult;
  const spec = known.spec(result.protocolVersion);
  if (!spec?.stateful)
    throw new McpError(
      ErrorCode.InvalidRequest,
      `the server answered protocol version ${JSON.stringify(result.protocolVersion)}, which this client does not speak`,
    );
  const validator = spec.requests.initialize!.result;
  if (!validator(result)) throw new InvalidResultError("initialize", toErrors(validator.errors, "/result"));
  const { capabilities, serverInfo, instructions } = result;
  const description = {
    era: "legacy" as const,
    protocolVersion: spec.name as Revision,
    capabilities,
    serverInfo,
    result,
  };
  return instructions === undefined ? description : { ...description, instructions };
}

/** What the `server/discover` probe concluded. */
export type ProbeOutcome =
  | { era: "modern"; revision: RevisionSpec; result: Record<string, unknown> }
  | { era: "legacy"; offer: RevisionSpec | undefined };

/** One `server/discover` request under `version`, resolving with its validated result. */
export type DiscoverSend = (version: RevisionSpec) => Promise<unknown>;

/**
 * Probes with `server/discover` (basic/versioning, "Backward Compatibility"): a DiscoverResult, or a
 * modern error, means a modern server (-32022 is retried once with a version it supports); any other
 * JSON-RPC error, or no answer in time, means a legacy one, unless `mode` is "modern". A result that
 * fails validation, a closed connection, or any other failure rejects.
 */
export async function probe(
  send: DiscoverSend,
  mode: EraMode,
  preferred: RevisionSpec,
  known: RevisionSet,
): Promise<ProbeOutcome> {
  let version = preferred;
  for (let attempt = 0; ; attempt++) {
    let result: unknown;
    try {
      result = await send(version);
    } catch (error) {
      const supported = supportedVersions(error);
      const next = supported && attempt === 0 ? pickVersion(supported, known) : undefined;
      if (next) {
        version = next;
        continue;
      }
      const legacy = supported && mode === "dual" ? pickLegacyVersion(supported, known) : undefined;
      if (legacy) return { era: "legacy", offer: legacy };
      if (mode === "modern" || isModernError(error) || !fallsBack(error)) throw error;
      return { era: "legacy", offer: undefined };
    }
    const discovered = result as Record<string, unknown>;
    const chosen = pickVersion(discovered.supportedVersions, known);
    if (chosen) return { era: "modern", revision: chosen, result: discovered };
    const legacy = pickLegacyVersion(discovered.supportedVersions, known);
    if (mode === "dual" && legacy) return { era: "legacy", offer: legacy };
    throw new McpError(
      ErrorCode.UnsupportedProtocolVersion,
      `the server supports ${JSON.stringify(discovered.supportedVersions)}, none of which this client speaks ` +
        `(${(mode === "dual" ? [...known.stateless, ...known.stateful] : known.stateless).map((r) => r.name).join(", ")})`,
      { supported: discovered.supportedVersions, requested: version },
    );
  }
}

/** A failed probe that identifies a legacy server: a JSON-RPC error (not a modern one) or silence. */
function fallsBack(error: unknown): boolean {
  if (error instanceof InvalidResultError || error instanceof ConnectionClosedError) return false;
  return error instanceof RequestTimeoutError || error instanceof McpError;
}
