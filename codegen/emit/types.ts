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

/**
 * A schema of annotations alone accepts any JSON value; json-schema-to-typescript would type a
 * described one as an object, so it is typed `unknown` here.
 */
function isUnconstrained(node: SchemaNode): boolean {
  return Object.keys(node).every((key) => ANNOTATIONS.has(key));
}

/**
 * Emits types.ts: one exported type per definition, with the schema's descriptions as JSDoc,
 * plus `Definitions`, which maps every definition name to its type.
 *
 * References become named type references (json-schema-to-typescript's `tsType`) so that a
 * `$ref` with a sibling description names the referenced type instead of minting a copy of it.
 */
export async function emitTypes(schema: LoadedSchema, name: string): Promise<string> {
  const prefix = `#/${schema.defsKeyword}/`;
  const toTypeRef = (node: SchemaNode): SchemaNode => {
    if (isUnconstrained(node)) return { ...node, tsType: "unknown" };
    if (typeof node.$ref !== "string" || !node.$ref.startsWith(prefix)) return node;
    const { $ref, ...rest } = node;
    return { ...rest, tsType: $ref.slice(prefix.length) };
  };
  const names = Object.keys(schema.definitions).sort();
  const definitions: Record<string, unknown> = {};
  for (const def of names) {
    definitions[def] = { ...(mapSchema(schema.definitions[def], toTypeRef) as SchemaNode), title: def };
  }
  const root = {
    title: "Definitions",
    description: `Every definition of the ${name} schema, by name.`,
    type: "object",
    additionalProperties: false,
    required: names,
    properties: Object.fromEntries(names.map((def) => [def, { tsType: def }])),
    definitions,
  };
  const body = await compile(root as JSONSchema, "Definitions", {
    bannerComment: "",
    unreachableDefinitions: true,
    additionalProperties: false,
    declareExternallyReferenced: true,
    format: true,
    strictIndexSignatures: false,
  });
  return header(name, schema.sha256) + "/* eslint-disable */\n" + body;
}
