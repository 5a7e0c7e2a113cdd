import { createRequire } from "node:module";
import type { Dialect, LoadedSchema } from "../load.js";
import type { ModeledSchema, ProtocolModel } from "../model.js";
import { ANNOTATIONS, isSchemaNode, mapSchema, stripAnnotations, type SchemaNode } from "../schema-walk.js";
import {
  header,
  IN_PACKAGE,
  multiHeader,
  paramsValidatorName,
  resultValidatorName,
  str,
  validatorName,
  type SharedImports,
} from "./names.js";
import { mergeSchemas } from "./validator-groups.js";

const require = createRequire(import.meta.url);
// ajv ships CommonJS; its compiler is needed here, at generation time, and never at run time.
const Ajv = require("ajv").default as typeof import("ajv").default;
const Ajv2020 = require("ajv/dist/2020").default as typeof import("ajv/dist/2020.js").default;
const addFormats = require("ajv-formats").default as typeof import("ajv-formats").default;
const standaloneCode = require("ajv/dist/standalone").default as typeof import("ajv/dist/standalone/index.js").default;
const { _ } = require("ajv/dist/compile/codegen") as typeof import("ajv/dist/compile/codegen/index.js");

/** The exported validator names of a model, with the schema pointer each validates against. */
export function validatorExports(schema: LoadedSchema, model: ProtocolModel): Map<string, string> {
  const pointer = (def: string) => `#/${model.defsKeyword}/${def}`;
  const exports = new Map<string, string>();
  for (const def of model.definitionNames) exports.set(validatorName(def), pointer(def));
  for (const message of [...model.requests, ...model.notifications]) {
    if (message.params) exports.set(paramsValidatorName(message.type), canonical(schema, message.params.pointer));
  }
  for (const request of model.requests)
    exports.set(resultValidatorName(request.type), canonical(schema, request.wireResultPointer));
  return exports;
}

/**
 * Follows a pointer whose target is nothing but a `$ref` to the definition it names: ajv's standalone
 * output declares a function twice when one schema is exported under two different pointers.
 */
function canonical(schema: LoadedSchema, pointer: string): string {
  let node: unknown = schema.root;
  for (const part of pointer.replace(/^#\//, "").split("/")) node = isSchemaNode(node) ? node[part] : undefined;
  if (!isSchemaNode(node) || typeof node.$ref !== "string") return pointer;
  const rest = Object.keys(node).filter((k) => k !== "$ref" && !ANNOTATIONS.has(k));
  return rest.length === 0 ? node.$ref : pointer;
}

/**
 * Every validator's export name, sorted: what a revision's `validators` lists before validators.cjs
 * has loaded (and in the order a module namespace would list them).
 */
export function validatorNames(model: ProtocolModel): string[] {
  return [
    ...model.definitionNames.map(validatorName),
    ...[...model.requests, ...model.notifications].flatMap((m) => (m.params ? [paramsValidatorName(m.type)] : [])),
    ...model.requests.map((r) => resultValidatorName(r.type)),
  ].sort();
}

/** Where the validators shared by the revisions of one dialect live, relative to the output folder. */
export const SHARED_FOLDER = "shared";

const sharedFile = (dialect: Dialect) => `${SHARED_FOLDER}/validators.${dialect}.cjs`;

/** The 2020-12 keywords whose checks depend on what other subschemas evaluated, or on dynamic scope. */
const TRACKED = new Set([
  "unevaluatedProperties",
  "unevaluatedItems",
  "$dynamicRef",
  "$dynamicAnchor",
  "$recursiveRef",
  "$recursiveAnchor",
]);

/** Whether any of `keywords` is used as a keyword anywhere in `schema`. */
function usesKeyword(schema: unknown, keywords: ReadonlySet<string>): boolean {
  let found = false;
  mapSchema(schema, (node) => {
    if (Object.keys(node).some((k) => keywords.has(k))) found = true;
    return node;
  });
  return found;
}

/**
 * ajv standalone code for `exports` (export name -> pointer into `body`), compiled now, so that nothing
 * compiles a schema at run time; CommonJS, whose only run-time dependencies are ajv's helpers (when
 * the code uses any, required natively) and ajv-formats' format table.
 */
function compileStandalone(dialect: Dialect, id: string, body: SchemaNode, exports: Map<string, string>): string {
  const options = {
    strict: false,
    allErrors: false,
    inlineRefs: false,
    code: { source: true, esm: false, lines: false, optimize: true, formats: _`formats` },
  } as const;
  const ajv = dialect === "2020-12" ? new Ajv2020(options) : new Ajv(options);
  // Ajv2020 always tracks what each subschema evaluated and carries dynamic anchors, which only these
  // keywords need; a schema without them compiles to the same checks without that code (smaller, faster).
  if (!usesKeyword(body, TRACKED)) Object.assign(ajv.opts, { unevaluated: false, dynamicRef: false });
  addFormats(ajv);
  ajv.addSchema({ ...body, $id: id });
  // ajv declares a function twice when two exports name one pointer: compile each pointer once, alias the rest.
  const refs: Record<string, string> = {};
  const firstByPointer = new Map<string, string>();
  const aliases: string[] = [];
  for (const [name, pointer] of exports) {
    const first = firstByPointer.get(pointer);
    if (first) aliases.push(`exports.${name} = exports.${first};`);
    else {
      firstByPointer.set(pointer, name);
      refs[name] = `${id}${pointer}`;
    }
  }
  const formats = `const { fullFormats: formats } = require("ajv-formats/dist/formats.js");`;
  return `"use strict";\n${formats}\n${standaloneCode(ajv, refs)}\n${aliases.join("\n")}\n`;
}

/** Emits validators.cjs of one schema on its own: every validator compiled into the file itself. */
export function emitValidators(schema: LoadedSchema, model: ProtocolModel): string {
  const { $schema: _dialect, ...body } = stripAnnotations(schema.root);
  const code = compileStandalone(
    schema.dialect,
    `urn:mcpkit:schema:${model.name}`,
    body,
    validatorExports(schema, model),
  );
  return header(model.name, model.sha256) + code;
}

/** The export name, in a shared module, of the validator at a pointer of the merged schema. */
function sharedName(pointer: string): string {
  return pointer
    .split("/")
    .slice(2)
    .join("$")
    .replace(/[^A-Za-z0-9_$]/g, "_");
}

/**
 * Emits the validators.cjs of every member of a group of schemas, by dialect. A dialect with one
 * member compiles into that member's file as emitValidators does; one with several compiles a merged
 * schema (mergeSchemas: each distinct definition once) into shared/validators.<dialect>.cjs, and each
 * member's validators.cjs names its validators from there. The revisions of one era share most of
 * their definitions, so the package holds each compiled validator once rather than once per revision.
 */
export function emitValidatorGroups(members: ModeledSchema[]): Map<string, string> {
  const files = new Map<string, string>();
  const dialects = [...new Set(members.map((m) => m.schema.dialect))];
  for (const dialect of dialects) {
    const group = members.filter((m) => m.schema.dialect === dialect);
    const [only] = group;
    if (only && group.length === 1) {
      files.set(`${only.model.name}/validators.cjs`, emitValidators(only.schema, only.model));
      continue;
    }
    const merged = mergeSchemas(group.map((m) => m.schema));
    const shared = new Map<string, string>();
    group.forEach(({ schema, model }, member) => {
      const lines = [`"use strict";`, `const shared = require(${str(`../${sharedFile(dialect)}`)});`];
      const exports = [...validatorExports(schema, model)].sort(([a], [b]) => (a < b ? -1 : 1));
      for (const [name, pointer] of exports) {
        const at = merged.pointer(member, pointer);
        const from = sharedName(at);
        shared.set(from, at);
        lines.push(`exports.${name} = shared.${from};`);
      }
      files.set(`${model.name}/validators.cjs`, header(model.name, model.sha256) + lines.join("\n") + "\n");
    });
    const models = group.map((m) => m.model);
    const body = { [merged.defsKeyword]: merged.definitions };
    const code = compileStandalone(dialect, `urn:mcpkit:schema:${dialect}`, body, new Map([...shared].sort()));
    files.set(sharedFile(dialect), multiHeader(models) + code);
  }
  return files;
}

/** Emits validators.d.cts: each validator typed as a guard for its definition. */
export function emitValidatorTypes(model: ProtocolModel, shared: SharedImports = IN_PACKAGE): string {
  const lines = [
    header(model.name, model.sha256),
    // A .d.cts is a CommonJS module to TypeScript; importing ESM types from one needs resolution-mode
    // (TS1541 under "module": "node16", checked with skipLibCheck off).
    `import type { Validator } from ${str(shared.common)} with { "resolution-mode": "import" };`,
    `import type * as T from "./types.js" with { "resolution-mode": "import" };`,
    "",
  ];
  for (const def of model.definitionNames)
    lines.push(`export declare const ${validatorName(def)}: Validator<T.${def}>;`);
  for (const message of [...model.requests, ...model.notifications]) {
    if (message.params)
      lines.push(
        `export declare const ${paramsValidatorName(message.type)}: Validator<NonNullable<T.${message.type}[${str("params")}]>>;`,
      );
  }
  for (const request of model.requests) {
    lines.push(`export declare const ${resultValidatorName(request.type)}: Validator<T.${request.wireResultTs}>;`);
  }
  // This module's own exports (not the default export a CommonJS module is given), as a mapped type:
  // it must be assignable to RevisionSpec's index signature, which an interface would not be.
  lines.push(
    "",
    "/** Every validator above, by export name: what the revision's `validators` holds. */",
    'export type Validators = Readonly<Omit<typeof import("./validators.cjs"), "default">>;',
  );
  return lines.join("\n") + "\n";
}
