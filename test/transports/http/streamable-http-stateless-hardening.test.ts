import { expect } from "chai";
import { ErrorCode } from "../../../src/protocol/errors.js";
import { META } from "../../../src/protocol/mcp-headers.js";
import { FastMCP, type HttpApp } from "../../../src/server/index.js";
import { captureLogger } from "../../support/peers.js";

/**
 * Bad input to the stateless Streamable HTTP endpoint (2026-07-28 basic/transports/streamable-http),
 * and notifications in JSON response mode.
 */

const meta = (extra: Record<string, unknown> = {}) => ({
  [META.protocolVersion]: "2026-07-28",
  [META.clientCapabilities]: {},
  [META.clientInfo]: { name: "t", version: "1" },
  ...extra,
});

function app(): FastMCP {
  const server = new FastMCP("stateless-hardening", { logger: captureLogger() });
  server.tool("plain", { description: "Answers at once" }, () => "plain");
  server.tool("chatty", { description: "Reports progress and logs" }, async (_args, ctx) => {
    await ctx.reportProgress(1, 2);
    await ctx.log.info("halfway");
    return "chatty";
  });
  return server;
}

const headersFor = (method: string, extra: Record<string, string> = {}) => ({
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2026-07-28",
  "mcp-method": method,
  ...extra,
});

interface Answer {
  status: number;
  type: string | null;
  messages: Record<string, any>[];
}

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await response.text();
  const type = response.headers.get("content-type");
  const messages = type?.startsWith("text/event-stream")
    ? text
        .split("\n")
        .filter((l) => l.startsWith("data: ") && l.length > 6)
        .map((l) => JSON.parse(l.slice(6)) as Record<string, any>)
    : text
      ? [JSON.parse(text) as Record<string, any>]
      : [];
  return { status: response.status, type, messages };
}

describe("Streamable HTTP without sessions: bad input (2026-07-28 basic/transports/streamable-http)", () => {
  let http: HttpApp;
  before(async () => {
    http = await app().runHttp({ port: 0 });
  });
  after(() => http.close());

  const malformed: [string, Record<string, unknown>, string, unknown][] = [
    ["an object id", { id: { a: 1 }, method: "tools/list" }, "tools/list", null],
    ["a null id", { id: null, method: "tools/list" }, "tools/list", null],
    ["a boolean id", { id: false, method: "tools/list" }, "tools/list", null],
    ["a number method", { id: 4, method: 5 }, "5", 4],
  ];
  for (const [what, message, method, id] of malformed)
    it(`${what}: 400 with -32600 (id ${JSON.stringify(id)}), not 202`, async () => {
      const body = { jsonrpc: "2.0", ...message, params: { _meta: meta() } };
      const answer = await post(http.endpointUrl, body, headersFor(method));
      expect(answer.status).to.equal(400);
      expect(answer.messages[0]).to.deep.include({ id });
      expect(answer.messages[0]!.error.code).to.equal(ErrorCode.InvalidRequest);
    });

  for (const named of [true, false])
    it(`an unknown MCP-Protocol-Version, ${named ? "_meta naming it too" : "no _meta version"}: 400 with -32022 listing the supported versions`, async () => {
      const params = { _meta: named ? meta({ [META.protocolVersion]: "2099-01-01" }) : {} };
      const headers: Record<string, string> = headersFor("tools/list", { "mcp-protocol-version": "2099-01-01" });
      delete headers["mcp-method"];
      const answer = await post(http.endpointUrl, { jsonrpc: "2.0", id: 8, method: "tools/list", params }, headers);
      expect(answer.status).to.equal(400);
      const error = answer.messages[0]!.error as { code: number; message: string; data: Record<string, unknown> };
      expect(error.code).to.equal(ErrorCode.UnsupportedProtocolVersion);
      expect(error.message).to.not.include("Mcp-Method");
      expect(error.data).to.deep.include({ requested: "2099-01-01" });
      expect(error.data.supported).to.include.members(["2026-07-28", "2025-11-25"]);
      expect(answer.messages[0]!.id).to.equal(8);
    });
});

describe("Streamable HTTP without sessions, in JSON response mode (runHttp({ jsonResponse: true }))", () => {
  let http: HttpApp;
  before(async () => {
    http = await app().runHttp({ port: 0, jsonResponse: true });
  });
  after(() => http.close());

  const call = (id: number, name: string) => ({
    jsonrpc: "2.0",
    id,
    method: "tools/call",
    params: { name, _meta: meta({ progressToken: `p${id}`, [META.logLevel]: "info" }) },
  });

  it("a request that reports progress and logs is answered as an SSE stream carrying both", async () => {
    const answer = await post(http.endpointUrl, call(1, "chatty"), headersFor("tools/call", { "mcp-name": "chatty" }));
    expect(answer.status).to.equal(200);
    expect(answer.type).to.match(/^text\/event-stream/);
    expect(answer.messages.map((m) => m.method ?? "response")).to.deep.equal([
      "notifications/progress",
      "notifications/message",
      "response",
    ]);
    expect(answer.messages.at(-1)).to.nested.include({ id: 1, "result.content[0].text": "chatty" });
  });

  it("a request that sends nothing but its response is answered with one JSON body", async () => {
    const answer = await post(http.endpointUrl, call(2, "plain"), headersFor("tools/call", { "mcp-name": "plain" }));
    expect(answer.type).to.match(/^application\/json/);
    expect(answer.messages[0]!.result.content[0].text).to.equal("plain");
  });
});
