import { expect } from "chai";
import { z } from "zod";
import { ClientSession } from "../../../src/client/client-session.js";
import { FastMCP } from "../../../src/server/fastmcp/fastmcp.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import { captureLogger, sleep } from "../../support/peers.js";

const textOf = (result: { content: unknown[] }) => (result.content[0] as { text?: string } | undefined)?.text;

describe("FastMCP Context", () => {
  const app = new FastMCP("context-test", { logger: captureLogger() });
  let cancelled = false;
  app.resource("memo://today", () => "buy milk");
  app.tool("who", (_args, ctx) => `${String(ctx.requestId)} ${ctx.clientInfo?.name} ${ctx.protocolVersion}`);
  app.tool("progress", async (_args, ctx) => {
    for (let i = 1; i <= 3; i++) await ctx.reportProgress(i, 3, `step ${i}`);
    return "done";
  });
  app.tool("log", async (_args, ctx) => {
    await ctx.log.debug("quiet");
    await ctx.log.warning("careful", { disk: "90%" });
    await ctx.log.error("broken");
    return "logged";
  });
  app.tool("read", async (_args, ctx) => textOf({ content: (await ctx.readResource("memo://today")).contents }));
  app.tool("sample", async (_args, ctx) => {
    const { content } = await ctx.sample("What is 2+2?", { maxTokens: 5, systemPrompt: "Be brief" });
    const first = Array.isArray(content) ? content[0] : content;
    return first?.type === "text" ? first.text : "?";
  });
  app.tool("ask", async (_args, ctx) => {
    const answer = await ctx.elicit("Your details?", z.object({ name: z.string(), age: z.number().int() }));
    return answer.action === "accept" ? `${answer.content.name} is ${answer.content.age}` : answer.action;
  });
  app.tool("visit", async (_args, ctx) => (await ctx.elicitUrl("Sign in", "https://example.com/login", "e-1")).action);
  app.tool("roots", async (_args, ctx) => (await ctx.listRoots()).map((r) => r.uri).join(","));
  app.tool("slow", async (_args, ctx) => {
    await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
    cancelled = true;
    return "never seen";
  });

  let client: ClientSession;
  let elicitAnswer: { action: "accept"; content: Record<string, string | number> } | { action: "decline" } = {
    action: "decline",
  };
  const logs: string[] = [];
  before(async () => {
    const [clientEnd, serverEnd] = memoryPair();
    await app.connect(serverEnd);
    client = new ClientSession(clientEnd, {
      logger: captureLogger(),
      protocolVersion: "2025-11-25",
      clientInfo: { name: "ctx-client", version: "1" },
      capabilities: { elicitation: { form: {}, url: {} } },
    });
    client
      .onLoggingMessage((p) => void logs.push(`${p.level} ${JSON.stringify(p.data)} (${p.logger})`))
      .onCreateMessage((params) => ({
        role: "assistant",
        model: "test",
        content: { type: "text", text: `${params.systemPrompt}: 4 (max ${params.maxTokens})` },
      }))
      .onElicit((params) => ("url" in params ? { action: "accept" } : elicitAnswer))
      .onListRoots(() => ({ roots: [{ uri: "file:///a" }, { uri: "file:///b" }] }));
    await client.initialize();
  });
  after(() => client.close());

  it("knows the request id, the client and the revision", async () => {
    expect(textOf(await client.callTool("who"))).to.match(/^\d+ ctx-client 2025-11-25$/);
  });

  it("reports progress when the client asked for it", async () => {
    const reports: string[] = [];
    await client.callTool(
      "progress",
      {},
      { onprogress: (p) => void reports.push(`${p.progress}/${p.total} ${p.message}`) },
    );
    expect(reports).to.deep.equal(["1/3 step 1", "2/3 step 2", "3/3 step 3"]);
  });

  it("logs through notifications/message, honouring logging/setLevel", async () => {
    await client.setLevel({ level: "warning" });
    await client.callTool("log");
    await sleep(10);
    expect(logs).to.deep.equal([
      'warning {"message":"careful","disk":"90%"} (context-test)',
      'error "broken" (context-test)',
    ]);
  });

  it("reads the server's own resources", async () => {
    expect(textOf(await client.callTool("read"))).to.equal("buy milk");
  });

  it("samples the client's model", async () => {
    expect(textOf(await client.callTool("sample"))).to.equal("Be brief: 4 (max 5)");
  });

  it("elicits a typed form; a decline and an invalid answer are handled", async () => {
    elicitAnswer = { action: "accept", content: { name: "Ada", age: 36 } };
    expect(textOf(await client.callTool("ask"))).to.equal("Ada is 36");
    elicitAnswer = { action: "decline" };
    expect(textOf(await client.callTool("ask"))).to.equal("decline");
    elicitAnswer = { action: "accept", content: { name: "Ada", age: "old" } };
    const invalid = await client.callTool("ask").then(
      (r) => r,
      (e: Error) => e,
    );
    expect(invalid).to.have.property("message").that.includes("/age");
  });

  it("elicits through a URL", async () => {
    expect(textOf(await client.callTool("visit"))).to.equal("accept");
  });

  it("lists the client's roots", async () => {
    expect(textOf(await client.callTool("roots"))).to.equal("file:///a,file:///b");
  });

  it("aborts the handler's signal when the client cancels", async () => {
    const controller = new AbortController();
    const call = client.callTool("slow", {}, { signal: controller.signal });
    await sleep(10);
    controller.abort(new Error("stop"));
    expect(await call.catch((e: Error) => e.message)).to.equal("stop");
    await sleep(10);
    expect(cancelled).to.equal(true);
  });
});
