import { expect } from "chai";
import { ErrorCode } from "../../../src/protocol/errors.js";
import { META } from "../../../src/protocol/mcp-headers.js";
import { FastMCP, type HttpApp } from "../../../src/server/index.js";
import { captureLogger, sleep } from "../../support/peers.js";

const meta = (capabilities: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  [META.protocolVersion]: "2026-07-28",
  [META.clientCapabilities]: capabilities,
  [META.clientInfo]: { name: "t", version: "1" },
  ...extra,
});

let aborted = 0;

function app(): FastMCP {
  const server = new FastMCP("http-stateless", { logger: captureLogger() });
  server.tool("echo", { description: "Echoes" }, () => "echoed");
  server.tool(
    "regional",
    {
      description: "Has a header parameter",
      input: {
        type: "object",
        properties: {
          region: { type: "string", "x-mcp-header": "Region" },
          count: { type: "integer", "x-mcp-header": "Count" },
        },
      } as const,
    },
    ({ region, count }) => `${region}:${count}`,
  );
  server.tool("progress", { description: "Reports progress" }, async (_args, ctx) => {
    await ctx.reportProgress(1, 2);
    await ctx.reportProgress(2, 2);
    return "done";
  });
  server.tool("slow", { description: "Waits until cancelled" }, async (_args, ctx) => {
    await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
    aborted++;
    return "never sent";
  });
  server.tool("change", { description: "Changes the tool list" }, () => {
    if (!server.removeTool("extra")) server.tool("extra", { description: "x" }, () => "x");
    return "changed";
  });
  return server;
}

interface Post {
  status: number;
  type: string | null;
  body: string;
  json?: Record<string, any>;
}

describe("Streamable HTTP without sessions (2026-07-28 basic/transports/streamable-http)", () => {
  let server: FastMCP;
  let http: HttpApp;
  let id = 0;

  before(async () => {
    server = app();
    http = await server.runHttp({ port: 0 });
  });
  after(async () => {
    await http.close();
  });

  function headersFor(method: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2026-07-28",
      "mcp-method": method,
      ...extra,
    };
  }

  async function post(body: unknown, headers: Record<string, string>): Promise<Post> {
    const response = await fetch(http.endpointUrl, { method: "POST", headers, body: JSON.stringify(body) });
    const text = await response.text();
    const type = response.headers.get("content-type");
    const out: Post = { status: response.status, type, body: text };
    if (type?.startsWith("application/json") && text) out.json = JSON.parse(text);
    if (type?.startsWith("text/event-stream")) {
      const events = text
        .split("\n")
        .filter((l) => l.startsWith("data: "))
        .map((l) => JSON.parse(l.slice(6)));
      out.json = events.at(-1);
      (out as { events?: unknown[] }).events = events;
    }
    return out;
  }

  const request = (method: string, params: Record<string, unknown> = {}) => ({
    jsonrpc: "2.0",
    id: ++id,
    method,
    params: { _meta: meta(), ...params },
  });

  it("serves a request with no session: no Mcp-Session-Id, resultType on the result", async () => {
    const answer = await post(request("tools/list"), headersFor("tools/list"));
    expect(answer.status).to.equal(200);
    expect(answer.json!.result).to.include({ resultType: "complete" });
  });

  it("answers a JSON-RPC error before any stream with the status the spec names", async () => {
    const unknown = await post(request("unknown/method"), headersFor("unknown/method"));
    expect(unknown.status).to.equal(404);
    expect(unknown.json!.error.code).to.equal(ErrorCode.MethodNotFound);
    const noMeta = await post({ jsonrpc: "2.0", id: 7, method: "tools/list" }, headersFor("tools/list"));
    expect(noMeta.status).to.equal(400);
    expect(noMeta.json).to.deep.include({ id: 7 });
    expect(noMeta.json!.error.code).to.equal(ErrorCode.InvalidParams);
    const version = await post(
      { ...request("tools/list"), params: { _meta: meta({}, { [META.protocolVersion]: "v9" }) } },
      headersFor("tools/list", { "mcp-protocol-version": "v9" }),
    );
    expect(version.status).to.equal(400);
    expect(version.json!.error.code).to.equal(ErrorCode.UnsupportedProtocolVersion);
  });

  it("refuses headers that disagree with the body with 400 and -32020, echoing the id", async () => {
    const cases: [string, Record<string, unknown>, Record<string, string>][] = [
      [
        "version header vs _meta",
        request("tools/list"),
        headersFor("tools/list", { "mcp-protocol-version": "2026-01-01" }),
      ],
      ["missing Mcp-Method", request("tools/list"), { ...headersFor("tools/list"), "mcp-method": "" }],
      ["Mcp-Method mismatch", request("tools/list"), headersFor("prompts/list")],
      ["Mcp-Method case", request("tools/list"), headersFor("TOOLS/LIST")],
      ["missing Mcp-Name", request("tools/call", { name: "echo" }), headersFor("tools/call")],
      ["Mcp-Name mismatch", request("tools/call", { name: "echo" }), headersFor("tools/call", { "mcp-name": "other" })],
      [
        "missing Mcp-Param",
        request("tools/call", { name: "regional", arguments: { region: "eu" } }),
        headersFor("tools/call", { "mcp-name": "regional" }),
      ],
      [
        "bad base64 padding",
        request("tools/call", { name: "regional", arguments: { region: "Hello" } }),
        headersFor("tools/call", { "mcp-name": "regional", "mcp-param-region": "=?base64?SGVsbG8?=" }),
      ],
      [
        "bad base64 alphabet",
        request("tools/call", { name: "regional", arguments: { region: "Hello" } }),
        headersFor("tools/call", { "mcp-name": "regional", "mcp-param-region": "=?base64?SGVs!!!bG8=?=" }),
      ],
      [
        "integer mismatch",
        request("tools/call", { name: "regional", arguments: { count: 3 } }),
        headersFor("tools/call", { "mcp-name": "regional", "mcp-param-count": "4" }),
      ],
      [
        "header without a body value",
        request("tools/call", { name: "regional", arguments: {} }),
        headersFor("tools/call", { "mcp-name": "regional", "mcp-param-region": "eu" }),
      ],
    ];
    for (const [why, body, headers] of cases) {
      if (headers["mcp-method"] === "") delete headers["mcp-method"];
      const answer = await post(body, headers);
      expect(answer.status, why).to.equal(400);
      expect(answer.json!.error.code, why).to.equal(ErrorCode.HeaderMismatch);
      expect(answer.json!.id, why).to.equal(body.id);
    }
    const missingVersion = await post(request("tools/list"), {
      ...headersFor("tools/list"),
      "mcp-protocol-version": "",
    });
    expect(missingVersion.status).to.be.oneOf([400]);
  });

  it("accepts trimmed, base64-encoded and numerically equal header values", async () => {
    const accepted: [Record<string, unknown>, Record<string, string>][] = [
      [request("tools/call", { name: "echo" }), headersFor("tools/call", { "mcp-name": "  echo  " })],
      [
        request("tools/call", { name: "regional", arguments: { region: "Hello, 世界", count: 42 } }),
        headersFor("tools/call", {
          "mcp-name": "regional",
          "mcp-param-region": `=?base64?${Buffer.from("Hello, 世界").toString("base64")}?=`,
          "mcp-param-count": "42.0",
        }),
      ],
      [
        request("tools/call", { name: "regional", arguments: { region: "SGVsbG8=" } }),
        headersFor("tools/call", { "mcp-name": "regional", "mcp-param-region": "SGVsbG8=" }),
      ],
      [
        request("tools/call", { name: "regional", arguments: { region: null } }),
        headersFor("tools/call", { "mcp-name": "regional" }),
      ],
    ];
    for (const [body, headers] of accepted) {
      const answer = await post(body, headers);
      expect(answer.status, JSON.stringify(headers)).to.equal(200);
      expect(answer.json!.result, JSON.stringify(answer.json)).to.have.property("content");
    }
  });

  it("streams the request's own notifications as SSE, ending with its response", async () => {
    const answer = (await post(
      request("tools/call", { name: "progress", _meta: meta({}, { progressToken: "p1" }) }),
      headersFor("tools/call", { "mcp-name": "progress" }),
    )) as Post & { events: Record<string, any>[] };
    expect(answer.type).to.match(/^text\/event-stream/);
    expect(answer.events.map((e) => e.method ?? "response")).to.deep.equal([
      "notifications/progress",
      "notifications/progress",
      "response",
    ]);
    expect(answer.json!.result).to.include({ resultType: "complete" });
  });

  it("refuses batches, and answers a notification 202", async () => {
    const batch = await post([request("tools/list")], headersFor("tools/list"));
    expect(batch.status).to.equal(400);
    const note = await post(
      { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 1 } },
      headersFor("notifications/cancelled"),
    );
    expect(note.status).to.equal(202);
  });

  it("cancels a request whose stream the client closes", async () => {
    const before = aborted;
    const controller = new AbortController();
    const pending = fetch(http.endpointUrl, {
      method: "POST",
      headers: headersFor("tools/call", { "mcp-name": "slow" }),
      body: JSON.stringify(request("tools/call", { name: "slow", _meta: meta({}, { progressToken: 1 }) })),
      signal: controller.signal,
    }).catch(() => undefined);
    await sleep(100);
    controller.abort();
    await pending;
    for (let i = 0; i < 50 && aborted === before; i++) await sleep(20);
    expect(aborted).to.equal(before + 1);
  });

  it("keeps a subscriptions/listen stream open: acknowledged first, then tagged, filtered notifications", async () => {
    const listen = request("subscriptions/listen", {
      notifications: { toolsListChanged: true, promptsListChanged: true },
    });
    const controller = new AbortController();
    const response = await fetch(http.endpointUrl, {
      method: "POST",
      headers: headersFor("subscriptions/listen"),
      body: JSON.stringify(listen),
      signal: controller.signal,
    });
    expect(response.headers.get("content-type")).to.match(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const frames: Record<string, any>[] = [];
    let buffer = "";
    const read = async (count: number) => {
      while (frames.length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += new TextDecoder().decode(value);
        const lines = buffer.split("\n");
        buffer = lines.pop()!;
        for (const line of lines) if (line.startsWith("data: ")) frames.push(JSON.parse(line.slice(6)));
      }
    };
    await read(1);
    expect(frames[0]).to.deep.include({ method: "notifications/subscriptions/acknowledged" });
    expect(frames[0]!.params.notifications).to.deep.equal({ toolsListChanged: true, promptsListChanged: true });
    expect(frames[0]!.params._meta[META.subscriptionId]).to.equal(listen.id);
    await post(request("tools/call", { name: "change" }), headersFor("tools/call", { "mcp-name": "change" }));
    await read(2);
    expect(frames[1]).to.deep.include({ method: "notifications/tools/list_changed" });
    expect(frames[1]!.params._meta[META.subscriptionId]).to.equal(listen.id);
    controller.abort();
  });

  it("serves stateful sessions on the same endpoint (both modes)", async () => {
    const init = await fetch(http.endpointUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "old", version: "1" } },
      }),
    });
    expect(init.status).to.equal(200);
    expect(init.headers.get("mcp-session-id")).to.be.a("string");
    await init.body?.cancel();
  });
});

describe("Streamable HTTP subscriptions: nothing kept after the stream, a graceful end on shutdown", () => {
  const headers = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2026-07-28",
    "mcp-method": "subscriptions/listen",
  };
  const body = (id: number) =>
    JSON.stringify({
      jsonrpc: "2.0",
      id,
      method: "subscriptions/listen",
      params: { _meta: meta(), notifications: { toolsListChanged: true } },
    });

  it("forgets the subscription and its session when the client closes the stream", async () => {
    const server = app();
    const http = await server.runHttp({ port: 0 });
    try {
      const controller = new AbortController();
      const response = await fetch(http.endpointUrl, {
        method: "POST",
        headers,
        body: body(1),
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      await reader.read();
      expect(server.server.sessions.size).to.equal(1);
      controller.abort();
      for (let i = 0; i < 50 && server.server.sessions.size > 0; i++) await sleep(20);
      expect(server.server.sessions.size).to.equal(0);
    } finally {
      await http.close();
    }
  });

  it("answers an open subscription before the server stops", async () => {
    const server = app();
    const http = await server.runHttp({ port: 0 });
    const response = await fetch(http.endpointUrl, { method: "POST", headers, body: body(4) });
    const text = response.text();
    await sleep(50);
    await http.close();
    const frames = (await text)
      .split("\n")
      .filter((l) => l.startsWith("data: "))
      .map((l) => JSON.parse(l.slice(6)) as Record<string, any>);
    expect(frames.map((f) => f.method ?? "response")).to.deep.equal([
      "notifications/subscriptions/acknowledged",
      "response",
    ]);
    expect(frames[1]).to.deep.include({ id: 4 });
    expect(frames[1]!.result._meta[META.subscriptionId]).to.equal(4);
  });
});

describe("Streamable HTTP without sessions, through the web-standard handler", () => {
  it("answers JSON with the mapped status, and SSE for a request with notifications", async () => {
    const { StreamableHttpServer } = await import("../../../src/transports/http/streamable-http-server.js");
    const server = app();
    const endpoint = new StreamableHttpServer((transport, options) => server.server.connect(transport, options), {
      logger: captureLogger(),
    });
    const headers = (method: string, name?: string) => ({
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2026-07-28",
      "mcp-method": method,
      ...(name ? { "mcp-name": name } : {}),
    });
    const unknown = await endpoint.handle(
      new Request("http://127.0.0.1/mcp", {
        method: "POST",
        headers: headers("nope/nope"),
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "nope/nope", params: { _meta: meta() } }),
      }),
    );
    expect(unknown.status).to.equal(404);
    expect(((await unknown.json()) as { error: { code: number } }).error.code).to.equal(ErrorCode.MethodNotFound);
    const streamed = await endpoint.handle(
      new Request("http://127.0.0.1/mcp", {
        method: "POST",
        headers: headers("tools/call", "progress"),
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 2,
          method: "tools/call",
          params: { name: "progress", _meta: meta({}, { progressToken: 9 }) },
        }),
      }),
    );
    expect(streamed.headers.get("content-type")).to.match(/^text\/event-stream/);
    const text = await streamed.text();
    expect(text.match(/notifications\/progress/g)).to.have.length(2);
    expect(text).to.contain('"id":2');
    await endpoint.close();
  });
});
