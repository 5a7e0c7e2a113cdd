import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { GenerateError } from "./errors.js";
import { isSchemaNode, stripNestedDialect, type SchemaNode } from "./schema-walk.js";

/** The JSON Schema dialects the generator understands. */
export type Dialect = "draft-07" | "2020-12";

/** A schema file read from disk and checked: the input of the model pass. */
export interface LoadedSchema {
  file: string;
  sha256: string;
  dialect: Dialect;
  /** Where definitions live: `$defs` (2020-12) or `definitions` (draft-07). */
  defsKeyword: "$defs" | "definitions";
  root: SchemaNode;
  definitions: Record<string, SchemaNode>;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Reads, hashes and parses a schema file; every failure names the file. */
export function loadSchemaFile(file: string, expectedSha256?: string): LoadedSchema {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GenerateError(code === "ENOENT" ? "file not found" : `cannot read (${code ?? String(error)})`, file);
  }
  const digest = sha256(bytes);
  if (expectedSha256 && digest !== expectedSha256) {
    throw new GenerateError(`sha256 is ${digest}, expected ${expectedSha256}; run \`npm run sync-schema\``, file);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new GenerateError(`not JSON (${(error as Error).message.replace(/\s+/g, " ")})`, file);
  }
  return parseSchema(parsed, file, digest);
}

/** Checks the shape of an already-parsed schema document. */
export function parseSchema(parsed: unknown, file: string, digest: string): LoadedSchema {
  if (!isSchemaNode(parsed)) throw new GenerateError("not a JSON Schema object", file);
  const dialect = dialectOf(parsed.$schema, file);
  const defsKeyword = dialect === "2020-12" ? "$defs" : "definitions";
  const root = stripNestedDialect(parsed);
  const definitions = root[defsKeyword];
  if (!isSchemaNode(definitions)) throw new GenerateError(`has no "${defsKeyword}" object`, file);
  for (const [name, def] of Object.entries(definitions)) {
    if (!isSchemaNode(def)) throw new GenerateError("is not a schema object", file, name);
  }
  return { file, sha256: digest, dialect, defsKeyword, root, definitions: definitions as Record<string, SchemaNode> };
}

function dialectOf(uri: unknown, file: string): Dialect {
  if (typeof uri === "string" && uri.includes("draft-07")) return "draft-07";
  if (typeof uri === "string" && uri.includes("2020-12")) return "2020-12";
  throw new GenerateError(`unsupported "$schema" ${JSON.stringify(uri)}: expected draft-07 or 2020-12`, file);
}
