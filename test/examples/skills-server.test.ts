import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { expect } from "chai";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ClientSession } from "../../src/client/client-session.js";
import { stdioClient } from "../../src/transports/stdio/stdio.js";
import { captureLogger } from "../support/peers.js";
import { ROOT } from "../support/paths.js";

const SKILLS = join(ROOT, "examples", "skills");
const RELEASE = "skill://release-notes/SKILL.md";
const server = { command: process.execPath, args: ["--import", "tsx", "examples/skills-server.ts"], cwd: ROOT };

describe("examples/skills-server.ts: a real skills folder over stdio", function () {
  this.timeout(60_000);

  it("the official SDK Client sees the skill files as plain resources and reads them", async () => {
    const client = new Client({ name: "official", version: "1.0.0" });
    await client.connect(new StdioClientTransport({ ...server, stderr: "ignore" }));
    try {
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).to.include.members([
        RELEASE,
        "skill://release-notes/templates/release.md",
        "skill://ops/incident-response/SKILL.md",
        "skill://ops/incident-response/scripts/timeline.sh",
      ]);
      expect(resources.find((r) => r.uri === RELEASE)).to.include({
        name: "release-notes",
        mimeType: "text/markdown",
      });
      const read = await client.readResource({ uri: RELEASE });
      expect(read.contents[0]).to.deep.include({
        uri: RELEASE,
        text: readFileSync(join(SKILLS, "release-notes", "SKILL.md"), "utf8"),
      });
      // What a client that does not implement the extension sees of it: a declaration it may ignore.
      expect(client.getServerCapabilities()).to.have.nested.property("extensions");
    } finally {
      await client.close();
    }
  });

  it("mcpkit's host-side loader lists, loads and verifies a skill, and reads its listed files on demand", async () => {
    const transport = stdioClient({ ...server, stderr: "ignore" });
    await using client = new ClientSession(transport, { logger: captureLogger() });
    await client.initialize();
    const skills = await client.listSkills();
    expect(skills.map((s) => s.uri)).to.deep.equal(["skill://ops/incident-response/SKILL.md", RELEASE]);
    const entry = skills[1]!;
    expect(entry.frontmatter).to.deep.equal({
      name: "release-notes",
      description: "Write release notes for a tagged version from its merged changes",
      license: "MIT",
      metadata: { version: "1.0" },
    });
    const bytes = readFileSync(join(SKILLS, "release-notes", "SKILL.md"));
    expect(entry.resources).to.deep.include({
      uri: RELEASE,
      digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
      size: bytes.length,
    });
    const loaded = await client.loadSkill(entry);
    expect(loaded.content).to.equal(bytes.toString("utf8"));
    expect((await loaded.read("templates/release.md")).text).to.contain("### Breaking changes");
    const incident = await client.loadSkill("skill://ops/incident-response/SKILL.md");
    expect((await incident.read("scripts/timeline.sh")).text).to.contain("timeline of incident");
  });
});
