import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientSession } from "../../src/client/client-session.js";
import { CliError } from "../../src/cli/cli-error.js";
import { readVerified } from "../../src/cli/commands/skills.js";
import { FastMCP } from "../../src/server/fastmcp/fastmcp.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { captureLogger } from "../support/peers.js";
import { ROOT, run } from "../support/paths.js";

const BIN = join(ROOT, "dist", "bundle", "cli.js");
const SERVER = `${process.execPath} --import tsx examples/skills-server.ts`;
const mcp = (...args: string[]) => run(process.execPath, [BIN, ...args]);

describe("mcp and skills: inspect lists them, read verifies a skill file (the built bin)", function () {
  this.timeout(60_000);

  it("server inspect lists the skills, with their files and descriptions", async () => {
    const { code, stdout, stderr } = await mcp("server", "inspect", ...SERVER.split(" "));
    expect(code, stderr).to.equal(0);
    expect(stdout).to.include("Skills (2)");
    expect(stdout).to.match(/release-notes\s+skill:\/\/release-notes\/SKILL\.md\s+2\s+Write release notes/);
    expect(stdout).to.match(/incident-response\s+skill:\/\/ops\/incident-response\/SKILL\.md\s+3\s+Triage/);
    const json = await mcp("server", "inspect", "--json", ...SERVER.split(" "));
    expect((JSON.parse(json.stdout) as { skills: unknown[] }).skills).to.have.length(2);
  });

  it("read of a skill file prints it after verifying it against the skill's entry", async () => {
    const { code, stdout, stderr } = await mcp("read", SERVER, "skill://release-notes/templates/release.md");
    expect(code, stderr).to.equal(0);
    expect(stdout).to.equal(readFileSync(join(ROOT, "examples/skills/release-notes/templates/release.md"), "utf8"));
    expect(stderr).to.contain("verified against skill skill://release-notes/SKILL.md");
  });
});

describe("mcp read of a skill file that does not match its entry (in process)", () => {
  it("fails with the reason and prints nothing of the content", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpkit-cli-skills-"));
    cpSync(join(ROOT, "examples", "skills"), dir, { recursive: true });
    const app = new FastMCP("tampered").skills(dir, { watch: false });
    const [clientEnd, serverEnd] = memoryPair();
    await app.connect(serverEnd);
    const session = new ClientSession(clientEnd, { logger: captureLogger() });
    await session.initialize();
    const file = join(dir, "release-notes", "templates", "release.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("Fixes", "Fixed"));
    const error = await readVerified(session, "skill://release-notes/templates/release.md", {}).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(CliError);
    expect((error as Error).message).to.match(/does not match its digest \(not printed\)/);
    // A resource outside every skill is not the skills' business: read as usual.
    expect(await readVerified(session, "notes://1", {})).to.equal(undefined);
    await session.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
