import { expect } from "chai";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { ClientSession, type ClientSessionOptions } from "../../../src/client/client-session.js";
import { RejectedToolError } from "../../../src/client/tool-headers.js";
import { ErrorCode, McpError } from "../../../src/protocol/errors.js";
import { META } from "../../../src/protocol/mcp-headers.js";
import { streamableHttpClient } from "../../../src/transports/http/streamable-http-client.js";
import { cleanupHooks } from "../../fixtures/http-clients/helpers.js";
import { listen, startLegacySseServer, startStreamableServer } from "../../fixtures/http-clients/official-servers.js";
import { captureLogger } from "../../support/peers.js";
import { sleep } from "../helpers.js";

type Json = Record<string, unknown>;

/** One POST the stateless server saw. */
interface Seen {
  method: string;
  headers: IncomingHttpHeaders;
  body: Json;
  closed: boolean;
}

const TOOLS = [
  {
    name: "route",
    inputSchema: {
      type: "object",
      properties: {
        region: { type: "string", "x-mcp-header": "Region" },
        priority: { type: "integer", "x-mcp-header": "Priority" },
        verbose: { type: "boolean", "x-mcp-header": "Verbose" },
        method: { type: "string", "x-mcp-header": "Method" },
        nested: { type: "object", properties: { zone: { type: "string", "x-mcp-header": "Zone" } } },
        query: { type: "string" },
      },
    },
  },
  { name: "bad_number", inputSchema: { type: "object", properties: { n: { type: "number", "x-mcp-header": "N" } } } },
  { name: "slow", inputSchema: { type: "object" } },
  { name: "cut", inputSchema: { type: "object" } },
];

/**
 * Just enough of a 2026-07-28 Streamable HTTP server (on 127.0.0.1): discover, tools, a read and a
 * prompt, a listen stream, a tool that never answers, one whose stream ends without an answer, and
 * refusals on demand. It records every POST.
 */
async function modernServer(options: { refuseFirst?: Json; mismatchCalls?: number } = {}) {
  const seen: Seen[] = [];
  let refuse = options.refuseFirst;
  let mismatches = options.mismatchCalls ?? 0;
  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST") return void res.writeHead(405).end();
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      const body = JSON.parse(text) as Json;
      const entry: Seen = { method: String(body.method), headers: req.headers, body, closed: false };
      res.on("close", () => (entry.closed = true));
      seen.push(entry);
      const { id } = body;
      const params = (body.params ?? {}) as Json;
      const result = (value: Json) =>
        json(res, 200, { jsonrpc: "2.0", id, result: { resultType: "complete", ...value } });
      if (id === undefined) return void res.writeHead(202).end();
      if (refuse) {
        const error = refuse;
        refuse = undefined;
        return json(res, 400, { jsonrpc: "2.0", id, error });
      }
      switch (body.method) {
        case "server/discover":
          return result({
            supportedVersions: ["2026-07-28"],
            capabilities: { tools: { listChanged: true }, resources: {}, prompts: {} },
            ttlMs: 0,
            cacheScope: "public",
            _meta: { [META.serverInfo]: { name: "stateless-http", version: "1" } },
          });
        case "tools/list":
          return result({ tools: TOOLS, ttlMs: 0, cacheScope: "public" });
        case "resources/read":
          return result({ contents: [{ uri: params.uri, text: "x" }], ttlMs: 0, cacheScope: "public" });
        case "prompts/get":
          return result({ messages: [] });
        case "tools/call":
          if (params.name === "slow") return; // answered never: only the client's abort ends it
          if (params.name === "cut")
            return void res.writeHead(200, { "content-type": "text/event-stream" }).end(": nothing\n\n");
          if (mismatches-- > 0)
            return json(res, 400, {
              jsonrpc: "2.0",
              id,
              error: { code: ErrorCode.HeaderMismatch, message: "mismatch" },
            });
          return result({ content: [{ type: "text", text: "ok" }] });
        case "subscriptions/listen": {
          res.writeHead(200, { "content-type": "text/event-stream" });
          const tag = { [META.subscriptionId]: id };
          const event = (message: Json) => res.write(`data: ${JSON.stringify({ jsonrpc: "2.0", ...message })}\n\n`);
          event({
            method: "notifications/subscriptions/acknowledged",
            params: { _meta: tag, notifications: params.notifications },
          });
          setTimeout(() => event({ method: "notifications/tools/list_changed", params: { _meta: tag } }), 10);
          return;
        }
        default:
          return json(res, 404, {
            jsonrpc: "2.0",
            id,
            error: { code: ErrorCode.MethodNotFound, message: "Method not found" },
          });
      }
    });
  };
  const { base, stop } = await listen(handler);
  return { url: `${base}/mcp`, seen, stop };
}

describe("transports/streamable-http-client at 2026-07-28 (basic/transports/streamable-http)", function () {
  const defer = cleanupHooks();

  async function connect(server: { url: string; stop(): Promise<void> }, options: ClientSessionOptions = {}) {
    defer(() => server.stop());
    const logger = captureLogger();
    const transport = streamableHttpClient(server.url, { logger });
    const session = new ClientSession(transport, { logger, ...options });
    defer(() => session.close());
    await session.initialize();
    return { session, logger, transport };
  }

  it("every POST carries MCP-Protocol-Version equal to _meta's, Mcp-Method and Mcp-Name; no session, no GET", async () => {
    const server = await modernServer();
    const { session } = await connect(server);
    expect(session.mode).to.equal("stateless");
    await session.listTools();
    await session.callTool("route", {});
    await session.readResource("file:///a%20b.txt");
    await session.getPrompt("caf\u00e9");
    for (const { headers, body } of server.seen) {
      const version = ((body.params as Json)._meta as Json)[META.protocolVersion];
      expect(headers["mcp-protocol-version"]).to.equal(version).and.equal("2026-07-28");
      expect(headers["mcp-method"]).to.equal(body.method);
      expect(headers).to.not.have.property("mcp-session-id");
    }
    const name = (method: string) => server.seen.find((s) => s.method === method)!.headers["mcp-name"];
    expect(name("tools/call")).to.equal("route");
    expect(name("resources/read")).to.equal("file:///a%20b.txt");
    expect(name("prompts/get")).to.equal(`=?base64?${Buffer.from("caf\u00e9").toString("base64")}?=`);
    expect(name("tools/list")).to.equal(undefined);
    expect(server.seen.map((s) => s.method)).to.not.include.members(["initialize", "notifications/initialized"]);
  });

  it("x-mcp-header parameters become Mcp-Param-{Name} (base64 when unsafe, numbers and booleans as text, null omitted)", async () => {
    const server = await modernServer();
    const { session } = await connect(server);
    await session.listTools();
    const args = { region: " padded ", priority: 42, verbose: false, method: "m", nested: { zone: "z1" }, query: "q" };
    await session.callTool("route", args);
    await session.callTool("route", { region: "us-west1", verbose: null });
    const [first, second] = server.seen.filter((s) => s.method === "tools/call").map((s) => s.headers);
    expect(first).to.include({
      "mcp-param-region": "=?base64?IHBhZGRlZCA=?=",
      "mcp-param-priority": "42",
      "mcp-param-verbose": "false",
      "mcp-param-method": "m",
      "mcp-param-zone": "z1",
      "mcp-method": "tools/call",
    });
    expect(first).to.not.have.property("mcp-param-query");
    expect(second).to.include({ "mcp-param-region": "us-west1" });
    expect(second).to.not.have.any.keys("mcp-param-verbose", "mcp-param-priority");
  });

  it("a tool whose x-mcp-header annotations are invalid is dropped from tools/list, with a warning naming it and why", async () => {
    const server = await modernServer();
    const { session, logger } = await connect(server);
    const { tools } = await session.listTools();
    expect(tools.map((t) => t.name)).to.deep.equal(["route", "slow", "cut"]);
    const warning = logger.lines.find((l) => l.includes("bad_number"));
    expect(warning).to.match(/^warn: dropped tool "bad_number" from tools\/list: .*not a string, integer or boolean/);
    const before = server.seen.length;
    const error = await session.callTool("bad_number", { n: 1 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RejectedToolError);
    expect(server.seen).to.have.length(before);
  });

  it("HeaderMismatch (-32020) on tools/call: tools/list is read again and the call retried, once", async () => {
    const server = await modernServer({ mismatchCalls: 1 });
    const { session } = await connect(server);
    await session.listTools();
    expect((await session.callTool("route", { region: "eu" })).content).to.have.length(1);
    expect(server.seen.map((s) => s.method).slice(-3)).to.deep.equal(["tools/call", "tools/list", "tools/call"]);
    const again = await modernServer({ mismatchCalls: 2 });
    const other = await connect(again);
    const error = await other.session.callTool("route", {}).catch((e: unknown) => e);
    expect((error as McpError).code).to.equal(ErrorCode.HeaderMismatch);
  });

  it("-32022 on the first POST (HTTP 400): the request is retried with a supported version", async () => {
    const refusal = {
      code: ErrorCode.UnsupportedProtocolVersion,
      message: "no",
      data: { supported: ["2026-07-28"], requested: "2026-07-28" },
    };
    const server = await modernServer({ refuseFirst: refusal });
    const { session } = await connect(server);
    expect(session.mode).to.equal("stateless");
    expect(server.seen.map((s) => s.method)).to.deep.equal(["server/discover", "server/discover"]);
  });

  it("cancellation aborts that request's fetch, and no notifications/cancelled is POSTed", async () => {
    const server = await modernServer();
    const { session } = await connect(server);
    const controller = new AbortController();
    const calling = session.callTool("slow", {}, { signal: controller.signal }).catch((e: unknown) => e);
    await sleep(30);
    controller.abort(new Error("stop"));
    expect(((await calling) as Error).message).to.equal("stop");
    await sleep(30);
    const slow = server.seen.find((s) => s.method === "tools/call")!;
    expect(slow.closed, "the server saw the connection close").to.equal(true);
    expect(server.seen.map((s) => s.method)).to.not.include("notifications/cancelled");
  });

  it("a response stream that ends without the answer fails the call at once: 2026-07-28 streams are not resumed", async () => {
    const server = await modernServer();
    const { session } = await connect(server);
    const error = await session.callTool("cut", {}).catch((e: unknown) => e);
    expect((error as Error).message).to.include("not resumed");
    expect(server.seen.filter((s) => s.method === "tools/call")).to.have.length(1);
  });

  it("subscriptions/listen: the long-lived POST stream's tagged notifications; close() ends that stream", async () => {
    const server = await modernServer();
    const { session } = await connect(server);
    const subscription = session.subscribe({ toolsListChanged: true });
    expect(await subscription.acknowledged).to.deep.equal({ toolsListChanged: true });
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value).to.nested.include({ method: "notifications/tools/list_changed" });
    await subscription.close();
    await sleep(30);
    const listen = server.seen.find((s) => s.method === "subscriptions/listen")!;
    expect(listen.closed).to.equal(true);
    expect(server.seen.map((s) => s.method)).to.not.include("notifications/cancelled");
  });

  describe("falls back to the handshake against stateful servers (basic/versioning: Backward Compatibility)", () => {
    for (const stateless of [false, true]) {
      it(`the official Streamable HTTP server (${stateless ? "stateless" : "stateful"}): probe refused, initialize follows`, async () => {
        const server = await startStreamableServer({ stateless });
        defer(() => server.close());
        const session = new ClientSession(streamableHttpClient(server.url), { logger: captureLogger() });
        defer(() => session.close());
        const described = await session.initialize();
        expect(described.mode).to.equal("stateful");
        expect(described.protocolVersion).to.equal("2025-11-25");
        expect((await session.listTools()).tools.length).to.be.greaterThan(0);
        expect(server.seen.map((s) => s.rpc).slice(0, 2)).to.deep.equal(["server/discover", "initialize"]);
      });
    }

    it("a 2024-11-05 HTTP+SSE server: probe refused, then the initialize POST refused too, then HTTP+SSE", async () => {
      const server = await startLegacySseServer();
      defer(() => server.close());
      const transport = streamableHttpClient(server.url);
      const session = new ClientSession(transport, { logger: captureLogger() });
      defer(() => session.close());
      expect((await session.initialize()).mode).to.equal("stateful");
      expect(transport.usingSse).to.equal(true);
      expect((await session.listTools()).tools.length).to.be.greaterThan(0);
    });
  });
});
