import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.js";

type Node = Record<string, any>;

/** A synced schema read straight from disk, independently of the generator's model. */
export function readSchema(name: string): { defs: Record<string, Node>; prefix: string } {
  const root = JSON.parse(readFileSync(join(ROOT, "schema", name, "schema.json"), "utf8")) as Node;
  return root.$defs ? { defs: root.$defs, prefix: "#/$defs/" } : { defs: root.definitions, prefix: "#/definitions/" };
}

/** The methods of a Client/Server union as the schema states them (a union may be anyOf, one $ref, or one inlined member). */
export function unionMethods(name: string, union: string): string[] {
  const { defs, prefix } = readSchema(name);
  const def = defs[union];
  if (!def) return [];
  const members: Node[] = def.anyOf ?? def.oneOf ?? [def];
  return members
    .map((m) => (m.$ref ? defs[m.$ref.slice(prefix.length)]! : m))
    .map((m) => (m.$ref ? defs[m.$ref.slice(prefix.length)]! : m))
    .map((m) => m.properties?.method?.const as string)
    .sort();
}

/** Resolves a (possibly $ref'd) schema node within the schema. */
export function deref(name: string, node: Node | undefined): Node | undefined {
  const { defs, prefix } = readSchema(name);
  let current = node;
  while (current?.$ref) current = defs[(current.$ref as string).slice(prefix.length)];
  return current;
}

/** The required fields of a message definition's params, read from the schema. */
export function requiredParams(name: string, type: string): string[] {
  const { defs } = readSchema(name);
  const params = deref(name, defs[type]?.properties?.params);
  return (params?.required as string[] | undefined) ?? [];
}
