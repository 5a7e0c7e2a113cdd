import { expect } from "chai";
import { ClientSession } from "../../../src/client/client-session.js";
import { FastMCP } from "../../../src/server/fastmcp/fastmcp.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import {
  StreamableHttpServer,
  type StreamableHttpServerOptions,
} from "../../../src/transports/http/streamable-http-server.js";
import { captureLogger, sleep } from "../../support/peers.js";

const URL_ = "http://localhost:3000/mcp";
const ACCEPT = "application/json, text/event-stream";

interface SseEvent {
  id?: string;
  retry?: number;
  data: string;
}

/** Reads an SSE body to its end (or `until` matches an event) and returns its events, raw. */
async function readSse(response: Response, until?: (event: SseEvent) => boolean): Promise<SseEvent[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const out: SseEvent[] = [];
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const event: SseEvent = { data: "" };
      for (const line of text.slice(0, end).split("\n")) {
        const [field, ...rest] = line.split(": ");
        const value = rest.join(": ");
        if (field === "id") event.id = value;
        else if (field === "retry") event.retry = Number(value);
        else if (field === "data") event.data += value;
      }
      text = text.slice(end + 2);
      out.push(event);
      if (until?.(event)) {
        await reader.cancel();
        return out;
      }
    }
  }
}

const answers = (id: number) => (event: SseEvent) =>
  event.data !== "" && (JSON.parse(event.data) as { id?: unknown }).id === id;

/**
 * A FastMCP server whose `poll` tool closes its own SSE stream, then answers once `release` is called;
 * `closed` records what closeSseStream() returned.
 */
function pollingServer(options: StreamableHttpServerOptions = {}) {
  const app = new FastMCP("polling-test", { logger: captureLogger() });
  const state = { closed: undefined as boolean | undefined, release: () => {} };
  const gate = new Promise<void>((resolve) => (state.release = resolve));
  app.tool("poll", async (_args, ctx) => {
    state.closed = ctx.closeSseStream();
    await ctx.log.info("after the close");
    await gate;
    return "polled";
  });
  const http = new StreamableHttpServer((transport, init) => app.connect(transport, init), {
    logger: captureLogger(),
    retryInterval: 250,
    ...options,
  });
  return { http, state };
}

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", accept: ACCEPT, ...headers },
    body: JSON.stringify(body),
  });
}

/** Initializes a session at `revision` and returns the headers later requests carry. */
async function session(http: StreamableHttpServer, revision: string): Promise<Record<string, string>> {
  const init = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: revision, capabilities: {}, clientInfo: { name: "raw", version: "0" } },
  };
  const response = await http.handle(post(init));
  const headers = { "mcp-session-id": response.headers.get("mcp-session-id")!, "mcp-protocol-version": revision };
  await response.body?.cancel();
  await http.handle(post({ jsonrpc: "2.0", method: "notifications/initialized" }, headers));
  return headers;
}

const callPoll = { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "poll", arguments: {} } };

describe("SSE polling: a handler closes its request's stream (2025-11-25, conformance server-sse-polling)", () => {
  it("closes the POST stream after the priming event; the answer, stored meanwhile, is replayed on GET with Last-Event-ID", async () => {
    const { http, state } = pollingServer();
    const headers = await session(http, "2025-11-25");
    const posted = await readSse(await http.handle(post(callPoll, headers)));
    expect(state.closed).to.equal(true);
    expect(posted[0]).to.include({ data: "", retry: 250 });
    expect(posted[0]!.id).to.be.a("string");
    expect(posted.some(answers(2))).to.equal(false);
    state.release();
    await sleep(20);
    const resumed = await http.handle(
      new Request(URL_, { headers: { accept: "text/event-stream", "last-event-id": posted.at(-1)!.id!, ...headers } }),
    );
    expect(resumed.status).to.equal(200);
    const replayed = await readSse(resumed);
    const messages = replayed.map((e) => JSON.parse(e.data) as Record<string, unknown>);
    expect(messages.map((m) => m.method ?? m.id)).to.deep.equal(["notifications/message", 2]);
    expect(messages[1]).to.deep.include({ result: { content: [{ type: "text", text: "polled" }] } });
    await http.close();
  });

  it("a client that resumes before the answer is ready gets it live on the resumed stream", async () => {
    const { http, state } = pollingServer();
    const headers = await session(http, "2025-11-25");
    const posted = await readSse(await http.handle(post(callPoll, headers)));
    const resumed = await http.handle(
      new Request(URL_, { headers: { accept: "text/event-stream", "last-event-id": posted[0]!.id!, ...headers } }),
    );
    const reading = readSse(resumed, answers(2));
    await sleep(10);
    state.release();
    const events = await reading;
    expect(events.filter(answers(2))).to.have.length(1);
    await http.close();
  });

  it("before 2025-11-25 there is no priming event to resume from: nothing is closed and the answer comes on the POST stream", async () => {
    const { http, state } = pollingServer();
    const headers = await session(http, "2025-06-18");
    const response = await http.handle(post(callPoll, headers));
    const reading = readSse(response, answers(2));
    await sleep(10);
    state.release();
    const events = await reading;
    expect(state.closed).to.equal(false);
    expect(events.some(answers(2))).to.equal(true);
    await http.close();
  });

  for (const [label, options] of [
    ["JSON answers", { jsonResponse: true }],
    ["no event store", { eventStore: null }],
  ] as const) {
    it(`with ${label} the stream cannot be resumed, so it is not closed`, async () => {
      const { http, state } = pollingServer(options);
      const headers = await session(http, "2025-11-25");
      const answered = http.handle(post(callPoll, headers));
      await sleep(10);
      state.release();
      const response = await answered;
      const body = options.jsonResponse
        ? [(await response.json()) as { id?: unknown }]
        : (await readSse(response)).filter((e) => e.data).map((e) => JSON.parse(e.data) as { id?: unknown });
      expect(state.closed).to.equal(false);
      expect(body.some((m) => m.id === 2)).to.equal(true);
      await http.close();
    });
  }

  it("over a transport without per-request streams it is false and changes nothing", async () => {
    const app = new FastMCP("polling-memory", { logger: captureLogger() });
    app.tool("poll", (_args, ctx) => String(ctx.closeSseStream()));
    const [clientEnd, serverEnd] = memoryPair();
    await app.connect(serverEnd);
    const client = new ClientSession(clientEnd, { logger: captureLogger() });
    await client.initialize();
    const result = await client.callTool("poll", {});
    expect(result.content).to.deep.equal([{ type: "text", text: "false" }]);
    await client.close();
    await app.close();
  });
});
