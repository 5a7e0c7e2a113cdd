import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { expect } from "chai";
import { FastMCP } from "../../../src/server/fastmcp/fastmcp.js";
import type { SseApp } from "../../../src/server/fastmcp/http-app.js";
import { captureLogger, sleep } from "../../support/peers.js";

describe("legacy HTTP+SSE server (2024-11-05 basic/transports)", () => {
  let app: FastMCP;
  let served: SseApp;
  before(async () => {
    app = new FastMCP("sse-test", { logger: captureLogger() });
    app.tool("echo", (args) => JSON.stringify(args));
    app.get("/health", () => new Response("ok"));
    served = await app.runSse({ port: 0 });
  });
  after(() => served.close());

  it("the official SDK's SSE client lists and calls tools", async () => {
    const client = new Client({ name: "stateful", version: "1" });
    await client.connect(new SSEClientTransport(new URL(served.endpointUrl)));
    expect((await client.listTools()).tools.map((t) => t.name)).to.deep.equal(["echo"]);
    const result = await client.callTool({ name: "echo", arguments: { a: 1 } });
    expect(result.content).to.deep.equal([{ type: "text", text: '{"a":1}' }]);
    expect(served.endpoint.sessionCount).to.equal(1);
    await client.close();
    for (let i = 0; i < 50 && served.endpoint.sessionCount > 0; i++) await sleep(10);
    expect(served.endpoint.sessionCount, "the session ends with its stream").to.equal(0);
  });

  it("serves custom routes beside the endpoint", async () => {
    expect(await (await fetch(`${served.url}/health`)).text()).to.equal("ok");
    expect((await fetch(`${served.url}/nothing`)).status).to.equal(404);
  });

  it("refuses bad posts with the right status and keeps serving", async () => {
    const messages = `${served.url}/messages`;
    const json = { "content-type": "application/json" };
    expect((await fetch(messages, { method: "POST", headers: json, body: "{}" })).status).to.equal(400);
    expect((await fetch(`${messages}?sessionId=nope`, { method: "POST", headers: json, body: "{}" })).status).to.equal(
      404,
    );
    const controller = new AbortController();
    const stream = await fetch(served.endpointUrl, {
      headers: { accept: "text/event-stream" },
      signal: controller.signal,
    });
    const first = new TextDecoder().decode((await stream.body!.getReader().read()).value);
    const endpoint = /data: (\S+)/.exec(first)![1]!;
    const target = new URL(endpoint, served.url).toString();
    expect(
      (await fetch(target, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" })).status,
    ).to.equal(415);
    const invalid = await fetch(target, { method: "POST", headers: json, body: "{not json" });
    expect(invalid.status).to.equal(400);
    expect(((await invalid.json()) as { error: { code: number } }).error.code).to.equal(-32700);
    expect((await fetch(served.endpointUrl, { method: "POST" })).status).to.equal(405);
    controller.abort();
    for (let i = 0; i < 50 && served.endpoint.sessionCount > 0; i++) await sleep(10);
    expect(served.endpoint.sessionCount).to.equal(0);
  });
});
