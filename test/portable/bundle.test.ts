import { rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { expect } from "chai";
import type { Plugin } from "esbuild";
import { ClientSession, McpError, silentLogger, stdioClient } from "../../src/index.js";
import { bundle, type Bundle } from "./bundle.js";
import { expectBothServed } from "./clients.js";

/** ws's optional native add-ons, which it requires inside try/catch. */
const OPTIONAL = ["bufferutil", "utf-8-validate"];

/** Every generated validators module, replaced by one that throws when loaded. */
const brokenValidators: Plugin = {
  name: "broken-validators",
  setup(plugin) {
    plugin.onLoad({ filter: /generated[\\/][^\\/]+[\\/]validators\.cjs$/ }, () => ({
      contents: 'throw new Error("validators unavailable");',
      loader: "js",
    }));
  },
};

describe("portable: an esbuild single-file bundle of a stdio server", function () {
  this.timeout(120_000);
  let built: Bundle;

  before(async () => {
    built = await bundle("stdio.ts");
  });

  after(() => rmSync(built.dir, { recursive: true, force: true }));

  it("is one file that imports nothing but Node's built-in modules (and ws's optional add-ons)", () => {
    expect(built.outputs).to.have.length(1);
    const builtin = (path: string) => path.startsWith("node:") || builtinModules.includes(path);
    expect(built.imports.filter((path) => !builtin(path) && !OPTIONAL.includes(path))).to.deep.equal([]);
  });

  it("answers tools/list and tools/call (zod and JSON Schema literal tools) to mcpkit's client and the official SDK's", async () => {
    await expectBothServed({ command: process.execPath, args: [built.file], cwd: built.dir }, "bundled stdio server");
  });

  it("checks JSON Schema literals where code generation is forbidden (--disallow-code-generation-from-strings)", async () => {
    const args = ["--disallow-code-generation-from-strings", built.file];
    await expectBothServed({ command: process.execPath, args, cwd: built.dir }, "bundled stdio server without eval");
  });

  it("answers -32603 when the validators cannot be loaded, instead of leaving the request unanswered", async () => {
    const broken = await bundle("stdio.ts", { plugins: [brokenValidators] });
    try {
      const target = { command: process.execPath, args: [broken.file], stderr: "ignore" as const };
      const session = new ClientSession(stdioClient(target), {
        logger: silentLogger,
      });
      const started = Date.now();
      const error = await session.initialize({ timeout: 20_000 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      await session.close();
      expect(error).to.be.instanceOf(McpError);
      expect((error as McpError).code).to.equal(-32603);
      expect((error as McpError).message).to.include("validators unavailable");
      expect(Date.now() - started).to.be.below(10_000);
    } finally {
      rmSync(broken.dir, { recursive: true, force: true });
    }
  });
});
