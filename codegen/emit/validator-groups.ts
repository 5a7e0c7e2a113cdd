import { GenerateError } from "../errors.js";
import type { Dialect, LoadedSchema } from "../load.js";
import { mapSchema, stripAnnotations, type SchemaNode } from "../schema-walk.js";

/**
 * Several schemas of one dialect as one: each definition that accepts exactly what a definition of
 * another member accepts (same keywords once annotations are gone, and references to definitions
 * that are the same in turn) appears once, so that one compiled validator serves every member.
 */
export interface MergedSchema {
  dialect: Dialect;
  defsKeyword: LoadedSchema["defsKeyword"];
  /** The merged document's definitions, annotations stripped, references rewritten to merged names. */
  definitions: Record<string, SchemaNode>;
  /** A member's pointer (`#/<defs>/<Name>/...`) as the same place in the merged document. */
  pointer(member: number, pointer: string): string;
}

/** One definition of a member, its references taken out: the shape alone, and the names it refers to in order. */
interface Shape {
  member: number;
  name: string;
  def: SchemaNode;
  skeleton: string;
  refs: string[];
}

/** Every string-valued `$ref` anywhere in `value`, keyword or not: what shapeOf must have found. */
function countRefs(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + countRefs(v), 0);
  if (typeof value !== "object" || value === null) return 0;
  return Object.entries(value).reduce(
    (sum, [k, v]) => sum + (k === "$ref" && typeof v === "string" ? 1 : countRefs(v)),
    0,
  );
}

function shapeOf(member: number, name: string, def: SchemaNode, prefix: string, file: string): Shape {
  const refs: string[] = [];
  const skeleton = mapSchema(def, (node) => {
    if (typeof node.$ref !== "string" || !node.$ref.startsWith(prefix)) return node;
    refs.push(node.$ref.slice(prefix.length));
    return { ...node, $ref: "@" };
  });
  // A reference the walk did not see (under a keyword it does not know) could not be rewritten.
  if (countRefs(def) !== refs.length)
    throw new GenerateError("has a $ref the validator merge cannot follow", file, name);
  return { member, name, def, skeleton: JSON.stringify(skeleton), refs };
}

/** Numbers each distinct signature in order of first appearance. */
function numbering(signatures: string[]): number[] {
  const ids = new Map<string, number>();
  return signatures.map((signature) => {
    const known = ids.get(signature);
    if (known !== undefined) return known;
    ids.set(signature, ids.size);
    return ids.size - 1;
  });
}

/**
 * Classes of equal definitions by partition refinement: start from equal shapes, then split any class
 * whose members refer to definitions of different classes, until no class splits. What remains are
 * definitions that accept the same values, recursive ones included. `at` finds a member's definition.
 */
function classesOf(shapes: Shape[], at: (member: number, name: string) => number): number[] {
  let classes = numbering(shapes.map((s) => s.skeleton));
  for (;;) {
    const current = classes;
    const refClass = (member: number, name: string) => current[at(member, name)] ?? `?${name}`;
    const next = numbering(shapes.map((s, i) => `${current[i]}|${s.refs.map((r) => refClass(s.member, r)).join(",")}`));
    if (Math.max(-1, ...next) === Math.max(-1, ...current)) return next;
    classes = next;
  }
}

/** Merges schemas (all of one dialect) into one document of distinct definitions; members are their indexes. */
export function mergeSchemas(schemas: LoadedSchema[]): MergedSchema {
  const [first] = schemas;
  if (!first) throw new Error("mergeSchemas needs at least one schema");
  const { dialect, defsKeyword } = first;
  const prefix = `#/${defsKeyword}/`;
  const shapes = schemas.flatMap((schema, member) =>
    Object.entries(stripAnnotations(schema.root)[defsKeyword] as Record<string, SchemaNode>).map(([name, def]) =>
      shapeOf(member, name, def, prefix, schema.file),
    ),
  );
  const index = new Map(shapes.map((s, i) => [`${s.member}\u0000${s.name}`, i]));
  const at = (member: number, name: string) => index.get(`${member}\u0000${name}`) ?? -1;
  const classes = classesOf(shapes, at);
  // Each class is named after its first definition, numbered when an earlier class took the name.
  const names = new Map<number, string>();
  const taken = new Map<string, number>();
  shapes.forEach((s, i) => {
    const cls = classes[i] ?? -1;
    if (names.has(cls)) return;
    const seen = taken.get(s.name) ?? 0;
    taken.set(s.name, seen + 1);
    names.set(cls, seen === 0 ? s.name : `${s.name}_${seen + 1}`);
  });
  const mergedName = (member: number, name: string) => names.get(classes[at(member, name)] ?? -1) ?? name;
  const definitions: Record<string, SchemaNode> = {};
  for (const s of shapes) {
    const name = mergedName(s.member, s.name);
    if (name in definitions) continue;
    definitions[name] = mapSchema(s.def, (node) =>
      typeof node.$ref === "string" && node.$ref.startsWith(prefix)
        ? { ...node, $ref: prefix + mergedName(s.member, node.$ref.slice(prefix.length)) }
        : node,
    ) as SchemaNode;
  }
  const pointer = (member: number, to: string) => {
    if (!to.startsWith(prefix)) throw new Error(`${to} is not a pointer into ${defsKeyword}`);
    const [name = "", ...rest] = to.slice(prefix.length).split("/");
    return [prefix + mergedName(member, name), ...rest].join("/");
  };
  return { dialect, defsKeyword, definitions, pointer };
}
