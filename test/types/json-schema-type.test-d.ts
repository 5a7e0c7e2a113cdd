// Type-level tests of FromJsonSchema (the type of a JSON Schema literal's values): tsc (run by
// test/codegen/typecheck.test.ts) must accept every line, and every `@ts-expect-error` must mark a real error.
import type { FromJsonSchema } from "../../src/server/fastmcp/json-schema-type.js";

export const note = {
  type: "object",
  properties: {
    title: { type: "string" },
    priority: { enum: ["low", "high"] },
    kind: { const: "note" },
    score: { type: ["number", "null"] },
    tags: { type: "array", items: { type: "string" } },
    author: {
      type: "object",
      properties: { name: { type: "string" }, id: { anyOf: [{ type: "string" }, { type: "integer" }] } },
      required: ["name"],
      additionalProperties: false,
    },
    extra: { type: "object", additionalProperties: { type: "boolean" } },
    anything: { $ref: "#/$defs/x" },
  },
  required: ["title", "kind"],
  additionalProperties: false,
} as const;
type Note = FromJsonSchema<typeof note>;

export const full: Note = {
  title: "t",
  priority: "high",
  kind: "note",
  score: null,
  tags: ["a"],
  author: { name: "Ada", id: 7 },
  extra: { x: true },
  anything: { whatever: 1 },
};
export const minimal: Note = { title: "t", kind: "note" };
// @ts-expect-error title is required
export const noTitle: Note = { kind: "note" };
// @ts-expect-error priority is one of the enum's values
export const badEnum: Note = { title: "t", kind: "note", priority: "medium" };
// @ts-expect-error kind is the const
export const badConst: Note = { title: "t", kind: "todo" };
// @ts-expect-error score is a number or null
export const badScore: Note = { title: "t", kind: "note", score: "1" };
// @ts-expect-error tags hold strings
export const badTags: Note = { title: "t", kind: "note", tags: [1] };
// @ts-expect-error the author's id is a string or an integer
export const badId: Note = { title: "t", kind: "note", author: { name: "A", id: true } };
// @ts-expect-error no other properties (additionalProperties: false)
export const extraKey: Note = { title: "t", kind: "note", other: 1 };
// @ts-expect-error extra's values are booleans
export const badExtra: Note = { title: "t", kind: "note", extra: { x: 1 } };

// Without additionalProperties: false, other keys are allowed, typed unknown.
export const open = { type: "object", properties: { a: { type: "integer" } }, required: ["a"] } as const;
export const openOk: FromJsonSchema<typeof open> = { a: 1, b: "anything" };
// @ts-expect-error a is still a number
export const openBad: FromJsonSchema<typeof open> = { a: "1" };
