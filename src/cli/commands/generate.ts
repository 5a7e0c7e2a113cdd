import { existsSync, statSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { paint } from "../output.js";
import type { CliContext } from "../program.js";
import { CliError } from "../target.js";

/** The revision a schema file names by its place: `schema/2025-11-25/schema.json` or `2025-11-25.json`. */
export function revisionFromPath(file: string): string | undefined {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const stem = basename(file).replace(/\.json$/i, "");
  if (date.test(stem)) return stem;
  const folder = basename(dirname(resolve(file)));
  return date.test(folder) ? folder : undefined;
}

/** A revision name: it names a folder and a protocol version, so no path separators and no "." or "..". */
export const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A path for messages: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? `./${rel}` : path;
}

/** `mcp generate --schema <file> [--revision R] [--out dir]`: the typed surface of a (new) revision. */
export function registerGenerate(program: Command, ctx: CliContext): void {
  program
    .command("generate")
    .summary("generate the typed surface of one schema revision")
    .description(
      "generate one schema revision as a module of its own (types, validators, method tables) that sessions given it speak",
    )
    .requiredOption("--schema <file>", "the revision's JSON Schema (schema.json of the specification)")
    .option("--revision <name>", "the revision's name (default: the date in the schema's file or folder name)")
    .option("--out <dir>", "where to write (default: ./generated-<revision>)")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  mcp generate --schema schema/2025-11-25/schema.json",
        "  mcp generate --schema draft/schema.json --revision 2026-draft --out src/generated",
        "",
        "The output is a module: pass the revision it exports to the sessions, and they speak it:",
        '  import { revision } from "./generated/index.js";',
        "  new ClientSession(transport, { revisions: [revision] });",
        '  new FastMCP("name", { revisions: [revision] });',
      ].join("\n"),
    )
    .action(async (options: { schema: string; revision?: string; out?: string }) => {
      const schema = resolve(options.schema);
      if (!existsSync(schema)) throw new CliError(`cannot read ${options.schema}: no such file`, 2);
      if (statSync(schema).isDirectory()) throw new CliError(`cannot read ${options.schema}: it is a directory`, 2);
      const revision = options.revision ?? revisionFromPath(schema);
      if (revision === undefined)
        throw new CliError(`cannot tell the revision from ${options.schema}'s name: pass --revision <name>`, 2);
      if (!PLAIN_NAME.test(revision))
        throw new CliError(
          `--revision ${JSON.stringify(revision)} must be a plain name (letters, digits, ".", "_", "-"; no "/" or "..")`,
          2,
        );
      const out = resolve(options.out ?? `generated-${revision}`);
      const { generateRevision, writeFileSet, GenerateError } = await loadGenerator();
      const started = Date.now();
      let files;
      try {
        files = await generateRevision({ schema, revision });
      } catch (error) {
        if (error instanceof GenerateError)
          throw new CliError(`cannot generate: ${error.message} (nothing was written)`, 1);
        throw error;
      }
      writeFileSet(out, files);
      const c = paint(ctx.io.out);
      const list = [...files.keys()].sort().map((path) => `  ${path}`);
      ctx.io.out.write(
        `${c.green("generated")} ${files.size} files for revision ${c.bold(revision)} into ${shown(out)} in ${Date.now() - started} ms\n${list.join("\n")}\n`,
      );
    });
}

/** The libraries the generator needs beyond mcpkit's own dependencies (optional peer dependencies). */
const GENERATOR_LIBRARIES = ["json-schema-to-typescript", "prettier"];

/**
 * The generator, loaded on first use: it brings json-schema-to-typescript, prettier and ajv's
 * compiler, which no other command needs, and which an install without the optional peers lacks.
 */
async function loadGenerator(): Promise<typeof import("../../../codegen/index.js")> {
  try {
    return await import("../../../codegen/index.js");
  } catch (error) {
    const missing = GENERATOR_LIBRARIES.find((name) => String((error as Error).message).includes(`'${name}'`));
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && missing)
      throw new CliError(
        `mcp generate needs ${GENERATOR_LIBRARIES.join(" and ")} (optional peer dependencies of mcpkit): npm install ${GENERATOR_LIBRARIES.join(" ")}`,
        1,
      );
    throw error;
  }
}
