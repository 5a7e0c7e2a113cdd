import { expect } from "chai";
import { FastMCP } from "../../src/server/fastmcp/fastmcp.js";
import { StreamableHttpServer } from "../../src/transports/http/streamable-http-server.js";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { captureLogger, sleep } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

const URL_ = "http://localhost:3000/mcp";

interface SseEvent {
  id?: string;
  data: string;
}

/** Reads an SSE body to its end and returns its events. */
async function readSse(response: Response): Promise<SseEvent[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event: SseEvent = { data: "" };
      for (const line of block.split("\n")) {
        const [field, ...rest] = line.split(": ");
        if (field === "id") event.id = rest.join(": ");
        else if (field === "data") event.data += rest.join(": ");
      }
      return event;
    });
}

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
  });
}

const resume = (lastEventId: string, headers: Record<string, string>) =>
  new Request(URL_, { headers: { accept: "text/event-stream", "last-event-id": lastEventId, ...headers } });

describe("Streamable HTTP resumption with the Redis EventStore (2025-11-25)", function () {
  let redis: RedisServer;
  let store: RedisStore;

  before(async () => {
    redis = await startRedis();
    store = await redisStore({ url: redis.url, logger: captureLogger() });
  });
  after(async () => {
    await store?.close();
    await redis?.stop();
  });

  it("keeps answering while Redis is down: the events go without ids (nothing to replay), nothing crashes", async () => {
    const app = new FastMCP("redis-down", { logger: captureLogger() });
    app.tool("talk", async (_args, ctx) => {
      await ctx.log.info("working");
      return "talked";
    });
    const logger = captureLogger();
    const http = new StreamableHttpServer((transport, init) => app.connect(transport, init), {
      logger,
      retryInterval: 250,
      eventStore: store.eventStore,
    });
    const init = { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "0" } };
    const opened = await http.handle(post({ jsonrpc: "2.0", id: 1, method: "initialize", params: init }));
    const headers = { "mcp-session-id": opened.headers.get("mcp-session-id")!, "mcp-protocol-version": "2025-11-25" };
    await opened.body?.cancel();
    await http.handle(post({ jsonrpc: "2.0", method: "notifications/initialized" }, headers));
    await redis.stop();
    try {
      const call = { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "talk", arguments: {} } };
      const events = await readSse(await http.handle(post(call, headers)));
      const messages = events.filter((e) => e.data !== "").map((e) => JSON.parse(e.data) as Record<string, unknown>);
      expect(messages.map((m) => m.method ?? m.id)).to.deep.equal(["notifications/message", 2]);
      expect(events.every((e) => e.id === undefined)).to.equal(true);
      expect(logger.lines.some((line) => line.includes("was not stored"))).to.equal(true);
    } finally {
      await http.close();
      await redis.start();
      for (let i = 0; i < 100 && !store.client.isReady; i++) await sleep(50);
    }
  });

  it("a stream the handler closed is resumed with Last-Event-ID: what followed is sent once, in order, from Redis", async () => {
    const app = new FastMCP("redis-resume", { logger: captureLogger() });
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    app.tool("poll", async (_args, ctx) => {
      ctx.closeSseStream();
      await ctx.log.info("after the close");
      await gate;
      return "polled";
    });
    const http = new StreamableHttpServer((transport, init) => app.connect(transport, init), {
      logger: captureLogger(),
      retryInterval: 250,
      eventStore: store.eventStore,
    });
    const init = { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "0" } };
    const opened = await http.handle(post({ jsonrpc: "2.0", id: 1, method: "initialize", params: init }));
    const headers = { "mcp-session-id": opened.headers.get("mcp-session-id")!, "mcp-protocol-version": "2025-11-25" };
    await opened.body?.cancel();
    await http.handle(post({ jsonrpc: "2.0", method: "notifications/initialized" }, headers));

    const call = { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "poll", arguments: {} } };
    const posted = await readSse(await http.handle(post(call, headers)));
    const primed = posted[0]!.id!;
    expect(primed).to.match(/:\d+-\d+$/);
    const streamKey = `mcpkit:events:${primed.slice(0, primed.lastIndexOf(":"))}`;
    release();
    await sleep(50);
    expect(await store.client.xLen(streamKey)).to.be.at.least(2);

    const first = await readSse(await http.handle(resume(primed, headers)));
    const messages = first.map((event) => JSON.parse(event.data) as Record<string, unknown>);
    expect(messages.map((m) => m.method ?? m.id)).to.deep.equal(["notifications/message", 2]);
    expect(messages[1]).to.deep.include({ result: { content: [{ type: "text", text: "polled" }] } });
    await http.close();
    // The stream ended with its answer: it is forgotten in Redis too.
    await store.client.ping();
    expect(await store.client.exists(streamKey)).to.equal(0);
  });
});
