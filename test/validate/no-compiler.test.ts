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

/**
 * Imports both entries of the built package, then connects a FastMCP app and a ClientSession in
 * memory under the revision given, and reports which revisions' validators (validators.cjs) were
 * loaded after the imports, after initialize and after a tools/call.
 */
const SESSION_PROBE = `
import { createRequire } from "node:module";
const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).filter((k) => /validators(\\.[\\w-]+)?\\.cjs$/.test(k)).map((k) => k.split(/[\\\\/]/).slice(-2).join("/")).sort();
const kit = await import("mcpkit");
const server = await import("mcpkit/server");
const afterImport = loaded();
const [clientEnd, serverEnd] = server.memoryPair();
const app = new server.FastMCP("probe");
app.tool("echo", { description: "echo", input: { type: "object", properties: { text: { type: "string" } } } }, async ({ text }) => String(text));
await app.connect(serverEnd);
const session = new kit.ClientSession(clientEnd, { protocolVersion: process.argv[2] });
await session.initialize();
const afterInitialize = loaded();
await session.callTool("echo", { text: "hi" });
const afterCall = loaded();
await session.close();
process.stdout.write(JSON.stringify({ afterImport, afterInitialize, afterCall }));
`;

describe("validate: nothing compiles a schema at run time", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(ROOT, ".probe-"));
    writeFileSync(join(dir, "probe.mjs"), PROBE);
    writeFileSync(join(dir, "session-probe.mjs"), SESSION_PROBE);
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

  const dialects = { "2024-11-05": "draft-07", "2025-11-25": "2020-12", "2026-07-28": "2020-12" };
  for (const [revision, dialect] of Object.entries(dialects)) {
    it(`importing mcpkit and mcpkit/server loads no revision's validators; a ${revision} session loads ${revision}'s alone (and the ${dialect} validators it names)`, async () => {
      const { code, stdout, stderr } = await run(process.execPath, [join(dir, "session-probe.mjs"), revision]);
      expect(code, stderr).to.equal(0);
      const loaded = JSON.parse(stdout) as Record<string, string[]>;
      const own = [`${revision}/validators.cjs`, `shared/validators.${dialect}.cjs`];
      expect(loaded).to.deep.equal({ afterImport: [], afterInitialize: own, afterCall: own });
    });
  }
});
