import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validate } from "../../src/validate/index.js";
import { SPEC_DIR, hasSpecMirror } from "../support/paths.js";

const EXAMPLES = join(SPEC_DIR, "schema", "2026-07-28", "examples");

describe("validate: the schema's own examples (2026-07-28)", () => {
  const types = hasSpecMirror ? readdirSync(EXAMPLES) : [];
  it("has examples to check", function () {
    if (!hasSpecMirror) this.skip();
    expect(types.length).to.be.greaterThan(50);
  });
  for (const type of types) {
    it(`every example under ${type}/ validates as ${type}`, () => {
      const files = readdirSync(join(EXAMPLES, type)).filter((f) => f.endsWith(".json"));
      expect(files.length).to.be.greaterThan(0);
      for (const file of files) {
        const value: unknown = JSON.parse(readFileSync(join(EXAMPLES, type, file), "utf8"));
        const result = validate(value, { revision: "2026-07-28", type: type as "Tool" });
        expect(result, `${type}/${file}: ${JSON.stringify(result)}`).to.deep.equal({ valid: true, value });
      }
    });
  }
});
