/** A JSON Schema node as read from disk: plain JSON data. */
export type SchemaNode = { [key: string]: unknown };

const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const SCHEMA_VALUES = new Set([
  "additionalProperties",
  "additionalItems",
  "unevaluatedProperties",
  "unevaluatedItems",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "items",
]);
const SCHEMA_ARRAYS = new Set(["allOf", "anyOf", "oneOf", "prefixItems", "items"]);

/** Annotation keywords that never change what a schema accepts. */
export const ANNOTATIONS = new Set(["description", "title", "examples", "$comment", "markdownDescription"]);

export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Rebuilds a schema bottom-up, calling `visit` on every subschema after its children.
 * Keyword-aware: a property *named* "description" or "$ref" is a name, never a keyword.
 */
export function mapSchema(node: unknown, visit: (node: SchemaNode, depth: number) => SchemaNode, depth = 0): unknown {
  if (typeof node === "boolean" || !isSchemaNode(node)) return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAPS.has(key) && isSchemaNode(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapSchema(v, visit, depth + 1)]));
    } else if (SCHEMA_ARRAYS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => mapSchema(v, visit, depth + 1));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = mapSchema(value, visit, depth + 1);
    } else {
      out[key] = value;
    }
  }
  return visit(out, depth);
}

/** Drops annotation keywords: validators do not need them and they bloat generated code. */
export function stripAnnotations(schema: SchemaNode): SchemaNode {
  return mapSchema(schema, (node) => {
    const kept: SchemaNode = {};
    for (const [k, v] of Object.entries(node)) if (!ANNOTATIONS.has(k)) kept[k] = v;
    return kept;
  }) as SchemaNode;
}

/** Drops `$schema` below the root, where some extension schemas repeat it on every definition. */
export function stripNestedDialect(schema: SchemaNode): SchemaNode {
  return mapSchema(schema, (node, depth) => {
    if (depth === 0 || !("$schema" in node)) return node;
    const { $schema: _dialect, ...rest } = node;
    return rest;
  }) as SchemaNode;
}
