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
 * version selection, and the `server/discover` probe that tells a stateless server from a stateful one.
 */

/** Error codes only a stateless server answers with: receiving one proves the mode. */
const STATELESS_ERRORS: ReadonlySet<number> = new Set([
  ErrorCode.UnsupportedProtocolVersion,
  ErrorCode.MissingRequiredClientCapability,
  ErrorCode.HeaderMismatch,
]);

/** Whether `error` is a JSON-RPC error only a stateless server sends (-32022, -32021, -32020). */
export function isStatelessError(error: unknown): error is McpError {
  return error instanceof McpError && STATELESS_ERRORS.has(error.code);
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

/** The newest stateful revision of `known` that `supported` lists: what a two-mode client offers a server that has no stateless one. */
export function pickStatefulVersion(supported: unknown, known: RevisionSet): RevisionSpec | undefined {
  return known.pick(supported, known.stateful);
}

/** What a stateless request's `_meta` says about the client. */
export interface ClientMeta {
  protocolVersion: string;
  clientCapabilities: unknown;
  clientInfo: unknown;
  logLevel?: string;
}

/**
 * `params` with the per-request `_meta` of a stateless request merged into any `_meta` the caller gave
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

/** Capabilities as a stateless request declares them: `roots` without `listChanged`, whose notification is gone. */
export function statelessCapabilities<C extends Record<string, unknown>>(capabilities: C): C {
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

/** How a session chooses its mode: probe and fall back (dual), or only one. */
export type Speaks = "both" | "stateless" | "stateful";

/**
 * What the `protocolVersion` option means: none, probe the newest stateless revision of `known` and fall
 * back to the newest stateful one; a stateless revision, only it; a stateful one, only the handshake offering it.
 */
export function speaksOption(
  asked: string | undefined,
  known: RevisionSet,
): { speaks: Speaks; preferred: RevisionSpec; offered: RevisionSpec } {
  const spec = asked === undefined ? undefined : known.spec(asked);
  if (asked !== undefined && !spec) throw new TypeError(`mcpkit: ${asked} is not a revision this session speaks`);
  return {
    speaks: spec === undefined ? "both" : spec.stateful ? "stateful" : "stateless",
    preferred: spec && !spec.stateful ? spec : known.latestStateless,
    offered: spec?.stateful ? spec : known.latestStateful,
  };
}

/** A stateless session's description, from its discover result (serverInfo from the result's `_meta`). */
export function describeStateless(revision: RevisionSpec, result: Record<string, unknown>): ServerDescription {
  const meta = isObject(result._meta) ? result._meta : {};
  return {
    mode: "stateless",
    protocolVersion: revision.name as Revision,
    capabilities: result.capabilities as ServerCapabilities,
    serverInfo: meta[META.serverInfo] as Implementation | undefined,
    instructions: result.instructions as string | undefined,
    result: result as unknown as DiscoverResult,
  };
}

/**
 * A stateful session's description, from the initialize answer: it must name a stateful revision of
 * `known` and match that revision's schema, else this throws.
 */
export function describeStateful(answer: unknown, known: RevisionSet): ServerDescription & { mode: "stateful" } {
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
    mode: "stateful" as const,
    protocolVersion: spec.name as Revision,
    capabilities,
    serverInfo,
    result,
  };
  return instructions === undefined ? description : { ...description, instructions };
}

/** What the `server/discover` probe concluded. */
export type ProbeOutcome =
  | { mode: "stateless"; revision: RevisionSpec; result: Record<string, unknown> }
  | { mode: "stateful"; offer: RevisionSpec | undefined };

/** One `server/discover` request under `version`, resolving with its validated result. */
export type DiscoverSend = (version: RevisionSpec) => Promise<unknown>;

/**
 * Probes with `server/discover` (basic/versioning, "Backward Compatibility"): a DiscoverResult, or a
 * stateless error, means a stateless server (-32022 is retried once with a version it supports); any other
 * JSON-RPC error, or no answer in time, means a stateful one, unless `mode` is "stateless". A result that
 * fails validation, a closed connection, or any other failure rejects.
 */
export async function probe(
  send: DiscoverSend,
  speaks: Speaks,
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
      const stateful = supported && speaks === "both" ? pickStatefulVersion(supported, known) : undefined;
      if (stateful) return { mode: "stateful", offer: stateful };
      if (speaks === "stateless" || isStatelessError(error) || !fallsBack(error)) throw error;
      return { mode: "stateful", offer: undefined };
    }
    const discovered = result as Record<string, unknown>;
    const chosen = pickVersion(discovered.supportedVersions, known);
    if (chosen) return { mode: "stateless", revision: chosen, result: discovered };
    const stateful = pickStatefulVersion(discovered.supportedVersions, known);
    if (speaks === "both" && stateful) return { mode: "stateful", offer: stateful };
    throw new McpError(
      ErrorCode.UnsupportedProtocolVersion,
      `the server supports ${JSON.stringify(discovered.supportedVersions)}, none of which this client speaks ` +
        `(${(speaks === "both" ? [...known.stateless, ...known.stateful] : known.stateless).map((r) => r.name).join(", ")})`,
      { supported: discovered.supportedVersions, requested: version },
    );
  }
}

/** A failed probe that identifies a stateful server: a JSON-RPC error (not a stateless one) or silence. */
function fallsBack(error: unknown): boolean {
  if (error instanceof InvalidResultError || error instanceof ConnectionClosedError) return false;
  return error instanceof RequestTimeoutError || error instanceof McpError;
}
