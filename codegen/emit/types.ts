import { compile, type JSONSchema } from "json-schema-to-typescript";
import { mapSchema, type SchemaNode } from "../schema-walk.js";
import type { LoadedSchema } from "../load.js";
import { header } from "./names.js";

const ANNOTATIONS = new Set([
  "description",
  "title",
  "$comment",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/** Where the specification the schemas link to (`/specification/...`) is published. */
export const SPEC_SITE = "https://modelcontextprotocol.io";

/**
 * A schema of annotations alone accepts any JSON value; json-schema-to-typescript would type a
 * described one as an object, so it is typed `unknown` here.
 */
function isUnconstrained(node: SchemaNode): boolean {
  return Object.keys(node).every((key) => ANNOTATIONS.has(key));
}

/** A description with its site-relative links (`](/specification/...)`) made absolute. */
export function absoluteLinks(description: string): string {
  return description.replace(/\]\(\//g, `](${SPEC_SITE}/`);
}

/** What the types module is told about the schema beyond the schema itself. */
export interface TypesOptions {
  /**
   * Result fields the session fills in (`resultType`, caching hints): typed optional on every
   * `...Result` definition, so that a result written by hand never has to carry them. A field whose
   * schema is a `const` (a discriminant such as `resultType: "task"`) stays required, and so does a
   * field of the same name elsewhere (a task's own `ttlMs`).
   */
  sessionFields?: readonly string[];
}

/** `node` with the session-filled fields dropped from its `required`, unless one is a discriminant. */
function withoutSessionFields(node: SchemaNode, fields: readonly string[]): SchemaNode {
  if (!Array.isArray(node.required) || fields.length === 0) return node;
  const properties = (node.properties ?? {}) as Record<string, SchemaNode>;
  const required = (node.required as string[]).filter(
    (key) => !fields.includes(key) || properties[key]?.const !== undefined,
  );
  return required.length === node.required.length ? node : { ...node, required };
}

/**
 * Emits types.ts: one exported type per definition, with the schema's descriptions as JSDoc (links
 * absolute), plus `Definitions`, which maps every definition name to its type.
 *
 * Each definition is compiled as a schema of its own, so no type carries json-schema-to-typescript's
 * "referenced by" note; references become named type references (its `tsType`) so that a `$ref`
 * with a sibling description names the referenced type instead of minting a copy of it.
 */
export async function emitTypes(schema: LoadedSchema, name: string, options: TypesOptions = {}): Promise<string> {
  const prefix = `#/${schema.defsKeyword}/`;
  const sessionFields = options.sessionFields ?? [];
  const prepare = (node: SchemaNode): SchemaNode => {
    if (typeof node.description === "string") node = { ...node, description: absoluteLinks(node.description) };
    if (isUnconstrained(node)) return { ...node, tsType: "unknown" };
    if (typeof node.$ref !== "string" || !node.$ref.startsWith(prefix)) return node;
    const { $ref, ...rest } = node;
    return { ...rest, tsType: $ref.slice(prefix.length) };
  };
  const names = Object.keys(schema.definitions).sort();
  const bodies: string[] = [];
  for (const def of names) {
    const mapped = mapSchema(schema.definitions[def], prepare) as SchemaNode;
    const root = def.endsWith("Result") ? withoutSessionFields(mapped, sessionFields) : mapped;
    const definition = { ...root, title: def };
    bodies.push(
      await compile(definition as JSONSchema, def, {
        bannerComment: "",
        additionalProperties: false,
        declareExternallyReferenced: true,
        format: false,
        strictIndexSignatures: false,
      }),
    );
  }
  const map = [
    `/** Every definition of the ${name} schema, by name. */`,
    "export interface Definitions {",
    ...names.map((def) => `  ${def}: ${def};`),
    "}",
    "",
  ];
  return header(name, schema.sha256) + "/* eslint-disable */\n" + bodies.join("") + map.join("\n");
}
