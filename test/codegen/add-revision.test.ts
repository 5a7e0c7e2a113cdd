import { expect } from "chai";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../codegen/add-revision.js";
import { sha256 } from "../../codegen/load.js";
import { ROOT, run, SPEC_DIR } from "../support/paths.js";

const NAME = "2099-01-01";
/** The specification's draft (the same definitions as 2026-07-28, a stateless revision); that one where no mirror is. */
const DRAFT = [
  join(SPEC_DIR, "schema", "draft", "schema.json"),
  join(ROOT, "schema", "2026-07-28", "schema.json"),
].find((file) => existsSync(file))!;
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** A copy of the repository's sources and synced schemas (node_modules linked), which add-revision may change. */
function repositoryCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "mcpkit-add-revision-"));
  for (const entry of ["package.json", "tsconfig.json", "codegen", "scripts", "src", "schema"])
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

describe("npm run add-revision (in a copy of the repository)", function () {
  this.timeout(180_000);
  let dir: string;
  let revisionsBefore: string;
  const revisionsJson = () => readFileSync(join(dir, "schema", "revisions.json"), "utf8");
  // schema/local/ holds the repository's own extension schemas (skills); a refused run adds nothing there.
  const localSchemas = () =>
    existsSync(join(dir, "schema", "local")) ? readdirSync(join(dir, "schema", "local")) : [];
  let localBefore: string[];
  before(() => {
    dir = repositoryCopy();
    revisionsBefore = revisionsJson();
    localBefore = localSchemas();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("bad input: one line, exit 2 (usage) or 1 (the schema), and nothing changed", () => {
    const notMcp = () => {
      const file = join(dir, "not-mcp.json");
      writeFileSync(
        file,
        JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", $defs: { Foo: { type: "object" } } }),
      );
      return file;
    };
    const cases: [string, () => string[], number, RegExp][] = [
      ["no --revision", () => ["--schema", DRAFT], 2, /^add-revision: --schema and --revision are required\n/],
      [
        "a missing schema",
        () => ["--schema", "nope.json", "--revision", NAME],
        2,
        /^add-revision: cannot read nope\.json: no such file$/,
      ],
      [
        "a revision name with /",
        () => ["--schema", DRAFT, "--revision", "a/b"],
        2,
        /^add-revision: --revision "a\/b" must be a plain name/,
      ],
      [
        "a revision name ..",
        () => ["--schema", DRAFT, "--revision", ".."],
        2,
        /^add-revision: --revision "\.\." must be a plain name/,
      ],
      [
        "an existing revision",
        () => ["--schema", DRAFT, "--revision", "2025-11-25"],
        2,
        /^add-revision: revision 2025-11-25 is already in schema\/revisions\.json$/,
      ],
      [
        "a schema that is not an MCP schema",
        () => ["--schema", notMcp(), "--revision", NAME],
        1,
        /^add-revision: .*not-mcp\.json: no ClientRequest, ServerRequest, ClientNotification or ServerNotification union \(nothing was changed\)$/,
      ],
    ];
    for (const [what, args, exit, message] of cases)
      it(`${what}: exit ${exit}`, async () => {
        const lines: string[] = [];
        expect(await main(args(), (line) => lines.push(line), dir)).to.equal(exit);
        expect(lines).to.have.length(1);
        expect(lines[0]).to.match(message);
        expect(revisionsJson()).to.equal(revisionsBefore);
        expect(localSchemas()).to.deep.equal(localBefore);
      });
  });

  describe("the draft as 2099-01-01 --latest", () => {
    before(async function () {
      const { code, stderr } = await run(
        NPM,
        ["run", "--silent", "add-revision", "--", "--schema", DRAFT, "--revision", NAME, "--latest"],
        { cwd: dir },
      );
      expect(code, stderr).to.equal(0);
      expect(stderr).to.match(
        new RegExp(`^add-revision: ${NAME} \\(sha256 [0-9a-f]{64}, 2020-12\\) added .* as latest`),
      );
    });

    it("schema/revisions.json gains the entry, sha256 included, as the newest revision and latest; the schema is committed under schema/local/", () => {
      const config = JSON.parse(revisionsJson()) as { latest: string; revisions: Record<string, string>[] };
      const before = JSON.parse(revisionsBefore) as { revisions: unknown[] };
      expect(config.latest).to.equal(NAME);
      expect(config.revisions.slice(0, -1)).to.deep.equal(before.revisions);
      expect(config.revisions.at(-1)).to.deep.equal({
        name: NAME,
        repository: ".",
        commit: "",
        path: `schema/local/${NAME}.json`,
        mirrorPath: "",
        sha256: sha256(readFileSync(DRAFT)),
        dialect: "2020-12",
      });
      expect(readFileSync(join(dir, "schema", "local", `${NAME}.json`))).to.deep.equal(readFileSync(DRAFT));
    });

    it("generated/ is regenerated with it: the registry's newest, and what mcpkit/types names", () => {
      const index = readFileSync(join(dir, "generated", "index.ts"), "utf8");
      expect(index).to.match(new RegExp(`export const REVISIONS = \\[.*"2026-07-28", "${NAME}"\\] as const;`));
      expect(index).to.contain(`export const LATEST = "${NAME}"`);
      expect(readFileSync(join(dir, "generated", "latest.ts"), "utf8")).to.contain(
        `export * from "./${NAME}/index.js";`,
      );
    });

    it("a client and a server of the regenerated SDK speak it with no options", async () => {
      writeFileSync(
        join(dir, "speak.ts"),
        [
          'import { ClientSession } from "./src/client/client-session.js";',
          'import { FastMCP } from "./src/server/fastmcp/fastmcp.js";',
          'import { memoryPair } from "./src/transports/memory/memory.js";',
          'const app = new FastMCP("s");',
          'app.tool("hello", { description: "Says hello" }, () => "hello");',
          "const [clientEnd, serverEnd] = memoryPair();",
          "await app.server.connect(serverEnd);",
          "const client = new ClientSession(clientEnd);",
          "const description = await client.initialize();",
          'const result = await client.callTool("hello");',
          "const supported = (description.result as { supportedVersions: string[] }).supportedVersions;",
          "process.stdout.write(`${client.protocolVersion} ${supported[0]} ${JSON.stringify(result.content)}\\n`);",
          "await client.close();",
        ].join("\n"),
      );
      const { code, stdout, stderr } = await run(process.execPath, ["--import", "tsx", "speak.ts"], { cwd: dir });
      expect(code, stderr).to.equal(0);
      expect(stdout).to.equal(`${NAME} ${NAME} [{"type":"text","text":"hello"}]\n`);
    });

    it("npm run sync-schema on a fresh clone puts its schema in place from the committed copy", async () => {
      const synced = join(dir, "schema", NAME, "schema.json");
      rmSync(synced);
      const { code, stderr } = await run(NPM, ["run", "--silent", "sync-schema"], { cwd: dir });
      expect(code, stderr).to.equal(0);
      expect(stderr).to.equal(`sync-schema: ${NAME} <- ${join(dir, "schema", "local", `${NAME}.json`)}\n`);
      expect(readFileSync(synced)).to.deep.equal(readFileSync(DRAFT));
    });
  });
});
