import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/paths.js";

describe("README", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const shown = [...readme.matchAll(/<!-- example: (\S+) -->\s*```ts\n([\s\S]*?)```/g)];

  it("shows the three seed examples", () => {
    expect(shown.map((m) => m[1])).to.deep.equal([
      "examples/calculate-sum.ts",
      "examples/config-settings.ts",
      "examples/greeting.ts",
    ]);
  });

  for (const [, file, code] of shown) {
    it(`shows ${file} exactly as it is in the repository (and as the examples test runs it)`, () => {
      expect(code).to.equal(readFileSync(join(ROOT, file!), "utf8"));
    });
  }
});
