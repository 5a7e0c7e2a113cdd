import { createRequire } from "node:module";
import type { LoadedSchema } from "../load.js";
import type { ProtocolModel } from "../model.js";
import { ANNOTATIONS, isSchemaNode, stripAnnotations } from "../schema-walk.js";
import { header, paramsValidatorName, resultValidatorName, str, validatorName } from "./names.js";

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

/**
 * Emits validators.cjs: ajv standalone code compiled now, so that nothing compiles a schema at run
 * time. CommonJS, so that a revision's method tables can require it synchronously the first time one
 * of its validators is read (see lazy.ts), and so that ajv's runtime helpers, when the code uses any,
 * are required natively. The only run-time dependencies are those helpers and ajv-formats' format table.
 */
export function emitValidators(schema: LoadedSchema, model: ProtocolModel): string {
  const options = {
    strict: false,
    allErrors: false,
    inlineRefs: false,
    code: { source: true, esm: false, lines: false, optimize: true, formats: _`formats` },
  } as const;
  const ajv = schema.dialect === "2020-12" ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  const id = `urn:mcpkit:schema:${model.name}`;
  const { $schema: _dialect, ...body } = stripAnnotations(schema.root);
  ajv.addSchema({ ...body, $id: id });
  // ajv declares a function twice when two exports name one pointer: compile each pointer once, alias the rest.
  const refs: Record<string, string> = {};
  const firstByPointer = new Map<string, string>();
  const aliases: string[] = [];
  for (const [name, pointer] of validatorExports(schema, model)) {
    const first = firstByPointer.get(pointer);
    if (first) aliases.push(`exports.${name} = exports.${first};`);
    else {
      firstByPointer.set(pointer, name);
      refs[name] = `${id}${pointer}`;
    }
  }
  const code = standaloneCode(ajv, refs);
  const formats = `const { fullFormats: formats } = require("ajv-formats/dist/formats.js");`;
  return `${header(model.name, model.sha256)}"use strict";\n${formats}\n${code}\n${aliases.join("\n")}\n`;
}

/** Emits validators.d.cts: each validator typed as a guard for its definition. */
export function emitValidatorTypes(model: ProtocolModel): string {
  const lines = [
    header(model.name, model.sha256),
    `import type { Validator } from "../common.js";`,
    `import type * as T from "./types.js";`,
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
  // A type literal, not an interface: it must be assignable to RevisionSpec's index signature.
  lines.push(
    "",
    "/** Every validator above, by export name: what the revision's `validators` holds. */",
    "export type Validators = {",
    ...validatorNames(model).map((name) => `  readonly ${name}: typeof ${name};`),
    "};",
  );
  return lines.join("\n") + "\n";
}
