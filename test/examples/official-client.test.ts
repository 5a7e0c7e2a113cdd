import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { expect } from "chai";
import { ROOT } from "../support/paths.js";
import { NOTES_TOOLS } from "./notes.js";

const textOf = (result: unknown) => ((result as { content: { text?: string }[] }).content[0] ?? {}).text;

describe("interop: the official SDK Client lists and calls every feature of examples/notes-server.ts over stdio", function () {
  this.timeout(60_000);
  let client: Client;
  const levels: string[] = [];

  before(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ["--import", "tsx", "examples/notes-server.ts"],
      cwd: ROOT,
      stderr: "ignore",
    });
    client = new Client(
      { name: "official", version: "1.0.0" },
      { capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } } },
    );
    client.setRequestHandler(CreateMessageRequestSchema, async () => ({
      role: "assistant",
      model: "official-model",
      content: { type: "text", text: "Summary from the official client." },
    }));
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: "accept", content: { confirm: true } }));
    client.setRequestHandler(ListRootsRequestSchema, async () => ({
      roots: [{ uri: "file:///srv/notes", name: "srv" }],
    }));
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void levels.push(n.params.level));
    await client.connect(transport);
  });
  after(() => client.close());

  it("initializes and sees the server's capabilities", () => {
    expect(client.getServerVersion()).to.deep.include({ name: "notes", version: "1.0.0" });
    expect(client.getServerCapabilities()).to.have.keys("tools", "resources", "prompts", "completions", "logging");
  });

  it("lists the tools with input and output schemas the official SDK accepts", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).to.deep.equal([...NOTES_TOOLS]);
    expect(tools.find((t) => t.name === "add_note")?.outputSchema).to.deep.include({ type: "object" });
  });

  it("calls every tool", async () => {
    await client.setLoggingLevel("debug");
    const added = await client.callTool({ name: "add_note", arguments: { title: "From official", body: "hello" } });
    expect(added.structuredContent).to.deep.include({ id: "3" });
    const found = await client.callTool({ name: "search_notes", arguments: { query: "official" } });
    expect((found.content as { type: string }[])[0]?.type).to.equal("resource_link");
    const progress: number[] = [];
    const reindexed = await client.callTool({ name: "reindex", arguments: { passes: 3 } }, undefined, {
      onprogress: (p) => void progress.push(p.progress),
    });
    expect(textOf(reindexed)).to.match(/^Reindexed/);
    // The official client drops a report that arrives in the same read as the answer (its handlers
    // run a microtask late), so the last one may be missing; the rest arrive, in order.
    expect(progress.length).to.be.at.least(2);
    expect(progress).to.deep.equal([1, 2, 3].slice(0, progress.length));
    expect(textOf(await client.callTool({ name: "summarize_note", arguments: { id: "1" } }))).to.equal(
      "Summary from the official client.",
    );
    expect(textOf(await client.callTool({ name: "delete_note", arguments: { id: "3" } }))).to.equal("Deleted note 3.");
    expect(textOf(await client.callTool({ name: "list_workspaces", arguments: {} }))).to.equal(
      "srv: file:///srv/notes",
    );
    const invalid = await client.callTool({ name: "reindex", arguments: { passes: 0 } });
    expect(invalid.isError).to.equal(true);
    expect(levels).to.include.members(["info", "debug"]);
  });

  it("lists and reads resources and templates, and completes template variables", async () => {
    expect((await client.listResources()).resources.map((r) => r.uri)).to.deep.equal(["notes://index"]);
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).to.deep.equal(["notes://{id}", "notes://tags/{tag}"]);
    const index = await client.readResource({ uri: "notes://index" });
    expect(JSON.parse((index.contents[0] as { text: string }).text)).to.be.an("array");
    const note = await client.readResource({ uri: "notes://2" });
    expect((note.contents[0] as { text: string }).text).to.include("Groceries");
    const completion = await client.complete({
      ref: { type: "ref/resource", uri: "notes://tags/{tag}" },
      argument: { name: "tag", value: "t" },
    });
    expect(completion.completion.values).to.deep.equal(["todo"]);
  });

  it("lists and gets the prompt, and completes its arguments", async () => {
    expect((await client.listPrompts()).prompts.map((p) => p.name)).to.deep.equal(["review_note"]);
    const prompt = await client.getPrompt({ name: "review_note", arguments: { id: "1" } });
    expect((prompt.messages[0]?.content as { text: string }).text).to.include("Welcome");
    const completion = await client.complete({
      ref: { type: "ref/prompt", name: "review_note" },
      argument: { name: "style", value: "b" },
    });
    expect(completion.completion.values).to.deep.equal(["brief"]);
  });
});
