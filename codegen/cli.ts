import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { GenerateError } from "./errors.js";
import { diffFileSet, generateProject, generateRevision, writeFileSet, type FileSet } from "./generate.js";
import { packageRoot } from "./paths.js";

const USAGE = `usage: npm run generate -- [--check] [--schema <file> --revision <name>] [--out <dir>]
  (no options)        regenerate every revision of schema/revisions.json into generated/
  --schema, --revision generate one schema (any revision, even one revisions.json does not name) as a
                      module of its own (what mcp generate writes; default --out: ./generated-<revision>)
  --out <dir>         write there instead of generated/
  --check             write nothing; exit 1 if the output on disk differs from a fresh generation`;

/** Runs the generator from command-line arguments; returns the process exit code. */
export async function main(
  argv: string[],
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        schema: { type: "string" },
        revision: { type: "string" },
        out: { type: "string" },
        check: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    log(`generate: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    log(USAGE);
    return 0;
  }
  if (Boolean(values.schema) !== Boolean(values.revision)) {
    log(`generate: --schema and --revision go together\n${USAGE}`);
    return 2;
  }
  const outDir = resolve(
    values.out ?? (values.schema ? `generated-${values.revision}` : join(packageRoot(), "generated")),
  );
  try {
    const started = Date.now();
    const files: FileSet = values.schema
      ? await generateRevision({ schema: values.schema, revision: values.revision! })
      : await generateProject();
    if (values.check) {
      const stale = diffFileSet(outDir, files);
      if (stale.length) {
        log(`generate --check: ${stale.length} file(s) differ from a fresh generation: ${stale.join(", ")}`);
        return 1;
      }
      log(`generate --check: ${files.size} files up to date in ${outDir}`);
      return 0;
    }
    writeFileSet(outDir, files);
    log(`generated ${files.size} files into ${outDir} in ${Date.now() - started} ms`);
    return 0;
  } catch (error) {
    if (error instanceof GenerateError) {
      log(`generate: ${error.message}\n(nothing was written; ${outDir} is unchanged)`);
      return 1;
    }
    throw error;
  }
}
