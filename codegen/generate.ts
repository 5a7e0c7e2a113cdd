import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { format } from "prettier";
import { emitCommon } from "./emit/common.js";
import { emitLazy, emitRuntime } from "./emit/lazy.js";
import { emitMethods } from "./emit/methods.js";
import { emitLatest, emitRegistry, emitRevisionIndex, emitSurface } from "./emit/registry.js";
import { emitSide, sideMethod } from "./emit/side.js";
import { emitTypes } from "./emit/types.js";
import { emitValidatorGroups, emitValidators, emitValidatorTypes, SHARED_FOLDER } from "./emit/validators.js";
import { FROM_PACKAGE, header, IN_PACKAGE, type SharedImports } from "./emit/names.js";
import { GenerateError } from "./errors.js";
import { loadSchemaFile, type LoadedSchema } from "./load.js";
import { buildModel, type ModeledSchema, type ProtocolModel } from "./model.js";
import { loadOverlay, type Overlay } from "./overlay.js";
import { packageRoot } from "./paths.js";

/** Generated files by path relative to the output folder. */
export type FileSet = Map<string, string>;

/** One entry of schema/revisions.json (schema/README.md describes each field). */
export interface RevisionEntry {
  /** The revision's name: its protocol version string, and its folder under schema/ and generated/. */
  name: string;
  /** The GitHub repository (`owner/name`) the schema is downloaded from; "." for one committed in this repository. */
  repository: string;
  /** The commit of `repository` that is downloaded; empty when `repository` is ".". */
  commit: string;
  /** The schema's path inside `repository` at `commit`; for ".", relative to this repository's root. */
  path: string;
  /** Its path under the local specification mirror (tried before downloading); empty when `repository` is ".". */
  mirrorPath: string;
  /** The sha256 of the schema's bytes: checked by sync-schema and by every generation. */
  sha256: string;
  /** The JSON Schema dialect its `$schema` names. */
  dialect: "draft-07" | "2020-12";
  /** An extension's identifier, as declared under `capabilities.extensions` (extensions only). */
  extensionId?: string;
  /** The protocol revision an extension applies to (extensions only). */
  forRevision?: string;
}

/** schema/revisions.json: the revisions built and where their schemas come from. */
export interface RevisionsFile {
  /** The revision `mcpkit/types` names, and whose method list marks others' methods `@deprecated`. */
  latest: string;
  /** The protocol revisions, oldest first: sessions prefer later ones. */
  revisions: RevisionEntry[];
  /** Extension schemas generated through the same pipeline (not protocol revisions). */
  extensions: RevisionEntry[];
}

export function readRevisionsFile(root = packageRoot()): RevisionsFile {
  return JSON.parse(readFileSync(join(root, "schema", "revisions.json"), "utf8")) as RevisionsFile;
}

const PRETTIER = { parser: "typescript", printWidth: 120 } as const;

async function formatTs(files: FileSet): Promise<FileSet> {
  const out: FileSet = new Map();
  for (const [path, text] of files) out.set(path, /\.c?ts$/.test(path) ? await format(text, PRETTIER) : text);
  return out;
}

/** All files of one schema's folder, unformatted: types, validators, method tables, client and server surfaces. */
export async function emitSchemaFolder(
  schema: LoadedSchema,
  model: ProtocolModel,
  sessionFields: readonly string[] = [],
): Promise<FileSet> {
  return schemaFolder(schema, model, emitValidators(schema, model), { sessionFields, shared: IN_PACKAGE });
}

/** What a schema folder is told of the project around it. */
interface FolderContext {
  sessionFields: readonly string[];
  /** Where the folder's files import common.ts and lazy.ts from. */
  shared: SharedImports;
}

/** emitSchemaFolder, with the folder's validators.cjs given (a group's, naming the validators of a shared module). */
async function schemaFolder(
  schema: LoadedSchema,
  model: ProtocolModel,
  validators: string,
  { sessionFields, shared }: FolderContext,
): Promise<FileSet> {
  const head = header(model.name, model.sha256);
  // A revision's own bases know only that revision: `@since` and `@deprecated` are the surface's.
  const side = (s: "client" | "server") =>
    emitSide({
      side: s,
      header: head,
      typeImports: [`import type * as T from "./types.js";`],
      requests: model.requests.map((m) => sideMethod(m)),
      notifications: model.notifications.map((m) => sideMethod(m)),
      common: shared.common,
    });
  const files: FileSet = new Map([
    [`${model.name}/types.ts`, await emitTypes(schema, model.name, { sessionFields })],
    [`${model.name}/validators.cjs`, validators],
    [`${model.name}/validators.d.cts`, emitValidatorTypes(model, shared)],
    [`${model.name}/methods.ts`, emitMethods(model, shared)],
    [`${model.name}/client.ts`, side("client")],
    [`${model.name}/server.ts`, side("server")],
    [`${model.name}/index.ts`, emitRevisionIndex(model, shared)],
  ]);
  return files;
}

function checkRevisionName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name === "surface" || name === SHARED_FOLDER) {
    throw new GenerateError(`revision name ${JSON.stringify(name)} must be a plain folder name`, "--revision");
  }
}

/** Loads and models one schema file. */
export function modelSchema(file: string, name: string, overlay: Overlay, sha256?: string): ModeledSchema {
  checkRevisionName(name);
  const schema = loadSchemaFile(file, sha256);
  return { schema, model: buildModel(schema, name, overlay) };
}

/** Each session-filled result field the overlay names must be a property of some result definition. */
function checkSessionResultFields(overlay: Overlay, loaded: ModeledSchema[]): void {
  for (const field of overlay.sessionResultFields) {
    const found = loaded.some(({ schema, model }) =>
      model.requests.some((r) => {
        const props = (schema.definitions[r.resultType] as { properties?: Record<string, unknown> } | undefined)
          ?.properties;
        return props !== undefined && Object.hasOwn(props, field);
      }),
    );
    if (!found)
      throw new GenerateError(
        `overlay names session result field "${field}", which no result definition has`,
        "schema/overlay.json",
      );
  }
}

/** Every file of generated/, from the synced schemas that schema/revisions.json names. */
export async function generateProject(
  root = packageRoot(),
  overlay = loadOverlay(join(root, "schema", "overlay.json")),
): Promise<FileSet> {
  const config = readRevisionsFile(root);
  const load = (e: RevisionEntry) =>
    modelSchema(join(root, "schema", e.name, "schema.json"), e.name, overlay, e.sha256);
  const revisions = config.revisions.map(load);
  const extensions = config.extensions.map(load);
  checkSessionResultFields(overlay, [...revisions, ...extensions]);
  const files: FileSet = new Map([
    ["common.ts", emitCommon(overlay.sessionResultFields)],
    ["lazy.ts", emitLazy()],
    ["runtime.ts", emitRuntime()],
  ]);
  const validators = emitValidatorGroups([...revisions, ...extensions]);
  const context: FolderContext = { sessionFields: overlay.sessionResultFields, shared: IN_PACKAGE };
  for (const { schema, model } of [...revisions, ...extensions]) {
    const own = validators.get(`${model.name}/validators.cjs`) ?? "";
    for (const [path, text] of await schemaFolder(schema, model, own, context)) files.set(path, text);
  }
  for (const [path, text] of validators) if (path.startsWith(`${SHARED_FOLDER}/`)) files.set(path, text);
  const models = revisions.map((r) => r.model);
  for (const [path, text] of emitSurface(models, config.latest)) files.set(path, text);
  files.set(
    "index.ts",
    emitRegistry(
      models,
      extensions.map((e) => e.model),
      config.latest,
      Object.fromEntries(
        config.extensions.map((e) => [
          e.name,
          { id: e.extensionId ?? e.name, revisions: e.forRevision ? [e.forRevision] : [] },
        ]),
      ),
    ),
  );
  files.set("latest.ts", emitLatest(models, config.latest));
  return formatTs(files);
}

/**
 * The module of one schema that schema/revisions.json need not know (`mcp generate`): the files of
 * its revision folder, at the top of the output (`index.ts` exports `revision`, to hand to sessions),
 * importing the shared types and loader from the installed package (`mcpkit/generated`), with
 * validators of its own (they require ajv-formats, a dependency of mcpkit).
 */
export async function generateRevision(options: {
  schema: string;
  revision: string;
  overlay?: Overlay;
}): Promise<FileSet> {
  const overlay = options.overlay ?? loadOverlay();
  const { schema, model } = modelSchema(resolve(options.schema), options.revision, overlay);
  const context: FolderContext = { sessionFields: overlay.sessionResultFields, shared: FROM_PACKAGE };
  const folder = await schemaFolder(schema, model, emitValidators(schema, model), context);
  const prefix = `${model.name}/`;
  return formatTs(new Map([...folder].map(([path, text]) => [path.slice(prefix.length), text])));
}

/**
 * Writes `files` under `outDir`, replacing each top-level entry they touch as a whole, and only
 * after every file has been written to a staging folder: a failure leaves the old output intact.
 */
export function writeFileSet(outDir: string, files: FileSet): void {
  const staging = `${outDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, text] of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), text);
    }
    mkdirSync(outDir, { recursive: true });
    for (const entry of readdirSync(staging)) {
      const target = join(outDir, entry);
      const old = `${target}.old-${process.pid}`;
      if (existsSync(target)) renameSync(target, old);
      renameSync(join(staging, entry), target);
      rmSync(old, { recursive: true, force: true });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The paths whose content on disk differs from `files` (missing files included). */
export function diffFileSet(outDir: string, files: FileSet): string[] {
  const stale: string[] = [];
  for (const [path, text] of files) {
    const file = join(outDir, path);
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) stale.push(path);
  }
  return stale;
}
