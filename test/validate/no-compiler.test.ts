import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, run } from "../support/paths.js";

/**
 * Imports a module of the built package in a fresh process and reports what it loaded: its
 * import time and every ajv module in the CommonJS cache (where ESM-imported CommonJS lands too).
 */
const PROBE = `
import { createRequire } from "node:module";
const started = performance.now();
const mod = await import(process.argv[2]);
const ms = performance.now() - started;
const ajv = Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules[\\\\/]ajv/.test(k));
let checked = null;
if (mod.validateMessage) checked = mod.validateMessage({ jsonrpc: "2.0", id: 1, method: "tools/call", params: {} }, { revision: "2025-11-25" });
if (mod.revision) checked = mod.revision.validators.validateCallToolRequest({ jsonrpc: "2.0", id: 1, method: "tools/call", params: {} });
process.stdout.write(JSON.stringify({ ms, ajv, checked }));
`;

describe("validate: nothing compiles a schema at run time", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(ROOT, ".probe-"));
    writeFileSync(join(dir, "probe.mjs"), PROBE);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const entry of ["mcpkit/validate", "mcpkit/types/2025-11-25"]) {
    it(`importing ${entry} loads no part of ajv's compiler`, async () => {
      const { code, stdout, stderr } = await run(process.execPath, [join(dir, "probe.mjs"), entry]);
      expect(code, stderr).to.equal(0);
      const { ms, ajv, checked } = JSON.parse(stdout) as { ms: number; ajv: string[]; checked: unknown };
      const compiler = ajv.filter((k) => !/ajv-formats[\\/]dist[\\/]formats\.js$/.test(k));
      expect(compiler, "ajv modules loaded").to.deep.equal([]);
      expect(checked, "a validator ran").to.not.equal(null);
      // Reported, not asserted tightly: the README quotes these numbers.
      process.stdout.write(`      import ${entry}: ${ms.toFixed(1)} ms\n`);
      expect(ms).to.be.lessThan(2000);
    });
  }
});
