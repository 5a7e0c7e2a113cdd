import { expect } from "chai";
import { request as httpRequest } from "node:http";
import { Server } from "../../../src/server/server.js";
import { InMemoryEventStore } from "../../../src/transports/http/event-store.js";
import { listen, toNodeListener, type HttpListener } from "../../../src/transports/http/node-server.js";
import {
  StreamableHttpServer,
  type StreamableHttpServerOptions,
} from "../../../src/transports/http/streamable-http-server.js";
import { captureLogger, sleep } from "../../support/peers.js";

const URL_ = "http://localhost:3000/mcp";
const ACCEPT = "application/json, text/event-stream";
const INIT = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
};

/** Which path the tests drive: the web-standard handler in process, or the direct node:http path over a socket. */
let via: "web" | "node" = "web";
const listeners: HttpListener[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

/** `handle(Request)` on the path under test; on the node path the request travels over a real socket. */
function drive(http: StreamableHttpServer) {
  let listener: Promise<HttpListener> | undefined;
  return {
    raw: http,
    get sessionCount() {
      return http.sessionCount;
    },
    close: () => http.close(),
    async handle(request: Request): Promise<Response> {
      if (via === "web") return http.handle(request);
      listener ??= listen((req, res) => void http.handleNode(req, res), { port: 0 }).then(
        (l) => (listeners.push(l), l),
      );
      const { url } = await listener;
      return fetch(`${url}/mcp`, {
        method: request.method,
        headers: request.headers,
        ...(request.body ? { body: request.body, duplex: "half" } : {}),
      } as RequestInit);
    },
  };
}

/** A low-level server behind a Streamable HTTP endpoint. */
function endpoint(options: StreamableHttpServerOptions = {}) {
  const server = new Server({ name: "http-test", version: "1" }, { logger: captureLogger() });
  server.onListTools(() => ({ tools: [{ name: "t", inputSchema: { type: "object" } }] }));
  server.onCallTool(async (params, ctx) => {
    const delay = (params.arguments as { delay?: number } | undefined)?.delay;
    if (delay) await sleep(delay);
    await ctx.session.sendLoggingMessage({ level: "info", data: "working" }, { relatedRequestId: ctx.requestId });
    return { content: [{ type: "text", text: "done" }] };
  });
  const http = new StreamableHttpServer((transport, init) => server.connect(transport, init), {
    logger: captureLogger(),
    ...options,
  });
  return { server, http: drive(http) };
}

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", accept: ACCEPT, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Reads an SSE body until `count` data events arrived, and parses them. */
async function events(response: Response, count: number): Promise<Record<string, unknown>[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const out: Record<string, unknown>[] = [];
  while (out.length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const data = text
        .slice(0, end)
        .split("\n")
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("");
      text = text.slice(end + 2);
      if (data) out.push(JSON.parse(data) as Record<string, unknown>);
    }
  }
  await reader.cancel();
  return out;
}

async function initialized(options: StreamableHttpServerOptions = {}) {
  const { http, server } = endpoint({ jsonResponse: true, ...options });
  const response = await http.handle(post(INIT));
  const sessionId = response.headers.get("mcp-session-id")!;
  await response.text();
  const headers = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" };
  expect((await http.handle(post({ jsonrpc: "2.0", method: "notifications/initialized" }, headers))).status).to.equal(
    202,
  );
  return { http, server, sessionId, headers };
}

const errorBody = async (response: Response) =>
  ((await response.json()) as { error: { code: number; message: string } }).error;

for (const path of ["web", "node"] as const)
  describe(`Streamable HTTP server (basic/transports), ${path === "web" ? "web-standard handler" : "direct node:http path"}`, () => {
    before(() => (via = path));
    after(() => (via = "web"));
    describe("sessions", () => {
      it("issues a visible-ASCII Mcp-Session-Id at initialize and serves the session with it", async () => {
        const { http, headers, sessionId } = await initialized();
        expect(sessionId).to.match(/^[\x21-\x7e]+$/);
        const list = await http.handle(post({ jsonrpc: "2.0", id: 2, method: "tools/list" }, headers));
        expect(list.headers.get("content-type")).to.equal("application/json");
        expect(await list.json()).to.nested.include({ "result.tools[0].name": "t" });
        await http.close();
      });

      it("a missing session id is 400, an unknown one 404, and DELETE ends the session (then 404)", async () => {
        const { http, headers } = await initialized();
        expect((await http.handle(post({ jsonrpc: "2.0", id: 2, method: "ping" }))).status).to.equal(400);
        const unknown = { ...headers, "mcp-session-id": "no-such-session" };
        expect((await http.handle(post({ jsonrpc: "2.0", id: 2, method: "ping" }, unknown))).status).to.equal(404);
        expect(http.sessionCount).to.equal(1);
        const deleted = await http.handle(new Request(URL_, { method: "DELETE", headers }));
        expect(deleted.status).to.equal(200);
        expect(http.sessionCount).to.equal(0);
        expect((await http.handle(post({ jsonrpc: "2.0", id: 3, method: "ping" }, headers))).status).to.equal(404);
      });

      it("an idle session expires (404 afterwards) and the count returns to zero", async () => {
        const { http, headers } = await initialized({ sessionIdleTimeout: 30 });
        await sleep(80);
        expect(http.sessionCount).to.equal(0);
        expect((await http.handle(post({ jsonrpc: "2.0", id: 2, method: "ping" }, headers))).status).to.equal(404);
      });
    });

    describe("bad requests get the status the spec names", () => {
      it("a wrong HTTP method: 405 with Allow", async () => {
        const { http } = endpoint();
        const response = await http.handle(new Request(URL_, { method: "PUT", body: "{}" }));
        expect(response.status).to.equal(405);
        expect(response.headers.get("allow")).to.equal("GET, POST, DELETE");
      });

      it("a wrong or missing Content-Type: 415", async () => {
        const { http } = endpoint();
        expect((await http.handle(post(INIT, { "content-type": "text/plain" }))).status).to.equal(415);
      });

      it("an Accept without both JSON and SSE: 406 (POST) and without SSE: 406 (GET)", async () => {
        const { http, headers } = await initialized();
        expect((await http.handle(post(INIT, { accept: "application/json" }))).status).to.equal(406);
        expect(
          (await http.handle(new Request(URL_, { headers: { ...headers, accept: "application/json" } }))).status,
        ).to.equal(406);
        await http.close();
      });

      it("invalid JSON: 400 with ParseError; a body that is no JSON-RPC message: 400", async () => {
        const { http } = endpoint();
        const response = await http.handle(post('{"jsonrpc": "2.0", '));
        expect(response.status).to.equal(400);
        expect((await errorBody(response)).code).to.equal(-32700);
        expect((await http.handle(post("42"))).status).to.equal(400);
        expect((await http.handle(post("[]"))).status).to.equal(400);
      });

      it("an oversized body: 413, by Content-Length or as it streams in", async () => {
        const { http } = endpoint({ maxBodyBytes: 1000 });
        expect((await http.handle(post({ ...INIT, pad: "x".repeat(2000) }))).status).to.equal(413);
        const chunks = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode("x".repeat(400)));
            controller.close();
          },
        });
        const streamed = new Request(URL_, {
          method: "POST",
          headers: { "content-type": "application/json", accept: ACCEPT },
          body: chunks,
          duplex: "half",
        } as RequestInit);
        expect((await http.handle(streamed)).status).to.equal(413);
      });

      it("a batch where the revision forbids batches: 400", async () => {
        const { http, headers } = await initialized();
        const response = await http.handle(post([{ jsonrpc: "2.0", id: 2, method: "ping" }], headers));
        expect(response.status).to.equal(400);
        expect((await errorBody(response)).message).to.include("batches");
        await http.close();
      });

      it("an unsupported or mismatched MCP-Protocol-Version: 400", async () => {
        const { http, headers } = await initialized();
        const bad = { ...headers, "mcp-protocol-version": "1999-01-01" };
        expect((await http.handle(post({ jsonrpc: "2.0", id: 2, method: "ping" }, bad))).status).to.equal(400);
        const other = { ...headers, "mcp-protocol-version": "2025-06-18" };
        expect((await http.handle(post({ jsonrpc: "2.0", id: 2, method: "ping" }, other))).status).to.equal(400);
        await http.close();
      });

      it("a Host or Origin off the allow-list: 403 (dns-rebinding-protection)", async () => {
        const { http } = endpoint({ security: { dnsRebindingProtection: true } });
        const evil = await http.handle(post(INIT, { host: "evil.example.com", origin: "http://evil.example.com" }));
        expect(evil.status).to.equal(403);
        const good = await http.handle(post(INIT, { host: "localhost:3000", origin: "http://localhost:3000" }));
        expect(good.status).to.equal(200);
        await http.close();
      });
    });

    describe("answers", () => {
      it("answers a request as an SSE stream carrying related notifications before the response", async () => {
        const { http, headers } = await initialized({ jsonResponse: false, eventStore: null });
        const response = await http.handle(
          post({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "t" } }, headers),
        );
        expect(response.headers.get("content-type")).to.equal("text/event-stream");
        const [log, result] = await events(response, 2);
        expect(log).to.include({ method: "notifications/message" });
        expect(result).to.nested.include({ id: 7, "result.content[0].text": "done" });
        await http.close();
      });

      it("notifications alone are accepted with 202 and no body", async () => {
        const { http, headers } = await initialized();
        const response = await http.handle(
          post({ jsonrpc: "2.0", method: "notifications/roots/list_changed" }, headers),
        );
        expect(response.status).to.equal(202);
        expect(await response.text()).to.equal("");
        await http.close();
      });

      it("opens one standalone GET stream per session (a second is 409) carrying unrelated server messages", async () => {
        const { http, headers, server } = await initialized({ eventStore: null });
        const stream = await http.handle(new Request(URL_, { headers: { ...headers, accept: "text/event-stream" } }));
        expect(stream.status).to.equal(200);
        const second = await http.handle(new Request(URL_, { headers: { ...headers, accept: "text/event-stream" } }));
        expect(second.status).to.equal(409);
        await server.broadcast("notifications/tools/list_changed");
        const [changed] = await events(stream, 1);
        expect(changed).to.include({ method: "notifications/tools/list_changed" });
        await http.close();
      });

      it("resumes a stream after Last-Event-ID, replaying what the client missed", async () => {
        const store = new InMemoryEventStore();
        const { http, headers } = await initialized({ jsonResponse: false, eventStore: store });
        const response = await http.handle(
          post(
            { jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: "t", arguments: { delay: 100 } } },
            headers,
          ),
        );
        const reader = response.body!.getReader();
        const first = new TextDecoder().decode((await reader.read()).value);
        const lastEventId = /id: (\S+)/.exec(first)![1]!;
        await reader.cancel();
        const resumed = await http.handle(
          new Request(URL_, { headers: { ...headers, accept: "text/event-stream", "last-event-id": lastEventId } }),
        );
        expect(resumed.status).to.equal(200);
        const replayed = await events(resumed, 2);
        expect(replayed.map((m) => m.id ?? m.method)).to.include(9);
        await http.close();
        expect(store.size).to.equal(0);
      });

      it("serves without sessions when stateless: no session id, GET and DELETE refused", async () => {
        const { http } = endpoint({ stateless: true, jsonResponse: true });
        const init = await http.handle(post(INIT));
        expect(init.headers.get("mcp-session-id")).to.equal(null);
        const list = await http.handle(
          post({ jsonrpc: "2.0", id: 2, method: "tools/list" }, { "mcp-protocol-version": "2025-11-25" }),
        );
        expect(await list.json()).to.nested.include({ "result.tools[0].name": "t" });
        expect((await http.handle(new Request(URL_, { headers: { accept: "text/event-stream" } }))).status).to.equal(
          405,
        );
        expect(http.sessionCount).to.equal(0);
      });
    });
  });

for (const adapter of ["direct", "web adapter"] as const)
  describe(`Streamable HTTP server over node:http (${adapter})`, () => {
    describe("over node:http", () => {
      it("a body that trickles in too slowly gets 408, and a client that disconnects mid-stream leaks nothing", async function () {
        this.timeout(10_000);
        const { http } = endpoint({ bodyTimeout: 100 });
        const listener = await listen(
          toNodeListener((r) => http.handle(r)),
          { port: 0 },
        );
        const status = await new Promise<number>((resolve, reject) => {
          const req = httpRequest(`${listener.url}/mcp`, {
            method: "POST",
            headers: { "content-type": "application/json", accept: ACCEPT },
          });
          req.on("response", (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          });
          req.on("error", reject);
          req.write('{"jsonrpc":');
        });
        expect(status).to.equal(408);
        const init = await fetch(`${listener.url}/mcp`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: ACCEPT },
          body: JSON.stringify(INIT),
        });
        const sessionId = init.headers.get("mcp-session-id")!;
        await init.body?.cancel();
        const controller = new AbortController();
        const get = await fetch(`${listener.url}/mcp`, {
          headers: { accept: "text/event-stream", "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" },
          signal: controller.signal,
        });
        expect(get.status).to.equal(200);
        controller.abort();
        await sleep(50);
        const again = await fetch(`${listener.url}/mcp`, {
          headers: { accept: "text/event-stream", "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" },
        });
        expect(again.status, "the dropped stream was released").to.equal(200);
        await again.body?.cancel();
        await http.close();
        expect(http.sessionCount).to.equal(0);
        await listener.close();
      });
    });
  });
