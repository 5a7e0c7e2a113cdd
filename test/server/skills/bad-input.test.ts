import { expect } from "chai";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientSession } from "../../../src/client/client-session.js";
import { ErrorCode, McpError } from "../../../src/protocol/errors.js";
import { FastMCP } from "../../../src/server/fastmcp/fastmcp.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import { ROOT } from "../../support/paths.js";
import { captureLogger } from "../../support/peers.js";

const FIXTURE = join(ROOT, "test", "fixtures", "skills");

const errorOf = async (promise: Promise<unknown>) =>
  (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as McpError;

describe("skills extension, server side: bad requests get -32602 and the server keeps serving", () => {
  let dir: string;
  let app: FastMCP;
  let client: ClientSession;
  const raw = (method: string, params?: unknown) => client.request(method as never, params as never, { cache: false });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "mcpkit-skills-bad-"));
    cpSync(FIXTURE, dir, { recursive: true });
    app = new FastMCP("bad-input", { logger: captureLogger() }).skills(dir, {
      watch: false,
      dynamic: [
        {
          path: "reports/flaky",
          description: "A skill whose handler fails",
          files: ["data.json"],
          read: (file) => {
            if (file === "data.json") throw new Error("the database is down");
            return "body";
          },
        },
      ],
    });
    const [clientEnd, serverEnd] = memoryPair();
    await app.connect(serverEnd);
    client = new ClientSession(clientEnd, { logger: captureLogger() });
    await client.initialize();
  });
  afterEach(async () => {
    await client.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a file swapped for a symbolic link out of the folder after registration is not read (-32602)", async () => {
    const outside = mkdtempSync(join(tmpdir(), "mcpkit-skills-outside-"));
    writeFileSync(join(outside, "secret.txt"), "secret");
    const forms = join(dir, "pdf-processing", "references", "FORMS.md");
    unlinkSync(forms);
    symlinkSync(join(outside, "secret.txt"), forms);
    const error = await errorOf(client.readResource({ uri: "skill://pdf-processing/references/FORMS.md" }));
    expect(error.code).to.equal(ErrorCode.InvalidParams);
    expect(JSON.stringify(error)).not.to.contain("secret");
    rmSync(outside, { recursive: true, force: true });
  });

  it("skills/get of anything but a served SKILL.md: a supporting file, a directory, no uri, a number", async () => {
    for (const params of [
      { uri: "skill://pdf-processing/references/FORMS.md" },
      { uri: "skill://pdf-processing" },
      { uri: "skill://pdf-processing/SKILL.md/../SKILL.md" },
      {},
      { uri: 42 },
    ])
      expect((await errorOf(raw("skills/get", params))).code, JSON.stringify(params)).to.equal(ErrorCode.InvalidParams);
  });

  it("resources/directory/read with a bad cursor or no uri", async () => {
    for (const params of [
      { uri: "skill://pdf-processing", cursor: "bm9wZQ" },
      { uri: "skill://pdf-processing", cursor: Buffer.from("-5").toString("base64url") },
      {},
    ])
      expect((await errorOf(raw("resources/directory/read", params))).code).to.equal(ErrorCode.InvalidParams);
  });

  it("a dynamic skill: an unlisted file is -32602, a failing handler -32603, and the server goes on", async () => {
    expect((await errorOf(client.readResource({ uri: "skill://reports/flaky/other.json" }))).code).to.equal(
      ErrorCode.InvalidParams,
    );
    expect((await errorOf(client.readResource({ uri: "skill://reports/flaky/data.json" }))).code).to.equal(
      ErrorCode.InternalError,
    );
    expect(await client.listSkills()).to.have.length(5);
  });

  it("a special file (a FIFO) in a skill folder is skipped at scan, never opened", () => {
    const fifoDir = mkdtempSync(join(tmpdir(), "mcpkit-skills-fifo-"));
    cpSync(join(FIXTURE, "git-workflow"), join(fifoDir, "git-workflow"), { recursive: true });
    execFileSync("mkfifo", [join(fifoDir, "git-workflow", "pipe")]);
    const served = new FastMCP("fifo").skills(fifoDir, { watch: false });
    void served.close();
    rmSync(fifoDir, { recursive: true, force: true });
  });
});

describe("skills extension, server side: the folder watch", () => {
  it("does not keep the process alive", async function () {
    this.timeout(30_000);
    const script = `import { FastMCP } from "./src/server/fastmcp/fastmcp.ts"; new FastMCP("w").skills(${JSON.stringify(FIXTURE)}); console.log("registered");`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      child.once("exit", (c) => (clearTimeout(timer), resolve(c)));
    });
    expect(out).to.contain("registered");
    expect(code, "the process ended by itself").to.equal(0);
  });
});
