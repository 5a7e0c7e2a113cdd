import type { RevisionSpec, Validator } from "../../generated/common.js";
import { revisions, type Revision } from "../../generated/index.js";
import {
  ConnectionClosedError,
  ErrorCode,
  InvalidResultError,
  McpError,
  RequestTimeoutError,
} from "../protocol/errors.js";
import { isObject } from "../protocol/jsonrpc.js";
import { META } from "../protocol/mcp-headers.js";
import { LATEST_STATEFUL, revisionSpec, STATEFUL_REVISIONS, STATELESS_REVISIONS } from "../protocol/negotiation.js";
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

/** The revisions without an initialize handshake (per-request `_meta`), newest first. */
export const MODERN_REVISIONS: readonly Revision[] = [...STATELESS_REVISIONS].reverse();

/** The revisions with an initialize handshake, newest first. */
const LEGACY_REVISIONS: readonly Revision[] = [...STATEFUL_REVISIONS].reverse();

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

/** The newest revision of `among` (newest first) that `supported` lists. */
export function pickVersion(supported: unknown, among: readonly Revision[] = MODERN_REVISIONS): Revision | undefined {
  if (!Array.isArray(supported)) return undefined;
  return among.find((name) => supported.includes(name));
}

/** The newest stateful revision `supported` lists: what a dual-era client offers a server that has no modern one. */
export function pickLegacyVersion(supported: unknown): Revision | undefined {
  return pickVersion(supported, LEGACY_REVISIONS);
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
 * What the `protocolVersion` option means: none, probe the newest modern revision and fall back to
 * the newest stateful one; a stateless revision, only it; a stateful one, only the handshake offering it.
 */
export function eraOption(asked: string | undefined): { mode: EraMode; preferred: Revision; offered: RevisionSpec } {
  const spec = asked === undefined ? undefined : revisionSpec(asked);
  if (asked !== undefined && !spec) throw new TypeError(`mcpkit: ${asked} is not a revision this build speaks`);
  return {
    mode: spec === undefined ? "dual" : spec.stateful ? "legacy" : "modern",
    preferred: (spec && !spec.stateful ? spec.name : MODERN_REVISIONS[0]!) as Revision,
    offered: spec?.stateful ? spec : revisions[LATEST_STATEFUL],
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
 * A legacy session's description, from the initialize answer: it must name a stateful revision this
 * build speaks and match that revision's schema, else this throws.
 */
export function describeLegacy(answer: unknown): ServerDescription & { era: "legacy" } {
  const result = answer as InitializeResult;
  const spec = revisionSpec(result.protocolVersion);
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
  | { era: "legacy"; offer: Revision | undefined };

/** One `server/discover` request under `version`, resolving with its validated result. */
export type DiscoverSend = (version: Revision) => Promise<unknown>;

/**
 * Probes with `server/discover` (basic/versioning, "Backward Compatibility"): a DiscoverResult, or a
 * modern error, means a modern server (-32022 is retried once with a version it supports); any other
 * JSON-RPC error, or no answer in time, means a legacy one, unless `mode` is "modern". A result that
 * fails validation, a closed connection, or any other failure rejects.
 */
export async function probe(send: DiscoverSend, mode: EraMode, preferred: Revision): Promise<ProbeOutcome> {
  let version = preferred;
  for (let attempt = 0; ; attempt++) {
    let result: unknown;
    try {
      result = await send(version);
    } catch (error) {
      const supported = supportedVersions(error);
      const next = supported && attempt === 0 ? pickVersion(supported) : undefined;
      if (next) {
        version = next;
        continue;
      }
      if (supported && mode === "dual" && pickLegacyVersion(supported))
        return { era: "legacy", offer: pickLegacyVersion(supported) };
      if (mode === "modern" || isModernError(error) || !fallsBack(error)) throw error;
      return { era: "legacy", offer: undefined };
    }
    const discovered = result as Record<string, unknown>;
    const chosen = pickVersion(discovered.supportedVersions);
    if (chosen) return { era: "modern", revision: revisions[chosen], result: discovered };
    const legacy = pickLegacyVersion(discovered.supportedVersions);
    if (mode === "dual" && legacy) return { era: "legacy", offer: legacy };
    throw new McpError(
      ErrorCode.UnsupportedProtocolVersion,
      `the server supports ${JSON.stringify(discovered.supportedVersions)}, none of which this client speaks ` +
        `(${(mode === "dual" ? [...MODERN_REVISIONS, ...LEGACY_REVISIONS] : MODERN_REVISIONS).join(", ")})`,
      { supported: discovered.supportedVersions, requested: version },
    );
  }
}

/** A failed probe that identifies a legacy server: a JSON-RPC error (not a modern one) or silence. */
function fallsBack(error: unknown): boolean {
  if (error instanceof InvalidResultError || error instanceof ConnectionClosedError) return false;
  return error instanceof RequestTimeoutError || error instanceof McpError;
}
