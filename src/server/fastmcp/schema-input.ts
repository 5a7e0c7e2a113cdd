import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";
import type { FromJsonSchema } from "./json-schema-type.js";
import { literalCheck, pointerToken, type LiteralCheck } from "./literal-validator.js";

/** A Standard Schema that can also describe itself as JSON Schema: zod 4, arktype, valibot through toStandardJsonSchema. */
export type StandardSchemaWithJson = StandardSchemaV1 & StandardJSONSchemaV1;

/** A JSON Schema written as an object literal, best `as const` so that arguments are typed from it. */
export type JsonSchemaLiteral = { readonly "~standard"?: never; readonly [keyword: string]: unknown };

/** What the compiler says where a bare shape of schemas is given as a schema. */
export type BareShapeRefusal =
  "mcpkit: a bare shape { a: z.number() } is not a schema; wrap it: z.object({ a: z.number() })";

/** What the compiler says where a zod 3 schema is given: it cannot give its JSON Schema. */
export type Zod3Refusal = "mcpkit: zod 3 schemas cannot give their JSON Schema; use zod 4 (npm install zod@4)";

/** What the compiler says where another Standard Schema without JSON Schema is given (e.g. plain valibot). */
export type NoJsonSchemaRefusal =
  "mcpkit: this Standard Schema cannot give its JSON Schema; use zod 4, arktype, or wrap valibot with toStandardJsonSchema()";

/**
 * Intersected with where FastMCP takes a schema `S` (whose constraint also lets any Standard Schema
 * through, so that this can say what is wrong): nothing for a Standard Schema with JSON Schema or a JSON
 * Schema literal; for a Standard Schema without it, {@link Zod3Refusal} or {@link NoJsonSchemaRefusal};
 * and for an object whose keys hold Standard Schemas (`{ a: z.number() }`, the official SDK's style),
 * {@link BareShapeRefusal}, rather than taking it for a JSON Schema literal and throwing at start-up.
 */
export type NoBareShape<S> = S extends StandardSchemaV1
  ? S extends StandardJSONSchemaV1
    ? unknown
    : {
        readonly "~standard": {
          readonly jsonSchema: S extends { readonly _def: unknown } // zod 3 (zod 4 has JSON Schema)
            ? Zod3Refusal
            : NoJsonSchemaRefusal;
        };
      }
  : S extends undefined
    ? unknown
    : { readonly [K in keyof S]: S[K] extends StandardSchemaV1 ? BareShapeRefusal : unknown };

/** What FastMCP takes wherever a schema is asked for: a Standard Schema with JSON Schema, or a JSON Schema literal. */
export type SchemaInput = StandardSchemaWithJson | JsonSchemaLiteral;

/**
 * The value a schema validates to: a Standard Schema's output type, or the type {@link FromJsonSchema}
 * reads off a literal object schema. A schema that is not a literal with `type: "object"` gives
 * `Record<string, unknown>`.
 */
export type Infer<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : // A wide type (an index signature) is no literal; checking first also keeps tsc from expanding
    // the reading over SchemaInput itself inside generic code.
    string extends keyof S
    ? Record<string, unknown>
    : S extends { readonly type: "object" }
      ? FromJsonSchema<S>
      : Record<string, unknown>;

/** One reason a value failed validation: where (a JSON pointer, "" for the value itself) and why. */
export interface SchemaIssue {
  path: string;
  message: string;
}

/** What validation gives: the (possibly transformed) value, or why it failed. */
export type SchemaResult<T> = { value: T } | { issues: SchemaIssue[] };

/** A schema ready for use: its JSON Schema as advertised to clients, and a validator. */
export interface CompiledSchema<T> {
  /**
   * The JSON Schema (draft 2020-12) of an object, as clients are shown it: a JSON Schema literal exactly
   * as written (`$schema`, `$defs`, `$anchor`, composition and conditionals kept), a Standard Schema's
   * generated schema without `$schema`.
   */
  readonly jsonSchema: Record<string, unknown>;
  /** Validates a value; a Standard Schema may answer asynchronously. */
  validate(value: unknown): SchemaResult<T> | Promise<SchemaResult<T>>;
}

const DRAFT_2020_12 = /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;
const compiled = new WeakMap<object, CompiledSchema<unknown>>();

/**
 * Prepares a schema given to FastMCP (a tool's input or output, an elicitation form), once: its JSON Schema
 * and a validator. Anything unusable is a TypeError naming `what` (e.g. `input schema of tool "add"`):
 * a Standard Schema without JSON Schema support, a JSON Schema ajv refuses, a root that is not an object.
 * The result is cached per schema object.
 */
export function compileSchema<S extends SchemaInput>(schema: S, what: string): CompiledSchema<Infer<S>> {
  if ((typeof schema !== "object" && typeof schema !== "function") || schema === null || Array.isArray(schema))
    throw new TypeError(
      `mcpkit: the ${what} must be a Standard Schema (zod 4, arktype, valibot) or a JSON Schema object`,
    );
  let result = compiled.get(schema);
  if (!result) {
    result = "~standard" in schema ? fromStandard(schema as StandardSchemaWithJson, what) : fromLiteral(schema, what);
    compiled.set(schema, result);
  }
  return result as CompiledSchema<Infer<S>>;
}

/**
 * Puts issues on one line for an error message: `/a must be number; /b is required`. A message that does
 * not read on from the path (a library's own capitalised sentence) is set off with a colon.
 */
export function formatIssues(issues: readonly SchemaIssue[]): string {
  if (issues.length === 0) return "the value is invalid";
  return issues
    .map(({ path, message }) => {
      if (path === "") return message;
      return /^[a-z]/.test(message) ? `${path} ${message}` : `${path}: ${message}`;
    })
    .join("; ");
}

function fromStandard(schema: StandardSchemaWithJson, what: string): CompiledSchema<unknown> {
  const standard = schema["~standard"] as Partial<StandardSchemaWithJson["~standard"]> | undefined;
  if (typeof standard?.validate !== "function")
    throw new TypeError(`mcpkit: the ${what} has a "~standard" property but no validate function`);
  if (typeof standard.jsonSchema?.input !== "function" && standard.vendor === "zod")
    throw new TypeError(
      `mcpkit: the ${what} is a zod 3 schema, which cannot give its JSON Schema; mcpkit takes zod 4 ` +
        `(npm install zod@4, or import from "zod/v4" with zod 3.25)`,
    );
  if (typeof standard.jsonSchema?.input !== "function")
    throw new TypeError(
      `mcpkit: the ${what} is a Standard Schema (${String(standard.vendor)}) that cannot give its JSON Schema; ` +
        `wrap a valibot schema with toStandardJsonSchema() from @valibot/to-json-schema, or use zod 4, arktype or a JSON Schema literal`,
    );
  let json: Record<string, unknown>;
  try {
    json = standard.jsonSchema.input({ target: "draft-2020-12" });
  } catch (error) {
    throw new TypeError(`mcpkit: the ${what} cannot be expressed as JSON Schema: ${reason(error)}`, { cause: error });
  }
  const jsonSchema = objectRoot(json, what);
  const validate = standard.validate.bind(standard);
  // arktype's message repeats the path ("a must be a number"); its `problem` is the same without it.
  const problemFirst = standard.vendor === "arktype";
  const convert = (result: StandardSchemaV1.Result<unknown>): SchemaResult<unknown> =>
    result.issues
      ? { issues: result.issues.map((issue) => standardIssue(issue, problemFirst)) }
      : { value: result.value };
  return {
    jsonSchema,
    validate(value) {
      const result = validate(value);
      return "then" in result && typeof result.then === "function"
        ? Promise.resolve(result).then(convert)
        : convert(result as StandardSchemaV1.Result<unknown>);
    },
  };
}

function standardIssue(issue: StandardSchemaV1.Issue, problemFirst: boolean): SchemaIssue {
  const segments = (issue.path ?? []).map((segment) =>
    typeof segment === "object" && segment !== null ? segment.key : segment,
  );
  const problem = (issue as { problem?: unknown }).problem;
  const message = problemFirst && typeof problem === "string" ? problem : issue.message;
  return { path: segments.map((key) => `/${pointerToken(String(key))}`).join(""), message };
}

function fromLiteral(schema: JsonSchemaLiteral, what: string): CompiledSchema<unknown> {
  const shape = Object.entries(schema as Record<string, unknown>).filter(([, value]) => isStandard(value));
  if (shape.length > 0)
    throw new TypeError(
      `mcpkit: the ${what} is a bare shape of schemas (${shape.map(([key]) => key).join(", ")}), not a schema; ` +
        `wrap it: z.object({ ... })`,
    );
  const { $schema, ...body } = schema;
  if ($schema !== undefined && !(typeof $schema === "string" && DRAFT_2020_12.test($schema)))
    throw new TypeError(
      `mcpkit: the ${what} declares $schema ${JSON.stringify($schema)}; write it in JSON Schema draft 2020-12 and drop $schema`,
    );
  objectRoot(body, what);
  // Checked without $schema: the dialect is 2020-12 either way, and ajv knows only one spelling of it.
  let made: ReturnType<typeof literalCheck>;
  try {
    made = literalCheck(body);
  } catch (error) {
    throw new TypeError(`mcpkit: the ${what} is not a valid JSON Schema: ${reason(error)}`, { cause: error });
  }
  // Made later (a bundle, an edge runtime): at the first value, once.
  let check: LiteralCheck | Promise<LiteralCheck> | undefined = "now" in made ? made.now : undefined;
  const later = "later" in made ? made.later : undefined;
  const outcome = (run: LiteralCheck, value: unknown): SchemaResult<unknown> => {
    const issues = run(value);
    return issues ? { issues } : { value };
  };
  return {
    // Shown as written: clients may rely on any keyword, $schema included (2025-11-25, SEP-1613).
    jsonSchema: { ...schema },
    validate(value) {
      if (typeof check === "function") return outcome(check, value);
      check ??= later!().then(
        (run) => (check = run),
        (error: unknown) => {
          check = undefined;
          throw new TypeError(`mcpkit: the ${what} could not be checked: ${reason(error)}`, { cause: error });
        },
      );
      return check.then((run) => outcome(run, value));
    },
  };
}

const isStandard = (value: unknown): boolean =>
  (typeof value === "object" || typeof value === "function") && value !== null && "~standard" in value;

function objectRoot(json: Record<string, unknown>, what: string): Record<string, unknown> {
  if (typeof json !== "object" || json === null || json.type !== "object")
    throw new TypeError(
      `mcpkit: the ${what} must describe an object (JSON Schema with type "object" at its root, as MCP requires), ` +
        `not ${describeRoot(json)}`,
    );
  const { $schema: _dialect, ...rest } = json;
  return rest;
}

function describeRoot(json: unknown): string {
  if (typeof json !== "object" || json === null) return JSON.stringify(json) ?? typeof json;
  const type = (json as { type?: unknown }).type;
  return type === undefined ? "a schema without type" : `type ${JSON.stringify(type)}`;
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}
