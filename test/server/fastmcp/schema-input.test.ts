import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import { expect } from "chai";
import * as v from "valibot";
import { z } from "zod";
import { z as z3 } from "zod/v3";
import {
  compileSchema,
  formatIssues,
  type CompiledSchema,
  type SchemaInput,
  type SchemaIssue,
  type SchemaResult,
} from "../../../src/server/fastmcp/schema-input.js";
import { JSON_SCHEMA_2020_12 } from "../../fixtures/json-schema-2020-12.js";

async function issuesOf<T>(compiled: CompiledSchema<T>, value: unknown): Promise<SchemaIssue[]> {
  const result: SchemaResult<T> = await compiled.validate(value);
  if (!("issues" in result)) throw new Error(`expected issues, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

async function valueOf<T>(compiled: CompiledSchema<T>, value: unknown): Promise<T> {
  const result = await compiled.validate(value);
  if ("issues" in result) throw new Error(`expected a value, got ${formatIssues(result.issues)}`);
  return result.value;
}

const pair = { type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] };

describe("schema-input: schemas FastMCP takes", () => {
  describe("zod 4", () => {
    const schema = z.object({ a: z.number(), items: z.array(z.object({ "c/d~": z.string() })) });
    const compiled = compileSchema(schema, 'input schema of tool "zod"');

    it("gives the 2020-12 JSON Schema of the object, without $schema", () => {
      expect(compiled.jsonSchema).to.not.have.property("$schema");
      expect(compiled.jsonSchema).to.deep.include({ type: "object", required: ["a", "items"] });
      expect(compiled.jsonSchema.properties).to.have.keys("a", "items");
    });

    it("validates a good value to the schema's output type", async () => {
      const value = await valueOf(compiled, { a: 1, items: [{ "c/d~": "x" }] });
      const a: number = value.a;
      expect(a).to.equal(1);
    });

    it("reports every issue with a JSON pointer, escaping ~ and /", async () => {
      const issues = await issuesOf(compiled, { a: "1", items: [{}] });
      expect(issues.map((i) => i.path)).to.deep.equal(["/a", "/items/0/c~1d~0"]);
      expect(formatIssues(issues)).to.match(/^\/a: Invalid input: expected number.*; \/items\/0\/c~1d~0: /);
    });

    it("returns the transformed output", async () => {
      const compiledTransform = compileSchema(z.object({ n: z.string().transform(Number) }), "transform");
      expect(compiledTransform.jsonSchema.properties).to.deep.equal({ n: { type: "string" } });
      expect(await valueOf(compiledTransform, { n: "42" })).to.deep.equal({ n: 42 });
    });

    it("handles asynchronous validation (a promise from ~standard.validate)", async () => {
      const slow = compileSchema(
        z.object({ name: z.string() }).refine(async (value) => value.name !== "taken", "that name is taken"),
        "async",
      );
      const pending = slow.validate({ name: "taken" });
      expect(pending).to.be.instanceOf(Promise);
      expect(await pending).to.deep.equal({ issues: [{ path: "", message: "that name is taken" }] });
      expect(await slow.validate({ name: "free" })).to.deep.equal({ value: { name: "free" } });
    });

    it("refuses a schema zod cannot express as JSON Schema", () => {
      expect(() => compileSchema(z.object({ when: z.date() }), "input schema of tool dates")).to.throw(
        TypeError,
        /input schema of tool dates cannot be expressed as JSON Schema: Date/,
      );
    });
  });

  describe("valibot through toStandardJsonSchema", () => {
    const compiled = compileSchema(
      toStandardJsonSchema(v.object({ a: v.number(), tags: v.array(v.string()) })),
      "input schema of tool valibot",
    );

    it("gives the JSON Schema and validates", async () => {
      expect(compiled.jsonSchema).to.deep.include({ type: "object", required: ["a", "tags"] });
      expect(compiled.jsonSchema).to.not.have.property("$schema");
      const value = await valueOf(compiled, { a: 2, tags: ["x"] });
      const tags: string[] = value.tags;
      expect(tags).to.deep.equal(["x"]);
    });

    it("maps path segments ({ key }) to pointers", async () => {
      const issues = await issuesOf(compiled, { a: 2, tags: ["x", 3] });
      expect(issues).to.have.length(1);
      expect(issues[0]?.path).to.equal("/tags/1");
    });

    it("refuses a plain valibot schema, which has no JSON Schema, and says how to fix it", () => {
      const plain = v.object({ a: v.number() }) as unknown as SchemaInput;
      expect(() => compileSchema(plain, 'input schema of tool "add"')).to.throw(
        TypeError,
        /input schema of tool "add" is a Standard Schema \(valibot\) that cannot give its JSON Schema; wrap a valibot schema with toStandardJsonSchema\(\)/,
      );
    });
  });

  describe("what the compiler refuses, refused at run time too (for JavaScript callers)", () => {
    it("a zod 3 schema: says zod 4", () => {
      const zod3 = z3.object({ a: z3.number() }) as unknown as SchemaInput;
      expect(() => compileSchema(zod3, 'input schema of tool "add"')).to.throw(
        TypeError,
        'mcpkit: the input schema of tool "add" is a zod 3 schema, which cannot give its JSON Schema; mcpkit takes zod 4',
      );
    });

    it("a bare shape of schemas ({ a: z.number() }): says to wrap it, naming its keys", () => {
      const shape = { a: z.number(), b: z.string() } as unknown as SchemaInput;
      expect(() => compileSchema(shape, 'input schema of tool "add"')).to.throw(
        TypeError,
        'mcpkit: the input schema of tool "add" is a bare shape of schemas (a, b), not a schema; wrap it: z.object({ ... })',
      );
    });
  });

  describe("arktype", () => {
    const compiled = compileSchema(type({ count: "number.integer", "label?": "string" }), "arktype");

    it("gives the JSON Schema and validates", async () => {
      expect(compiled.jsonSchema).to.deep.include({ type: "object", required: ["count"] });
      const value = await valueOf(compiled, { count: 3 });
      const count: number = value.count;
      expect(count).to.equal(3);
    });

    it("names the field without repeating it in the message", async () => {
      const issues = await issuesOf(compiled, { count: 1.5 });
      expect(issues).to.have.length(1);
      expect(issues[0]?.path).to.equal("/count");
      expect(issues[0]?.message).to.match(/^must be an integer/);
      expect(formatIssues(issues)).to.match(/^\/count must be an integer/);
    });
  });

  describe("JSON Schema literals", () => {
    const literal = {
      type: "object",
      properties: { a: { type: "number" }, email: { type: "string", format: "email" }, tags: { type: "array" } },
      required: ["a"],
      additionalProperties: false,
    } as const;
    const compiled = compileSchema(literal, 'input schema of tool "literal"');

    it("is its own JSON Schema, exactly as written, $schema kept", () => {
      const dialect = { $schema: "https://json-schema.org/draft/2020-12/schema", ...pair };
      expect(compileSchema(dialect, "d").jsonSchema).to.deep.equal(dialect);
      expect(compiled.jsonSchema).to.deep.equal(literal);
    });

    it("keeps every 2020-12 keyword it is given (conformance json-schema-2020-12)", async () => {
      const rich = JSON_SCHEMA_2020_12;
      const schema = compileSchema(rich, "rich");
      expect(schema.jsonSchema).to.deep.equal(rich);
      expect(await valueOf(schema, { email: "a@example.com", address: { city: "Oslo" } })).to.deep.equal({
        email: "a@example.com",
        address: { city: "Oslo" },
      });
      expect(await issuesOf(schema, { contactMethod: "phone", email: "a@example.com" })).to.deep.equal([
        { path: "/phone", message: "is required" },
      ]);
    });

    it("validates with ajv, formats included", async () => {
      expect(await valueOf(compiled, { a: 1, email: "ada@example.com" })).to.deep.equal({
        a: 1,
        email: "ada@example.com",
      });
      expect(await issuesOf(compiled, { a: 1, email: "not an email" })).to.deep.equal([
        { path: "/email", message: 'must match format "email"' },
      ]);
    });

    it("names a wrong type, a missing property and an extra one by path", async () => {
      expect(await issuesOf(compiled, { a: "1" })).to.deep.equal([{ path: "/a", message: "must be number" }]);
      expect(await issuesOf(compiled, {})).to.deep.equal([{ path: "/a", message: "is required" }]);
      expect(await issuesOf(compiled, { a: 1, "x/y": 2 })).to.deep.equal([
        { path: "/x~1y", message: "is not allowed" },
      ]);
      expect(await issuesOf(compiled, [])).to.deep.equal([{ path: "", message: "must be object" }]);
    });

    it("validates synchronously", () => {
      expect(compiled.validate({ a: 1 })).to.deep.equal({ value: { a: 1 } });
    });

    it("refuses a schema ajv refuses, with ajv's reason", () => {
      const bad = { type: "object", properties: { a: { type: "numbr" } } } as const;
      expect(() => compileSchema(bad, 'input schema of tool "bad"')).to.throw(
        TypeError,
        /^mcpkit: the input schema of tool "bad" is not a valid JSON Schema: .*type/,
      );
    });

    it("refuses a $schema other than 2020-12", () => {
      const draft7 = { $schema: "http://json-schema.org/draft-07/schema#", ...pair };
      expect(() => compileSchema(draft7, "old")).to.throw(TypeError, /draft 2020-12/);
    });

    it("compiles the same $id twice (a tool registered again)", () => {
      compileSchema({ $id: "urn:mcpkit:test", ...pair }, "first");
      expect(() => compileSchema({ $id: "urn:mcpkit:test", ...pair }, "second")).to.not.throw();
    });

    it("compiles each schema object once", () => {
      expect(compileSchema(literal, "again")).to.equal(compiled);
    });
  });

  describe("the root must be an object (MCP: inputSchema and outputSchema are type object)", () => {
    it("refuses other roots, in every kind of schema", () => {
      expect(() => compileSchema({ type: "string" }, 'input schema of tool "s"')).to.throw(
        TypeError,
        /input schema of tool "s" must describe an object .* not type "string"/,
      );
      expect(() => compileSchema({ properties: {} }, "no type")).to.throw(TypeError, /not a schema without type/);
      expect(() => compileSchema(z.string() as never, "zod string")).to.throw(
        TypeError,
        /zod string must describe an object/,
      );
      expect(() => compileSchema(type("number") as never, "ark number")).to.throw(TypeError, /must describe an object/);
    });

    it("refuses values that are no schema at all", () => {
      expect(() => compileSchema(null as never, "nothing")).to.throw(TypeError, /nothing must be a Standard Schema/);
      expect(() => compileSchema({ "~standard": {} } as never, "half")).to.throw(TypeError, /no validate function/);
    });
  });

  describe("formatIssues", () => {
    it("puts issues on one line, the root without a path", () => {
      expect(
        formatIssues([
          { path: "/a", message: "must be number" },
          { path: "/b", message: "is required" },
          { path: "", message: "must be object" },
        ]),
      ).to.equal("/a must be number; /b is required; must be object");
      expect(formatIssues([])).to.equal("the value is invalid");
    });
  });
});
