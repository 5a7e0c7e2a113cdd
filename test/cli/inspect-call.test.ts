import { expect } from "chai";
import { createRequire } from "node:module";
import { join } from "node:path";
import { NAMES } from "../../src/cli/commands/connect-help.js";
import { ROOT, run } from "../support/paths.js";

const BIN = join(ROOT, "dist", "bundle", "cli.js");
const EVERYTHING = createRequire(import.meta.url).resolve("@modelcontextprotocol/server-everything/dist/index.js");
const mcp = (...args: string[]) => run(process.execPath, [BIN, ...args]);
const tsx = (example: string) => `${process.execPath} --import tsx examples/${example}`;

describe("mcp server inspect, call and read (the built bin, as a subprocess)", function () {
  this.timeout(60_000);

  it("inspect prints identity, revision, capabilities and tables of a FastMCP example", async () => {
    const { code, stdout, stderr } = await mcp(
      "server",
      "inspect",
      process.execPath,
      "--import",
      "tsx",
      "examples/notes-server.ts",
    );
    expect(code, stderr).to.equal(0);
    expect(stdout).to.match(/^Server\s+notes 1\.0\.0$/m);
    expect(stdout).to.match(/^Revision\s+2026-07-28 \(stateless\)$/m);
    expect(stdout).to.include("Tools (6)");
    expect(stdout).to.match(
      /add_note\s+Store a note and return its id\s+title: string\*, body: string\*, tags: string\[\]/,
    );
    expect(stdout).to.include("notes://{id}");
    expect(stdout).to.match(/review_note\s+Ask for a review of a note\s+id\*, style/);
    expect(stdout, "no colour when not a terminal").not.to.include("\u001b[");
  });

  it("inspect --json prints one JSON document", async () => {
    const { code, stdout } = await mcp(
      "server",
      "inspect",
      "--json",
      process.execPath,
      "--import",
      "tsx",
      "examples/greeting.ts",
    );
    expect(code).to.equal(0);
    const doc = JSON.parse(stdout) as {
      serverInfo: { name: string };
      protocolVersion: string;
      mode: string;
      prompts: { name: string }[];
      tools: unknown[];
    };
    expect(doc.serverInfo.name).to.equal("greeter");
    expect(doc).to.include({ protocolVersion: "2026-07-28", mode: "stateless" });
    expect(doc.prompts.map((p) => p.name)).to.deep.equal(["greeting"]);
  });

  it("inspect lists server-everything's tools over stdio", async () => {
    const { code, stdout } = await mcp("server", "inspect", "--json", process.execPath, EVERYTHING, "stdio");
    expect(code).to.equal(0);
    const doc = JSON.parse(stdout) as { tools: { name: string }[]; protocolVersion: string; mode: string };
    expect(doc.tools.map((t) => t.name)).to.include.members(["echo", "get-sum"]);
    expect(doc.protocolVersion).to.equal("2025-11-25");
    expect(doc.mode).to.equal("stateful");
  });

  it("--protocol-version 2025-11-25 speaks the initialize handshake to a stateless server: inspect says stateful", async () => {
    const server = [process.execPath, "--import", "tsx", "examples/greeting.ts"];
    const text = await mcp("--protocol-version", "2025-11-25", "server", "inspect", ...server);
    expect(text.code, text.stderr).to.equal(0);
    expect(text.stdout).to.match(/^Revision\s+2025-11-25 \(stateful\)$/m);
    const json = await mcp("--protocol-version", "2025-06-18", "server", "inspect", "--json", ...server);
    expect(JSON.parse(json.stdout)).to.include({ protocolVersion: "2025-06-18", mode: "stateful" });
  });

  it("a --protocol-version mcpkit does not speak is one line and status 2, before any connection", async () => {
    const { code, stdout, stderr } = await mcp("--protocol-version", "latest", "call", "no-such-server-xyz", "t");
    expect(code).to.equal(2);
    expect(stdout).to.equal("");
    expect(stderr).to.match(/^mcp: --protocol-version must be one of 2024-11-05, .*2026-07-28, not latest\n$/);
  });

  it("call returns the tool's content: server-everything's echo, and an example's sum", async () => {
    const echo = await mcp("call", `${process.execPath} ${EVERYTHING} stdio`, "echo", "message=hello there");
    expect(echo.code, echo.stderr).to.equal(0);
    expect(echo.stdout.trim()).to.equal("Echo: hello there");
    const sum = await mcp("call", tsx("calculate-sum.ts"), "calculate_sum", '{"a": 2, "b": 40}');
    expect(sum.stdout.trim()).to.equal("42");
    const json = await mcp("call", tsx("calculate-sum.ts"), "calculate_sum", "a=1", "b=2", "--json");
    expect(JSON.parse(json.stdout)).to.deep.include({ content: [{ type: "text", text: "3" }] });
  });

  it("call exits 1 when the result is an error, and reports an unknown tool or bad arguments in one line", async () => {
    const invalid = await mcp("call", tsx("calculate-sum.ts"), "calculate_sum", "a=1");
    expect(invalid.code).to.equal(1);
    expect(invalid.stdout).to.include("/b");
    const unknown = await mcp("call", tsx("calculate-sum.ts"), "nope");
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr.trim()).to.equal('mcp: unknown tool "nope" (the server has: calculate_sum)');
    const badJson = await mcp("call", tsx("calculate-sum.ts"), "calculate_sum", "{not json");
    expect(badJson.code).to.equal(2);
    expect(badJson.stderr.trim().split("\n")).to.have.length(1);
    expect(badJson.stderr).to.match(/^mcp: invalid JSON arguments/);
  });

  it("read prints a resource's contents", async () => {
    const { code, stdout } = await mcp("read", tsx("config-settings.ts"), "config://settings");
    expect(code).to.equal(0);
    expect(stdout).to.equal("setting1=value1\nsetting2=value2\n");
  });

  it("an unreachable URL, a missing command, a server that exits, one that never answers: one line each, non-zero", async () => {
    const unreachable = await mcp("server", "inspect", "--url", "http://127.0.0.1:9/mcp");
    expect(unreachable.code).to.equal(1);
    expect(unreachable.stderr.trim().split("\n")).to.have.length(1);
    expect(unreachable.stderr).to.match(/^mcp: cannot connect to http:\/\/127\.0\.0\.1:9\/mcp: /);
    const missing = await mcp("server", "inspect", "no-such-command-mcpkit");
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.match(/^mcp: cannot connect to no-such-command-mcpkit: .*could not start/);
    const exits = await mcp("server", "inspect", process.execPath, "-e", "process.exit(3)");
    expect(exits.code).to.equal(1);
    expect(exits.stderr).to.match(/exited with code 3/);
    const started = Date.now();
    const silent = await mcp(
      "--timeout",
      "800",
      "server",
      "inspect",
      process.execPath,
      "test/fixtures/cli/silent-server.mjs",
    );
    expect(silent.code).to.equal(1);
    expect(silent.stderr).to.match(/initialize timed out after 800 ms/);
    expect(Date.now() - started).to.be.below(15_000);
    for (const r of [unreachable, missing, exits, silent]) expect(r.stderr).not.to.match(/\n\s+at /);
  });

  it("a stdio server that fails to start: its exit code and last stderr lines; all of them with --verbose", async () => {
    const crash = ["call", `${process.execPath} test/fixtures/stderr-exit.mjs 25 3`, "anything"];
    const quiet = await mcp(...crash);
    expect(quiet.code).to.equal(1);
    expect(quiet.stderr).to.match(
      /^mcp: cannot connect to .*: the server process `.*` exited with code 3; the end of its stderr:\n/,
    );
    expect(quiet.stderr)
      .to.include("\n  line 16\n")
      .and.to.match(/\n {2}line 25\n$/);
    expect(quiet.stderr).not.to.match(/line 15\n/);
    const verbose = await mcp("--verbose", ...crash);
    expect(verbose.code).to.equal(1);
    expect(verbose.stderr).to.match(/^line 1\nline 2\n[\s\S]*\nline 25\nmcp: cannot connect/);
  });

  it("call prints the tool's progress reports on stderr as they come, the result on stdout", async () => {
    const { code, stdout, stderr } = await mcp("call", tsx("notes-server.ts"), "reindex", "passes=2");
    expect(code, stderr).to.equal(0);
    expect(stderr).to.equal("progress 1/2 pass 1 of 2\nprogress 2/2 pass 2 of 2\n");
    expect(stdout).to.match(/^Reindexed \d+ notes in 2 passes\.\n$/);
  });

  it("client --help and client connect --help list the session's real commands", async () => {
    for (const command of [["client"], ["client", "connect"]]) {
      const { code, stdout } = await mcp(...command, "--help");
      expect(code).to.equal(0);
      expect(stdout, command.join(" ")).to.include("Commands in the session:");
      for (const name of NAMES.split(" "))
        expect(stdout, `${command.join(" ")}: ${name}`).to.match(new RegExp(`^  .*\\b${name}\\b`, "m"));
      expect(stdout).not.to.match(/\blist, call/);
    }
  });

  it("--verbose adds the stack trace; --help shows examples", async () => {
    const verbose = await mcp("--verbose", "server", "inspect", "no-such-command-mcpkit");
    expect(verbose.stderr).to.match(/\n\s+at /);
    for (const command of [["server", "inspect"], ["call"], ["read"]]) {
      const help = await mcp(...command, "--help");
      expect(help.stdout, command.join(" ")).to.include("Examples:");
    }
  });
});
