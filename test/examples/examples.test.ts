import { expect } from "chai";
import { ClientSession, type ClientSessionOptions } from "../../src/client/client-session.js";
import { stdioClient } from "../../src/transports/stdio/stdio.js";
import { captureLogger } from "../support/peers.js";
import { ROOT } from "../support/paths.js";
import { NOTES_TOOLS } from "./notes.js";

/** Spawns an example the way a user would run it (TypeScript through tsx) and connects a ClientSession. */
async function run(
  example: string,
  setup: (client: ClientSession) => void = () => {},
  options: ClientSessionOptions = {},
): Promise<ClientSession> {
  const transport = stdioClient({
    command: process.execPath,
    args: ["--import", "tsx", `examples/${example}`],
    cwd: ROOT,
    stderr: "ignore",
  });
  const client = new ClientSession(transport, { logger: captureLogger(), ...options });
  setup(client);
  await client.initialize();
  return client;
}

const textOf = (result: { content: unknown[] }) => (result.content[0] as { text?: string } | undefined)?.text;

describe("examples/ run as shown in the README, through a real ClientSession over stdio", function () {
  this.timeout(60_000);

  it("calculate-sum.ts: the calculate_sum tool adds", async () => {
    await using client = await run("calculate-sum.ts");
    expect((await client.listTools()).tools.map((t) => t.name)).to.deep.equal(["calculate_sum"]);
    expect(textOf(await client.callTool("calculate_sum", { a: 2, b: 40 }))).to.equal("42");
    expect((await client.callTool("calculate_sum", { a: 2 })).isError).to.equal(true);
  });

  it("config-settings.ts: the config://settings resource reads", async () => {
    await using client = await run("config-settings.ts");
    const read = await client.readResource("config://settings");
    expect(read.contents[0]).to.deep.include({ uri: "config://settings", mimeType: "text/plain" });
    expect((read.contents[0] as { text: string }).text).to.match(/^setting1=value1/);
  });

  it("greeting.ts: the greeting prompt greets", async () => {
    await using client = await run("greeting.ts");
    const prompt = await client.getPrompt("greeting", { name: "Ada" });
    expect(prompt.messages[0]?.content).to.deep.equal({ type: "text", text: "Hello, Ada!" });
  });

  describe("notes-server.ts", () => {
    let client: ClientSession;
    const logs: string[] = [];
    before(async () => {
      client = await run(
        "notes-server.ts",
        (c) =>
          c
            .onLoggingMessage((p) => void logs.push(p.level))
            .onCreateMessage(() => ({
              role: "assistant",
              model: "m",
              content: { type: "text", text: "A welcome note." },
            }))
            .onElicit(() => ({ action: "accept", content: { confirm: true } }))
            .onListRoots(() => ({ roots: [{ uri: "file:///home/ada/notes", name: "notes" }] })),
        // From 2026-07-28 on a server logs only for a request that names a level (its `_meta`).
        { logLevel: "debug" },
      );
    });
    after(() => client.close());

    it("offers its tools, resources, templates and prompt", async () => {
      expect((await client.listTools()).tools.map((t) => t.name).sort()).to.deep.equal([...NOTES_TOOLS]);
      expect((await client.listResources()).resources.map((r) => r.uri)).to.deep.equal(["notes://index"]);
      expect((await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).to.deep.equal([
        "notes://{id}",
        "notes://tags/{tag}",
      ]);
      expect(client.instructions).to.include("notes store");
    });

    it("adds a note with structured output and logs it", async () => {
      const result = await client.callTool("add_note", { title: "Idea", body: "Write tests", tags: ["todo"] });
      expect(result.structuredContent).to.deep.equal({ id: "3", count: 3 });
      expect(logs).to.include("info");
    });

    it("searches, returning resource links", async () => {
      const result = await client.callTool("search_notes", { query: "milk" });
      expect(result.content[0]).to.deep.include({ type: "resource_link", uri: "notes://2" });
    });

    it("reindexes with progress", async () => {
      const reports: number[] = [];
      await client.callTool("reindex", { passes: 3 }, { onprogress: (p) => void reports.push(p.progress) });
      expect(reports).to.deep.equal([1, 2, 3]);
    });

    it("summarizes through sampling, deletes after elicitation, lists roots", async () => {
      expect(textOf(await client.callTool("summarize_note", { id: "1" }))).to.equal("A welcome note.");
      expect(textOf(await client.callTool("delete_note", { id: "3" }))).to.equal("Deleted note 3.");
      expect(textOf(await client.callTool("list_workspaces"))).to.equal("notes: file:///home/ada/notes");
    });

    it("reads notes through templates and completes their variables", async () => {
      expect((await client.readResource("notes://1")).contents[0]).to.deep.include({ mimeType: "text/plain" });
      const tags = await client.readResource("notes://tags/todo");
      expect(JSON.parse((tags.contents[0] as { text: string }).text)).to.deep.equal(["2"]);
      const ids = await client.complete({
        ref: { type: "ref/resource", uri: "notes://{id}" },
        argument: { name: "id", value: "" },
      });
      expect(ids.completion.values).to.deep.equal(["1", "2"]);
    });

    it("gets the review prompt, which reads the note", async () => {
      const prompt = await client.getPrompt("review_note", { id: "2", style: "brief" });
      expect((prompt.messages[0]?.content as { text: string }).text).to.include("Groceries");
    });
  });
});
