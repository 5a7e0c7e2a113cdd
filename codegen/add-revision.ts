import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { GenerateError } from "./errors.js";
import {
  generateProject,
  modelSchema,
  readRevisionsFile,
  writeFileSet,
  type RevisionEntry,
  type RevisionsFile,
} from "./generate.js";
import { loadOverlay } from "./overlay.js";
import { packageRoot } from "./paths.js";

/** The `repository` of an entry whose schema is committed in this repository, at its `path`. */
export const THIS_REPOSITORY = ".";

/** Where add-revision commits the schemas it is given (schema/<name>/schema.json is synced, and ignored by git). */
export const LOCAL_SCHEMAS = "schema/local";

const USAGE = `usage: npm run add-revision -- --schema <file> --revision <name> [--latest]
  --schema <file>     the revision's JSON Schema (an MCP schema.json)
  --revision <name>   its name: letters, digits, ".", "_" and "-" (a date for published revisions)
  --latest            make it the package's latest (what mcpkit/types names and @deprecated follows)
Copies the schema to ${LOCAL_SCHEMAS}/<name>.json (commit it), adds its entry, sha256 included, to
schema/revisions.json as the newest revision, and regenerates generated/; then run npm run build.`;

/** What was added. */
export interface AddedRevision {
  entry: RevisionEntry;
  /** Files regenerated into generated/. */
  files: number;
}

/** A refusal of the arguments themselves (exit 2), as opposed to a schema that cannot be used (exit 1). */
class UsageError extends Error {}

/**
 * Adds a revision to the repository at `root`: checks the name and the schema (it must model as an
 * MCP schema) before writing anything, commits a copy under schema/local/, puts it where
 * sync-schema would, appends its entry to schema/revisions.json and regenerates generated/. A failed
 * generation restores revisions.json and removes the copies.
 */
export async function addRevision(
  root: string,
  options: { schema: string; revision: string; latest?: boolean },
): Promise<AddedRevision> {
  const { revision } = options;
  const schema = resolve(options.schema);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(revision) || revision === "local")
    throw new UsageError(`--revision ${JSON.stringify(revision)} must be a plain name (no "/", no "..", not "local")`);
  if (!existsSync(schema) || statSync(schema).isDirectory())
    throw new UsageError(`cannot read ${options.schema}: no such file`);
  const config = readRevisionsFile(root);
  if ([...config.revisions, ...config.extensions].some((e) => e.name === revision))
    throw new UsageError(`revision ${revision} is already in schema/revisions.json`);
  const { schema: loaded } = modelSchema(schema, revision, loadOverlay(join(root, "schema", "overlay.json")));
  const path = `${LOCAL_SCHEMAS}/${revision}.json`;
  const entry: RevisionEntry = {
    name: revision,
    repository: THIS_REPOSITORY,
    commit: "",
    path,
    mirrorPath: "",
    sha256: loaded.sha256,
    dialect: loaded.dialect,
  };
  const updated: RevisionsFile = {
    ...config,
    latest: options.latest ? revision : config.latest,
    revisions: [...config.revisions, entry],
  };
  const revisionsFile = join(root, "schema", "revisions.json");
  const before = readFileSync(revisionsFile, "utf8");
  const copies = [join(root, path), join(root, "schema", revision, "schema.json")];
  try {
    for (const copy of copies) {
      mkdirSync(resolve(copy, ".."), { recursive: true });
      copyFileSync(schema, copy);
    }
    writeFileSync(revisionsFile, `${JSON.stringify(updated, null, 2)}\n`);
    const files = await generateProject(root);
    writeFileSet(join(root, "generated"), files);
    return { entry, files: files.size };
  } catch (error) {
    writeFileSync(revisionsFile, before);
    for (const copy of copies) rmSync(copy, { force: true });
    rmSync(join(root, "schema", revision), { recursive: true, force: true });
    throw error;
  }
}

/** Runs add-revision from command-line arguments; returns the exit code (2: usage, 1: the schema or generation failed). */
export async function main(
  argv: string[],
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  root = packageRoot(),
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        schema: { type: "string" },
        revision: { type: "string" },
        latest: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    log(`add-revision: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) return (log(USAGE), 0);
  if (!values.schema || !values.revision) {
    log(`add-revision: --schema and --revision are required\n${USAGE}`);
    return 2;
  }
  try {
    const started = Date.now();
    const { entry, files } = await addRevision(root, {
      schema: values.schema,
      revision: values.revision,
      latest: values.latest ?? false,
    });
    log(
      `add-revision: ${entry.name} (sha256 ${entry.sha256}, ${entry.dialect}) added to schema/revisions.json` +
        `${values.latest ? " as latest" : ""}, ${files} files regenerated in ${Date.now() - started} ms; ` +
        `commit ${entry.path} and schema/revisions.json, then npm run build`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      log(`add-revision: ${error.message}`);
      return 2;
    }
    if (error instanceof GenerateError) {
      log(`add-revision: ${error.message} (nothing was changed)`);
      return 1;
    }
    throw error;
  }
}
