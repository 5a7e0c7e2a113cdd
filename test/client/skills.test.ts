import { expect } from "chai";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientSession } from "../../src/client/client-session.js";
import { ClientSessionGroup } from "../../src/client/client-session-group.js";
import { skillBinding, SkillVerificationError, type Skill } from "../../src/client/skills.js";
import { CapabilityError } from "../../src/protocol/errors.js";
import { FastMCP } from "../../src/server/fastmcp/fastmcp.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { ROOT } from "../support/paths.js";
import { captureLogger } from "../support/peers.js";

const FIXTURE = join(ROOT, "test", "fixtures", "skills");
const PDF = "skill://pdf-processing/SKILL.md";

/** A copy of the fixture folder that a test may tamper with. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), "mcpkit-skills-client-"));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** A session to a FastMCP serving `folder`, with the methods it sends recorded. */
async function connect(folder: string | undefined, version?: "2025-11-25") {
  const app = new FastMCP("skills-host-test");
  if (folder) app.skills(folder, { watch: false });
  const [clientEnd, serverEnd] = memoryPair();
  await app.connect(serverEnd);
  const sent: { method: string; uri?: string }[] = [];
  const send = clientEnd.send.bind(clientEnd);
  clientEnd.send = (message: unknown) => {
    const m = message as { method?: string; params?: { uri?: string } };
    if (m.method) sent.push({ method: m.method, ...(m.params?.uri ? { uri: m.params.uri } : {}) });
    return send(message);
  };
  const client = new ClientSession(clientEnd, {
    logger: captureLogger(),
    ...(version ? { protocolVersion: version } : {}),
  });
  await client.initialize();
  const reads = () => sent.filter((s) => s.method === "resources/read").map((s) => s.uri);
  return { app, client, sent, reads, close: async () => (await client.close(), await app.close()) };
}

const failure = async (promise: Promise<unknown>) =>
  (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as SkillVerificationError;

describe("skills extension, host side (SEP-2640): listSkills, getSkill, loadSkill", () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tampered = () => {
    const dir = copy();
    dirs.push(dir);
    return dir;
  };

  it("lists every page and reads nothing ahead of need (sep-2640-client-no-prefetch)", async () => {
    const peer = await connect(FIXTURE);
    const skills = await peer.client.listSkills();
    expect(skills).to.have.length(4);
    await peer.client.getSkill(PDF);
    expect(peer.reads()).to.deep.equal([]);
    await peer.close();
  });

  it("loads a skill: SKILL.md verified, then a listed supporting file read and verified on demand", async () => {
    const peer = await connect(FIXTURE);
    const loaded = await peer.client.loadSkill(PDF);
    expect(loaded.content).to.equal(readFileSync(join(FIXTURE, "pdf-processing", "SKILL.md"), "utf8"));
    expect(peer.reads()).to.deep.equal([PDF]);
    expect(loaded.files).to.include.members(["references/FORMS.md", "templates/regional/eu-invoice.md"]);
    const forms = await loaded.read("references/FORMS.md");
    expect(forms.text).to.contain("AcroForm");
    expect(peer.reads()).to.deep.equal([PDF, "skill://pdf-processing/references/FORMS.md"]);
    await peer.close();
  });

  it("refuses a tampered SKILL.md (same size, other bytes): digest, and the content is not returned", async () => {
    const dir = tampered();
    const peer = await connect(dir);
    const [entry] = (await peer.client.listSkills()).filter((s) => s.uri === PDF);
    const file = join(dir, "pdf-processing", "SKILL.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("Pick", "Nick"));
    const error = await failure(peer.client.loadSkill(entry!));
    expect(error).to.be.instanceOf(SkillVerificationError);
    expect(error).to.include({ reason: "digest", skill: PDF, uri: PDF });
    expect(peer.reads()).to.deep.equal([PDF]);
    await peer.close();
  });

  it("refuses a file of the wrong size before hashing it (size)", async () => {
    const dir = tampered();
    const peer = await connect(dir);
    const [entry] = (await peer.client.listSkills()).filter((s) => s.uri === PDF);
    appendFileSync(join(dir, "pdf-processing", "SKILL.md"), "extra bytes\n");
    expect(await failure(peer.client.loadSkill(entry!))).to.include({ reason: "size" });
    await peer.close();
  });

  it("refuses a SKILL.md whose frontmatter differs from the held entry, even when size and digest match (frontmatter)", async () => {
    const peer = await connect(FIXTURE);
    const entry = await peer.client.getSkill(PDF);
    const altered: Skill = { ...entry, frontmatter: { ...entry.frontmatter, description: "Something else" } };
    const error = await failure(peer.client.loadSkill(altered));
    expect(error).to.include({ reason: "frontmatter" });
    expect(error.message).to.contain('"description"');
    const extra: Skill = { ...entry, frontmatter: { ...entry.frontmatter, license: "MIT" } };
    expect(await failure(peer.client.loadSkill(extra))).to.include({ reason: "frontmatter" });
    await peer.close();
  });

  it("refuses a supporting file that is tampered, unlisted (without asking the server) or no longer served", async () => {
    const dir = tampered();
    const peer = await connect(dir);
    const loaded = await peer.client.loadSkill(PDF);
    writeFileSync(join(dir, "pdf-processing", "templates", "invoice.md"), "Invoice {{evil}}\n");
    expect(await failure(loaded.read("templates/invoice.md"))).to.include({ reason: "size" });
    const before = peer.reads().length;
    for (const path of ["templates/credit-note.md", "../git-workflow/SKILL.md", "skill://git-workflow/SKILL.md", "./x"])
      expect(await failure(loaded.read(path)), path).to.include({ reason: "unlisted" });
    expect(peer.reads()).to.have.length(before);
    unlinkSync(join(dir, "pdf-processing", "references", "FORMS.md"));
    expect(await failure(loaded.read("references/FORMS.md"))).to.include({ reason: "unreadable" });
    await peer.close();
  });

  it("refuses an entry a host must not load: bad resources, SKILL.md unlisted, over the limits, a name not its path's", async () => {
    const peer = await connect(FIXTURE);
    const entry = await peer.client.getSkill(PDF);
    const resources = entry.resources as { uri: string; digest: string; size: number }[];
    const cases: [Skill, string][] = [
      [{ ...entry, resources: "static" as never }, "invalid-entry"],
      [{ ...entry, resources: undefined as never }, "invalid-entry"],
      [{ ...entry, resources: resources.slice(1) }, "invalid-entry"],
      [{ ...entry, frontmatter: { ...entry.frontmatter, name: "other" } }, "invalid-entry"],
      [
        { ...entry, resources: [...resources, { uri: `${PDF}x`, digest: resources[0]!.digest, size: 17 * 2 ** 20 }] },
        "limits",
      ],
      [
        {
          ...entry,
          resources: Array.from({ length: 513 }, (_, i) => ({ ...resources[0]!, uri: i === 0 ? PDF : `${PDF}${i}` })),
        },
        "limits",
      ],
    ];
    for (const [bad, reason] of cases) expect(await failure(peer.client.loadSkill(bad))).to.include({ reason });
    expect(peer.reads()).to.deep.equal([]);
    await peer.close();
  });

  it("verifies files served as bytes (not UTF-8) and text with a byte-order mark", async () => {
    const dir = tampered();
    writeFileSync(join(dir, "git-workflow", "logo.md"), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    writeFileSync(join(dir, "git-workflow", "bom.md"), "\uFEFFwith a BOM\n");
    const peer = await connect(dir);
    const loaded = await peer.client.loadSkill("skill://git-workflow/SKILL.md");
    expect([...(await loaded.read("logo.md")).bytes]).to.deep.equal([0xff, 0xfe, 0x00, 0x41]);
    expect((await loaded.read("bom.md")).text).to.equal("\uFEFFwith a BOM\n");
    await peer.close();
  });

  it("binds an approval to the entry's (uri, digest) set: a rotated, added or removed file changes it", async () => {
    const peer = await connect(FIXTURE);
    const entry = await peer.client.getSkill(PDF);
    const resources = entry.resources as { uri: string; digest: string; size: number }[];
    const binding = skillBinding(entry);
    expect(binding).to.match(/^sha256:[0-9a-f]{64}$/);
    expect(skillBinding({ ...entry, resources: [...resources].reverse() })).to.equal(binding);
    const rotated = resources.map((r, i) => (i === 1 ? { ...r, digest: `sha256:${"0".repeat(64)}` } : r));
    for (const changed of [rotated, resources.slice(0, -1), [...resources, { ...resources[1]!, uri: `${PDF}.new` }]])
      expect(skillBinding({ ...entry, resources: changed })).not.to.equal(binding);
    expect(skillBinding({ ...entry, resources: "dynamic" })).to.equal(undefined);
    await peer.close();
  });

  it("refuses the skills methods before any I/O when the server does not declare the extension", async () => {
    const peer = await connect(undefined);
    expect(await failure(peer.client.listSkills())).to.be.instanceOf(CapabilityError);
    expect(peer.sent.map((s) => s.method)).not.to.include("skills/list");
    await peer.close();
  });
});

describe("skills extension in a ClientSessionGroup: identity is (server, uri)", () => {
  it("keeps two servers' same skill URI apart, each loaded from its own server", async () => {
    const other = copy();
    writeFileSync(
      join(other, "git-workflow", "SKILL.md"),
      "---\nname: git-workflow\ndescription: Another team's conventions\n---\n\nRebase always.\n",
    );
    const apps = [
      new FastMCP("docs").skills(FIXTURE, { watch: false }),
      new FastMCP("docs").skills(other, { watch: false }),
    ];
    const group = new ClientSessionGroup({ session: { logger: captureLogger() } });
    for (const [i, app] of apps.entries()) {
      const [clientEnd, serverEnd] = memoryPair();
      await app.connect(serverEnd);
      await group.connectToServer({ transport: clientEnd, ...(i === 1 ? { label: "team-b" } : {}) });
    }
    const skills = (await group.listSkills()).filter((s) => s.uri === "skill://git-workflow/SKILL.md");
    // Labels are the host's (server-<n> by default), never the servers' own names (both call themselves "docs").
    expect(skills.map((s) => s.server)).to.deep.equal(["server-1", "team-b"]);
    expect(skills[0]!.entry.frontmatter.description).not.to.equal(skills[1]!.entry.frontmatter.description);
    expect((await group.loadSkill("team-b", skills[1]!.entry)).content).to.contain("Rebase always.");
    expect((await group.loadSkill("server-1", "skill://git-workflow/SKILL.md")).content).to.contain("imperative mood");
    // An entry of one server does not verify against the other's bytes.
    expect(await failure(group.loadSkill("server-1", skills[1]!.entry))).to.be.instanceOf(SkillVerificationError);
    // A label names one server: a second server under a taken label is refused.
    const [clientEnd, serverEnd] = memoryPair();
    await apps[0]!.connect(serverEnd);
    const taken = await group.connectToServer({ transport: clientEnd, label: "team-b" }).catch((e: unknown) => e);
    expect(taken).to.be.instanceOf(TypeError);
    expect(group.sessions.map((s) => group.labelOf(s))).to.deep.equal(["server-1", "team-b"]);
    await group.close();
    await Promise.all(apps.map((a) => a.close()));
    rmSync(other, { recursive: true, force: true });
  });

  it("speaks the extension to a server that declares it at initialize (stateful revision)", async () => {
    const peer = await connect(FIXTURE, "2025-11-25");
    expect(peer.client.mode).to.equal("stateful");
    expect(await peer.client.listSkills()).to.have.length(4);
    expect((await peer.client.loadSkill(PDF)).content).to.contain("# PDF processing");
    await peer.close();
  });
});
