import type { Direction, ProtocolModel } from "../model.js";
import { emitSide, sideMethod, type SideMethod } from "./side.js";
import { header, IN_PACKAGE, multiHeader, str, type SharedImports } from "./names.js";

/** Emits <rev>/index.ts: the revision's spec object (data) and its types. */
export function emitRevisionIndex(model: ProtocolModel, shared: SharedImports = IN_PACKAGE): string {
  return `${header(model.name, model.sha256)}import type { RevisionSpec } from ${str(shared.common)};
import { notifications, requests, validators } from "./methods.js";

export type * from "./types.js";
export type * from "./methods.js";
export type * from "./client.js";
export type * from "./server.js";

/** Everything known about ${model.name}: method tables, validators and protocol traits. */
export const revision: ${revisionType(model)} = {
  name: ${str(model.name)},
  sha256: ${str(model.sha256)},
  dialect: ${str(model.dialect)},
  stateful: ${model.stateful},
  batching: ${model.batching},
  primingEvents: ${model.primingEvents},
  envelope: ${model.envelope ? JSON.stringify(model.envelope) : "null"},
  requests,
  notifications,
  validators: validators.exports,
} as const satisfies RevisionSpec;
`;
}

/**
 * The declared type of a revision's spec: its traits as literals and its tables by reference, so that
 * the declarations name the method tables of methods.d.ts instead of writing them out again.
 */
function revisionType(model: ProtocolModel): string {
  const envelope = model.envelope
    ? `{ ${Object.entries(model.envelope)
        .map(([key, value]) => `readonly ${key}: ${str(value)}`)
        .join("; ")} }`
    : "null";
  return `{
  readonly name: ${str(model.name)};
  readonly sha256: ${str(model.sha256)};
  readonly dialect: ${str(model.dialect)};
  readonly stateful: ${model.stateful};
  readonly batching: ${model.batching};
  readonly primingEvents: ${model.primingEvents};
  readonly envelope: ${envelope};
  readonly requests: typeof requests;
  readonly notifications: typeof notifications;
  readonly validators: typeof validators.exports;
}`;
}

interface SurfaceEntry extends SideMethod {
  revisions: readonly string[];
  /** Index of the newest model that has the method: its types stand for the surface. */
  newest: number;
}

function surfaceEntries(
  models: ProtocolModel[],
  pick: (m: ProtocolModel) => ProtocolModel["requests" | "notifications"],
): SurfaceEntry[] {
  const entries = new Map<string, SurfaceEntry>();
  models.forEach((model, index) => {
    for (const m of pick(model)) {
      const known = entries.get(m.method);
      const directions = [...new Set<Direction>([...(known?.directions ?? []), ...m.directions])].sort();
      entries.set(m.method, {
        ...sideMethod(m, `T${index}`, [...(known?.revisions ?? []), model.name]),
        directions,
        revisions: [...(known?.revisions ?? []), model.name],
        newest: index,
      });
    }
  });
  return [...entries.values()].sort((a, b) => (a.method < b.method ? -1 : 1));
}

/** The sides whose base classes name a surface entry's types: a request's result is named on the side that sends it. */
function sidesOf(entry: SurfaceEntry): Set<"client" | "server"> {
  const sides = new Set<"client" | "server">();
  if (entry.resultType === undefined) return sides;
  if (entry.directions.includes("clientToServer")) sides.add("client");
  if (entry.directions.includes("serverToClient")) sides.add("server");
  return sides;
}

/** Emits surface/{methods,client,server}.ts: every method of every revision, typed from the newest revision that has it. */
export function emitSurface(models: ProtocolModel[], latest?: string): Map<string, string> {
  const head = multiHeader(models);
  const requests = surfaceEntries(models, (m) => m.requests);
  const notifications = surfaceEntries(models, (m) => m.notifications);
  const table = (entries: SurfaceEntry[]) =>
    entries.map(
      (e) =>
        `  ${str(e.method)}: { revisions: [${e.revisions.map(str).join(", ")}], directions: [${e.directions.map(str).join(", ")}] },`,
    );
  const union = (entries: SurfaceEntry[], d: Direction) =>
    entries
      .filter((e) => e.directions.includes(d))
      .map((e) => str(e.method))
      .join(" | ") || "never";
  const methods = [
    head,
    ...models.map((m, i) => `import type * as M${i} from "../${m.name}/methods.js";`),
    "",
    "/** Every request method of every revision, with the revisions that have it. */",
    "export const requests = {",
    ...table(requests),
    "} as const;",
    "",
    "/** Every notification method of every revision, with the revisions that have it. */",
    "export const notifications = {",
    ...table(notifications),
    "} as const;",
    "",
    "/** Request types across revisions: each method typed as in the newest revision that has it. */",
    "export interface RequestMap {",
    ...requests.map((e) => `  ${str(e.method)}: M${e.newest}.RequestMap[${str(e.method)}];`),
    "}",
    "",
    "/** Notification types across revisions: each method typed as in the newest revision that has it. */",
    "export interface NotificationMap {",
    ...notifications.map((e) => `  ${str(e.method)}: M${e.newest}.NotificationMap[${str(e.method)}];`),
    "}",
    "",
    `export type ClientRequestMethod = ${union(requests, "clientToServer")};`,
    `export type ServerRequestMethod = ${union(requests, "serverToClient")};`,
    `export type ClientNotificationMethod = ${union(notifications, "clientToServer")};`,
    `export type ServerNotificationMethod = ${union(notifications, "serverToClient")};`,
    "",
  ].join("\n");
  const typeImports = (side: "client" | "server") => {
    const used = new Set([...requests, ...notifications].filter((e) => sidesOf(e).has(side)).map((e) => e.newest));
    return models
      .map((m, i) => (used.has(i) ? `import type * as T${i} from "../${m.name}/types.js";` : ""))
      .filter(Boolean);
  };
  const side = (s: "client" | "server") =>
    emitSide({
      side: s,
      header: head,
      typeImports: typeImports(s),
      requests,
      notifications,
      ...(latest === undefined ? {} : { latest }),
    });
  return new Map([
    ["surface/methods.ts", methods],
    ["surface/client.ts", side("client")],
    ["surface/server.ts", side("server")],
  ]);
}

/** Emits index.ts: the revision registry, LATEST, the extensions and the cross-revision surface. */
export function emitRegistry(
  models: ProtocolModel[],
  extensions: ProtocolModel[],
  latest: string,
  applies: Record<string, { id: string; revisions: string[] }> = {},
): string {
  const id = (m: ProtocolModel) => m.name.replace(/[^A-Za-z0-9]/g, "_");
  return [
    multiHeader([...models, ...extensions]),
    ...models.map((m) => `import { revision as r_${id(m)} } from "./${m.name}/index.js";`),
    ...models.map((m) => `import type { Definitions as D_${id(m)} } from "./${m.name}/types.js";`),
    ...extensions.map((m) => `import { revision as x_${id(m)} } from "./${m.name}/index.js";`),
    "",
    'export type * from "./common.js";',
    'export * as surface from "./surface/methods.js";',
    'export type * as SurfaceClient from "./surface/client.js";',
    'export type * as SurfaceServer from "./surface/server.js";',
    "",
    "/** The protocol revisions generated, oldest first. */",
    `export const REVISIONS = [${models.map((m) => str(m.name)).join(", ")}] as const;`,
    "",
    "/** A protocol revision this build speaks. */",
    "export type Revision = (typeof REVISIONS)[number];",
    "",
    "/** The newest protocol revision. */",
    `export const LATEST = ${str(latest)} as const satisfies Revision;`,
    "",
    "/** Every protocol revision's spec, by name. */",
    `export const revisions: { ${models.map((m) => `readonly ${str(m.name)}: typeof r_${id(m)}`).join("; ")} } = {`,
    ...models.map((m) => `  ${str(m.name)}: r_${id(m)},`),
    "} as const;",
    "",
    "/** Extension schemas generated through the same pipeline, by name. */",
    `export const extensions: { ${extensions.map((m) => `readonly ${str(m.name)}: typeof x_${id(m)}`).join("; ")} } = {`,
    ...extensions.map((m) => `  ${str(m.name)}: x_${id(m)},`),
    "} as const;",
    "",
    "/** Each extension's identifier (declared under `capabilities.extensions`) and the revisions it applies to. */",
    "export const extensionInfo = {",
    ...extensions.map((m) => {
      const { id, revisions } = applies[m.name] ?? { id: m.name, revisions: [] };
      return `  ${str(m.name)}: { id: ${str(id)}, revisions: [${revisions.map(str).join(", ")}] },`;
    }),
    "} as const;",
    "",
    "/** The JSON-RPC error codes the schemas name, across revisions. */",
    "export const ErrorCode = {",
    ...errorCodes(models).map(([name, code]) => `  ${name}: ${code},`),
    "} as const;",
    "",
    '/** Each revision\'s definitions, by name: `RevisionDefinitions["2025-11-25"]["Tool"]`. */',
    "export interface RevisionDefinitions {",
    ...models.map((m) => `  ${str(m.name)}: D_${id(m)};`),
    "}",
    "",
  ].join("\n");
}

/**
 * Error code names: the definition's name without its `Error` suffix where more than one word remains
 * (MethodNotFoundError -> MethodNotFound, ParseError stays), as JSON-RPC's own names read.
 */
export function errorCodeName(definition: string): string {
  const stem = definition.replace(/Error$/, "");
  return /^[A-Z][a-z0-9]*[A-Z]/.test(stem) || /^[A-Z]{2,}/.test(stem) ? stem : definition;
}

/** Every named error code across revisions, sorted by name; one name must keep one code. */
export function errorCodes(models: ProtocolModel[]): [string, number][] {
  const codes = new Map<string, number>();
  for (const model of models) {
    for (const { definition, code } of model.errorCodes) {
      const name = errorCodeName(definition);
      const known = codes.get(name);
      if (known !== undefined && known !== code)
        throw new Error(`error code ${name} is ${known} in one revision and ${code} in ${model.name}`);
      codes.set(name, code);
    }
  }
  return [...codes].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** Emits latest.ts: the newest revision's types and spec, for `mcpkit/types`. */
export function emitLatest(models: ProtocolModel[], latest: string): string {
  const model = models.find((m) => m.name === latest);
  if (!model) throw new Error(`schema/revisions.json names latest "${latest}", which is not among its revisions`);
  return `${header(model.name, model.sha256)}export * from "./${model.name}/index.js";\n`;
}
