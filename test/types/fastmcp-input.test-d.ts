// Type-level tests of the schemas FastMCP takes: tsc (run by test/codegen/typecheck.test.ts) must accept
// every line, and every `@ts-expect-error` must mark a real error.
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { z } from "zod";
import { z as z3 } from "zod/v3";
import { FastMCP } from "../../src/server/fastmcp/fastmcp.js";
import {
  compileSchema,
  type Infer,
  type NoBareShape,
  type SchemaInput,
} from "../../src/server/fastmcp/schema-input.js";

const zodInput = z.object({ a: z.number(), b: z.string().optional(), n: z.string().transform(Number) });
type ZodArgs = Infer<typeof zodInput>;
export const zodOk: ZodArgs = { a: 1, n: 2 };
// @ts-expect-error a is a number
export const zodWrongType: ZodArgs = { a: "1", n: 2 };
// @ts-expect-error a is required
export const zodMissing: ZodArgs = { n: 2 };
// @ts-expect-error the output of a transform, not its input
export const zodInputType: ZodArgs = { a: 1, n: "2" };

const literal = {
  type: "object",
  properties: {
    flag: { type: "boolean" },
    count: { type: "integer" },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["flag"],
  additionalProperties: false,
} as const;
type LiteralArgs = Infer<typeof literal>;
export const literalOk: LiteralArgs = { flag: true, tags: ["x"] };
// @ts-expect-error flag is a boolean
export const literalWrongType: LiteralArgs = { flag: "yes" };
// @ts-expect-error tags holds strings
export const literalWrongItem: LiteralArgs = { flag: true, tags: [1] };
// @ts-expect-error flag is required
export const literalMissing: LiteralArgs = { count: 1 };

// A schema that is no literal cannot be read: its arguments are an open record.
export const wideArgs: Infer<Record<string, unknown>> = { anything: 1 };
export const untypedArgs: Infer<{ type: string }> = { anything: 1 };

const ark = type({ count: "number.integer" });
// @ts-expect-error count is a number
export const arkWrong: Infer<typeof ark> = { count: "1" };
const valibot = toStandardJsonSchema(v.object({ name: v.string() }));
// @ts-expect-error name is a string
export const valibotWrong: Infer<typeof valibot> = { name: 1 };

export const inputs: SchemaInput[] = [zodInput, literal, ark, valibot];
// @ts-expect-error a plain valibot schema cannot give its JSON Schema: wrap it with toStandardJsonSchema
export const plainValibot: SchemaInput = v.object({ name: v.string() });

// compileSchema carries the type through, also inside generic code.
export async function typed(): Promise<boolean> {
  const checked = await compileSchema(literal, "literal").validate({ flag: true });
  return "issues" in checked ? false : checked.value.flag;
}
export async function generic<S extends SchemaInput>(schema: S): Promise<{ value: Infer<S> } | undefined> {
  const checked = await compileSchema(schema, "generic").validate({});
  if ("issues" in checked) return undefined;
  return { value: checked.value };
}

// A bare shape (the official SDK's style) and zod 3 are refused by the compiler where FastMCP takes a
// schema, with a message saying what to write, never type-checked and then thrown at start-up.
const app = new FastMCP("types");
// @ts-expect-error a bare shape of schemas: "wrap it: z.object({ a: z.number() })"
app.tool("shape", { input: { a: z.number() } }, () => "");
// @ts-expect-error zod 3 cannot give its JSON Schema: "use zod 4"
app.tool("zod3", { input: z3.object({ a: z3.number() }) }, () => "");
// @ts-expect-error a bare shape as the output too
app.tool("shapeOut", { output: { a: z.number() } }, () => ({ a: 1 }));
app.tool("wrapped", { input: z.object({ a: z.number() }) }, ({ a }) => String(a + 1));
app.tool("literal", { input: literal }, ({ flag }) => String(flag));
const fromJson: Record<string, unknown> = JSON.parse('{ "type": "object" }') as Record<string, unknown>;
app.tool("dynamic", { input: fromJson }, (args) => Object.keys(args).join());
export const zod3Says: NoBareShape<ReturnType<typeof z3.string>>["~standard"]["jsonSchema"] =
  "mcpkit: zod 3 schemas cannot give their JSON Schema; use zod 4 (npm install zod@4)";
export const shapeSays: NoBareShape<{ a: z.ZodNumber }>["a"] =
  "mcpkit: a bare shape { a: z.number() } is not a schema; wrap it: z.object({ a: z.number() })";
