import { expect } from "chai";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ClientSession } from "../../../src/client/client-session.js";
import { McpError } from "../../../src/protocol/errors.js";
import {
  EventStreamDecoder,
  MessageTooLargeError,
  type ServerSentEvent,
} from "../../../src/transports/http/event-stream-decoder.js";
import { sseClient } from "../../../src/transports/http/sse-client.js";
import {
  streamableHttpClient,
  type StreamableHttpClientOptions,
} from "../../../src/transports/http/streamable-http-client.js";
import { cleanupHooks, text } from "../../fixtures/http-clients/helpers.js";
import { listen } from "../../fixtures/http-clients/official-servers.js";
import { captureLogger } from "../../support/peers.js";

type Json = Record<string, any>;

/** What `promise` resolves with, or -1 after `ms`. */
async function within(promise: Promise<number>, ms: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The events and ids `chunks` decode to. */
function decode(chunks: (string | Buffer)[], max?: number) {
  const events: ServerSentEvent[] = [];
  const ids: string[] = [];
  const retries: number[] = [];
  const decoder = new EventStreamDecoder(
    { event: (e) => events.push(e), id: (id) => ids.push(id), retry: (ms) => retries.push(ms) },
    max,
  );
  for (const chunk of chunks) decoder.feed(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return { events, ids, retries };
}

/**
 * Writes `x` to `res` a KiB at a time until the client hangs up: the endless message of a
 * misbehaving server. Resolves with the bytes written once the connection closed.
 */
function flood(res: ServerResponse): Promise<number> {
  let written = 0;
  const timer = setInterval(() => {
    res.write("x".repeat(1024));
    written += 1024;
  }, 2);
  return new Promise((resolve) =>
    res.once("close", () => {
      clearInterval(timer);
      resolve(written);
    }),
  );
}

describe("transports: the HTTP clients hold at most maxMessageSize bytes of one message", () => {
  describe("EventStreamDecoder", () => {
    it("decodes fields, comments and every line end, across chunks (a CRLF and a UTF-8 character split)", () => {
      const euro = Buffer.from("€");
      const { events, ids, retries } = decode([
        "\uFEFF: a comment\r\nretry: 250\r",
        "\nid: 7\nevent: note\ndata: one\rdata: two\r\n\r\ndata: ",
        euro.subarray(0, 1),
        Buffer.concat([euro.subarray(1), Buffer.from("\n\nid: 8\ndata:\n\n")]),
        "data: never dispatched (no blank line)",
      ]);
      expect(events).to.deep.equal([
        { event: "note", id: "7", data: "one\ntwo" },
        { event: undefined, id: undefined, data: "€" },
        { event: undefined, id: "8", data: "" },
      ]);
      expect(ids).to.deep.equal(["7", "8"]);
      expect(retries).to.deep.equal([250]);
    });

    it("the limit is per event: many small events in one chunk pass, one long line fed in pieces does not", () => {
      const many = Array.from({ length: 50 }, (_, i) => `data: ${"y".repeat(90)}${i}\n\n`).join("");
      expect(decode([many], 1024).events).to.have.length(50);
      const pieces = ["data: ", ...Array<string>(20).fill("z".repeat(100))];
      expect(() => decode(pieces, 1024)).to.throw(MessageTooLargeError, /exceeds the 1 KiB limit on one message/);
    });

    it("data lines adding up past the limit without a blank line fail too", () => {
      const lines = Array<string>(20).fill(`data: ${"w".repeat(100)}\n`);
      expect(() => decode(lines, 1024)).to.throw(MessageTooLargeError);
    });
  });

  describe("Streamable HTTP", () => {
    const defer = cleanupHooks();

    /**
     * A stateful server whose tools/call answers as the tool's name says: `echo` with JSON,
     * `events` with fifty small events before the answer, `endless-event` and `endless-json` with
     * a message that never ends. `closed` resolves with the bytes a flood wrote once the client hung up.
     */
    async function server() {
      let flooded: Promise<number> | undefined;
      const answer = (id: unknown, value: string) => ({
        jsonrpc: "2.0",
        id,
        result: { content: [{ type: "text", text: value }] },
      });
      const respond = (res: ServerResponse, message: Json) => {
        if (message.id === undefined) return void res.writeHead(202).end();
        if (message.method === "initialize")
          return void res.writeHead(200, { "content-type": "application/json" }).end(
            JSON.stringify({
              jsonrpc: "2.0",
              id: message.id,
              result: {
                protocolVersion: "2025-11-25",
                capabilities: { tools: {} },
                serverInfo: { name: "s", version: "1" },
              },
            }),
          );
        switch (message.params.name) {
          case "echo":
            return void res
              .writeHead(200, { "content-type": "application/json" })
              .end(JSON.stringify(answer(message.id, "echo")));
          case "events": {
            res.writeHead(200, { "content-type": "text/event-stream" });
            const note = {
              jsonrpc: "2.0",
              method: "notifications/message",
              params: { level: "info", data: "z".repeat(200) },
            };
            res.write(Array.from({ length: 50 }, () => `data: ${JSON.stringify(note)}\n\n`).join(""));
            return void res.end(`data: ${JSON.stringify(answer(message.id, "events"))}\n\n`);
          }
          case "endless-event":
            res.writeHead(200, { "content-type": "text/event-stream" });
            res.write('id: 1\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":');
            return void (flooded = flood(res));
          case "endless-json":
            res.writeHead(200, { "content-type": "application/json" });
            return void (flooded = flood(res));
        }
      };
      const { base, stop } = await listen((req: IncomingMessage, res: ServerResponse) => {
        if (req.method !== "POST") return void res.writeHead(405).end();
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => respond(res, JSON.parse(body) as Json));
      });
      defer(stop);
      return { url: `${base}/mcp`, flooded: () => flooded! };
    }

    for (const path of ["node:http", "fetch"] as const) {
      for (const tool of ["endless-event", "endless-json"]) {
        it(`${tool} (${path}): the call fails naming the limit, the connection is closed, the session goes on`, async () => {
          const { url, flooded } = await server();
          const options: StreamableHttpClientOptions = {
            maxMessageSize: 4096,
            openStandaloneStream: false,
            logger: captureLogger(),
            ...(path === "fetch" ? { fetch: (input, init) => globalThis.fetch(input, init) } : {}),
          };
          const session = new ClientSession(streamableHttpClient(url, options), {
            logger: captureLogger(),
            protocolVersion: "2025-11-25",
          });
          defer(() => session.close());
          await session.initialize();
          const error = (await session.callTool(tool, {}).catch((e: unknown) => e)) as McpError;
          expect(error).to.be.instanceOf(McpError);
          expect(error.code).to.equal(-32603);
          expect(error.message).to.match(/exceeds the 4 KiB limit on one message \(the maxMessageSize option\)$/);
          const written = await within(flooded(), 2000);
          expect(written, "the server saw the connection closed").to.be.within(4096, 1024 * 1024);
          expect(text(await session.callTool("echo", {}))).to.equal("echo");
          expect(text(await session.callTool("events", {}))).to.equal("events");
        });
      }
    }
  });

  describe("HTTP+SSE (2024-11-05)", () => {
    const defer = cleanupHooks();

    it("an endless event on the stream closes the transport with the limit as the reason", async () => {
      let flooded: Promise<number> | undefined;
      const { base, stop } = await listen((req, res) => {
        if (req.method !== "GET") return void res.writeHead(405).end();
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write("event: endpoint\ndata: /messages\n\ndata: ");
        flooded = flood(res);
      });
      defer(stop);
      const transport = sseClient(`${base}/sse`, { maxMessageSize: 2048 });
      const closed = new Promise<Error | undefined>((resolve) =>
        transport.start({ message: () => {}, malformed: () => {}, close: resolve }).catch(() => {}),
      );
      defer(() => transport.close());
      const reason = await closed;
      expect(reason).to.be.instanceOf(MessageTooLargeError);
      expect(reason!.message).to.match(/exceeds the 2 KiB limit on one message/);
      expect(await flooded).to.be.at.least(2048);
    });
  });
});
