import { expect } from "chai";
import { EverythingClient, type Block } from "./everything-client.js";
import { everythingTools } from "./everything-tools.js";
import { exited, rejection, texts } from "./helpers.js";

const TEXT_TEMPLATE = "demo://resource/dynamic/text/{resourceId}";
const BLOB_TEMPLATE = "demo://resource/dynamic/blob/{resourceId}";

const decode = (base64: string) => Buffer.from(base64, "base64");

describe("interop: mcpkit ClientSession drives server-everything over stdio", function () {
  const c = new EverythingClient();
  const { session, logs } = c;
  const TOOLS = everythingTools(c);
  let offered: string[] = [];

  before(async function () {
    this.timeout(30_000);
    await session.initialize();
  });

  afterEach(function () {
    c.stderr.dumpIfFailed(this);
  });

  after(async function () {
    this.timeout(30_000);
    // Once it holds a task (simulate-research-query), server-everything outlives the end of its stdin (its task
    // store keeps a TTL timer and is only cleaned up on SIGINT): close() then escalates to SIGTERM after 2 s.
    await session.close();
    expect(exited(c.transport.process), "server-everything is gone").to.equal(true);
  });

  it("initialize: server-everything answers 2025-11-25 with its identity, capabilities and instructions", () => {
    expect(session.protocolVersion).to.equal("2025-11-25");
    expect(session.serverInfo).to.deep.include({
      name: "mcp-servers/everything",
      title: "Everything Reference Server",
    });
    const caps = session.serverCapabilities!;
    expect(caps).to.include.keys("tools", "prompts", "resources", "logging", "completions", "tasks");
    expect(caps.resources).to.deep.include({ subscribe: true, listChanged: true });
    expect(session.instructions).to.be.a("string").with.length.above(0);
  });

  it("roots: the server asks for our roots once initialized (roots/list) and logs how many it got", async () => {
    const synced = await logs.waitFor((m) => /^Roots updated: 1 root\(s\)/.test(String(m.data)), {
      what: "the initial roots sync",
    });
    expect(synced).to.deep.include({ level: "info", logger: "everything-server" });
  });

  describe("tools", () => {
    before(async () => {
      offered = (await session.listAllTools()).map((t) => t.name);
    });

    it("the table covers exactly the tools server-everything offers (a new tool fails here)", () => {
      expect([...offered].sort()).to.deep.equal(Object.keys(TOOLS).sort());
    });

    it("every listed tool has an object input schema, and annotations", async () => {
      const tools = await session.listAllTools();
      for (const tool of tools) {
        expect(tool.inputSchema.type, tool.name).to.equal("object");
        expect(tool.annotations, tool.name).to.include.keys("readOnlyHint");
      }
      const structured = tools.find((t) => t.name === "get-structured-content")!;
      expect(structured.outputSchema).to.deep.include({ type: "object" });
      expect(structured.outputSchema!.required).to.have.members(["temperature", "conditions", "humidity"]);
      expect((tools.find((t) => t.name === "simulate-research-query") as Block).execution).to.deep.equal({
        taskSupport: "required",
      });
    });

    for (const [name, spec] of Object.entries(TOOLS)) {
      it(`tools/call ${name}`, async function () {
        if (spec.timeout) this.timeout(spec.timeout);
        expect(offered, `server-everything no longer offers ${name}`).to.include(name);
        if (spec.run) return spec.run(spec.args);
        const result = await session.callTool(name, spec.args);
        expect(result.isError ?? false, JSON.stringify(result)).to.equal(false);
        await spec.check!(result);
      });
    }

    it("a tool given bad arguments answers a tool error", async () => {
      const result = await session.callTool("get-sum", { a: "one", b: 2 });
      expect(result.isError).to.equal(true);
    });
  });

  describe("resources", () => {
    it("lists the static documents, reads two of them", async () => {
      const { resources } = await session.listResources();
      const docs = resources.filter((r) => r.uri.startsWith("demo://resource/static/document/"));
      expect(docs.map((r) => r.name)).to.include.members(["features.md", "instructions.md"]);
      expect(await session.listAllResources()).to.deep.equal(resources);

      const features = await session.readResource("demo://resource/static/document/features.md");
      expect(features.contents[0]).to.deep.include({
        uri: "demo://resource/static/document/features.md",
        mimeType: "text/markdown",
      });
      expect((features.contents[0] as { text: string }).text).to.have.length.above(0);
      const instructions = await session.readResource("demo://resource/static/document/instructions.md");
      expect((instructions.contents[0] as { text: string }).text).to.equal(session.instructions);
    });

    it("lists the two templates and reads through each", async () => {
      const { resourceTemplates } = await session.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).to.have.members([TEXT_TEMPLATE, BLOB_TEMPLATE]);
      const text = await session.readResource("demo://resource/dynamic/text/7");
      expect(text.contents[0]).to.deep.include({ uri: "demo://resource/dynamic/text/7", mimeType: "text/plain" });
      expect((text.contents[0] as { text: string }).text).to.match(/^Resource 7: This is a plaintext resource/);
      const blob = await session.readResource("demo://resource/dynamic/blob/8");
      const bytes = decode((blob.contents[0] as { blob: string }).blob).toString();
      expect(bytes).to.match(/^Resource 8: This is a base64 blob/);
    });

    it("a template read with a bad variable is an error", async () => {
      const error = await rejection(session.readResource("demo://resource/dynamic/text/not-a-number"));
      expect(error.name).to.equal("McpError");
    });
  });

  describe("prompts", () => {
    const PROMPTS: Record<string, { args?: Record<string, string>; check: (messages: Block[]) => void }> = {
      "simple-prompt": {
        check: (m) =>
          expect(m).to.deep.equal([
            { role: "user", content: { type: "text", text: "This is a simple prompt without arguments." } },
          ]),
      },
      "args-prompt": {
        args: { city: "Paris", state: "Texas" },
        check: (m) => expect(m[0]!.content.text).to.equal("What's weather in Paris, Texas?"),
      },
      "completable-prompt": {
        args: { department: "Engineering", name: "Alice" },
        check: (m) => expect(m[0]!.content.text).to.equal("Please promote Alice to the head of the Engineering team."),
      },
      "resource-prompt": {
        args: { resourceType: "Text", resourceId: "3" },
        check: (m) => {
          expect(m[0]!.content.text).to.include("Text resource with id: 3");
          expect(m[1]!.content.type).to.equal("resource");
          expect(m[1]!.content.resource.uri).to.equal("demo://resource/dynamic/text/3");
        },
      },
    };

    it("lists exactly the prompts the table covers, with their arguments", async () => {
      const prompts = await session.listAllPrompts();
      expect(prompts.map((p) => p.name).sort()).to.deep.equal(Object.keys(PROMPTS).sort());
      const args = prompts.find((p) => p.name === "args-prompt")!.arguments!;
      expect(args.map((a) => [a.name, a.required])).to.deep.equal([
        ["city", true],
        ["state", false],
      ]);
    });

    for (const [name, spec] of Object.entries(PROMPTS)) {
      it(`prompts/get ${name}`, async () => {
        const result = spec.args ? await session.getPrompt(name, spec.args) : await session.getPrompt(name);
        spec.check(result.messages as Block[]);
      });
    }
  });

  describe("completion", () => {
    it("completes prompt arguments, using the context of earlier ones", async () => {
      const department = await session.complete({
        ref: { type: "ref/prompt", name: "completable-prompt" },
        argument: { name: "department", value: "E" },
      });
      expect(department.completion.values).to.deep.equal(["Engineering"]);
      const name = await session.complete({
        ref: { type: "ref/prompt", name: "completable-prompt" },
        argument: { name: "name", value: "" },
        context: { arguments: { department: "Sales" } },
      });
      expect(name.completion.values).to.deep.equal(["David", "Eve", "Frank"]);
      const type = await session.complete({
        ref: { type: "ref/prompt", name: "resource-prompt" },
        argument: { name: "resourceType", value: "B" },
      });
      expect(type.completion.values).to.deep.equal(["Blob"]);
    });

    it("completes a resource-template variable", async () => {
      const ok = await session.complete({
        ref: { type: "ref/resource", uri: TEXT_TEMPLATE },
        argument: { name: "resourceId", value: "12" },
      });
      expect(ok.completion.values).to.deep.equal(["12"]);
      const none = await session.complete({
        ref: { type: "ref/resource", uri: BLOB_TEMPLATE },
        argument: { name: "resourceId", value: "x" },
      });
      expect(none.completion.values).to.deep.equal([]);
    });
  });

  describe("logging", () => {
    it("logging/setLevel filters the server's info messages (its subscribe handler logs one)", async () => {
      const uri = "demo://resource/dynamic/text/5";
      const acknowledged = (mark: number) =>
        logs
          .since(mark)
          .filter((m) => String(m.data).startsWith(`Received Subscribe Resource request for URI: ${uri}`));
      try {
        await session.setLevel({ level: "error" });
        let mark = logs.mark();
        await session.subscribe({ uri });
        // The server awaits its log message before it answers, and stdio keeps order.
        expect(acknowledged(mark)).to.deep.equal([]);
        await session.unsubscribe({ uri });

        await session.setLevel({ level: "debug" });
        mark = logs.mark();
        await session.subscribe({ uri });
        expect(acknowledged(mark)).to.have.length(1);
        expect(acknowledged(mark)[0]!.level).to.equal("info");
      } finally {
        await session.setLevel({ level: "debug" });
        await session.unsubscribe({ uri });
      }
    });
  });

  describe("roots", () => {
    it("notifications/roots/list_changed makes the server ask again", async () => {
      const mark = logs.mark();
      c.roots = [...c.roots, { uri: "file:///work/other", name: "other" }];
      await session.sendRootsListChanged();
      await logs.waitFor((m) => /^Roots updated: 2 root\(s\)/.test(String(m.data)), {
        from: mark,
        what: "the roots re-sync",
      });
      const listed = await session.callTool("get-roots-list");
      expect(texts(listed.content)[0]).to.include("Current MCP Roots (2 total)").and.include("file:///work/other");
    });
  });

  describe("afterwards", () => {
    it("mcpkit logged no warning or error about anything the server sent", () => {
      expect(c.logger.lines.filter((line) => /^(warn|error):/.test(line))).to.deep.equal([]);
    });
  });
});
