import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import type { Progress } from "../../src/protocol/outbound.js";
import { stdioClient, type StdioClientTransport } from "../../src/transports/stdio/stdio.js";
import { captureLogger } from "../support/peers.js";
import { exited, Inbox, rejection, StderrLog, texts, tsxCommand } from "./helpers.js";

interface LogMessage {
  level: string;
  logger?: string;
  data?: unknown;
}

const data = (message: LogMessage) => (message.data ?? {}) as Record<string, unknown>;

describe("interop: mcpkit ClientSession drives an official-SDK McpServer over stdio", function () {
  const stderr = new StderrLog("official-server.ts");
  const logs = new Inbox<LogMessage>();
  const updates = new Inbox<{ uri: string }>();
  const samplingRequests: unknown[] = [];
  const elicitationRequests: unknown[] = [];
  let roots = [{ uri: "file:///work/project", name: "project" }];
  const logger = captureLogger();
  let transport: StdioClientTransport;
  let session: ClientSession;

  before(async function () {
    this.timeout(30_000);
    transport = stdioClient({ ...tsxCommand("official-server.ts"), stderr: stderr.line });
    session = new ClientSession(transport, { clientInfo: { name: "mcpkit-interop", version: "0.0.1" }, logger })
      .onCreateMessage((params) => {
        samplingRequests.push(params);
        const [first] = params.messages;
        const prompt =
          first && !Array.isArray(first.content) && first.content.type === "text" ? first.content.text : "?";
        return {
          role: "assistant",
          content: { type: "text", text: `model says: ${prompt}` },
          model: "interop-model",
          stopReason: "endTurn",
        };
      })
      .onElicit((params) => {
        elicitationRequests.push(params);
        return { action: "accept", content: { name: "Ada", age: 36 } };
      })
      .onListRoots(() => ({ roots }))
      .onLoggingMessage((params) => logs.push(params))
      .onResourceUpdated((params) => updates.push(params));
    await session.initialize();
  });

  afterEach(function () {
    stderr.dumpIfFailed(this);
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
    const child = transport?.process;
    expect(exited(child), "the server process is gone").to.equal(true);
    expect(child?.signalCode ?? null, "the server exited when its stdin ended, unsignalled").to.equal(null);
  });

  it("initialize: negotiates 2025-11-25 and reads the server's identity, capabilities and instructions", () => {
    expect(session.protocolVersion).to.equal("2025-11-25");
    expect(session.serverInfo).to.deep.include({ name: "official-fixture", version: "1.2.3" });
    expect(session.instructions).to.equal("An official-SDK server for mcpkit's interop tests.");
    const caps = session.serverCapabilities!;
    expect(caps).to.have.keys("tools", "resources", "prompts", "completions", "logging");
    expect(caps.resources).to.deep.include({ subscribe: true });
  });

  it("ping", async () => {
    expect(await session.ping()).to.deep.equal({});
  });

  it("tools: lists every tool with its input schema, and calls one", async () => {
    const { tools } = await session.listTools();
    expect(tools.map((t) => t.name)).to.have.members([
      "echo",
      "add",
      "count-with-progress",
      "wait-for-cancel",
      "cancellations",
      "sample",
      "elicit",
      "list-roots",
      "log-levels",
      "update-resource",
    ]);
    const echo = tools.find((t) => t.name === "echo")!;
    expect(echo.inputSchema).to.deep.include({ type: "object", required: ["text"] });
    const result = await session.callTool("echo", { text: "hi" });
    expect(result.isError ?? false).to.equal(false);
    expect(result.content).to.deep.equal([{ type: "text", text: "echo: hi" }]);
  });

  it("tools: a bad argument comes back as a tool error result", async () => {
    const result = await session.callTool("echo", { text: 42 });
    expect(result.isError).to.equal(true);
    expect(texts(result.content).join(" ")).to.match(/text/);
  });

  it("tools: structured output matches the declared output schema", async () => {
    const { tools } = await session.listTools();
    const add = tools.find((t) => t.name === "add")!;
    expect(add.outputSchema).to.deep.include({ type: "object", required: ["sum"] });
    const result = await session.callTool({ name: "add", arguments: { a: 2, b: 40 } });
    expect(result.structuredContent).to.deep.equal({ sum: 42 });
    expect(texts(result.content)).to.deep.equal(["42"]);
  });

  it("resources: lists, reads the static resource, lists and reads through the template", async () => {
    const { resources } = await session.listResources();
    expect(resources).to.deep.include({
      uri: "mem://static/hello",
      name: "hello",
      description: "A static text resource",
      mimeType: "text/plain",
    });
    const read = await session.readResource("mem://static/hello");
    expect(read.contents).to.have.length(1);
    expect(read.contents[0]).to.deep.include({ uri: "mem://static/hello", mimeType: "text/plain" });
    expect((read.contents[0] as { text: string }).text).to.match(/^hello, version \d+$/);

    const { resourceTemplates } = await session.listResourceTemplates();
    expect(resourceTemplates).to.deep.include({
      uriTemplate: "mem://items/{id}",
      name: "item",
      description: "An item by id",
      mimeType: "text/plain",
    });
    const item = await session.readResource({ uri: "mem://items/beta" });
    expect(item.contents).to.deep.equal([{ uri: "mem://items/beta", mimeType: "text/plain", text: "item beta" }]);
  });

  it("resources: reading an unknown resource is a JSON-RPC error", async () => {
    const error = await rejection(session.readResource("mem://nowhere"));
    expect(error.name).to.equal("McpError");
    expect(error.message).to.match(/not found/i);
  });

  it("resources: subscribe → notifications/resources/updated; unsubscribe stops them", async () => {
    const uri = "mem://static/hello";
    const before = (await session.readResource(uri)).contents[0] as { text: string };
    expect(await session.subscribe({ uri })).to.deep.equal({});
    const mark = updates.mark();
    const changed = await session.callTool("update-resource", { uri });
    expect(texts(changed.content)).to.deep.equal([JSON.stringify({ notified: true })]);
    await updates.waitFor((u) => u.uri === uri, { from: mark, what: "resources/updated" });
    const after = (await session.readResource(uri)).contents[0] as { text: string };
    expect(after.text).to.not.equal(before.text);

    expect(await session.unsubscribe({ uri })).to.deep.equal({});
    const quiet = await session.callTool("update-resource", { uri });
    expect(texts(quiet.content)).to.deep.equal([JSON.stringify({ notified: false })]);
    // The tool answers after it would have notified, and stdio keeps order: nothing more arrived.
    expect(updates.since(mark)).to.have.length(1);
  });

  it("prompts: lists with arguments, gets with and without arguments", async () => {
    const { prompts } = await session.listPrompts();
    const greet = prompts.find((p) => p.name === "greet")!;
    expect(greet.description).to.equal("Greets someone");
    expect(greet.arguments).to.deep.equal([
      { name: "name", description: "Who to greet", required: true },
      { name: "style", description: "How", required: false },
    ]);
    expect(prompts.map((p) => p.name)).to.include("plain");

    const got = await session.getPrompt("greet", { name: "Ada", style: "formal" });
    expect(got.messages).to.deep.equal([
      { role: "user", content: { type: "text", text: "Say hello to Ada in a formal way" } },
    ]);
    const plain = await session.getPrompt({ name: "plain" });
    expect(plain.messages).to.deep.equal([{ role: "assistant", content: { type: "text", text: "plain prompt" } }]);
  });

  it("completion: a prompt argument and a resource-template variable", async () => {
    const names = await session.complete({
      ref: { type: "ref/prompt", name: "greet" },
      argument: { name: "name", value: "Al" },
    });
    expect(names.completion.values).to.have.members(["Alice", "Alan"]);
    const ids = await session.complete({
      ref: { type: "ref/resource", uri: "mem://items/{id}" },
      argument: { name: "id", value: "ga" },
    });
    expect(ids.completion.values).to.have.members(["gamma", "gamut"]);
  });

  it("logging: messages arrive, and logging/setLevel filters out the less severe", async () => {
    const levelsSince = (mark: number) =>
      logs
        .since(mark)
        .filter((m) => m.logger === "levels")
        .map((m) => m.level);
    try {
      expect(await session.setLevel({ level: "warning" })).to.deep.equal({});
      let mark = logs.mark();
      await session.callTool("log-levels");
      // Notifications sent before the answer arrive before it over stdio.
      expect(levelsSince(mark)).to.deep.equal(["warning", "error"]);

      await session.setLevel({ level: "debug" });
      mark = logs.mark();
      await session.callTool("log-levels");
      expect(levelsSince(mark)).to.deep.equal(["debug", "info", "notice", "warning", "error"]);
      expect(logs.since(mark)[0]).to.deep.equal({ level: "debug", logger: "levels", data: "debug message" });
    } finally {
      await session.setLevel({ level: "debug" });
    }
  });

  it("progress: onprogress receives every report of a slow tool, in order", async () => {
    const reports: Progress[] = [];
    const result = await session.callTool("count-with-progress", { steps: 5 }, { onprogress: (p) => reports.push(p) });
    expect(texts(result.content)).to.deep.equal(["counted to 5"]);
    expect(reports.map((r) => r.progress)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(reports[0]).to.deep.include({ total: 5, message: "step 1" });
    const tokens = new Set(reports.map((r) => r.progressToken));
    expect(tokens.size).to.equal(1);
  });

  it("cancellation: aborting the signal sends notifications/cancelled and the server's handler sees its abort", async () => {
    const mark = logs.mark();
    const controller = new AbortController();
    const call = session.callTool("wait-for-cancel", {}, { signal: controller.signal });
    const waiting = await logs.waitFor((m) => m.logger === "cancel" && data(m).event === "waiting", {
      from: mark,
      what: "the tool's 'waiting' event",
    });
    controller.abort(new Error("the user gave up"));
    const error = await rejection(call);
    expect(error.message).to.equal("the user gave up");
    const aborted = await logs.waitFor((m) => m.logger === "cancel" && data(m).event === "aborted", {
      from: mark,
      what: "the tool's 'aborted' event",
    });
    expect(data(aborted).requestId).to.equal(data(waiting).requestId);
    expect(data(aborted).reason).to.equal("the user gave up");
    const seen = await session.callTool("cancellations");
    expect(JSON.parse(texts(seen.content)[0]!)).to.deep.include({
      requestId: data(waiting).requestId,
      reason: "the user gave up",
    });
    expect(session.pendingRequests).to.equal(0);
  });

  it("sampling: the server's sampling/createMessage reaches onCreateMessage and its answer returns", async () => {
    const mark = samplingRequests.length;
    const result = await session.callTool("sample", { prompt: "what is 6 x 7?" });
    expect(JSON.parse(texts(result.content)[0]!)).to.deep.equal({
      role: "assistant",
      content: { type: "text", text: "model says: what is 6 x 7?" },
      model: "interop-model",
      stopReason: "endTurn",
    });
    expect(samplingRequests.slice(mark)).to.have.length(1);
    expect(samplingRequests[mark]).to.deep.include({ systemPrompt: "You are a test.", maxTokens: 64 });
  });

  it("elicitation: the server's elicitation/create reaches onElicit and its answer returns", async () => {
    const mark = elicitationRequests.length;
    const result = await session.callTool("elicit", { message: "Who are you?" });
    expect(JSON.parse(texts(result.content)[0]!)).to.deep.equal({
      action: "accept",
      content: { name: "Ada", age: 36 },
    });
    const request = elicitationRequests[mark] as { message: string; requestedSchema: { required: string[] } };
    expect(request.message).to.equal("Who are you?");
    expect(request.requestedSchema.required).to.deep.equal(["name"]);
  });

  it("roots: roots/list is answered, and notifications/roots/list_changed makes the server ask again", async () => {
    const listed = await session.callTool("list-roots");
    expect(JSON.parse(texts(listed.content)[0]!)).to.deep.equal({ roots });

    const mark = logs.mark();
    roots = [...roots, { uri: "file:///work/other", name: "other" }];
    await session.sendRootsListChanged();
    const changed = await logs.waitFor((m) => m.logger === "roots", { from: mark, what: "the roots-changed event" });
    expect(data(changed)).to.deep.equal({ event: "roots-changed", roots });
  });

  it("the client declared sampling, elicitation and roots (listChanged) because it registered their handlers", () => {
    expect(session.capabilities).to.deep.equal({ sampling: {}, elicitation: {}, roots: { listChanged: true } });
  });

  it("mcpkit logged no warning or error about anything the server sent", () => {
    expect(logger.lines.filter((line) => /^(warn|error):/.test(line))).to.deep.equal([]);
  });
});

describe("interop: mcpkit ClientSession and the official McpServer agree on every stateful revision", function () {
  for (const revision of ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"] as const) {
    it(`offers ${revision}, gets it, and lists and calls tools under it`, async function () {
      this.timeout(30_000);
      const stderr = new StderrLog(`official-server.ts (${revision})`);
      const transport = stdioClient({ ...tsxCommand("official-server.ts"), stderr: stderr.line });
      const session = new ClientSession(transport, { protocolVersion: revision });
      try {
        const result = await session.initialize();
        expect(result.protocolVersion).to.equal(revision);
        expect(session.protocolVersion).to.equal(revision);
        const { tools } = await session.listTools();
        expect(tools.map((t) => t.name)).to.include("add");
        const sum = await session.callTool("add", { a: 1, b: 2 });
        expect(texts(sum.content)).to.deep.equal(["3"]);
      } catch (error) {
        stderr.dump();
        throw error;
      } finally {
        await session.close();
      }
      expect(exited(transport.process)).to.equal(true);
    });
  }
});
