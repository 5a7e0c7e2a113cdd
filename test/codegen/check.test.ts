import { expect } from "chai";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runTsx } from "../support/paths.js";

describe("codegen: npm run generate -- --check", () => {
  it("passes on a fresh generated/ and fails, naming the file, once a generated file is edited", async () => {
    const ok = await runTsx("scripts/generate.ts", ["--check"]);
    expect(ok.code, ok.stderr).to.equal(0);
    const copy = mkdtempSync(join(tmpdir(), "mcpkit-check-"));
    try {
      cpSync(join(ROOT, "generated"), copy, { recursive: true });
      writeFileSync(join(copy, "2025-11-25", "methods.ts"), "// edited by hand\n");
      const stale = await runTsx("scripts/generate.ts", ["--check", "--out", copy]);
      expect(stale.code).to.equal(1);
      expect(stale.stderr).to.contain("2025-11-25/methods.ts");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
