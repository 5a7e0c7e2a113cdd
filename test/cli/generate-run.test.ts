import { expect } from "chai";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientSession } from "../../src/client/client-session.js";
import { stdioClient } from "../../src/transports/stdio/stdio.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { captureLogger } from "../support/peers.js";
import { ROOT, run } from "../support/paths.js";

const BIN = join(ROOT, "dist", "bundle", "cli.js");
const mcp = (args: string[], cwd = ROOT) => run(process.execPath, [BIN, ...args], { cwd });
const textOf = (result: { content: unknown[] }) => (result.content[0] as { text?: string } | undefined)?.text;

/** Every file under `dir`, relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe("mcp generate (the built bin, as a subprocess)", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "mcp-generate-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("generates 2025-11-25 as a module of its own in ./generated-2025-11-25: the package's revision folder, importing the shared code from mcpkit/generated, with self-contained validators: exit 0", async () => {
    const { code, stdout, stderr } = await mcp(
      ["generate", "--schema", join(ROOT, "schema/2025-11-25/schema.json")],
      dir,
    );
    expect(code, stderr).to.equal(0);
    const out = join(dir, "generated-2025-11-25");
    const files = filesUnder(out);
    expect(files).to.deep.equal([
      "client.ts",
      "index.ts",
      "methods.ts",
      "server.ts",
      "types.ts",
      "validators.cjs",
      "validators.d.cts",
    ]);
    expect(stdout).to.match(
      new RegExp(`^generated ${files.length} files for revision 2025-11-25 into \\./generated-2025-11-25 in \\d+ ms\n`),
    );
    // The package's revisions import common.ts and lazy.ts beside them, and name validators compiled
    // once for their dialect (generated/shared/); a revision generated on its own imports both from
    // the installed package and compiles its own validators, under the same names.
    const validators = "validators.cjs";
    const inPackage = (text: string) =>
      text
        .replace('import { LazyValidators } from "mcpkit/generated";', 'import { LazyValidators } from "../lazy.js";')
        .replaceAll('from "mcpkit/generated";', 'from "../common.js";')
        .replaceAll('from "mcpkit/generated" with', 'from "../common.js" with');
    for (const file of files.filter((f) => f !== validators))
      expect(inPackage(readFileSync(join(out, file), "utf8")), file).to.equal(
        readFileSync(join(ROOT, "generated", "2025-11-25", file), "utf8"),
      );
    const own = readFileSync(join(out, validators), "utf8");
    expect(own).to.not.contain("../shared/");
    // (test/codegen/validator-groups.test.ts checks that both decide alike.)
    const names = (text: string) => [...new Set([...text.matchAll(/exports\.([\w$]+) =/g)].map((m) => m[1]))].sort();
    expect(names(own)).to.deep.equal(names(readFileSync(join(ROOT, "generated", "2025-11-25", validators), "utf8")));
    expect(names(own)).to.include("validateCallToolRequest");
  });

  it("a broken schema file is one line naming the file and definition, exit 1, and nothing is written", async () => {
    const schema = join(dir, "broken.json");
    writeFileSync(
      schema,
      JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", $defs: { Tool: 5 } }),
    );
    const out = join(dir, "never");
    const { code, stdout, stderr } = await mcp(["generate", "--schema", schema, "--revision", "x", "--out", out]);
    expect(code).to.equal(1);
    expect(stdout).to.equal("");
    expect(stderr).to.equal(
      `mcp: cannot generate: ${schema} (definition Tool): is not a schema object (nothing was written)\n`,
    );
    expect(existsSync(out)).to.equal(false);
  });

  it("--help shows examples", async () => {
    const { stdout } = await mcp(["generate", "--help"]);
    expect(stdout).to.include("Examples:\n  mcp generate --schema schema/2025-11-25/schema.json");
  });
});

describe("mcp run (the built bin, as a subprocess)", function () {
  this.timeout(60_000);

  it("runs examples/calculate-sum.ts over stdio, standing in for the server a ClientSession talks to", async () => {
    const transport = stdioClient({
      command: process.execPath,
      args: [BIN, "run", "examples/calculate-sum.ts"],
      cwd: ROOT,
      stderr: "ignore",
    });
    await using client = new ClientSession(transport, { logger: captureLogger() });
    await client.initialize();
    expect(client.serverInfo?.name).to.equal("calculator");
    expect(textOf(await client.callTool("calculate_sum", { a: 2, b: 40 }))).to.equal("42");
  });

  it("exits with the server's exit status", async () => {
    const { code } = await mcp(["run", "test/fixtures/exit-3.mjs"]);
    expect(code).to.equal(3);
  });

  it("--transport http passes MCPKIT_TRANSPORT/HOST/PORT, prints the URL once it answers, and forwards SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [BIN, "run", "test/fixtures/cli/http-env-server.ts", "--transport", "http", "--port", String(port)],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    try {
      const line = await new Promise<string>((done, fail) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) done(out);
        });
        child.once("exit", () => fail(new Error(`mcp run exited before serving: ${out}`)));
      });
      const url = `http://127.0.0.1:${port}/mcp`;
      expect(line).to.equal(`serving test/fixtures/cli/http-env-server.ts at ${url} (Ctrl-C to stop)\n`);
      await using client = new ClientSession(streamableHttpClient(new URL(url)), { logger: captureLogger() });
      await client.initialize();
      expect(textOf(await client.callTool("echo", { text: "hi" }))).to.equal("hi");
    } finally {
      child.kill("SIGTERM");
    }
    // mcp run handled the signal (no signal of its own ended it) and left with the server's status.
    expect(await exited, "exit status").to.be.oneOf([0, 128 + 15]);
    const stillThere = await fetch(`http://127.0.0.1:${port}/mcp`).then(
      () => true,
      () => false,
    );
    expect(stillThere, "the server was stopped too").to.equal(false);
  });

  it("a missing file is one line and exit 2", async () => {
    const { code, stdout, stderr } = await mcp(["run", "examples/no-such-server.ts"]);
    expect(code).to.equal(2);
    expect(stdout).to.equal("");
    expect(stderr).to.equal("mcp: cannot run examples/no-such-server.ts: no such file\n");
  });

  it("--help shows examples and the environment contract", async () => {
    const { stdout } = await mcp(["run", "--help"]);
    expect(stdout).to.include("Examples:\n  mcp run examples/calculate-sum.ts");
    expect(stdout).to.include("MCPKIT_TRANSPORT");
  });
});
