import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, run } from "../support/paths.js";

const BIN = join(ROOT, "dist", "bundle", "cli.js");
const SESSION = join(ROOT, "test", "fixtures", "cli", "session.ndjson");
const mcp = (...args: string[]) => run(process.execPath, [BIN, ...args]);

/** Runs the bin with `input` on its stdin. */
function mcpWithInput(input: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input);
  });
}

/** The captured session (a calculate-sum.ts run: initialize, tools/list, tools/call) with line `n` (1-based) changed. */
function sessionWith(n: number, change: (line: string) => string): string {
  const lines = readFileSync(SESSION, "utf8").split("\n");
  lines[n - 1] = change(lines[n - 1]!);
  return lines.join("\n");
}

describe("mcp validate (the built bin, as a subprocess)", function () {
  this.timeout(30_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "mcp-validate-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("passes a captured stdio session (newline-delimited JSON) at the default revision: exit 0", async () => {
    const { code, stdout, stderr } = await mcp("validate", SESSION);
    expect(code, stderr).to.equal(0);
    expect(stdout).to.equal("7 messages, 0 invalid\n");
  });

  it("flags a tools/call whose name is a number at /params/name, with its line: exit 1", async () => {
    const path = file(
      "name-42.ndjson",
      sessionWith(6, (l) => l.replace('"name":"calculate_sum"', '"name":42')),
    );
    const { code, stdout } = await mcp("validate", path);
    expect(code).to.equal(1);
    expect(stdout).to.equal("line 6: /params/name must be string\n7 messages, 1 invalid\n");
  });

  it("checks a response's result as the result of the request with its id (tools/list)", async () => {
    const path = file(
      "tools-list.ndjson",
      sessionWith(5, () => '{"jsonrpc":"2.0","id":1,"result":{"tools":{}}}'),
    );
    const { code, stdout } = await mcp("validate", path);
    expect(code).to.equal(1);
    expect(stdout).to.equal("line 5: /result/tools must be array\n7 messages, 1 invalid\n");
  });

  it("reports a line that is not JSON with its line number, and goes on with the others", async () => {
    const path = file(
      "garbage.ndjson",
      sessionWith(3, () => "server listening..."),
    );
    const { code, stdout } = await mcp("validate", path);
    expect(code).to.equal(1);
    expect(stdout).to.match(/^line 3: not JSON \(.+\)\n7 messages, 1 invalid\n$/);
  });

  it('reads stdin for "-": a JSON array is a list of messages, each named by its position', async () => {
    const messages = readFileSync(SESSION, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    messages[0] = { ...messages[0], jsonrpc: "1.0" };
    const { code, stdout } = await mcpWithInput(JSON.stringify(messages, null, 2), "validate", "-");
    expect(code).to.equal(1);
    expect(stdout).to.equal('message 1: /jsonrpc must be "2.0"\n7 messages, 1 invalid\n');
    const ok = await mcpWithInput(readFileSync(SESSION, "utf8"), "validate", "-");
    expect(ok.code).to.equal(0);
  });

  it("refuses a batch where the revision has none, and checks one item by item where it has (2025-03-26)", async () => {
    const batch = '[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"tools/call"}]\n';
    const now = await mcp("validate", file("batch.ndjson", `${batch}{"jsonrpc":"2.0","method":"x/y"}\n`));
    expect(now.stdout).to.include("line 1: / is a batch, and JSON-RPC batches are not part of revision 2025-11-25");
    const then = await mcp("validate", "--revision", "2025-03-26", join(dir, "batch.ndjson"));
    expect(then.code).to.equal(1);
    expect(then.stdout).to.include("line 1: /1/params is required");
    expect(then.stdout).to.match(/line 2: \/method "x\/y" is not a notification method of revision 2025-03-26\n/);
  });

  it("--type Tool validates each value as that definition", async () => {
    const valid = await mcpWithInput('{"name":"t","inputSchema":{"type":"object"}}', "validate", "--type", "Tool", "-");
    expect(valid.code, valid.stdout).to.equal(0);
    expect(valid.stdout).to.equal("1 message, 0 invalid\n");
    const invalid = await mcpWithInput('{"name":"t"}', "validate", "--type", "Tool", "-");
    expect(invalid.code).to.equal(1);
    expect(invalid.stdout).to.equal("input: /inputSchema is required\n1 message, 1 invalid\n");
    const unknown = await mcpWithInput("{}", "validate", "--type", "tool", "-");
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.equal('mcp: revision 2025-11-25 has no definition "tool"; did you mean Tool?\n');
  });

  it("an unknown revision is one line and exit 2", async () => {
    const { code, stdout, stderr } = await mcp("validate", "--revision", "2099-01-01", SESSION);
    expect(code).to.equal(2);
    expect(stdout).to.equal("");
    expect(stderr).to.match(/^mcp: unknown revision "2099-01-01" \(known: [^\n]*2025-11-25[^\n]*\)\n$/);
  });

  it("a missing file is one line and exit 2", async () => {
    const { code, stderr } = await mcp("validate", "no-such-file.ndjson");
    expect(code).to.equal(2);
    expect(stderr).to.equal("mcp: cannot read no-such-file.ndjson: no such file\n");
  });

  it("--help shows examples", async () => {
    const { code, stdout } = await mcp("validate", "--help");
    expect(code).to.equal(0);
    expect(stdout).to.include("Examples:\n  mcp validate session.ndjson");
  });
});
