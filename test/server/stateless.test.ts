import { expect } from "chai";
import { ErrorCode } from "../../src/protocol/errors.js";
import { META } from "../../src/protocol/mcp-headers.js";
import { FastMCP } from "../../src/server/index.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { captureLogger, RawPeer, sleep } from "../support/peers.js";

/** Per-request metadata as a 2026-07-28 client sends it. */
function meta(capabilities: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    [META.protocolVersion]: "2026-07-28",
    [META.clientCapabilities]: capabilities,
    [META.clientInfo]: { name: "test-client", version: "1.0.0" },
    ...extra,
  };
}

function app(): FastMCP {
  const server = new FastMCP("stateless-test", { version: "2.0.0", logger: captureLogger() });
  server.tool("echo", { description: "Echoes" }, () => "echoed");
  server.tool("needs_sampling", { description: "Samples" }, async (_args, ctx) => {
    const answer = await ctx.sample("hi");
    return JSON.stringify(answer.content);
  });
  server.tool("logs", { description: "Logs at two levels" }, async (_args, ctx) => {
    await ctx.log.debug("debug line");
    await ctx.log.warning("warning line");
    return "logged";
  });
  server.tool("logs_later", { description: "Logs after it has answered" }, (_args, ctx) => {
    setTimeout(() => void ctx.log.warning("too late"), 10);
    return "answered";
  });
  server.resource("test://one", { name: "one" }, () => "one");
  server.prompt("p", { description: "A prompt" }, () => "prompt text");
  return server;
}

async function peer(server = app()): Promise<RawPeer> {
  const [clientEnd, serverEnd] = memoryPair();
  await server.connect(serverEnd);
  return RawPeer.on(clientEnd);
}

async function call(raw: RawPeer, id: number, method: string, params?: Record<string, unknown>) {
  await raw.send({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
  for (;;) {
    const message = await raw.next();
    if (message.id === id) return message as { result?: Record<string, unknown>; error?: Record<string, unknown> };
  }
}

describe("stateless serving (2026-07-28, basic/versioning and server/discover)", () => {
  it("server/discover answers versions, the revision's capabilities, identity in _meta and caching hints", async () => {
    const raw = await peer();
    const { result } = await call(raw, 1, "server/discover", { _meta: meta() });
    expect(result).to.include({ resultType: "complete", ttlMs: 0, cacheScope: "private" });
    expect(result!.supportedVersions).to.deep.equal([
      "2026-07-28",
      "2025-11-25",
      "2025-06-18",
      "2025-03-26",
      "2024-11-05",
    ]);
    expect(result!._meta).to.deep.equal({ [META.serverInfo]: { name: "stateless-test", version: "2.0.0" } });
    const caps = result!.capabilities as Record<string, unknown>;
    expect(caps).to.have.keys("tools", "resources", "prompts", "completions", "logging");
    expect(caps.resources).to.deep.equal({ listChanged: true, subscribe: true });
  });

  it("serves any request without a handshake, every result completed with resultType", async () => {
    const raw = await peer();
    const listed = await call(raw, 1, "tools/list", { _meta: meta() });
    expect(listed.result).to.include({ resultType: "complete", ttlMs: 0, cacheScope: "private" });
    const called = await call(raw, 2, "tools/call", { name: "echo", _meta: meta() });
    expect(called.result).to.deep.include({ resultType: "complete", content: [{ type: "text", text: "echoed" }] });
    expect(called.result).not.to.have.property("ttlMs");
  });

  it("refuses missing _meta fields with -32602, before anything else", async () => {
    const raw = await peer();
    const missing = await call(raw, 1, "server/discover");
    expect(missing.error).to.include({ code: ErrorCode.InvalidParams });
    const noVersion = await call(raw, 2, "server/discover", {
      _meta: { [META.clientCapabilities]: {}, [META.clientInfo]: { name: "c", version: "1" } },
    });
    expect(noVersion.error).to.include({ code: ErrorCode.InvalidParams });
    const noCaps = await call(raw, 3, "tools/list", { _meta: { [META.protocolVersion]: "2026-07-28" } });
    expect(noCaps.error).to.include({ code: ErrorCode.InvalidParams });
    const noInfo = await call(raw, 4, "tools/list", {
      _meta: { [META.protocolVersion]: "2026-07-28", [META.clientCapabilities]: {} },
    });
    expect(noInfo.result).to.have.property("tools");
  });

  it("answers an unsupported version with -32022 listing what it speaks", async () => {
    const raw = await peer();
    const { error } = await call(raw, 1, "tools/list", { _meta: meta({}, { [META.protocolVersion]: "v999.0.0" }) });
    expect(error).to.include({ code: ErrorCode.UnsupportedProtocolVersion });
    expect(error!.data).to.deep.include({ requested: "v999.0.0" });
    expect((error!.data as { supported: string[] }).supported).to.include("2026-07-28");
    const stateful = await call(raw, 2, "tools/list", { _meta: meta({}, { [META.protocolVersion]: "2025-11-25" }) });
    expect(stateful.error).to.include({ code: ErrorCode.UnsupportedProtocolVersion });
  });

  it("has no initialize, ping, logging/setLevel or resources/subscribe (-32601)", async () => {
    const raw = await peer();
    let id = 0;
    for (const method of ["initialize", "ping", "logging/setLevel", "resources/subscribe", "unknown/method"]) {
      const { error } = await call(raw, ++id, method, { _meta: meta() });
      expect(error, method).to.include({ code: ErrorCode.MethodNotFound });
    }
  });

  it("refuses a tool that needs a capability the request did not declare with -32021", async () => {
    const raw = await peer();
    const { error } = await call(raw, 1, "tools/call", { name: "needs_sampling", _meta: meta() });
    expect(error).to.include({ code: ErrorCode.MissingRequiredClientCapability });
    expect(error!.data).to.deep.equal({ requiredCapabilities: { sampling: {} } });
  });

  it("sends log messages only when the request names a level, and only at or above it", async () => {
    const raw = await peer();
    await call(raw, 1, "tools/call", { name: "logs", _meta: meta() });
    expect(raw.received.filter((m) => (m as { method?: string }).method === "notifications/message")).to.have.length(0);
    await call(raw, 2, "tools/call", { name: "logs", _meta: meta({}, { [META.logLevel]: "info" }) });
    const logs = raw.received.filter((m) => (m as { method?: string }).method === "notifications/message");
    expect(logs.map((m) => (m as { params: { level: string } }).params.level)).to.deep.equal(["warning"]);
  });

  it("sends nothing for a stateless request once it is answered (its notifications end with its response)", async () => {
    const raw = await peer();
    await call(raw, 1, "tools/call", { name: "logs_later", _meta: meta({}, { [META.logLevel]: "debug" }) });
    await sleep(50);
    expect(raw.received.map((m) => (m as { method?: string }).method ?? "response")).to.deep.equal(["response"]);
  });

  it("names an unknown resource -32602 with its uri (sep-2164)", async () => {
    const raw = await peer();
    const { error } = await call(raw, 1, "resources/read", { uri: "test://missing", _meta: meta() });
    expect(error).to.include({ code: ErrorCode.InvalidParams });
    expect(error!.data).to.deep.equal({ uri: "test://missing" });
  });

  it("uses the caching hints FastMCP was given per feature", async () => {
    const server = new FastMCP("cached", {
      logger: captureLogger(),
      cache: { tools: { ttlMs: 60_000, cacheScope: "public" }, resources: { ttlMs: 5 } },
    });
    server.tool("t", () => "t");
    server.resource("test://r", { name: "r" }, () => "r");
    const raw = await peer(server);
    expect((await call(raw, 1, "tools/list", { _meta: meta() })).result).to.include({
      ttlMs: 60_000,
      cacheScope: "public",
    });
    expect((await call(raw, 2, "resources/read", { uri: "test://r", _meta: meta() })).result).to.include({
      ttlMs: 5,
      cacheScope: "private",
    });
  });

  it("serves a stateful client on another connection of the same server (both modes)", async () => {
    const server = app();
    const stateless = await peer(server);
    const stateful = await peer(server);
    const init = await call(stateful, 1, "initialize", {
      protocolVersion: "2025-11-25",
      capabilities: {},
      clientInfo: { name: "old", version: "1" },
    });
    expect(init.result).to.include({ protocolVersion: "2025-11-25" });
    await stateful.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    expect((await call(stateful, 2, "ping")).result).to.deep.equal({});
    expect((await call(stateful, 3, "tools/list")).result).not.to.have.property("resultType");
    expect((await call(stateless, 1, "tools/list", { _meta: meta() })).result).to.have.property(
      "resultType",
      "complete",
    );
    const missing = await call(stateful, 4, "resources/read", { uri: "test://missing" });
    expect(missing.error).to.include({ code: -32002 });
  });

  it("reads a request before initialize without _meta as stateful (refused until initialize)", async () => {
    const raw = await peer();
    const { error } = await call(raw, 1, "tools/list");
    expect(error).to.include({ code: ErrorCode.InvalidRequest });
    await sleep(1);
  });
});
