import { expect } from "chai";
import { ErrorCode } from "../../../src/protocol/errors.js";
import { Server } from "../../../src/server/server.js";
import { InMemoryEventStore } from "../../../src/transports/http/event-store.js";
import {
  StreamableHttpServer,
  type StreamableHttpServerOptions,
} from "../../../src/transports/http/streamable-http-server.js";
import { captureLogger } from "../../support/peers.js";

/**
 * Bad input to a Streamable HTTP session endpoint (2025-03-26 to 2025-11-25 basic/transports): each
 * refusal is an HTTP status with a JSON-RPC error body, and leaves every other request and session as
 * it was.
 */

const URL_ = "http://localhost:3000/mcp";
const ACCEPT = "application/json, text/event-stream";
const INIT = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
};

interface ErrorBody {
  id: unknown;
  error: { code: number; message: string; data?: Record<string, unknown> };
}

/** A server whose `block` tool waits until the test releases it. */
function endpoint(options: StreamableHttpServerOptions = {}) {
  const server = new Server({ name: "hardening", version: "1" }, { logger: captureLogger() });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  server.onCallTool(async (params, ctx) => {
    await ctx.session.sendLoggingMessage({ level: "info", data: "working" }, { relatedRequestId: ctx.requestId });
    if (params.name === "block") await released;
    return { content: [{ type: "text", text: `done ${params.name}` }] };
  });
  const http = new StreamableHttpServer((transport, init) => server.connect(transport, init), {
    logger: captureLogger(),
    ...options,
  });
  return { http, release };
}

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", accept: ACCEPT, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const get = (headers: Record<string, string>) =>
  new Request(URL_, { headers: { ...headers, accept: "text/event-stream" } });

async function initialized(http: StreamableHttpServer, protocolVersion = "2025-11-25") {
  const response = await http.handle(post({ ...INIT, params: { ...INIT.params, protocolVersion } }));
  const sessionId = response.headers.get("mcp-session-id")!;
  expect(sessionId, "a session was issued").to.be.a("string");
  await response.text();
  const headers = { "mcp-session-id": sessionId, "mcp-protocol-version": protocolVersion };
  const ready = await http.handle(post({ jsonrpc: "2.0", method: "notifications/initialized" }, headers));
  expect(ready.status).to.equal(202);
  return headers;
}

/** The JSON-RPC messages of an SSE body, read to its end. */
async function sseMessages(response: Response): Promise<Record<string, unknown>[]> {
  return (await response.text())
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line.length > 6)
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
}

/** Fails instead of hanging when `promise` does not settle within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} never came`)), ms)),
  );
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const call = (id: unknown, name: string) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name } });

describe("Streamable HTTP server: bad input leaves everything else untouched (basic/transports)", () => {
  describe("a request id already in flight", () => {
    for (const jsonResponse of [false, true])
      it(`is refused with 400 and -32600, and the first request still gets its result (${jsonResponse ? "JSON" : "SSE"})`, async () => {
        const { http, release } = endpoint({ jsonResponse, eventStore: null });
        const headers = await initialized(http);
        const first = http.handle(post(call(5, "block"), headers));
        if (!jsonResponse) await first;
        await new Promise((resolve) => setTimeout(resolve, 20));
        const second = await http.handle(post(call(5, "other"), headers));
        expect(second.status).to.equal(400);
        expect((await second.json()) as ErrorBody).to.deep.include({ id: 5 });
        release();
        const answer = await within(first, 2000, "the first answer");
        const messages = await within(
          jsonResponse ? answer.json().then((m) => [m as Record<string, unknown>]) : sseMessages(answer),
          2000,
          "the end of the first stream",
        );
        expect(messages.at(-1)).to.nested.include({ id: 5, "result.content[0].text": "done block" });
        await http.close();
      });
  });

  describe("a failed initialize creates no session", () => {
    for (const jsonResponse of [false, true])
      it(`invalid params: the -32602 carries no Mcp-Session-Id and nothing is kept (${jsonResponse ? "JSON" : "SSE"})`, async () => {
        const { http } = endpoint({ jsonResponse });
        const response = await http.handle(post({ ...INIT, params: { protocolVersion: "2025-11-25" } }));
        expect(response.headers.get("mcp-session-id")).to.equal(null);
        const [answer] = jsonResponse ? [(await response.json()) as ErrorBody] : await sseMessages(response);
        expect((answer as unknown as ErrorBody).error.code).to.equal(ErrorCode.InvalidParams);
        expect(http.sessionCount).to.equal(0);
        await http.close();
      });

    it("an initialize whose id is unusable is answered 400 and creates no session", async () => {
      const { http } = endpoint();
      const response = await http.handle(post({ ...INIT, id: { bad: true } }));
      expect(response.status).to.equal(400);
      expect(response.headers.get("mcp-session-id")).to.equal(null);
      expect(((await response.json()) as ErrorBody).error.code).to.equal(ErrorCode.InvalidRequest);
      expect(http.sessionCount).to.equal(0);
    });

    it("an initialize sent as a notification creates no session", async () => {
      const { http } = endpoint();
      const response = await http.handle(post({ jsonrpc: "2.0", method: "initialize", params: INIT.params }));
      expect(response.status).to.equal(400);
      expect(response.headers.get("mcp-session-id")).to.equal(null);
      expect(http.sessionCount).to.equal(0);
    });
  });

  describe("malformed JSON-RPC is answered 400 with the -32600 the session gives", () => {
    const cases: [string, Record<string, unknown>, unknown][] = [
      ["an object id", { jsonrpc: "2.0", id: { a: 1 }, method: "ping" }, null],
      ["a null id", { jsonrpc: "2.0", id: null, method: "ping" }, null],
      ["a boolean id", { jsonrpc: "2.0", id: true, method: "ping" }, null],
      ["a number method", { jsonrpc: "2.0", id: 3, method: 5 }, 3],
      ["no method, no result", { jsonrpc: "2.0", id: 4 }, 4],
      ["a number method without id", { jsonrpc: "2.0", method: 7 }, null],
      ["a fractional id", { jsonrpc: "2.0", id: 1.5, method: "ping" }, null],
      ["jsonrpc 1.0 (the id kept, as stdio keeps it)", { jsonrpc: "1.0", id: 6, method: "ping" }, 6],
      ["no jsonrpc", { id: "x", method: "ping" }, "x"],
    ];
    for (const [what, message, id] of cases)
      it(`${what}: 400, id ${JSON.stringify(id)}`, async () => {
        const { http } = endpoint();
        const headers = await initialized(http);
        const response = await http.handle(post(message, headers));
        expect(response.status).to.equal(400);
        const body = (await response.json()) as ErrorBody;
        expect(body.id).to.equal(id);
        expect(body.error.code).to.equal(ErrorCode.InvalidRequest);
        const ok = await http.handle(post({ jsonrpc: "2.0", id: 9, method: "ping" }, headers));
        expect(ok.status, "the session still serves").to.equal(200);
        await ok.body?.cancel();
        await http.close();
      });

    it("a 2025-03-26 batch of malformed messages only: 400 with one error each", async () => {
      const { http } = endpoint({ jsonResponse: true });
      const headers = await initialized(http, "2025-03-26");
      const batch = [
        { jsonrpc: "2.0", id: null, method: "ping" },
        { jsonrpc: "2.0", method: "notifications/roots/list_changed" },
        { jsonrpc: "2.0", id: 2, method: 5 },
      ];
      const response = await http.handle(post(batch, headers));
      expect(response.status).to.equal(400);
      const body = (await response.json()) as ErrorBody[];
      expect(body.map((e) => [e.id, e.error.code])).to.deep.equal([
        [null, ErrorCode.InvalidRequest],
        [2, ErrorCode.InvalidRequest],
      ]);
      await http.close();
    });
  });

  describe("headers", () => {
    it("an unknown MCP-Protocol-Version: 400 with -32022 naming the supported versions", async () => {
      const { http } = endpoint();
      const headers = await initialized(http);
      const response = await http.handle(
        post({ jsonrpc: "2.0", id: 2, method: "ping" }, { ...headers, "mcp-protocol-version": "1999-01-01" }),
      );
      expect(response.status).to.equal(400);
      const body = (await response.json()) as ErrorBody;
      expect(body.id).to.equal(2);
      expect(body.error.code).to.equal(ErrorCode.UnsupportedProtocolVersion);
      expect(body.error.message).to.not.include("Mcp-Method");
      expect(body.error.data).to.deep.include({ requested: "1999-01-01" });
      expect(body.error.data!.supported).to.include.members(["2025-11-25", "2026-07-28"]);
      await http.close();
    });

    it("initialize with the id of a live session: 400, -32600, and that session left alone", async () => {
      const { http } = endpoint({ jsonResponse: true });
      const headers = await initialized(http);
      const again = await http.handle(post({ ...INIT, id: 2 }, { "mcp-session-id": headers["mcp-session-id"] }));
      expect(again.status).to.equal(400);
      expect(again.headers.get("mcp-session-id")).to.equal(null);
      const body = (await again.json()) as ErrorBody;
      expect(body.error.code).to.equal(ErrorCode.InvalidRequest);
      expect(body.error.message).to.match(/already initialized/i);
      expect(http.sessionCount).to.equal(1);
      const ok = await http.handle(post({ jsonrpc: "2.0", id: 3, method: "ping" }, headers));
      expect(await ok.json()).to.deep.include({ id: 3, result: {} });
      await http.close();
    });

    const refused: [string, Request, number, number][] = [
      ["an empty body", post(""), 400, ErrorCode.ParseError],
      ["no Content-Type", new Request(URL_, { method: "POST", headers: { accept: ACCEPT }, body: "{}" }), 415, -32600],
      ["a batch carrying initialize", post([INIT, { jsonrpc: "2.0", id: 2, method: "ping" }]), 400, -32600],
      ["a bare JSON string", post('"initialize"'), 400, -32600],
    ];
    for (const [what, request, status, code] of refused)
      it(`${what}: ${status} with ${code}, and no session`, async () => {
        const { http } = endpoint();
        const response = await http.handle(request);
        expect(response.status).to.equal(status);
        expect(response.headers.get("mcp-session-id")).to.equal(null);
        expect(((await response.json()) as ErrorBody).error.code).to.equal(code);
        expect(http.sessionCount).to.equal(0);
      });
  });

  describe("every table bounded", () => {
    it("maxSessions: initialize beyond it is refused 503 with -32000, until a session ends", async () => {
      const { http } = endpoint({ maxSessions: 2, jsonResponse: true });
      const first = await initialized(http);
      await initialized(http);
      const refusedInit = await http.handle(post(INIT));
      expect(refusedInit.status).to.equal(503);
      expect(refusedInit.headers.get("mcp-session-id")).to.equal(null);
      expect(((await refusedInit.json()) as ErrorBody).error.code).to.equal(-32000);
      expect(http.sessionCount).to.equal(2);
      await http.handle(new Request(URL_, { method: "DELETE", headers: first }));
      await initialized(http);
      expect(http.sessionCount).to.equal(2);
      await http.close();
    });

    it("streams abandoned by their client are kept up to maxAbandonedStreams, the oldest dropped first", async () => {
      const store = new InMemoryEventStore();
      const { http, release } = endpoint({ eventStore: store, maxAbandonedStreams: 2 });
      const headers = await initialized(http);
      const lastIds: string[] = [];
      for (let id = 10; id < 14; id++) {
        const response = await http.handle(post(call(id, "block"), headers));
        const reader = response.body!.getReader();
        let text = "";
        while (!/data: \{/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
        lastIds.push([...text.matchAll(/id: (\S+)/g)].at(-1)![1]!);
        await reader.cancel();
      }
      expect(store.size).to.equal(2);
      const oldest = await http.handle(get({ ...headers, "last-event-id": lastIds[0]! }));
      expect(oldest.status).to.equal(404);
      const newest = await http.handle(get({ ...headers, "last-event-id": lastIds[3]! }));
      expect(newest.status).to.equal(200);
      release();
      expect((await sseMessages(newest)).at(-1)).to.deep.include({ id: 13 });
      await http.close();
    });

    it("a standalone GET stream replaced by a new one is forgotten, not kept for a resume", async () => {
      const store = new InMemoryEventStore();
      const { http } = endpoint({ eventStore: store });
      const headers = await initialized(http);
      for (let i = 0; i < 5; i++) {
        const stream = await http.handle(get(headers));
        expect(stream.status).to.equal(200);
        const reader = stream.body!.getReader();
        await reader.read();
        await reader.cancel();
      }
      expect(store.size).to.be.at.most(1);
      await http.close();
    });

    it("the in-memory event store keeps a bounded number of events per stream, and of streams", () => {
      const store = new InMemoryEventStore({ maxEventsPerStream: 3, maxStreams: 2 });
      for (let i = 0; i < 10; i++) store.storeEvent("a", { n: i });
      const replayed: unknown[] = [];
      expect(store.replayEventsAfter("a:0", (_id, message) => replayed.push(message))).to.equal("a");
      expect(replayed).to.deep.equal([{ n: 7 }, { n: 8 }, { n: 9 }]);
      store.storeEvent("b", {});
      store.storeEvent("c", {});
      expect(store.size).to.equal(2);
      expect(store.replayEventsAfter("a:0", () => {})).to.equal(undefined);
    });
  });
});
