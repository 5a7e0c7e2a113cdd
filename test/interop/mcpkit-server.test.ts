import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ErrorCode as OfficialErrorCode,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  McpError as OfficialMcpError,
  ResourceUpdatedNotificationSchema,
  type CreateMessageRequest,
  type ElicitRequest,
  type LoggingMessageNotification,
  type Progress,
} from "@modelcontextprotocol/sdk/types.js";
import { expect } from "chai";
import { Inbox, rejection, StderrLog, texts, tsxCommand } from "./helpers.js";

type LogMessage = LoggingMessageNotification["params"];

const data = (message: LogMessage) => (message.data ?? {}) as Record<string, unknown>;

describe("interop: the official SDK Client drives mcpkit's Server over stdio", function () {
  const stderr = new StderrLog("mcpkit-server.ts");
  const logs = new Inbox<LogMessage>();
  const updates = new Inbox<{ uri: string }>();
  const samplingRequests: CreateMessageRequest["params"][] = [];
  const elicitationRequests: ElicitRequest["params"][] = [];
  let roots = [{ uri: "file:///work/project", name: "project" }];
  const clientErrors: Error[] = [];
  let transport: StdioClientTransport;
  let client: Client;

  before(async function () {
    this.timeout(30_000);
    transport = new StdioClientTransport({ ...tsxCommand("mcpkit-server.ts"), stderr: "pipe" });
    let partial = "";
    transport.stderr?.on("data", (chunk: Buffer) => {
      const lines = (partial + chunk.toString("utf8")).split("\n");
      partial = lines.pop()!;
      lines.forEach(stderr.line);
    });
    client = new Client(
      { name: "official-interop", version: "0.0.1" },
      { capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } } },
    );
    client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
      samplingRequests.push(request.params);
      const [first] = request.params.messages;
      const content = first?.content;
      const prompt = content && !Array.isArray(content) && content.type === "text" ? content.text : "?";
      return {
        role: "assistant",
        content: { type: "text", text: `model says: ${prompt}` },
        model: "interop-model",
        stopReason: "endTurn",
      };
    });
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicitationRequests.push(request.params);
      return { action: "accept", content: { name: "Ada", age: 36 } };
    });
    client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots }));
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push(n.params));
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => updates.push(n.params));
    client.onerror = (error) => clientErrors.push(error);
    await client.connect(transport);
  });

  afterEach(function () {
    stderr.dumpIfFailed(this);
  });

  after(async function () {
    this.timeout(30_000);
    const pid = transport?.pid;
    const closing = Date.now();
    await client?.close();
    if (pid) await waitForExit(pid);
    // The official transport ends stdin, then waits 2 s before SIGTERM: mcpkit's stdio server must exit on its own.
    expect(Date.now() - closing, "mcpkit's server exits when its stdin ends").to.be.below(2000);
    // The fixture's Server logs to stderr: a warning there means mcpkit disliked something the official client sent.
    expect(stderr.lines.filter((line) => /^mcpkit (warn|error)/.test(line))).to.deep.equal([]);
  });

  it("initialize: answers 2025-11-25 with its identity, instructions and the capabilities its handlers imply", () => {
    expect(client.getServerVersion()).to.deep.include({ name: "mcpkit-fixture", version: "1.2.3" });
    expect(client.getInstructions()).to.equal("An mcpkit server for the official SDK's interop tests.");
    const caps = client.getServerCapabilities()!;
    expect(caps).to.have.keys("tools", "resources", "prompts", "completions", "logging");
    expect(caps.resources).to.deep.include({ subscribe: true });
    // The official client does not expose the negotiated version; the transport would have failed on an unsupported one.
    expect(transport.pid).to.be.a("number");
  });

  it("ping", async () => {
    expect(await client.ping()).to.deep.equal({});
  });

  it("tools: lists every tool with its input schema, and calls one", async () => {
    const { tools } = await client.listTools();
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
    expect(tools.find((t) => t.name === "echo")!.inputSchema).to.deep.include({ type: "object", required: ["text"] });
    const result = await client.callTool({ name: "echo", arguments: { text: "hi" } });
    expect(result.content).to.deep.equal([{ type: "text", text: "echo: hi" }]);
  });

  it("tools: an unknown tool is a JSON-RPC error the official client raises", async () => {
    const error = await rejection(client.callTool({ name: "no-such-tool", arguments: {} }));
    expect(error).to.be.instanceOf(OfficialMcpError);
    expect(error.code).to.equal(OfficialErrorCode.InvalidParams);
    expect(error.message).to.include("Unknown tool: no-such-tool");
  });

  it("tools: structured output passes the official client's output-schema validation", async () => {
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === "add")!.outputSchema).to.deep.include({ type: "object", required: ["sum"] });
    const result = await client.callTool({ name: "add", arguments: { a: 2, b: 40 } });
    expect(result.structuredContent).to.deep.equal({ sum: 42 });
    expect(texts(result.content as unknown[])).to.deep.equal(["42"]);
  });

  it("resources: lists, reads the static resource, lists and reads through the template", async () => {
    const { resources } = await client.listResources();
    expect(resources).to.deep.equal([
      { uri: "mem://static/hello", name: "hello", description: "A static text resource", mimeType: "text/plain" },
    ]);
    const read = await client.readResource({ uri: "mem://static/hello" });
    expect((read.contents[0] as { text: string }).text).to.match(/^hello, version \d+$/);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).to.deep.equal([
      { uriTemplate: "mem://items/{id}", name: "item", description: "An item by id", mimeType: "text/plain" },
    ]);
    const item = await client.readResource({ uri: "mem://items/beta" });
    expect(item.contents).to.deep.equal([{ uri: "mem://items/beta", mimeType: "text/plain", text: "item beta" }]);
  });

  it("resources: reading an unknown resource is error -32002 with its data", async () => {
    const error = await rejection(client.readResource({ uri: "mem://nowhere" }));
    expect(error).to.be.instanceOf(OfficialMcpError);
    expect(error.code).to.equal(-32002);
    expect(error.data).to.deep.equal({ uri: "mem://nowhere" });
  });

  it("resources: subscribe → notifications/resources/updated; unsubscribe stops them", async () => {
    const uri = "mem://static/hello";
    const before = (await client.readResource({ uri })).contents[0] as { text: string };
    expect(await client.subscribeResource({ uri })).to.deep.equal({});
    const mark = updates.mark();
    const changed = await client.callTool({ name: "update-resource", arguments: { uri } });
    expect(texts(changed.content as unknown[])).to.deep.equal([JSON.stringify({ notified: true })]);
    await updates.waitFor((u) => u.uri === uri, { from: mark, what: "resources/updated" });
    const after = (await client.readResource({ uri })).contents[0] as { text: string };
    expect(after.text).to.not.equal(before.text);

    expect(await client.unsubscribeResource({ uri })).to.deep.equal({});
    const quiet = await client.callTool({ name: "update-resource", arguments: { uri } });
    expect(texts(quiet.content as unknown[])).to.deep.equal([JSON.stringify({ notified: false })]);
    expect(updates.since(mark)).to.have.length(1);
  });

  it("prompts: lists with arguments, gets with and without arguments", async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.find((p) => p.name === "greet")!.arguments).to.deep.equal([
      { name: "name", description: "Who to greet", required: true },
      { name: "style", description: "How", required: false },
    ]);
    const got = await client.getPrompt({ name: "greet", arguments: { name: "Ada", style: "formal" } });
    expect(got.messages).to.deep.equal([
      { role: "user", content: { type: "text", text: "Say hello to Ada in a formal way" } },
    ]);
    const plain = await client.getPrompt({ name: "plain" });
    expect(plain.messages).to.deep.equal([{ role: "assistant", content: { type: "text", text: "plain prompt" } }]);
  });

  it("completion: a prompt argument and a resource-template variable", async () => {
    const names = await client.complete({
      ref: { type: "ref/prompt", name: "greet" },
      argument: { name: "name", value: "Al" },
    });
    expect(names.completion).to.deep.equal({ values: ["Alice", "Alan"], total: 2, hasMore: false });
    const ids = await client.complete({
      ref: { type: "ref/resource", uri: "mem://items/{id}" },
      argument: { name: "id", value: "ga" },
    });
    expect(ids.completion.values).to.deep.equal(["gamma", "gamut"]);
  });

  it("logging: messages arrive, and logging/setLevel filters out the less severe", async () => {
    const levelsSince = (mark: number) =>
      logs
        .since(mark)
        .filter((m) => m.logger === "levels")
        .map((m) => m.level);
    try {
      expect(await client.setLoggingLevel("warning")).to.deep.equal({});
      let mark = logs.mark();
      await client.callTool({ name: "log-levels", arguments: {} });
      expect(levelsSince(mark)).to.deep.equal(["warning", "error"]);

      await client.setLoggingLevel("debug");
      mark = logs.mark();
      await client.callTool({ name: "log-levels", arguments: {} });
      expect(levelsSince(mark)).to.deep.equal(["debug", "info", "notice", "warning", "error"]);
      expect(logs.since(mark)[0]).to.deep.equal({ level: "debug", logger: "levels", data: "debug message" });
    } finally {
      await client.setLoggingLevel("debug");
    }
  });

  it("progress: the official onprogress callback receives the reports, in order", async () => {
    const reports: Progress[] = [];
    const dropped: string[] = [];
    const onerror = client.onerror;
    client.onerror = (error) => {
      if (error.message.startsWith("Received a progress notification for an unknown token"))
        dropped.push(error.message);
      else onerror?.(error);
    };
    try {
      const result = await client.callTool({ name: "count-with-progress", arguments: { steps: 5 } }, undefined, {
        onprogress: (p) => reports.push(p),
      });
      expect(texts(result.content as unknown[])).to.deep.equal(["counted to 5"]);
      // Wait for the dropped-report error, if any: the official client reports it a microtask after the answer.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      client.onerror = onerror;
    }
    // The official client runs notification handlers a microtask late but settles responses at once, so a report
    // that arrives in the same read as the answer reaches a handler already removed and goes to onerror instead.
    // Every report the server sent is accounted for, and those delivered came in order.
    const expected = [1, 2, 3, 4, 5].map((i) => ({ progress: i, total: 5, message: `step ${i}` }));
    expect(reports).to.deep.equal(expected.slice(0, reports.length));
    expect(reports.length + dropped.length, `delivered ${reports.length}, dropped ${dropped.join("; ")}`).to.equal(5);
  });

  it("cancellation: aborting the official client's signal aborts the handler's ctx.signal", async () => {
    const mark = logs.mark();
    const controller = new AbortController();
    const call = client.callTool({ name: "wait-for-cancel", arguments: {} }, undefined, { signal: controller.signal });
    const waiting = await logs.waitFor((m) => m.logger === "cancel" && data(m).event === "waiting", {
      from: mark,
      what: "the tool's 'waiting' event",
    });
    controller.abort("the user gave up");
    const error = await rejection(call);
    // The official client rejects an aborted request with McpError(RequestTimeout, String(reason)).
    expect(error.message).to.include("the user gave up");
    const aborted = await logs.waitFor((m) => m.logger === "cancel" && data(m).event === "aborted", {
      from: mark,
      what: "the tool's 'aborted' event",
    });
    expect(data(aborted).requestId).to.equal(data(waiting).requestId);
    expect(data(aborted).reason).to.equal("the user gave up");
    const seen = await client.callTool({ name: "cancellations", arguments: {} });
    expect(JSON.parse(texts(seen.content as unknown[])[0]!)).to.deep.include({
      requestId: data(waiting).requestId,
      reason: "the user gave up",
    });
  });

  it("sampling: ctx.session.createMessage reaches the official client's handler and its answer returns", async () => {
    const mark = samplingRequests.length;
    const result = await client.callTool({ name: "sample", arguments: { prompt: "what is 6 x 7?" } });
    expect(JSON.parse(texts(result.content as unknown[])[0]!)).to.deep.equal({
      role: "assistant",
      content: { type: "text", text: "model says: what is 6 x 7?" },
      model: "interop-model",
      stopReason: "endTurn",
    });
    expect(samplingRequests[mark]).to.deep.include({ systemPrompt: "You are a test.", maxTokens: 64 });
  });

  it("elicitation: ctx.session.elicit reaches the official client's handler and its answer returns", async () => {
    const mark = elicitationRequests.length;
    const result = await client.callTool({ name: "elicit", arguments: { message: "Who are you?" } });
    expect(JSON.parse(texts(result.content as unknown[])[0]!)).to.deep.equal({
      action: "accept",
      content: { name: "Ada", age: 36 },
    });
    expect(elicitationRequests[mark]).to.deep.include({ message: "Who are you?" });
  });

  it("roots: ctx.session.listRoots is answered, and roots/list_changed makes the server ask again", async () => {
    const listed = await client.callTool({ name: "list-roots", arguments: {} });
    expect(JSON.parse(texts(listed.content as unknown[])[0]!)).to.deep.equal({ roots });

    const mark = logs.mark();
    roots = [...roots, { uri: "file:///work/other", name: "other" }];
    await client.sendRootsListChanged();
    const changed = await logs.waitFor((m) => m.logger === "roots", { from: mark, what: "the roots-changed event" });
    expect(data(changed)).to.deep.equal({ event: "roots-changed", roots });
  });

  it("the official client reported no protocol error (no answer to a cancelled request, nothing malformed)", () => {
    expect(clientErrors.map((e) => e.message)).to.deep.equal([]);
  });
});

/** Resolves once no process has `pid` (the official transport does not expose its child). */
async function waitForExit(pid: number, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`the server process ${pid} is still running`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
