import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GenerateError } from "./errors.js";
import { packageRoot } from "./paths.js";

/** Which side of a connection sends a message. */
export type Direction = "clientToServer" | "serverToClient";

/** A request whose result type the naming rule does not reveal. */
export interface ResultException {
  method: string;
  request: string;
  result: string;
  /** The definition the naming rule would look for; it must still be absent. */
  expectMissing: string;
}

/** A capability that gates a method (a prefix ending in "/" matches a family). */
export interface CapabilityRule {
  method: string;
  side: "server" | "client";
  path: string[];
}

/** The methods of a schema that has no Client/Server unions (an extension). */
export interface ExtensionMethods {
  requests: Record<string, Direction>;
  notifications: Record<string, Direction>;
}

/** The project-authored facts the schema does not state (schema/overlay.json). */
export interface Overlay {
  results: ResultException[];
  capabilities: CapabilityRule[];
  extensions: Record<string, ExtensionMethods>;
  /** Result fields the session fills: optional in handler returns and call results. */
  sessionResultFields: string[];
  /**
   * Requests addressed to one named thing, by method: the params fields a caller may pass first, in
   * order (`tools/call`: `["name", "arguments"]`, so `callTool("echo", { text })`).
   */
  addressedBy: Record<string, string[]>;
  /** Per revision, what its transports do that its schema cannot say. */
  revisionTraits: Record<string, RevisionTraits>;
}

/** What a revision's transports do that its schema cannot say. */
export interface RevisionTraits {
  /** Streamable HTTP streams open with a priming event. */
  primingEvents?: boolean;
}

/** The overlay shipped in the package's schema/ folder. */
export function defaultOverlayFile(): string {
  return join(packageRoot(), "schema", "overlay.json");
}

export function loadOverlay(file = defaultOverlayFile()): Overlay {
  let parsed: Partial<Overlay>;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Overlay>;
  } catch (error) {
    throw new GenerateError(`cannot read overlay (${(error as Error).message})`, file);
  }
  if (!Array.isArray(parsed.results) || !Array.isArray(parsed.capabilities)) {
    throw new GenerateError(`overlay needs "results" and "capabilities" arrays`, file);
  }
  const sessionResultFields =
    (parsed as { sessionResultFields?: { fields?: unknown } }).sessionResultFields?.fields ?? [];
  if (!Array.isArray(sessionResultFields) || !sessionResultFields.every((f) => typeof f === "string")) {
    throw new GenerateError(`overlay "sessionResultFields.fields" must be an array of names`, file);
  }
  const addressedBy = (parsed as { addressedBy?: Record<string, unknown> }).addressedBy ?? {};
  for (const [method, fields] of Object.entries(addressedBy)) {
    if (method === "$comment") continue;
    if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === "string"))
      throw new GenerateError(`overlay "addressedBy.${method}" must be a non-empty array of field names`, file);
  }
  const { $comment: _comment, ...addressed } = addressedBy;
  const { $comment: _traitsComment, ...revisionTraits } =
    (parsed as { revisionTraits?: Record<string, unknown> }).revisionTraits ?? {};
  for (const [revision, traits] of Object.entries(revisionTraits)) {
    if (typeof traits !== "object" || traits === null || Array.isArray(traits))
      throw new GenerateError(`overlay "revisionTraits.${revision}" must be an object`, file);
    const primes = (traits as RevisionTraits).primingEvents;
    if (primes !== undefined && typeof primes !== "boolean")
      throw new GenerateError(`overlay "revisionTraits.${revision}.primingEvents" must be a boolean`, file);
  }
  return {
    results: parsed.results,
    addressedBy: addressed as Record<string, string[]>,
    revisionTraits: revisionTraits as Record<string, RevisionTraits>,
    capabilities: parsed.capabilities,
    extensions: parsed.extensions ?? {},
    sessionResultFields: sessionResultFields as string[],
  };
}
