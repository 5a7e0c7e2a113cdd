import { type } from "arktype";
import { expect } from "chai";
import * as v from "valibot";
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { z } from "zod";
import { ClientSession } from "../../../src/client/client-session.js";
import { ErrorCode, McpError } from "../../../src/protocol/errors.js";
import { bytes } from "../../../src/server/fastmcp/content.js";
import { FastMCP } from "../../../src/server/fastmcp/fastmcp.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import { captureLogger, sleep } from "../../support/peers.js";

/** A FastMCP app and a real ClientSession connected to it in memory. */
async function connect(app: FastMCP, setup: (client: ClientSession) => void = () => {}) {
  const [clientEnd, serverEnd] = memoryPair();
  await app.connect(serverEnd);
  const client = new ClientSession(clientEnd, { logger: captureLogger(), protocolVersion: "2025-11-25" });
  setup(client);
  await client.initialize();
  return client;
}

const textOf = (result: { content: unknown[] }) => (result.content[0] as { text?: string } | undefined)?.text;
const errorOf = async (promise: Promise<unknown>) =>
  (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as McpError;

describe("FastMCP", () => {
  describe("tools", () => {
    const app = new FastMCP("tools-test", { logger: captureLogger() });
    app.tool(
      "calculate_sum",
      { description: "Add", input: z.object({ a: z.number(), b: z.number() }) },
      ({ a, b }) => a + b,
    );
    app.tool(
      "stats",
      { input: z.object({ values: z.array(z.number()) }), output: z.object({ mean: z.number(), n: z.number() }) },
      ({ values }) => ({ mean: values.reduce((s, x) => s + x, 0) / values.length, n: values.length }),
    );
    app.tool("bad_output", { output: z.object({ n: z.number() }) }, () => ({ n: "not a number" }) as never);
    app.tool("refuses", { output: z.object({ n: z.number() }) }, () => ({
      content: [{ type: "text" as const, text: "no" }],
      isError: true,
    }));
    app.tool("throws", () => {
      throw new Error("the disk is full");
    });
    app.tool("throws_mcp", () => {
      throw new McpError(-32050, "custom protocol error");
    });
    app.tool("nothing", () => undefined);
    app.tool("bigint", () => 10n);
    app.tool("image", () => bytes(new Uint8Array([137, 80, 78, 71]), "image/png"));
    app.tool("valibot", { input: toStandardJsonSchema(v.object({ name: v.string() })) }, ({ name }) => `hi ${name}`);
    app.tool("arktype", { input: type({ count: "number.integer" }) }, ({ count }) => count * 2);
    app.tool(
      "literal",
      { input: { type: "object", properties: { flag: { type: "boolean" } }, required: ["flag"] } as const },
      ({ flag }) => (flag ? "yes" : "no"),
    );
    let client: ClientSession;
    before(async () => (client = await connect(app)));
    after(() => client.close());

    it("lists each tool with the JSON Schema of its input and output", async () => {
      const tools = await client.listAllTools();
      const sum = tools.find((t) => t.name === "calculate_sum");
      expect(sum?.description).to.equal("Add");
      expect(sum?.inputSchema).to.deep.include({ type: "object", required: ["a", "b"] });
      expect(tools.find((t) => t.name === "stats")?.outputSchema).to.deep.include({ type: "object" });
      expect(tools.find((t) => t.name === "throws")?.inputSchema).to.deep.equal({ type: "object" });
    });

    it("validates arguments before the handler and returns its value as text", async () => {
      expect(textOf(await client.callTool("calculate_sum", { a: 2, b: 3 }))).to.equal("5");
    });

    it("turns invalid arguments into a tool error naming the field (2025-11-25 tools)", async () => {
      const result = await client.callTool("calculate_sum", { a: "2" });
      expect(result.isError).to.equal(true);
      expect(textOf(result)).to.match(/\/a/).and.match(/\/b/);
    });

    it("answers an unknown tool with InvalidParams", async () => {
      expect((await errorOf(client.callTool("nope"))).code).to.equal(ErrorCode.InvalidParams);
    });

    it("produces structuredContent and its JSON text for a tool with an output schema", async () => {
      const result = await client.callTool("stats", { values: [1, 2, 3] });
      expect(result.structuredContent).to.deep.equal({ mean: 2, n: 3 });
      expect(JSON.parse(textOf(result) ?? "")).to.deep.equal({ mean: 2, n: 3 });
    });

    it("refuses output that breaks the output schema, and never checks an error result against it", async () => {
      const bad = await client.callTool("bad_output");
      expect(bad.isError).to.equal(true);
      expect(textOf(bad)).to.include("/n");
      const refused = await client.callTool("refuses");
      expect(refused).to.deep.include({ isError: true });
      expect(textOf(refused)).to.equal("no");
    });

    it("a thrown Error becomes an isError result; a thrown McpError a JSON-RPC error", async () => {
      const result = await client.callTool("throws");
      expect(result).to.deep.include({ isError: true });
      expect(textOf(result)).to.equal("the disk is full");
      const error = await errorOf(client.callTool("throws_mcp"));
      expect(error.code).to.equal(-32050);
    });

    it("undefined is empty content; an unserialisable value is a tool error; bytes with a MIME type are an image", async () => {
      expect((await client.callTool("nothing")).content).to.deep.equal([]);
      const big = await client.callTool("bigint");
      expect(big.isError).to.equal(true);
      expect(textOf(big)).to.include("serialis");
      expect((await client.callTool("image")).content[0]).to.deep.include({ type: "image", mimeType: "image/png" });
    });

    it("takes valibot, arktype and JSON Schema literals as input schemas", async () => {
      expect(textOf(await client.callTool("valibot", { name: "Ada" }))).to.equal("hi Ada");
      expect(textOf(await client.callTool("arktype", { count: 4 }))).to.equal("8");
      expect((await client.callTool("arktype", { count: 1.5 })).isError).to.equal(true);
      expect(textOf(await client.callTool("literal", { flag: true }))).to.equal("yes");
      const wrong = await client.callTool("literal", { flag: "yes" });
      expect(wrong.isError).to.equal(true);
      expect(textOf(wrong)).to.include("/flag");
    });
  });

  describe("registration errors", () => {
    const app = new FastMCP("registration", { logger: captureLogger() });
    it("refuses duplicate names unless replace is asked for", () => {
      app.tool("t", () => "one");
      expect(() => app.tool("t", () => "two")).to.throw(/already registered/);
      app.tool("t", { replace: true }, () => "two");
      app.prompt("p", () => "x");
      expect(() => app.prompt("p", () => "y")).to.throw(/already registered/);
      app.resource("a://b", () => "x");
      expect(() => app.resource("a://b", () => "y")).to.throw(/already registered/);
    });

    it("refuses tool names outside the spec's naming rules", () => {
      for (const name of ["", "has space", "x".repeat(129), "emoji😀"])
        expect(() => app.tool(name, () => 1), name).to.throw(/tool name/);
      app.tool("ok_name-1.2", () => 1);
    });

    it("refuses a template that does not parse and a URI that is not one", () => {
      expect(() => app.resource("notes://{id", () => "")).to.throw(/does not parse/);
      expect(() => app.resource("not a uri", () => "")).to.throw(/not a valid URI/);
    });

    it("refuses input schemas that are not objects", () => {
      expect(() => app.tool("s", { input: z.string() as never }, () => 1)).to.throw(/object/);
    });
  });

  describe("resources", () => {
    const app = new FastMCP("resources-test", { logger: captureLogger() });
    app.resource("config://settings", { mimeType: "text/plain" }, () => "setting1=value1");
    app.resource("data://blob", () => bytes(new Uint8Array([1, 2, 3]), "application/octet-stream"));
    app.resource(
      "users://{id}/profile",
      {
        description: "A profile",
        complete: { id: (value) => ["alice", "albert", "bob"].filter((n) => n.startsWith(value)) },
      },
      ({ id }) => ({ id, active: true }),
    );
    let client: ClientSession;
    before(async () => (client = await connect(app)));
    after(() => client.close());

    it("lists resources and templates", async () => {
      expect((await client.listResources()).resources.map((r) => r.uri)).to.deep.equal([
        "config://settings",
        "data://blob",
      ]);
      expect((await client.listResourceTemplates()).resourceTemplates[0]).to.deep.include({
        uriTemplate: "users://{id}/profile",
        description: "A profile",
      });
    });

    it("reads a fixed resource as text and bytes as a blob", async () => {
      expect((await client.readResource("config://settings")).contents[0]).to.deep.include({
        uri: "config://settings",
        text: "setting1=value1",
        mimeType: "text/plain",
      });
      expect((await client.readResource("data://blob")).contents[0]).to.deep.include({ blob: "AQID" });
    });

    it("reads through a template, handing its variables to the handler", async () => {
      const read = await client.readResource("users://alice/profile");
      expect(JSON.parse((read.contents[0] as { text: string }).text)).to.deep.equal({ id: "alice", active: true });
    });

    it("answers an unknown resource with -32002 and its URI", async () => {
      const error = await errorOf(client.readResource("users://alice/settings"));
      expect(error.code).to.equal(-32002);
      expect(error.data).to.deep.equal({ uri: "users://alice/settings" });
    });

    it("completes template variables (completion/complete with ref/resource)", async () => {
      const result = await client.complete({
        ref: { type: "ref/resource", uri: "users://{id}/profile" },
        argument: { name: "id", value: "al" },
      });
      expect(result.completion).to.deep.equal({ values: ["alice", "albert"], total: 2, hasMore: false });
    });

    it("sends resources/updated to subscribers only", async () => {
      const updates: string[] = [];
      const other = await connect(app, (c) => c.onResourceUpdated((p) => void updates.push(`other ${p.uri}`)));
      client.onResourceUpdated((p) => void updates.push(`client ${p.uri}`));
      await client.subscribe({ uri: "config://settings" });
      await app.notifyResourceUpdated("config://settings");
      await client.unsubscribe({ uri: "config://settings" });
      await app.notifyResourceUpdated("config://settings");
      await sleep(10);
      expect(updates).to.deep.equal(["client config://settings"]);
      await other.close();
    });
  });

  describe("prompts", () => {
    const app = new FastMCP("prompts-test", { logger: captureLogger() });
    app.prompt(
      "greeting",
      {
        description: "Greet",
        arguments: {
          name: { required: true, complete: (v) => ["Ada", "Alan"].filter((n) => n.startsWith(v)) },
          mood: {},
        },
      },
      ({ name, mood }) => `Hello, ${name}!${mood ? ` (${mood})` : ""}`,
    );
    let client: ClientSession;
    before(async () => (client = await connect(app)));
    after(() => client.close());

    it("lists prompts with their arguments", async () => {
      expect((await client.listPrompts()).prompts[0]).to.deep.equal({
        name: "greeting",
        description: "Greet",
        arguments: [{ name: "name", required: true }, { name: "mood" }],
      });
    });

    it("gets a prompt: a string becomes one user message", async () => {
      const result = await client.getPrompt("greeting", { name: "Ada" });
      expect(result.messages).to.deep.equal([{ role: "user", content: { type: "text", text: "Hello, Ada!" } }]);
    });

    it("answers a missing required argument or an unknown prompt with InvalidParams", async () => {
      expect((await errorOf(client.getPrompt("greeting", {}))).message).to.include("name");
      expect((await errorOf(client.getPrompt("nope"))).code).to.equal(ErrorCode.InvalidParams);
    });

    it("completes prompt arguments", async () => {
      const result = await client.complete({
        ref: { type: "ref/prompt", name: "greeting" },
        argument: { name: "name", value: "A" },
      });
      expect(result.completion.values).to.deep.equal(["Ada", "Alan"]);
      const none = await client.complete({
        ref: { type: "ref/prompt", name: "greeting" },
        argument: { name: "mood", value: "" },
      });
      expect(none.completion.values).to.deep.equal([]);
    });
  });

  describe("handlers that misbehave", () => {
    it("a resource or prompt handler that throws or returns nothing is an InternalError naming it and why (as a tool's error keeps its text), and serving goes on", async () => {
      const logger = captureLogger();
      const app = new FastMCP("misbehaving", { logger });
      app.resource("bad://nothing", () => undefined);
      app.resource("bad://throws", () => {
        throw new Error("the disk is gone");
      });
      app.resource("bad://not-found", () => {
        throw new McpError(-32002, "Resource not found: bad://not-found", { uri: "bad://not-found" });
      });
      app.prompt("throws", () => {
        throw new Error("no template");
      });
      app.prompt("empty", () => undefined);
      app.prompt("cyclic", () => {
        const messages: unknown[] = [];
        messages.push(messages);
        return { messages };
      });
      const client = await connect(app);
      const cases: [() => Promise<unknown>, RegExp][] = [
        [() => client.readResource("bad://nothing"), /^resource bad:\/\/nothing: /],
        [() => client.readResource("bad://throws"), /^resource bad:\/\/throws: the disk is gone$/],
        [() => client.getPrompt("empty"), /^prompt empty: /],
        [() => client.getPrompt("cyclic"), /^prompt cyclic: /],
        [() => client.getPrompt("throws"), /^prompt throws: no template$/],
      ];
      for (const [call, message] of cases) {
        const error = await errorOf(call());
        expect(error.code).to.equal(ErrorCode.InternalError);
        expect(error.message).to.match(message);
      }
      // An McpError a handler throws (the intended "not found") reaches the client as it is.
      const notFound = await errorOf(client.readResource("bad://not-found"));
      expect(notFound).to.include({ code: -32002, message: "Resource not found: bad://not-found" });
      expect(await client.ping()).to.deep.equal({});
      await client.close();
    });
  });

  describe("changes at run time", () => {
    it("adding, replacing and removing tools, resources and prompts sends list_changed", async () => {
      const app = new FastMCP("live", { logger: captureLogger() });
      const seen: string[] = [];
      const client = await connect(app, (c) =>
        c
          .onToolListChanged(() => void seen.push("tools"))
          .onResourceListChanged(() => void seen.push("resources"))
          .onPromptListChanged(() => void seen.push("prompts")),
      );
      app.tool("t", () => 1);
      app.tool("t", { replace: true }, () => 2);
      app.resource("a://b", () => "x");
      app.prompt("p", () => "x");
      expect(app.removeTool("t")).to.equal(true);
      expect(app.removeTool("t")).to.equal(false);
      await sleep(20);
      expect(seen).to.deep.equal(["tools", "tools", "resources", "prompts", "tools"]);
      expect((await client.listTools()).tools).to.deep.equal([]);
      await client.close();
    });
  });
});
