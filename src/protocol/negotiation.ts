import type { RevisionSpec } from "../../generated/common.js";
import { REVISIONS, revisions, type Revision } from "../../generated/index.js";

/** The revisions with an initialize handshake, oldest first. */
export const STATEFUL_REVISIONS: readonly Revision[] = REVISIONS.filter((name) => revisions[name].stateful);

/** The newest revision with an initialize handshake: what a client offers and a server falls back to. */
export const LATEST_STATEFUL: Revision = STATEFUL_REVISIONS[STATEFUL_REVISIONS.length - 1]!;

/** The revisions without an initialize handshake (per-request `_meta`, 2026-07-28 on), oldest first. */
export const STATELESS_REVISIONS: readonly Revision[] = REVISIONS.filter((name) => !revisions[name].stateful);

/** The newest stateless revision. */
export const LATEST_STATELESS: Revision = STATELESS_REVISIONS[STATELESS_REVISIONS.length - 1]!;

/**
 * The revision a Streamable HTTP server assumes of a request without an MCP-Protocol-Version header
 * (basic/transports, "Protocol Version Header": the first revision of that transport).
 */
export const ASSUMED_HTTP_REVISION: Revision = "2025-03-26";

/**
 * The revisions one session or server speaks: the built-in ones, plus any it was given (the `revision`
 * a module from `mcp generate` exports). Each side has its own set; nothing is registered globally.
 *
 * "Newest" is the set's order, never a comparison of names (a made-up name need not be a date): the
 * built-in revisions in registry order, then the given ones in the order given, so a given revision
 * is newer than every built-in one and the last given is the newest. One given under a built-in name
 * takes that one's place. Stateful or stateless is each spec's `stateful`.
 */
export class RevisionSet {
  /** The built-in revisions alone. */
  static readonly BUILT_IN: RevisionSet = new RevisionSet([]);

  /** Every revision, oldest first. */
  readonly all: readonly RevisionSpec[];
  /** The revisions with an initialize handshake, newest first. */
  readonly stateful: readonly RevisionSpec[];
  /** The revisions without one (per-request `_meta`), newest first. */
  readonly stateless: readonly RevisionSpec[];
  /** Every revision's name, newest first: what a server lists in `supportedVersions` and -32022. */
  readonly supported: readonly string[];
  readonly #byName: ReadonlyMap<string, RevisionSpec>;

  /** The built-in revisions plus `given` (newer than the built-in ones, in the order given). */
  static of(given: readonly RevisionSpec[] | undefined): RevisionSet {
    return given === undefined || given.length === 0 ? RevisionSet.BUILT_IN : new RevisionSet(given);
  }

  private constructor(given: readonly RevisionSpec[]) {
    const byName = new Map<string, RevisionSpec>(REVISIONS.map((name) => [name, revisions[name]]));
    const seen = new Set<string>();
    given.forEach((spec, index) => {
      checkSpec(spec, index);
      if (seen.has(spec.name)) throw new TypeError(`mcpkit: revision ${spec.name} is given twice`);
      seen.add(spec.name);
      byName.set(spec.name, spec);
    });
    this.#byName = byName;
    this.all = [...byName.values()];
    const newestFirst = [...this.all].reverse();
    this.stateful = newestFirst.filter((spec) => spec.stateful);
    this.stateless = newestFirst.filter((spec) => !spec.stateful);
    this.supported = newestFirst.map((spec) => spec.name);
  }

  /** The spec of a revision of this set, or undefined. */
  spec(name: unknown): RevisionSpec | undefined {
    return typeof name === "string" ? this.#byName.get(name) : undefined;
  }

  /** The newest stateful revision: what a client offers and a server falls back to. */
  get latestStateful(): RevisionSpec {
    return this.stateful[0]!;
  }

  /** The newest stateless revision. */
  get latestStateless(): RevisionSpec {
    return this.stateless[0]!;
  }

  /** The stateful revision a server answers to an initialize asking for `requested`: that one if spoken, else the newest. */
  negotiateStateful(requested: unknown): RevisionSpec {
    const spec = this.spec(requested);
    return spec?.stateful ? spec : this.latestStateful;
  }

  /** The newest revision of `among` (newest first; default: the stateless ones) that `supported` lists. */
  pick(supported: unknown, among: readonly RevisionSpec[] = this.stateless): RevisionSpec | undefined {
    if (!Array.isArray(supported)) return undefined;
    return among.find((spec) => supported.includes(spec.name));
  }
}

/** A given revision must be a generated revision's spec: a plain name and the method tables. */
function checkSpec(spec: RevisionSpec, index: number): void {
  const ok =
    typeof spec === "object" &&
    spec !== null &&
    typeof spec.name === "string" &&
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(spec.name) &&
    typeof spec.stateful === "boolean" &&
    typeof spec.requests === "object" &&
    typeof spec.notifications === "object";
  if (!ok)
    throw new TypeError(
      `mcpkit: revisions[${index}] is not a revision spec (the \`revision\` that a module from mcp generate exports)`,
    );
}

/** The spec of a built-in revision, or undefined. */
export function revisionSpec(name: unknown): RevisionSpec | undefined {
  return RevisionSet.BUILT_IN.spec(name);
}

/** The built-in stateful revision a server answers to an initialize asking for `requested`: that one if spoken, else the newest. */
export function negotiateStateful(requested: unknown): RevisionSpec {
  return RevisionSet.BUILT_IN.negotiateStateful(requested);
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
