import { expect } from "chai";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientSession } from "../../../src/client/client-session.js";
import { ErrorCode, McpError } from "../../../src/protocol/errors.js";
import { FastMCP } from "../../../src/server/fastmcp/fastmcp.js";
import { SkillFolderError } from "../../../src/server/skills/skills.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import { ROOT } from "../../support/paths.js";
import { captureLogger, sleep } from "../../support/peers.js";

const FIXTURE = join(ROOT, "test", "fixtures", "skills");
const SKILLS = "io.modelcontextprotocol/skills";

async function connect(app: FastMCP): Promise<ClientSession> {
  const [clientEnd, serverEnd] = memoryPair();
  await app.connect(serverEnd);
  const client = new ClientSession(clientEnd, { logger: captureLogger() });
  await client.initialize();
  return client;
}

const raw = (client: ClientSession, method: string, params?: Record<string, unknown>) =>
  client.request(method as never, params as never, { cache: false });

const errorOf = async (promise: Promise<unknown>) =>
  (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as McpError;

const sha = (path: string) => `sha256:${createHash("sha256").update(readFileSync(path)).digest("hex")}`;

/** A skills folder in a temporary directory, with one skill per entry of `skills` (folder → SKILL.md text). */
function folder(skills: Record<string, string>, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "mcpkit-skills-"));
  for (const [path, text] of Object.entries({
    ...Object.fromEntries(Object.entries(skills).map(([k, v]) => [`${k}/SKILL.md`, v])),
    ...extra,
  })) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const skillMd = (name: string, description = "Does a thing") =>
  `---\nname: ${name}\ndescription: ${description}\n---\n\nBody of ${name}.\n`;

describe("skills extension, server side (SEP-2640): app.skills(folder)", () => {
  let app: FastMCP;
  let client: ClientSession;

  beforeEach(async () => {
    app = new FastMCP("skills-test").skills(FIXTURE, { watch: false });
    client = await connect(app);
  });
  afterEach(async () => {
    await client.close();
    await app.close();
  });

  it("declares the extension inline under extensions, with directoryRead, together with resources", () => {
    const caps = client.serverCapabilities as Record<string, Record<string, unknown>>;
    expect(caps.extensions![SKILLS]).to.deep.equal({ directoryRead: true });
    expect(caps.resources).to.be.an("object");
  });

  it("lists every skill (nested ones too) with verbatim frontmatter and complete manifests of the raw bytes", async () => {
    const skills = await client.listSkills();
    expect(skills.map((s) => s.uri)).to.deep.equal([
      "skill://acme/billing/refunds/SKILL.md",
      "skill://git-workflow/SKILL.md",
      "skill://pdf-processing/SKILL.md",
      "skill://pdf-processing/forms-helper/SKILL.md",
    ]);
    const refunds = skills[0]!;
    expect(refunds.frontmatter).to.deep.equal({
      name: "refunds",
      description: "Process customer refund requests per company policy",
      license: "Apache-2.0",
      metadata: { version: "1.2", owner: "billing" },
    });
    const skillFile = join(FIXTURE, "acme/billing/refunds/SKILL.md");
    expect(refunds.resources).to.deep.equal([
      { uri: refunds.uri, digest: sha(skillFile), size: readFileSync(skillFile).length },
      {
        uri: "skill://acme/billing/refunds/examples/email.md",
        digest: sha(join(FIXTURE, "acme/billing/refunds/examples/email.md")),
        size: readFileSync(join(FIXTURE, "acme/billing/refunds/examples/email.md")).length,
      },
    ]);
    // Completeness extends to nested skills: the enclosing skill lists the nested one's files.
    const pdf = skills[2]!.resources as { uri: string }[];
    expect(pdf.map((r) => r.uri)).to.include("skill://pdf-processing/forms-helper/SKILL.md");
  });

  it("pages skills/list with atomic entries, and refuses a cursor it did not hand out (-32602)", async () => {
    await client.close();
    await app.close();
    app = new FastMCP("paged").skills(FIXTURE, { watch: false, pageSize: 1 });
    client = await connect(app);
    const first = (await raw(client, "skills/list")) as { skills: unknown[]; nextCursor?: string };
    expect(first.skills).to.have.length(1);
    expect(first.nextCursor).to.be.a("string");
    expect(await client.listSkills()).to.have.length(4);
    expect(await errorOf(raw(client, "skills/list", { cursor: "not-a-cursor" }))).to.include({
      code: ErrorCode.InvalidParams,
    });
  });

  it("answers skills/get with the same entry, caching hints on 2026-07-28, and -32602 for an unknown skill", async () => {
    const got = (await raw(client, "skills/get", { uri: "skill://git-workflow/SKILL.md" })) as Record<string, unknown>;
    expect(got).to.include.keys("skill", "ttlMs", "cacheScope");
    expect(got.resultType).to.equal("complete");
    const listed = (await client.listSkills()).find((s) => s.uri === "skill://git-workflow/SKILL.md");
    expect(got.skill).to.deep.equal(listed);
    const unknown = await errorOf(raw(client, "skills/get", { uri: "skill://nope/SKILL.md" }));
    expect(unknown).to.include({ code: ErrorCode.InvalidParams });
    expect(unknown.message).to.contain("skill://nope/SKILL.md");
  });

  it("serves each file as a resource: SKILL.md as text/markdown named and described from its frontmatter", async () => {
    const { resources } = await client.listResources();
    const skillMdEntry = resources.find((r) => r.uri === "skill://pdf-processing/SKILL.md");
    expect(skillMdEntry).to.include({
      name: "pdf-processing",
      description: "Extract, fill, and assemble PDF documents",
      mimeType: "text/markdown",
    });
    const read = await client.readResource({ uri: "skill://pdf-processing/references/FORMS.md" });
    expect(read.contents[0]).to.deep.include({
      uri: "skill://pdf-processing/references/FORMS.md",
      mimeType: "text/markdown",
      text: readFileSync(join(FIXTURE, "pdf-processing/references/FORMS.md"), "utf8"),
    });
  });

  it("reads directories: direct children only, sub-folders as inode/directory, -32602 for a file or an unknown one", async () => {
    const root = (await raw(client, "resources/directory/read", { uri: "skill://pdf-processing" })) as {
      resources: { uri: string; mimeType?: string }[];
    };
    expect(root.resources.map((r) => [r.uri, r.mimeType])).to.deep.equal([
      ["skill://pdf-processing/SKILL.md", "text/markdown"],
      ["skill://pdf-processing/forms-helper", "inode/directory"],
      ["skill://pdf-processing/references", "inode/directory"],
      ["skill://pdf-processing/templates", "inode/directory"],
    ]);
    const file = await errorOf(raw(client, "resources/directory/read", { uri: "skill://pdf-processing/SKILL.md" }));
    expect(file).to.include({ code: ErrorCode.InvalidParams });
    expect(file.message).to.contain("not a directory");
    const unknown = await errorOf(raw(client, "resources/directory/read", { uri: "skill://missing" }));
    expect(unknown).to.include({ code: ErrorCode.InvalidParams });
  });

  it("refuses `..`, `.` and empty segments in a requested URI with -32602, reading nothing outside the folder", async () => {
    for (const uri of [
      "skill://pdf-processing/../git-workflow/SKILL.md",
      "skill://pdf-processing/references/../../../../etc/passwd",
      "skill://../skills/git-workflow/SKILL.md",
      "skill://pdf-processing/./SKILL.md",
      "skill://pdf-processing//SKILL.md",
      "skill://pdf-processing/%2e%2e/git-workflow/SKILL.md",
    ]) {
      const read = await errorOf(client.readResource({ uri }, { cache: false }));
      expect(read, uri).to.be.instanceOf(McpError);
      expect(read.code, uri).to.equal(ErrorCode.InvalidParams);
      const dir = await errorOf(raw(client, "resources/directory/read", { uri }));
      expect(dir.code, uri).to.equal(ErrorCode.InvalidParams);
    }
    // A file inside the folder that belongs to no skill is not served either.
    expect((await errorOf(client.readResource({ uri: "skill://acme/billing" }))).code).to.equal(
      ErrorCode.InvalidParams,
    );
  });

  it("serves skills/list and skills/get to a request that does not declare the extension (it asks nothing of clients)", async () => {
    // The ClientSession declares no skills capability of its own: the calls above already prove it; say it once more.
    expect((client.capabilities as { extensions?: unknown }).extensions).to.equal(undefined);
    expect(await client.listSkills()).to.have.length(4);
  });
});

describe("skills extension, server side: bad skills refused at registration, with the reason", () => {
  const dirs: string[] = [];
  const make = (...args: Parameters<typeof folder>) => {
    const dir = folder(...args);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const refused = (dir: string, reason: RegExp) => {
    const error = (() => {
      try {
        new FastMCP("bad").skills(dir, { watch: false });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).to.be.instanceOf(SkillFolderError);
    expect(error!.message).to.match(reason);
  };

  it("a SKILL.md without frontmatter", () =>
    refused(make({ plain: "# no frontmatter\n" }), /does not begin with YAML frontmatter/));
  it("unclosed frontmatter", () => refused(make({ open: "---\nname: open\n" }), /not closed/));
  it("malformed YAML", () =>
    refused(make({ broken: "---\nname: broken\ndescription: [unclosed\n---\n" }), /not valid YAML/));
  it("YAML that is not a mapping", () => refused(make({ list: "---\n- a\n- b\n---\n" }), /not a YAML mapping/));
  it("duplicate keys", () =>
    refused(make({ dup: "---\nname: dup\nname: dup\ndescription: d\n---\n" }), /not valid YAML/));
  it("no description", () => refused(make({ nodesc: "---\nname: nodesc\n---\n" }), /no description/));
  it("a name that is not its folder's", () =>
    refused(make({ folder: skillMd("other") }), /is not its folder's name "folder"/));
  it("a name that breaks the naming rules", () => {
    refused(make({ Upper: skillMd("Upper") }), /lowercase letters/);
    refused(make({ "a--b": skillMd("a--b") }), /double hyphen/);
    refused(make({ [`${"x".repeat(65)}`]: skillMd("x".repeat(65)) }), /1 to 64/);
  });
  it("a SKILL.md at the top of the folder", () => {
    const dir = make({});
    writeFileSync(join(dir, "SKILL.md"), skillMd("top"));
    refused(dir, /its own folder/);
  });
  it("more than 512 files in a skill", () => {
    const extra = Object.fromEntries(Array.from({ length: 512 }, (_, i) => [`many/f/${i}.txt`, "x"]));
    refused(make({ many: skillMd("many") }, extra), /513 files, over the limit of 512/);
  });
  it("more than 16 MiB in a skill", () => {
    const dir = make({ big: skillMd("big") });
    writeFileSync(join(dir, "big", "blob.bin"), Buffer.alloc(16 * 1024 * 1024));
    refused(dir, /over the limit of 16777216/);
  });
  it("a symbolic link leading out of the skills folder (file or folder)", () => {
    const outside = make({});
    writeFileSync(join(outside, "secret.txt"), "secret");
    const dir = make({ linked: skillMd("linked") });
    symlinkSync(join(outside, "secret.txt"), join(dir, "linked", "secret.txt"));
    refused(dir, /leads out of the skills folder/);
    const dir2 = make({ linked: skillMd("linked") });
    symlinkSync(outside, join(dir2, "linked", "outside"));
    refused(dir2, /leads out of the skills folder/);
  });
  it("a folder that does not exist", () =>
    refused(join(tmpdir(), "mcpkit-no-such-skills"), /not a readable directory/));
  it("a dynamic skill whose path breaks the rules", () => {
    const read = () => "body";
    expect(() =>
      new FastMCP("d").skills(make({}), { watch: false, dynamic: [{ path: "a/../b", description: "d", read }] }),
    ).to.throw(SkillFolderError, /not a plain path/);
  });
  it("accepts a symbolic link to a file inside the folder", () => {
    const dir = make({ linked: skillMd("linked") }, { "linked/real.md": "real" });
    symlinkSync(join(dir, "linked", "real.md"), join(dir, "linked", "alias.md"));
    expect(() => new FastMCP("ok").skills(dir, { watch: false })).not.to.throw();
  });
});

describe("skills extension, server side: dynamic skills and reloads", () => {
  it('serves a dynamic skill from a handler, with resources "dynamic" and a SKILL.md whose frontmatter is the entry\'s', async () => {
    const app = new FastMCP("dyn").skills(FIXTURE, {
      watch: false,
      dynamic: [
        {
          path: "reports/daily",
          description: "Assemble today's report",
          frontmatter: { license: "MIT" },
          files: ["data/today.json"],
          read: (file) => (file === "SKILL.md" ? "Read `data/today.json`.\n" : JSON.stringify({ day: 1 })),
        },
      ],
    });
    const client = await connect(app);
    const entry = await client.getSkill("skill://reports/daily/SKILL.md");
    expect(entry).to.deep.equal({
      uri: "skill://reports/daily/SKILL.md",
      frontmatter: { license: "MIT", name: "daily", description: "Assemble today's report" },
      resources: "dynamic",
    });
    const loaded = await client.loadSkill(entry);
    expect(loaded.content).to.contain("Read `data/today.json`.");
    expect((await loaded.read("data/today.json")).text).to.equal('{"day":1}');
    const dir = (await raw(client, "resources/directory/read", { uri: "skill://reports/daily" })) as {
      resources: { uri: string }[];
    };
    expect(dir.resources.map((r) => r.uri)).to.deep.equal([
      "skill://reports/daily/SKILL.md",
      "skill://reports/daily/data",
    ]);
    await client.close();
    await app.close();
  });

  it("reloads when the folder changes and tells clients the resource list changed; a broken edit keeps the last good catalog", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpkit-skills-watch-"));
    cpSync(join(FIXTURE, "git-workflow"), join(dir, "git-workflow"), { recursive: true });
    const logger = captureLogger();
    const app = new FastMCP("watch", { logger }).skills(dir);
    const client = await connect(app);
    const changed: unknown[] = [];
    const subscription = client.subscribe({ resourcesListChanged: true });
    void (async () => {
      for await (const note of subscription) changed.push(note);
    })();
    await sleep(50);
    mkdirSync(join(dir, "new-skill"));
    writeFileSync(join(dir, "new-skill", "SKILL.md"), skillMd("new-skill"));
    for (let i = 0; i < 60 && (await client.listSkills({ cache: false })).length < 2; i++) await sleep(50);
    expect((await client.listSkills({ cache: false })).map((s) => s.uri)).to.include("skill://new-skill/SKILL.md");
    expect(changed.length).to.be.greaterThan(0);
    writeFileSync(join(dir, "new-skill", "SKILL.md"), "no frontmatter\n");
    for (let i = 0; i < 60 && !logger.lines.some((l) => l.includes("was not reloaded")); i++) await sleep(50);
    expect(logger.lines.some((l) => l.includes("was not reloaded"))).to.equal(true);
    expect(await client.listSkills({ cache: false })).to.have.length(2);
    await subscription.close();
    await client.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
