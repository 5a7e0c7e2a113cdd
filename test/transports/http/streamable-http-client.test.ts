import { expect } from "chai";
import nodeFetch from "node-fetch";
import { ClientSession } from "../../../src/client/client-session.js";
import { ConnectionClosedError, McpError } from "../../../src/protocol/errors.js";
import type { Progress } from "../../../src/protocol/outbound.js";
import {
  SessionExpiredError,
  streamableHttpClient,
  type StreamableHttpClientOptions,
} from "../../../src/transports/http/streamable-http-client.js";
import { startLegacySseServer, startStreamableServer } from "../../fixtures/http-clients/official-servers.js";
import { cleanupHooks, recordingFetch, text, type Exchange } from "../../fixtures/http-clients/helpers.js";
import { startResumableServer } from "../../fixtures/http-clients/resumable-server.js";
import { Inbox } from "../../interop/helpers.js";
import { captureLogger } from "../../support/peers.js";
import { recorder, rejection, sleep } from "../helpers.js";

describe("transports/streamable-http-client", function () {
  const defer = cleanupHooks();

  /** A ClientSession over streamableHttpClient, closed (before its server) after the test. */
  function connect(url: string, options: StreamableHttpClientOptions = {}) {
    const logger = captureLogger();
    const transport = streamableHttpClient(url, { logger, ...options });
    // Pinned to the handshake: these are the stateful revisions' transport; mode fallback is in streamable-http-stateless.test.ts.
    const session = new ClientSession(transport, {
      logger,
      clientInfo: { name: "http-test", version: "0.0.1" },
      protocolVersion: "2025-11-25",
    });
    defer(() => session.close());
    return { transport, session, logger };
  }

  async function official(options: Parameters<typeof startStreamableServer>[0] = {}) {
    const server = await startStreamableServer(options);
    defer(() => server.close());
    return server;
  }

  describe("against the official server, stateful, answers on event streams", () => {
    it("session management: the Mcp-Session-Id from initialize and MCP-Protocol-Version go on every later request", async () => {
      const server = await official();
      const { transport, session } = connect(server.url);
      const answer = await session.initialize();
      expect(answer.protocolVersion).to.equal("2025-11-25");
      const sessionId = transport.sessionId!;
      expect(sessionId).to.be.a("string").with.length.greaterThan(0);
      expect(transport.protocolVersion).to.equal("2025-11-25");
      await server.standaloneOpen(sessionId);
      await session.listTools();
      const [init, ...later] = server.seen;
      expect(init).to.include({ method: "POST", rpc: "initialize", sessionId: undefined, protocolVersion: undefined });
      expect(init!.accept).to.equal("application/json, text/event-stream");
      expect(later.map((r) => [r.method, r.rpc])).to.deep.include.members([
        ["POST", "notifications/initialized"],
        ["GET", undefined],
        ["POST", "tools/list"],
      ]);
      for (const request of later) expect(request).to.include({ sessionId, protocolVersion: "2025-11-25" });
      expect(later.find((r) => r.method === "GET")!.accept).to.equal("text/event-stream");
    });

    it("sending messages: tools/call is answered on the POST's event stream, with progress on the same stream", async () => {
      const server = await official();
      const exchanges: Exchange[] = [];
      const { session } = connect(server.url, { fetch: recordingFetch(exchanges) });
      await session.initialize();
      const { tools } = await session.listTools();
      expect(tools.map((t) => t.name)).to.have.members(["echo", "count", "slow", "poll"]);
      const reports: Progress[] = [];
      const result = await session.callTool("count", { steps: 3 }, { onprogress: (p) => reports.push(p) });
      expect(text(result)).to.equal("counted 3");
      expect(reports.map((p) => [p.progress, p.total])).to.deep.equal([
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
      const posts = exchanges.filter((e) => e.method === "POST");
      expect(posts.map((e) => e.type)).to.include("text/event-stream");
      expect(
        posts.map((e) => e.status),
        "the initialized notification is accepted with 202",
      ).to.include(202);
    });

    it("listening: a notification the server starts arrives on the standalone GET stream", async () => {
      const server = await official();
      const { transport, session } = connect(server.url);
      const changed = new Promise<void>((resolve) => session.onToolListChanged(() => resolve()));
      await session.initialize();
      await server.standaloneOpen(transport.sessionId!);
      server.sessions.get(transport.sessionId!)!.server.sendToolListChanged();
      await changed;
    });

    it("a session continued by id: the standalone stream opens at start, with the version set by hand and the given headers", async () => {
      const server = await official();
      // The official server allows one standalone stream per session: the first client opens none.
      const first = connect(server.url, { openStandaloneStream: false });
      await first.session.initialize();
      const sessionId = first.transport.sessionId!;
      const mark = server.seen.length;
      let calls = 0;
      const transport = streamableHttpClient(server.url, {
        sessionId,
        headers: () => ({ Authorization: `Bearer ${++calls}`, "Mcp-Session-Id": "not this one" }),
      });
      transport.setProtocolVersion("2025-06-18");
      const seen = recorder();
      transport.start(seen.events);
      await server.standaloneOpen(sessionId);
      await transport.send({ jsonrpc: "2.0", id: 99, method: "tools/list" });
      await seen.messageCount(1);
      expect(seen.messages[0]).to.deep.include({ id: 99 });
      await transport.close();
      expect(seen.closes).to.deep.equal([undefined]);
      const requests = server.seen.slice(mark);
      expect(requests.map((r) => r.method)).to.deep.equal(["GET", "POST", "DELETE"]);
      for (const request of requests) expect(request).to.include({ sessionId, protocolVersion: "2025-06-18" });
      expect(requests.map((r) => r.authorization)).to.deep.equal(["Bearer 1", "Bearer 2", "Bearer 3"]);
    });

    it("close() aborts the streams and ends the session with DELETE; close fires once, without error", async () => {
      const server = await official();
      const { transport, session } = connect(server.url);
      const closes: (Error | undefined)[] = [];
      session.onClose((error) => closes.push(error));
      await session.initialize();
      const sessionId = transport.sessionId!;
      await server.standaloneOpen(sessionId);
      await session.close();
      await transport.close();
      expect(closes).to.deep.equal([undefined]);
      expect(server.seen.at(-1)).to.include({ method: "DELETE", sessionId });
      const after = await rejection(transport.send({ jsonrpc: "2.0", method: "notifications/initialized" }));
      expect(after).to.be.instanceOf(ConnectionClosedError);
    });
  });

  describe("against the official server answering with JSON (enableJsonResponse)", () => {
    it("initialize, tools/list and tools/call are answered with application/json bodies", async () => {
      const server = await official({ json: true });
      const exchanges: Exchange[] = [];
      const { transport, session } = connect(server.url, { fetch: recordingFetch(exchanges) });
      await session.initialize();
      expect(transport.sessionId).to.be.a("string");
      const { tools } = await session.listTools();
      expect(tools).to.have.length(4);
      expect(text(await session.callTool("echo", { text: "hi" }))).to.equal("echo: hi");
      const answers = exchanges.filter((e) => e.method === "POST" && e.status === 200);
      expect(answers).to.have.length(3);
      expect(answers.every((e) => e.type === "application/json")).to.equal(true);
      const later = server.seen.filter((r) => r.rpc !== "initialize");
      for (const request of later) expect(request.protocolVersion).to.equal("2025-11-25");
    });
  });

  describe("against the official server, stateless (no session id)", () => {
    for (const json of [false, true]) {
      it(`works without Mcp-Session-Id, and a GET answered 405 means no standalone stream (${json ? "JSON" : "SSE"})`, async () => {
        const server = await official({ stateless: true, json });
        const { transport, session, logger } = connect(server.url);
        await session.initialize();
        expect(transport.sessionId).to.equal(undefined);
        expect(text(await session.callTool("echo", { text: "x" }))).to.equal("echo: x");
        const reports: Progress[] = [];
        await session.callTool("count", { steps: 2 }, { onprogress: (p) => reports.push(p) });
        if (!json) expect(reports).to.have.length(2);
        await session.close();
        expect(server.seen.every((r) => r.sessionId === undefined)).to.equal(true);
        expect(server.seen.filter((r) => r.method === "GET")).to.have.length(1);
        expect(
          server.seen.some((r) => r.method === "DELETE"),
          "no session, no DELETE",
        ).to.equal(false);
        expect(logger.lines.filter((l) => l.startsWith("warn"))).to.deep.equal([]);
      });
    }
  });

  describe("failures", () => {
    it("session management: a 404 to a request carrying the session id closes with the session-expired error; pending calls reject", async () => {
      const server = await official();
      const { transport, session } = connect(server.url);
      let closedWith: Error | undefined;
      session.onClose((error) => (closedWith = error));
      await session.initialize();
      const sessionId = transport.sessionId!;
      const slow = rejection(session.callTool("slow", { ms: 2000 }) as Promise<never>);
      await new Promise((resolve) => setTimeout(resolve, 50));
      server.expire(sessionId);
      const error = await rejection(session.callTool("echo", { text: "late" }) as Promise<never>);
      expect(error).to.be.instanceOf(ConnectionClosedError);
      expect((error as Error).cause).to.be.instanceOf(SessionExpiredError);
      expect(((error as Error).cause as Error).message).to.equal(`the MCP session ${sessionId} has expired (HTTP 404)`);
      expect(closedWith).to.be.instanceOf(SessionExpiredError);
      const slowError = (await slow) as Error;
      expect(slowError).to.be.instanceOf(ConnectionClosedError);
      expect(slowError.cause).to.equal(closedWith);
      expect(session.isOpen).to.equal(false);
    });

    it("an HTTP 500 with an HTML body rejects that call with the status in the message; the session goes on", async () => {
      const server = await official();
      const { session, logger } = connect(server.url);
      await session.initialize();
      server.failNext("tools/call", 500, "text/html", "<html><body><h1>Oops</h1> upstream crashed</body></html>");
      const error = await rejection(session.callTool("echo", { text: "boom" }) as Promise<never>);
      expect(error).to.be.instanceOf(McpError);
      expect((error as McpError).code).to.equal(-32603);
      expect((error as McpError).message).to.match(/^HTTP 500 Internal Server Error: <html>.*upstream crashed/);
      expect((error as McpError).data).to.deep.equal({ status: 500 });
      expect(logger.lines.some((l) => l.includes("refused a POST"))).to.equal(true);
      expect(text(await session.callTool("echo", { text: "again" }))).to.equal("echo: again");
    });

    it("an HTTP error whose body is a JSON-RPC error rejects the call with the server's error", async () => {
      const server = await official();
      const { session } = connect(server.url);
      await session.initialize();
      const body = JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32600, message: "too big" } });
      server.failNext("tools/list", 413, "application/json", body);
      const error = (await rejection(session.listTools() as Promise<never>)) as McpError;
      expect([error.code, error.message]).to.deep.equal([-32600, "too big"]);
    });

    it("a request answered 2xx with neither JSON nor an event stream rejects instead of waiting", async () => {
      const server = await official();
      const { session } = connect(server.url);
      await session.initialize();
      server.failNext("tools/list", 200, "text/plain", "hello");
      const error = (await rejection(session.listTools() as Promise<never>)) as McpError;
      expect(error.message).to.equal("the server answered HTTP 200 text/plain, no response");
    });

    it("a notification the server refuses rejects its send", async () => {
      const server = await official();
      const { session } = connect(server.url);
      await session.initialize();
      server.failNext("notifications/roots/list_changed", 400, "text/plain", "no thanks");
      const error = (await rejection(session.sendRootsListChanged())) as McpError;
      expect(error.message).to.equal("HTTP 400 Bad Request: no thanks");
    });
  });

  describe("resumability and redelivery (a hand-written server that cuts its streams)", () => {
    async function resumable(options: Parameters<typeof startResumableServer>[0] = {}) {
      const server = await startResumableServer(options);
      defer(() => server.close());
      // A large initial delay: a resumption that came sooner honoured the server's retry: 50.
      return { server, ...connect(server.url, { reconnection: { initialDelay: 5000 } }) };
    }

    it("a stream cut before its response is resumed by GET with Last-Event-ID, after the server's retry delay", async () => {
      const { server, session } = await resumable();
      await session.initialize();
      const reports: Progress[] = [];
      const started = Date.now();
      const result = await session.callTool("anything", {}, { onprogress: (p) => reports.push(p) });
      expect(text(result)).to.equal("resumed");
      expect(Date.now() - started).to.be.below(2000);
      expect(reports.map((p) => p.progress)).to.deep.equal([1]);
      const post = server.seen.find((r) => r.rpc === "tools/call")!;
      const gets = server.seen.filter((r) => r.method === "GET" && r.lastEventId !== undefined);
      expect(gets.map((r) => r.lastEventId)).to.deep.equal(["ev-2"]);
      expect(gets[0]!.sessionId).to.equal("resumable-session");
      expect(gets[0]!.at - post.at).to.be.at.least(50);
    });

    it("a resumed stream cut again is resumed again from the newest event id", async () => {
      const { server, session } = await resumable({ drops: 2 });
      await session.initialize();
      const reports: Progress[] = [];
      const result = await session.callTool("anything", {}, { onprogress: (p) => reports.push(p) });
      expect(text(result)).to.equal("resumed");
      expect(reports.map((p) => p.progress)).to.deep.equal([1, 2, 2]);
      const resumes = server.seen.filter((r) => r.method === "GET" && r.lastEventId !== undefined);
      expect(resumes.map((r) => r.lastEventId)).to.deep.equal(["ev-2", "ev-3", "ev-4"]);
    });

    it("a call cancelled while its stream is cut is not resumed", async () => {
      const { server, session } = await resumable();
      await session.initialize();
      const abort = new AbortController();
      const call = session.callTool("anything", {}, { signal: abort.signal, onprogress: () => abort.abort("enough") });
      expect(await rejection(call as Promise<never>)).to.equal("enough");
      await sleep(200);
      expect(server.seen.map((r) => r.rpc ?? r.method)).to.have.members([
        "initialize",
        "notifications/initialized",
        "GET",
        "tools/call",
        "notifications/cancelled",
      ]);
      expect(server.seen.filter((r) => r.lastEventId !== undefined)).to.deep.equal([]);
    });

    it("a stream cut with no event id to resume from rejects the call instead of leaving it waiting", async () => {
      const { session } = await resumable({ noIds: true });
      await session.initialize();
      const error = (await rejection(session.callTool("anything", {}) as Promise<never>)) as McpError;
      expect(error).to.be.instanceOf(McpError);
      expect(error.message).to.match(/ended the response stream before answering/);
    });
  });

  describe("resumability against the official server with an event store (SSE polling)", () => {
    it("a tool that closes its request's stream mid-way: the client polls with Last-Event-ID and gets the rest", async () => {
      const server = await official({ resumable: true });
      const { transport, session } = connect(server.url, { reconnection: { initialDelay: 5000 } });
      await session.initialize();
      const reports: Progress[] = [];
      const started = Date.now();
      const result = await session.callTool("poll", {}, { onprogress: (p) => reports.push(p) });
      expect(text(result)).to.equal("polled");
      expect(Date.now() - started, "the server's retry: 50 was honoured").to.be.below(2000);
      expect(reports.map((p) => p.progress)).to.deep.equal([1, 2]);
      const resumes = server.seen.filter((r) => r.method === "GET" && r.lastEventId !== undefined);
      expect(resumes).to.have.length(1);
      expect(resumes[0]).to.include({ sessionId: transport.sessionId, protocolVersion: "2025-11-25" });
    });

    it("listening: the standalone stream, closed by the server, is reopened with Last-Event-ID and missed messages are replayed", async () => {
      const server = await official({ resumable: true });
      const { transport, session } = connect(server.url, { reconnection: { initialDelay: 50 } });
      const changes = new Inbox<unknown>();
      session.onToolListChanged(changes.push);
      const changed = (count: number) => changes.waitFor(() => true, { from: count - 1 });
      await session.initialize();
      const sessionId = transport.sessionId!;
      await server.standaloneOpen(sessionId);
      const mcp = server.sessions.get(sessionId)!.server;
      mcp.sendToolListChanged();
      await changed(1);
      server.closeStandalone(sessionId);
      // Sent while no stream is open: kept by the event store for the reconnection to replay.
      mcp.sendToolListChanged();
      await changed(2);
      const gets = server.seen.filter((r) => r.method === "GET");
      expect(gets).to.have.length(2);
      expect(gets[0]!.lastEventId).to.equal(undefined);
      expect(gets[1]!.lastEventId, "the id of the first list_changed").to.match(/^event-\d+$/);
    });
  });

  describe("backwards compatibility with the 2024-11-05 HTTP+SSE transport", () => {
    it("falls back when the initialize POST is answered 405, and the session works unchanged", async () => {
      const server = await startLegacySseServer();
      defer(() => server.close());
      const { transport, session } = connect(server.url);
      await session.initialize();
      expect(transport.usingSse).to.equal(true);
      expect(transport.protocolVersion).to.equal("2025-11-25");
      expect(text(await session.callTool("echo", { text: "old" }))).to.equal("echo: old");
      const reports: Progress[] = [];
      await session.callTool("count", { steps: 2 }, { onprogress: (p) => reports.push(p) });
      expect(reports).to.have.length(2);
      expect(server.seen.slice(0, 3).map((r) => [r.method, r.path, r.rpc])).to.deep.equal([
        ["POST", "/sse", "initialize"],
        ["GET", "/sse", undefined],
        ["POST", "/messages", "initialize"],
      ]);
      await session.close();
      for (let i = 0; i < 100 && server.open() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(server.open(), "the event stream is closed").to.equal(0);
    });

    it("a server that refuses the initialize POST and is no HTTP+SSE server either: initialize rejects with its refusal", async () => {
      const server = await official();
      const body = JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32600, message: "unsupported" } });
      server.failNext("initialize", 400, "application/json", body);
      const { transport, session } = connect(server.url);
      const error = (await rejection(session.initialize() as Promise<never>)) as McpError;
      expect(error.code).to.equal(-32600);
      expect(error.message).to.equal(
        `unsupported (nor is it an HTTP+SSE server: could not open the SSE stream at ${server.url}: HTTP 400)`,
      );
      expect(transport.usingSse).to.equal(false);
      expect(server.seen.map((r) => r.method)).to.deep.equal(["POST", "GET"]);
    });

    it("with fallbackToSse: false, initialize rejects with the HTTP status", async () => {
      const server = await startLegacySseServer();
      defer(() => server.close());
      const { session } = connect(server.url, { fallbackToSse: false });
      const error = (await rejection(session.initialize() as Promise<never>)) as McpError;
      expect(error.message).to.match(/^HTTP 405 Method Not Allowed/);
      expect(server.seen.map((r) => r.method)).to.deep.equal(["POST"]);
    });
  });

  describe("an injected fetch", () => {
    it("runs the whole exchange through node-fetch: SSE answers, progress, the standalone stream, DELETE", async () => {
      const server = await official();
      const { transport, session } = connect(server.url, { fetch: nodeFetch as unknown as typeof fetch });
      const changed = new Promise<void>((resolve) => session.onToolListChanged(() => resolve()));
      await session.initialize();
      const reports: Progress[] = [];
      const result = await session.callTool("count", { steps: 2 }, { onprogress: (p) => reports.push(p) });
      expect(text(result)).to.equal("counted 2");
      expect(reports).to.have.length(2);
      const sessionId = transport.sessionId!;
      await server.standaloneOpen(sessionId);
      server.sessions.get(sessionId)!.server.sendToolListChanged();
      await changed;
      await session.close();
      expect(server.seen.at(-1)).to.include({ method: "DELETE", sessionId });
    });
  });
});
