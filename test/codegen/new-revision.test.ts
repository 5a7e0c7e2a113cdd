import { expect } from "chai";
import { createRequire } from "node:module";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { RevisionSpec } from "../../generated/common.js";
import { revisions } from "../../generated/index.js";
import { ClientSession } from "../../src/client/client-session.js";
import { ErrorCode, McpError } from "../../src/protocol/errors.js";
import { META } from "../../src/protocol/mcp-headers.js";
import { RevisionSet } from "../../src/protocol/negotiation.js";
import { FastMCP } from "../../src/server/fastmcp/fastmcp.js";
import { Server } from "../../src/server/server.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { captureLogger, RawPeer } from "../support/peers.js";
import { ROOT, run, SPEC_DIR } from "../support/paths.js";

const BIN = join(ROOT, "dist", "bundle", "cli.js");
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const NAME = "2099-01-01";
/** The specification's draft (the same definitions as 2026-07-28, a stateless revision); that one where no mirror is. */
const DRAFT = [
  join(SPEC_DIR, "schema", "draft", "schema.json"),
  join(ROOT, "schema", "2026-07-28", "schema.json"),
].find((file) => existsSync(file))!;
const mcp = (args: string[], cwd: string) => run(process.execPath, [BIN, ...args], { cwd });

/**
 * A consumer's project in a temporary folder: an ES module package whose node_modules holds mcpkit (this
 * repository, as npm links a local install) and mcpkit's dependency ajv-formats, as npm hoists it.
 */
function consumerProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "mcpkit-new-revision-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "mcpkit"), "dir");
  symlinkSync(join(ROOT, "node_modules", "ajv-formats"), join(dir, "node_modules", "ajv-formats"), "dir");
  return dir;
}

/** A FastMCP server with one tool, speaking `extra` beyond the built-in revisions. */
function echoServer(extra?: RevisionSpec[]): FastMCP {
  const app = new FastMCP("echo", { logger: captureLogger(), ...(extra ? { revisions: extra } : {}) });
  const input = { type: "object", properties: { text: { type: "string" } }, required: ["text"] } as const;
  return app.tool("echo", { description: "Echoes", input }, ({ text }) => text);
}

/** A client and `app` over an in-memory pair, initialized. */
async function connected(app: FastMCP, extra?: RevisionSpec[]) {
  const [clientEnd, serverEnd] = memoryPair();
  await app.server.connect(serverEnd);
  const client = new ClientSession(clientEnd, { logger: captureLogger(), ...(extra ? { revisions: extra } : {}) });
  const description = await client.initialize();
  return { client, description };
}

const textOf = (result: { content: unknown[] }) => (result.content[0] as { text?: string }).text;

describe("a new revision from one command: mcp generate, then sessions given the module", function () {
  this.timeout(120_000);
  let dir: string;
  let revision: RevisionSpec;

  before(async () => {
    dir = consumerProject();
    const { code, stderr } = await mcp(["generate", "--schema", DRAFT, "--revision", NAME, "--out", "gen"], dir);
    expect(code, stderr).to.equal(0);
    ({ revision } = (await import(pathToFileURL(join(dir, "gen", "index.ts")).href)) as { revision: RevisionSpec });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the module is the revision's files alone, importing the shared code from the installed mcpkit (mcpkit/generated)", () => {
    expect(readdirSync(join(dir, "gen")).sort()).to.deep.equal([
      "client.ts",
      "index.ts",
      "methods.ts",
      "server.ts",
      "types.ts",
      "validators.cjs",
      "validators.d.cts",
    ]);
    const methods = readFileSync(join(dir, "gen", "methods.ts"), "utf8");
    expect(methods).to.contain('import { LazyValidators } from "mcpkit/generated";');
    expect(methods).to.not.contain("../");
    expect(revision.name).to.equal(NAME);
    expect(revision.stateful, "the draft has no initialize").to.equal(false);
  });

  it("a client and a FastMCP server given it speak 2099-01-01 to each other, validating with the module's validators", async () => {
    const app = echoServer([revision]);
    const { client, description } = await connected(app, [revision]);
    await using _ = client;
    expect(client.protocolVersion).to.equal(NAME);
    expect(client.mode).to.equal("stateless");
    expect((description.result as { supportedVersions: string[] }).supportedVersions).to.deep.equal([
      NAME,
      ...[...RevisionSet.BUILT_IN.supported],
    ]);
    expect(textOf(await client.callTool("echo", { text: "hi" }))).to.equal("hi");
    const validators = join(dir, "gen", "validators.cjs");
    expect(Object.keys(createRequire(import.meta.url).cache)).to.include(validators);
    // Params the module's CallToolRequest validator refuses (name must be a string).
    const refused = await client.request("tools/call", { name: 7 } as never).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(McpError);
    expect((refused as McpError).code).to.equal(ErrorCode.InvalidParams);
  });

  it("the requests carry 2099-01-01 in _meta, and the server reads them under it (a raw client)", async () => {
    const app = echoServer([revision]);
    const [clientEnd, serverEnd] = memoryPair();
    await app.server.connect(serverEnd);
    const peer = await RawPeer.on(clientEnd);
    const meta = {
      [META.protocolVersion]: NAME,
      [META.clientCapabilities]: {},
      [META.clientInfo]: { name: "raw", version: "1" },
    };
    await peer.send({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: meta } });
    const answer = (await peer.next()) as { result?: { tools: unknown[] } };
    expect(answer.result?.tools).to.have.length(1);
    await peer.send({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/list",
      params: { _meta: { ...meta, [META.protocolVersion]: "2099-12-31" } },
    });
    const refused = (await peer.next()) as { error?: { code: number; data: { supported: string[] } } };
    expect(refused.error?.code).to.equal(ErrorCode.UnsupportedProtocolVersion);
    expect(refused.error?.data.supported[0]).to.equal(NAME);
    await clientEnd.close();
  });

  it("over Streamable HTTP: MCP-Protocol-Version 2099-01-01 is served statelessly", async () => {
    const app = echoServer([revision]);
    const served = await app.runHttp({ port: 0, logger: captureLogger() });
    try {
      const transport = streamableHttpClient(new URL(served.endpointUrl));
      await using client = new ClientSession(transport, { logger: captureLogger(), revisions: [revision] });
      await client.initialize();
      expect(client.protocolVersion).to.equal(NAME);
      expect(textOf(await client.callTool("echo", { text: "over http" }))).to.equal("over http");
    } finally {
      await served.close();
    }
  });

  it("negotiation: each side falls back to the newest revision the other lists when only one has the module", async () => {
    {
      const { client } = await connected(echoServer(), [revision]);
      await using _ = client;
      expect(client.protocolVersion, "the client's probe at 2099-01-01 answered -32022").to.equal("2026-07-28");
    }
    {
      const { client } = await connected(echoServer([revision]));
      await using _ = client;
      expect(client.protocolVersion).to.equal("2026-07-28");
    }
  });

  it("the module typechecks in the consumer's project (tsc, nodenext) and runs compiled to JavaScript under plain Node", async () => {
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          target: "es2022",
          strict: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules", "@types")],
        },
        files: ["use.ts"],
      }),
    );
    writeFileSync(
      join(dir, "use.ts"),
      [
        'import { ClientSession } from "mcpkit";',
        'import { FastMCP, memoryPair } from "mcpkit/server";',
        'import { revision } from "./gen/index.js";',
        "",
        'const app = new FastMCP("consumer", { revisions: [revision] });',
        'const input = { type: "object", properties: { text: { type: "string" } }, required: ["text"] } as const;',
        'app.tool("echo", { description: "Echoes", input }, ({ text }) => text.toUpperCase());',
        "const [clientEnd, serverEnd] = memoryPair();",
        "await app.server.connect(serverEnd);",
        "const client = new ClientSession(clientEnd, { revisions: [revision] });",
        "await client.initialize();",
        'const result = await client.callTool("echo", { text: "compiled" });',
        "process.stdout.write(`${client.protocolVersion} ${JSON.stringify(result.content)}\\n`);",
        "await client.close();",
      ].join("\n"),
    );
    const compiled = await run(process.execPath, [TSC, "-p", dir], { cwd: dir });
    expect(compiled.code, compiled.stdout + compiled.stderr).to.equal(0);
    const ran = await run(process.execPath, [join(dir, "use.js")], { cwd: dir });
    expect(ran.code, ran.stderr).to.equal(0);
    expect(ran.stdout).to.equal(`${NAME} [{"type":"text","text":"COMPILED"}]\n`);
  });
});

describe("mcp generate: bad input is one line and nothing is written", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "mcpkit-generate-bad-"));
    writeFileSync(join(dir, "not-json.json"), "not json\n");
    writeFileSync(
      join(dir, "not-mcp.json"),
      JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", $defs: { Foo: { type: "object" } } }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string[], number, RegExp][] = [
    [
      "a missing schema",
      ["--schema", "nope.json", "--revision", "x"],
      2,
      /^mcp: cannot read nope\.json: no such file\n$/,
    ],
    ["a directory", ["--schema", ".", "--revision", "x"], 2, /^mcp: cannot read \.: it is a directory\n$/],
    [
      "a file that is not JSON",
      ["--schema", "not-json.json", "--revision", "x"],
      1,
      /^mcp: cannot generate: .*not-json\.json: not JSON \(.*\) \(nothing was written\)\n$/,
    ],
    [
      "a schema that is not an MCP schema",
      ["--schema", "not-mcp.json", "--revision", "x"],
      1,
      /^mcp: cannot generate: .*not-mcp\.json: no ClientRequest, ServerRequest, ClientNotification or ServerNotification union \(nothing was written\)\n$/,
    ],
    [
      "a revision name with /",
      ["--schema", "not-mcp.json", "--revision", "a/b"],
      2,
      /^mcp: --revision "a\/b" must be a plain name .*\n$/,
    ],
    [
      "a revision name ..",
      ["--schema", "not-mcp.json", "--revision", ".."],
      2,
      /^mcp: --revision "\.\." must be a plain name .*\n$/,
    ],
  ];
  for (const [what, args, exit, message] of cases)
    it(`${what}: exit ${exit}`, async () => {
      const { code, stdout, stderr } = await mcp(["generate", ...args, "--out", "out"], dir);
      expect(stderr).to.match(message);
      expect(code).to.equal(exit);
      expect(stdout).to.equal("");
      expect(existsSync(join(dir, "out"))).to.equal(false);
    });
});

describe("revisions given to sessions: newest by order, stateful from the spec", () => {
  // A stateful revision under a made-up name: 2025-11-25's tables, renamed (no generation needed).
  const stateful: RevisionSpec = { ...revisions["2025-11-25"], name: "2099-02-02" };

  it("a given revision is newer than every built-in one, the last given the newest; a built-in name is replaced in place", () => {
    const other: RevisionSpec = { ...revisions["2026-07-28"], name: "zeta" };
    const alpha: RevisionSpec = { ...revisions["2026-07-28"], name: "alpha" };
    const set = RevisionSet.of([other, alpha]);
    expect(set.supported.slice(0, 3)).to.deep.equal(["alpha", "zeta", "2026-07-28"]);
    expect(set.latestStateless.name).to.equal("alpha");
    const replaced = { ...revisions["2025-06-18"] };
    expect(RevisionSet.of([replaced]).supported).to.deep.equal(RevisionSet.BUILT_IN.supported);
    expect(RevisionSet.of([replaced]).spec("2025-06-18")).to.equal(replaced);
  });

  it("bad input: a value that is no revision spec, or one name twice, is a TypeError at construction", () => {
    expect(() => new ClientSession(memoryPair()[0], { revisions: [{} as RevisionSpec] })).to.throw(
      TypeError,
      "revisions[0] is not a revision spec",
    );
    expect(() => new Server({ name: "s", version: "1" }, { revisions: [stateful, stateful] })).to.throw(
      TypeError,
      "revision 2099-02-02 is given twice",
    );
  });

  it("a stateful given revision is offered at initialize and accepted by a server given it (no string comparison)", async () => {
    const app = echoServer([stateful]);
    const [clientEnd, serverEnd] = memoryPair();
    const session = await app.server.connect(serverEnd);
    await using client = new ClientSession(clientEnd, {
      logger: captureLogger(),
      revisions: [stateful],
      protocolVersion: "2099-02-02",
    });
    await client.initialize();
    expect(client.mode).to.equal("stateful");
    expect(client.protocolVersion).to.equal("2099-02-02");
    expect(session.protocolVersion).to.equal("2099-02-02");
    expect(textOf(await client.callTool("echo", { text: "stateful" }))).to.equal("stateful");
  });

  it("a server without it answers initialize with its newest stateful revision, which the client then speaks", async () => {
    const app = echoServer();
    const [clientEnd, serverEnd] = memoryPair();
    await app.server.connect(serverEnd);
    await using client = new ClientSession(clientEnd, {
      logger: captureLogger(),
      revisions: [stateful],
      protocolVersion: "2099-02-02",
    });
    await client.initialize();
    expect(client.protocolVersion).to.equal("2025-11-25");
  });
});
