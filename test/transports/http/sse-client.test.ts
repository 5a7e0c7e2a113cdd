import { expect } from "chai";
import type { IncomingMessage, ServerResponse } from "node:http";
import nodeFetch from "node-fetch";
import { ClientSession } from "../../../src/client/client-session.js";
import { ConnectionClosedError, McpError } from "../../../src/protocol/errors.js";
import type { Progress } from "../../../src/protocol/outbound.js";
import { sseClient, type SseClientOptions } from "../../../src/transports/http/sse-client.js";
import { listen, startLegacySseServer } from "../../fixtures/http-clients/official-servers.js";
import { cleanupHooks, text } from "../../fixtures/http-clients/helpers.js";
import { captureLogger } from "../../support/peers.js";
import { recorder, rejection, sleep } from "../helpers.js";

describe("transports/sse-client (2024-11-05 HTTP with SSE)", function () {
  const defer = cleanupHooks();

  /** A hand-written server; the requests it saw are kept, with their bodies. */
  async function handServer(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
    const seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
    const server = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        handler(req, res, body);
      });
    });
    defer(server.stop);
    return { base: server.base, seen };
  }

  const stream = (res: ServerResponse, ...events: string[]) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const event of events) res.write(event);
  };

  for (const [name, fetch] of [
    ["the global fetch", undefined],
    ["node-fetch", nodeFetch as unknown as typeof globalThis.fetch],
  ] as const) {
    it(`a ClientSession drives the official SSEServerTransport (${name})`, async () => {
      const server = await startLegacySseServer();
      defer(() => server.close());
      const transport = sseClient(server.url, { fetch });
      const session = new ClientSession(transport, { logger: captureLogger() });
      defer(() => session.close());
      await session.initialize();
      const endpoint = transport.endpoint!;
      expect(endpoint.origin).to.equal(new URL(server.url).origin);
      expect(endpoint.pathname).to.equal("/messages");
      expect(endpoint.searchParams.get("sessionId")).to.be.a("string");
      const { tools } = await session.listTools();
      expect(tools.map((t) => t.name)).to.have.members(["echo", "count", "slow", "poll"]);
      const reports: Progress[] = [];
      const result = await session.callTool("count", { steps: 2 }, { onprogress: (p) => reports.push(p) });
      expect(text(result)).to.equal("counted 2");
      expect(reports.map((p) => p.progress)).to.deep.equal([1, 2]);
      expect(server.seen[0]).to.include({ method: "GET", path: "/sse", accept: "text/event-stream" });
      expect(server.seen.slice(1).every((r) => r.method === "POST" && r.path === "/messages")).to.equal(true);
      await session.close();
      for (let i = 0; i < 100 && server.open() > 0; i++) await sleep(10);
      expect(server.open(), "closing aborted the event stream").to.equal(0);
    });
  }

  it("resolves a relative endpoint against the stream's URL, and sends the given headers on GET and POST", async () => {
    let token = 0;
    const { base, seen } = await handServer((req, res) => {
      if (req.method === "GET") return stream(res, "event: endpoint\ndata: post-here?s=1\n\n");
      res.writeHead(202).end();
    });
    const transport = sseClient(`${base}/deep/sse`, { headers: () => ({ authorization: `Bearer ${++token}` }) });
    defer(() => transport.close());
    const seenEvents = recorder();
    await transport.start(seenEvents.events);
    expect(transport.endpoint!.href).to.equal(`${base}/deep/post-here?s=1`);
    await transport.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    expect(seen.map((r) => [r.method, r.url, r.headers.authorization])).to.deep.equal([
      ["GET", "/deep/sse", "Bearer 1"],
      ["POST", "/deep/post-here?s=1", "Bearer 2"],
    ]);
    expect(seen[1]!.headers["content-type"]).to.equal("application/json");
  });

  it("refuses an endpoint on another origin, with a clear error", async () => {
    const { base } = await handServer((_req, res) =>
      stream(res, "event: endpoint\ndata: http://elsewhere.example:9/messages\n\n"),
    );
    const transport = sseClient(`${base}/sse`);
    const seenEvents = recorder();
    const error = (await rejection(transport.start(seenEvents.events))) as Error;
    expect(error.message).to.equal(
      `the endpoint event names http://elsewhere.example:9, not the SSE stream's origin ${base}; refused`,
    );
    expect(seenEvents.closes).to.deep.equal([error]);
  });

  it("start rejects, and close fires, when the GET is not answered with an event stream", async () => {
    const { base } = await handServer((_req, res) => res.writeHead(404).end("nope"));
    const transport = sseClient(`${base}/sse`);
    const seenEvents = recorder();
    const error = (await rejection(transport.start(seenEvents.events))) as Error;
    expect(error.message).to.equal(`could not open the SSE stream at ${base}/sse: HTTP 404`);
    expect(seenEvents.closes).to.have.length(1);
    expect(await rejection(transport.send({}))).to.be.instanceOf(ConnectionClosedError);
  });

  it("messages arrive as message events; invalid JSON is reported as malformed; the stream ending closes with an error", async () => {
    let sse: ServerResponse | undefined;
    const { base } = await handServer((req, res) => {
      if (req.method === "GET") {
        sse = res;
        return stream(res, "event: endpoint\ndata: /messages\n\n", 'data: {"jsonrpc":"2.0","method":"x"}\n\n');
      }
      res.writeHead(202).end();
    });
    const transport = sseClient(`${base}/sse`);
    const seenEvents = recorder();
    await transport.start(seenEvents.events);
    await seenEvents.messageCount(1);
    expect(seenEvents.messages).to.deep.equal([{ jsonrpc: "2.0", method: "x" }]);
    sse!.write("data: {not json\n\n");
    sse!.end();
    const closedWith = await seenEvents.closed();
    expect(seenEvents.malformed).to.have.length(1);
    expect(closedWith?.message).to.equal("the server ended the SSE stream");
    expect(seenEvents.closes).to.have.length(1);
  });

  it("a request the server refuses with HTTP 500 is answered locally with an error response carrying the status", async () => {
    const { base } = await handServer((req, res) => {
      if (req.method === "GET") return stream(res, "event: endpoint\ndata: /messages\n\n");
      res.writeHead(500, { "content-type": "text/plain" }).end("database on fire");
    });
    const transport = sseClient(`${base}/sse`);
    const session = new ClientSession(transport, { logger: captureLogger() });
    defer(() => session.close());
    const error = (await rejection(session.initialize() as Promise<never>)) as McpError;
    expect(error).to.be.instanceOf(McpError);
    expect(error.message).to.equal("HTTP 500 Internal Server Error: database on fire");
  });

  it("close() before the endpoint arrives rejects start and fires close once", async () => {
    const { base } = await handServer((_req, res) => stream(res, ": waiting\n\n"));
    const transport = sseClient(`${base}/sse`, {} satisfies SseClientOptions);
    const seenEvents = recorder();
    const started = rejection(transport.start(seenEvents.events));
    await sleep(50);
    await transport.close();
    expect(await started).to.be.instanceOf(ConnectionClosedError);
    expect(seenEvents.closes).to.deep.equal([undefined]);
  });
});
