import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, SPEC_DIR, hasSpecMirror, run, runTsx } from "../support/paths.js";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

describe("codegen: generated code type-checks", () => {
  it("the whole project, generated/ included, passes tsc under the strict tsconfig", async () => {
    const { code, stdout } = await run(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.json")]);
    expect(stdout, stdout).to.equal("");
    expect(code).to.equal(0);
  });

  it("a revision revisions.json does not name (draft) generates and type-checks with one command", async function () {
    if (!hasSpecMirror) this.skip();
    const out = mkdtempSync(join(tmpdir(), "mcpkit-draft-"));
    try {
      const generated = await runTsx("scripts/generate.ts", [
        "--schema",
        join(SPEC_DIR, "schema/draft/schema.json"),
        "--revision",
        "draft",
        "--out",
        out,
      ]);
      expect(generated.code, generated.stderr).to.equal(0);
      // Generated code is ES modules for node: its method tables require their validators through node:module.
      writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }));
      // It imports the shared types and loader from the installed package (mcpkit/generated).
      mkdirSync(join(out, "node_modules"));
      symlinkSync(ROOT, join(out, "node_modules", "mcpkit"), "dir");
      writeFileSync(
        join(out, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            strict: true,
            noUncheckedIndexedAccess: true,
            noEmit: true,
            skipLibCheck: true,
            typeRoots: [join(ROOT, "node_modules", "@types")],
            types: ["node"],
          },
          include: ["**/*.ts"],
        }),
      );
      const checked = await run(process.execPath, [tsc, "-p", join(out, "tsconfig.json")]);
      expect(checked.stdout, checked.stdout).to.equal("");
      expect(checked.code).to.equal(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
