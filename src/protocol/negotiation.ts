import type { RevisionSpec } from "../../generated/common.js";
import { REVISIONS, revisions, type Revision } from "../../generated/index.js";
import { own } from "../validate/core.js";

/** The revisions with an initialize handshake, oldest first. */
export const STATEFUL_REVISIONS: readonly Revision[] = REVISIONS.filter((name) => revisions[name].stateful);

/** The newest revision with an initialize handshake: what a client offers and a server falls back to. */
export const LATEST_STATEFUL: Revision = STATEFUL_REVISIONS[STATEFUL_REVISIONS.length - 1]!;

/** The revisions without an initialize handshake (per-request `_meta`, 2026-07-28 on), oldest first. */
export const STATELESS_REVISIONS: readonly Revision[] = REVISIONS.filter((name) => !revisions[name].stateful);

/** The newest stateless revision. */
export const LATEST_STATELESS: Revision = STATELESS_REVISIONS[STATELESS_REVISIONS.length - 1]!;

/** Every revision this build speaks, newest first: what `supportedVersions` and an unsupported-version error list. */
export const SUPPORTED_VERSIONS: readonly Revision[] = [...REVISIONS].reverse();

/**
 * The revision a Streamable HTTP server assumes of a request without an MCP-Protocol-Version header
 * (basic/transports, "Protocol Version Header": the first revision of that transport).
 */
export const ASSUMED_HTTP_REVISION: Revision = "2025-03-26";

/** The spec of a revision this build speaks, or undefined. */
export function revisionSpec(name: unknown): RevisionSpec | undefined {
  return typeof name === "string" ? own<RevisionSpec>(revisions, name) : undefined;
}

/** The stateful revision a server answers to an initialize asking for `requested`: that one if spoken, else the newest. */
export function negotiateStateful(requested: unknown): RevisionSpec {
  const spec = revisionSpec(requested);
  return spec?.stateful ? spec : revisions[LATEST_STATEFUL];
}

/** Whether `capabilities` declares the capability at `path` (present and not false or null). */
export function hasCapability(capabilities: unknown, path: readonly string[]): boolean {
  let node: unknown = capabilities;
  for (const key of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== undefined && node !== null && node !== false;
}
