import { expect } from "chai";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  GenerateError,
  loadOverlay,
  modelSchema,
  parseSchema,
  readRevisionsFile,
  type LoadedSchema,
  type ProtocolModel,
} from "../../codegen/index.js";
import { emitValidatorGroups, emitValidators, validatorExports } from "../../codegen/emit/validators.js";
import { mergeSchemas } from "../../codegen/emit/validator-groups.js";
import { ROOT, SPEC_DIR } from "../support/paths.js";

type Fn = ((value: unknown) => boolean) & { errors?: { instancePath: string; keyword: string }[] | null };
interface AjvLike {
  addSchema(schema: object): void;
  getSchema(ref: string): Fn | undefined;
}

const DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** A schema from a bare `$defs` object. */
function member(name: string, defs: Record<string, unknown>) {
  return parseSchema({ $schema: DIALECT, $defs: defs }, `${name}.json`, name);
}

describe("codegen: validators shared across revisions", () => {
  describe("mergeSchemas", () => {
    const text = { type: "string" };
    const a = member("a", {
      Text: text,
      Block: { type: "object", properties: { text: { $ref: "#/$defs/Text" } } },
      List: { type: "array", items: { $ref: "#/$defs/List" } },
      Only: { const: 1 },
    });
    const b = member("b", {
      Text: { type: "string", description: "annotations do not make a definition different" },
      Block: { type: "object", properties: { text: { $ref: "#/$defs/Text" } } },
      List: { type: "array", items: { $ref: "#/$defs/List" } },
      Only: { const: 2 },
    });
    const c = member("c", {
      Text: { type: "integer" },
      // Word for word b's Block, but its Text is another definition: it must stay apart.
      Block: { type: "object", properties: { text: { $ref: "#/$defs/Text" } } },
    });

    it("keeps one definition for each set of equal ones, recursive ones included", () => {
      const merged = mergeSchemas([a, b]);
      expect(Object.keys(merged.definitions).sort()).to.deep.equal(["Block", "List", "Only", "Only_2", "Text"]);
      expect(merged.pointer(1, "#/$defs/Block/properties/text")).to.equal("#/$defs/Block/properties/text");
      expect(merged.pointer(1, "#/$defs/Only")).to.equal("#/$defs/Only_2");
      expect(merged.definitions.List).to.deep.equal({ type: "array", items: { $ref: "#/$defs/List" } });
    });

    it("keeps apart definitions that read alike but refer to different ones", () => {
      const merged = mergeSchemas([a, c]);
      expect(merged.pointer(1, "#/$defs/Block")).to.equal("#/$defs/Block_2");
      expect(merged.definitions.Block_2).to.deep.equal({
        type: "object",
        properties: { text: { $ref: "#/$defs/Text_2" } },
      });
      expect(merged.definitions.Text_2).to.deep.equal({ type: "integer" });
    });

    it("refuses a $ref it cannot rewrite, naming the file and definition", () => {
      const odd = member("odd", { Text: text, Odd: { type: "object", dependencies: { x: { $ref: "#/$defs/Text" } } } });
      expect(() => mergeSchemas([a, odd]))
        .to.throw(GenerateError)
        .with.property("message")
        .that.contains("odd.json (definition Odd)");
    });
  });

  describe("the package's revisions", function () {
    this.timeout(300_000);
    let dir: string;
    const overlay = loadOverlay();
    const config = readRevisionsFile();
    const members = [...config.revisions, ...config.extensions].map((e) =>
      modelSchema(join(ROOT, "schema", e.name, "schema.json"), e.name, overlay, e.sha256),
    );

    let messages: { json: string }[] = [];

    before(async () => {
      // The benchmark's receive-path corpus: realistic messages, and malformed ones.
      const bench = (await import(join(ROOT, "scripts", "bench", "corpus.mjs"))) as Record<
        string,
        () => { json: string }[]
      >;
      messages = [...bench.corpus!(), ...bench.invalidCorpus!()];
      dir = mkdtempSync(join(ROOT, ".probe-"));
      const write = (path: string, text: string) => {
        mkdirSync(join(dir, path, ".."), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      for (const [path, text] of emitValidatorGroups(members)) write(join("grouped", path), text);
      for (const { schema, model } of members)
        write(join("alone", model.name, "validators.cjs"), emitValidators(schema, model));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Values to try every validator on: the spec's examples and the bench corpus, every part of each, and each without one key. */
    function values(): unknown[] {
      const documents: unknown[] = messages.map((m) => JSON.parse(m.json));
      const examples = join(SPEC_DIR, "schema");
      if (existsSync(examples))
        for (const revision of readdirSync(examples)) {
          const root = join(examples, revision, "examples");
          if (!existsSync(root)) continue;
          for (const type of readdirSync(root))
            for (const file of readdirSync(join(root, type)))
              documents.push(JSON.parse(readFileSync(join(root, type, file), "utf8")));
        }
      const out: unknown[] = [null, 0, "", [], {}, true];
      const walk = (value: unknown) => {
        out.push(value);
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === "object") {
          const entries = Object.entries(value);
          for (const [key, v] of entries) {
            walk(v);
            out.push(Object.fromEntries(entries.filter(([k]) => k !== key)));
          }
        }
      };
      documents.forEach(walk);
      const distinct = new Map(out.map((v) => [JSON.stringify(v), v]));
      return [...distinct.values()];
    }

    /** The reference: ajv compiling the revision's schema as published (annotations and all) now, with its default options. */
    function reference(schema: LoadedSchema, model: ProtocolModel): Map<string, Fn> {
      const require = createRequire(import.meta.url);
      const Ajv = (require("ajv") as { default: new (o: object) => AjvLike }).default;
      const Ajv2020 = (require("ajv/dist/2020") as { default: new (o: object) => AjvLike }).default;
      const addFormats = (require("ajv-formats") as { default: (ajv: AjvLike) => void }).default;
      const ajv = schema.dialect === "2020-12" ? new Ajv2020({ strict: false }) : new Ajv({ strict: false });
      addFormats(ajv);
      const id = `urn:reference:${model.name}`;
      const { $schema: _dialect, ...body } = schema.root;
      ajv.addSchema({ ...body, $id: id });
      return new Map(
        [...validatorExports(schema, model)].map(([name, pointer]) => [name, ajv.getSchema(id + pointer)!]),
      );
    }

    it("every validator of every revision decides as ajv does on the published schema, with the same first error", () => {
      const require = createRequire(import.meta.url);
      const samples = values();
      expect(samples.length).to.be.greaterThan(1000);
      let checks = 0;
      let accepted = 0;
      for (const { schema, model } of members) {
        const expectedBy = reference(schema, model);
        const grouped = require(join(dir, "grouped", model.name, "validators.cjs")) as Record<string, Fn>;
        expect(Object.keys(grouped).sort(), model.name).to.deep.equal([...expectedBy.keys()].sort());
        for (const [name, validate] of expectedBy) {
          const shared = grouped[name]!;
          for (const value of samples) {
            const expected = validate(value);
            const got = shared(value);
            checks++;
            if (expected) accepted++;
            if (got !== expected) expect.fail(`${model.name} ${name} answers ${got} for ${JSON.stringify(value)}`);
            if (!expected) {
              const first = (fn: Fn) => fn.errors?.[0] && [fn.errors[0].instancePath, fn.errors[0].keyword];
              expect(first(shared), `${model.name} ${name}`).to.deep.equal(first(validate));
            }
          }
        }
      }
      // Something passes and something fails, or the comparison would say nothing.
      expect(accepted).to.be.greaterThan(1000);
      expect(checks - accepted).to.be.greaterThan(1000);
    });

    it("puts each revision's validators in a few kilobytes of names, and each compiled validator once per dialect", () => {
      const files = emitValidatorGroups(members);
      expect([...files.keys()].filter((p) => p.startsWith("shared/")).sort()).to.deep.equal([
        "shared/validators.2020-12.cjs",
        "shared/validators.draft-07.cjs",
      ]);
      const alone = members.reduce((sum, { schema, model }) => sum + emitValidators(schema, model).length, 0);
      const grouped = [...files.values()].reduce((sum, text) => sum + text.length, 0);
      for (const { model } of members) expect(files.get(`${model.name}/validators.cjs`)!.length).to.be.lessThan(20_000);
      expect(grouped).to.be.lessThan(alone * 0.8);
    });
  });
});
