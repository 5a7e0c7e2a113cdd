import { expect } from "chai";
import { createParser } from "eventsource-parser";
import fc from "fast-check";
import WebSocket from "ws";
import { ClientSession } from "../../src/client/client-session.js";
import type { Transport } from "../../src/protocol/transport.js";
import type { FastMCP } from "../../src/server/index.js";
import { sseClient } from "../../src/transports/http/sse-client.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { websocketClient } from "../../src/transports/websocket/websocket.js";
import { answersEveryRequestOnce, expectControlResult, settle, type Target } from "./barrage.js";
import { bodies, headers, post } from "./http-support.js";
import {
  echoApp,
  expectAnsweredOnce,
  fuzzParameters,
  IdSource,
  owedAnswers,
  responsesIn,
  suiteTimeout,
  within,
} from "./support.js";

const RUNS = 150;
const VERSION = "2025-11-25";
const JSON_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

const initialize = (protocolVersion: string) => ({
  jsonrpc: "2.0",
  id: "init",
  method: "initialize",
  params: { protocolVersion, capabilities: {}, clientInfo: { name: "fuzz", version: "0" } },
});
const initialized = { jsonrpc: "2.0", method: "notifications/initialized" };
const controlCall = {
  jsonrpc: "2.0",
  id: "control",
  method: "tools/call",
  params: { name: "echo", arguments: { text: "still serving" } },
};
const bytesOf = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A fresh client session over `transport`: initialize, then a tools/call that must succeed. */
async function expectFreshSessionServes(transport: Transport): Promise<void> {
  const client = new ClientSession(transport);
  await within(client.initialize(), 3000, "a fresh session's initialize");
  expectControlResult(await within(client.callTool("echo", { text: "still serving" }), 3000, "a control tools/call"));
  await client.close();
}

/**
 * Only messages with `jsonrpc: "2.0"` and a string method are counted here: the HTTP endpoint answers
 * the rest 202 or with id null, which the known-defects file checks.
 */
const wellFormed = (values: unknown[]) =>
  values.filter(
    (v) =>
      typeof v !== "object" ||
      v === null ||
      Array.isArray(v) ||
      ((v as Record<string, unknown>).jsonrpc === "2.0" && typeof (v as Record<string, unknown>).method === "string"),
  );

describe("fuzz: Streamable HTTP (runHttp), POSTs to a 2025-11-25 session", function () {
  this.timeout(suiteTimeout(RUNS));
  let app: FastMCP;
  let url: string;
  let close: () => Promise<void>;

  before(async () => {
    app = echoApp();
    const http = await app.runHttp({ port: 0 });
    url = http.endpointUrl;
    close = () => http.close();
  });
  after(() => close());

  it("answers every POST in time and below 500, a parseable body; each request with a valid id exactly once; keeps serving", async () => {
    const init = await post(url, bytesOf(initialize(VERSION)), JSON_HEADERS);
    expect(init.status).to.equal(200);
    const session = { ...JSON_HEADERS, "mcp-session-id": init.sessionId!, "mcp-protocol-version": VERSION };
    expect((await post(url, bytesOf(initialized), session)).status).to.equal(202);
    const ids = new IdSource();
    await fc.assert(
      fc.asyncProperty(bodies(ids, false), headers(session), async (body, sent) => {
        const exchange = await post(url, body.bytes, sent);
        const where = `POST ${JSON.stringify(sent)} ${body.bytes.toString("utf8").slice(0, 500)}`;
        expect(exchange.status, where).to.be.below(500);
        expect(exchange.unparsed === undefined || exchange.status !== 200, where).to.equal(true);
        const exact = Object.entries(session).every(([name, value]) => sent[name] === value);
        if (exact) expectAnsweredOnce(wellFormed(body.values), exchange.messages, false, body.values);
      }),
      fuzzParameters(RUNS),
    );

    const control = await post(url, bytesOf(controlCall), session);
    expectControlResult((responsesIn(control.messages)[0] as any)?.result);
    await expectFreshSessionServes(streamableHttpClient(url));
  });
});

/** A GET on the legacy HTTP+SSE endpoint, read as it streams: where to POST, and what arrives. */
async function openSse(url: string) {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: "text/event-stream" }, signal: abort.signal });
  const received: unknown[] = [];
  let endpoint: string | undefined;
  const parser = createParser({
    onEvent: (event) => {
      if (event.event === "endpoint") endpoint = new URL(event.data, url).href;
      else received.push(JSON.parse(event.data));
    },
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => undefined);
      if (!chunk || chunk.done) return;
      parser.feed(chunk.value);
    }
  })();
  await settle(() => endpoint !== undefined);
  return { endpoint: endpoint!, received, close: () => abort.abort() };
}

describe("fuzz: legacy HTTP+SSE (runSse), POSTs to a 2024-11-05 session", function () {
  this.timeout(suiteTimeout(RUNS));

  const cleanup: (() => unknown)[] = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("answers every POST in time and below 500; each request with a valid id exactly once, on the stream; keeps serving", async () => {
    const app = echoApp();
    const sse = await app.runSse({ port: 0 });
    cleanup.push(() => sse.close());
    const stream = await openSse(sse.endpointUrl);
    cleanup.push(() => stream.close());
    const right = { "content-type": "application/json" };
    await post(stream.endpoint, bytesOf(initialize("2024-11-05")), right);
    await settle(() => stream.received.length > 0);
    await post(stream.endpoint, bytesOf(initialized), right);
    const ids = new IdSource();
    let sentinel = 0;
    await fc.assert(
      fc.asyncProperty(bodies(ids), headers(right), async (body, sent) => {
        const start = stream.received.length;
        const exchange = await post(stream.endpoint, body.bytes, sent);
        expect(exchange.status, body.bytes.toString("utf8").slice(0, 500)).to.be.below(500);
        const ping = { jsonrpc: "2.0", id: `sentinel:${sentinel++}`, method: "ping" };
        await post(stream.endpoint, bytesOf(ping), right);
        const json = /^application\/json\s*(;|$)/i.test(sent["content-type"] ?? "");
        const values = json ? [...body.values, ping] : [ping];
        const owed = owedAnswers(values, false);
        await settle(() => responsesIn(stream.received.slice(start)).length >= [...owed.values()].length);
        for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
        expectAnsweredOnce(values, stream.received.slice(start), false);
      }),
      fuzzParameters(RUNS),
    );

    const before = stream.received.length;
    await post(stream.endpoint, bytesOf(controlCall), right);
    await settle(() => stream.received.length > before);
    expectControlResult((responsesIn(stream.received.slice(before))[0] as any)?.result);
    await expectFreshSessionServes(sseClient(sse.endpointUrl));
  });
});

describe("fuzz: WebSocket (runWebSocket), frames to a 2025-11-25 session", function () {
  this.timeout(suiteTimeout(RUNS));

  const cleanup: (() => unknown)[] = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("answers every frame holding a request with a valid id exactly once, never hangs, and keeps serving", async () => {
    const app = echoApp();
    const ws = await app.runWebSocket({ port: 0 });
    cleanup.push(() => ws.close());
    const socket = new WebSocket(ws.endpointUrl, "mcp");
    cleanup.push(() => socket.terminate());
    const received: unknown[] = [];
    socket.on("message", (data) => received.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    socket.send(JSON.stringify(initialize(VERSION)));
    await settle(() => received.length > 0);
    socket.send(JSON.stringify(initialized));
    const target: Target = {
      received,
      batching: false,
      // one frame per line, as text: what a line decoder would make of the bytes is what each frame holds
      deliver: async ({ bytes }) => {
        for (const line of bytes.toString("utf8").split("\n")) {
          const text = line.replace(/\r$/, "");
          if (text.trim() !== "") socket.send(text);
        }
      },
    };
    await fc.assert(answersEveryRequestOnce(target, new IdSource()), fuzzParameters(RUNS));

    const before = received.length;
    socket.send(JSON.stringify(controlCall));
    await settle(() => received.length > before);
    expectControlResult((responsesIn(received.slice(before))[0] as any)?.result);
    await expectFreshSessionServes(websocketClient(ws.endpointUrl));
  });
});
