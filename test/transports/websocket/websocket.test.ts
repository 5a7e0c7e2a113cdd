import { expect } from "chai";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { ClientSession } from "../../../src/client/client-session.js";
import { ConnectionClosedError } from "../../../src/protocol/errors.js";
import { Server } from "../../../src/server/server.js";
import { attachWebSocket, websocketClient } from "../../../src/transports/websocket/websocket.js";
import { captureLogger } from "../../support/peers.js";
import { recorder, rejection, sleep } from "../helpers.js";
import { closedPort, connectPair, endpoint, eventually, rawClient, type Endpoint } from "./websocket-helpers.js";

describe("transports/websocket: MCP over WebSocket (subprotocol mcp, one message per text frame)", () => {
  let server: Endpoint;
  beforeEach(async () => (server = await endpoint()));
  afterEach(async () => {
    await server.stop();
    expect(server.attachment.connections).to.equal(0);
  });

  it("carries several messages each way, in order, under the mcp subprotocol", async () => {
    const { client, clientSeen, transport, seen } = await connectPair(server);
    expect(client.socket?.protocol).to.equal("mcp");
    expect(transport.socket.protocol).to.equal("mcp");
    await Promise.all([1, 2, 3].map((n) => client.send({ jsonrpc: "2.0", id: n, method: "ping" })));
    await client.send([{ jsonrpc: "2.0", method: "notifications/initialized" }]);
    await seen.messageCount(4);
    expect(seen.messages).to.deep.equal([
      { jsonrpc: "2.0", id: 1, method: "ping" },
      { jsonrpc: "2.0", id: 2, method: "ping" },
      { jsonrpc: "2.0", id: 3, method: "ping" },
      [{ jsonrpc: "2.0", method: "notifications/initialized" }],
    ]);
    for (const n of [1, 2, 3]) await transport.send({ jsonrpc: "2.0", id: n, result: {} });
    await clientSeen.messageCount(3);
    expect(clientSeen.messages.map((m) => (m as { id: number }).id)).to.deep.equal([1, 2, 3]);
    expect(server.attachment.connections).to.equal(1);
    await client.close();
  });

  it("carries a 10 MB message each way, once the server's maxPayload allows it", async () => {
    const large = await endpoint({ maxPayload: 16 * 1024 * 1024 });
    const { client, clientSeen, transport, seen } = await connectPair(large);
    const text = "x".repeat(10 * 1024 * 1024);
    await client.send({ jsonrpc: "2.0", method: "big", params: { text } });
    await transport.send({ jsonrpc: "2.0", method: "big", params: { text } });
    await seen.messageCount(1);
    await clientSeen.messageCount(1);
    expect((seen.messages[0] as { params: { text: string } }).params.text).to.have.length(text.length);
    expect((clientSeen.messages[0] as { params: { text: string } }).params.text).to.equal(text);
    await client.close();
    await large.stop();
  });

  it("holds what arrives before the server side starts, and delivers it at start", async () => {
    const peer = await rawClient(server.url);
    peer.send('{"early":1}');
    peer.send('{"early":2}');
    const transport = await server.accepted();
    await sleep(20);
    const seen = recorder();
    transport.start(seen.events);
    await seen.messageCount(2);
    expect(seen.messages).to.deep.equal([{ early: 1 }, { early: 2 }]);
    peer.close();
    expect(await seen.closed()).to.equal(undefined);
  });

  it("reports a text frame that is not JSON as malformed, on either side, and keeps going", async () => {
    const { client, clientSeen, transport, seen } = await connectPair(server);
    client.socket!.send("not json");
    transport.socket.send("{broken");
    await client.send({ after: true });
    await seen.messageCount(1);
    await eventually(() => clientSeen.malformed.length > 0, "the client's malformed");
    expect(seen.malformed).to.have.length(1);
    expect(seen.malformed[0]).to.match(/^invalid JSON/);
    expect(clientSeen.malformed).to.have.length(1);
    expect(seen.messages).to.deep.equal([{ after: true }]);
    await client.close();
  });

  it("reports a binary frame as malformed, on either side", async () => {
    const { client, clientSeen, transport, seen } = await connectPair(server);
    client.socket!.send(Buffer.from('{"jsonrpc":"2.0","method":"x"}'));
    transport.socket.send(Buffer.from([1, 2, 3]));
    await client.send({ after: true });
    await seen.messageCount(1);
    await eventually(() => clientSeen.malformed.length > 0, "the client's malformed");
    expect(seen.malformed).to.have.length(1);
    expect(seen.malformed[0]).to.match(/binary frame/);
    expect(clientSeen.malformed).to.have.length(1);
    expect(seen.messages).to.deep.equal([{ after: true }]);
    await client.close();
  });

  it("rejects a message JSON cannot carry, and a send after close, without closing", async () => {
    const { client, transport } = await connectPair(server);
    expect(await rejection(client.send({ n: 1n }))).to.be.instanceOf(TypeError);
    expect(await rejection(transport.send(undefined))).to.be.instanceOf(TypeError);
    await client.send({ still: "open" });
    await client.close();
    expect(await rejection(client.send({ n: 1 }))).to.be.instanceOf(ConnectionClosedError);
    expect(await rejection(websocketClient(server.url).send({}))).to.be.instanceOf(ConnectionClosedError);
  });

  it("client close: closes with 1000; both sides fire close once, without an error", async () => {
    const { client, clientSeen, seen } = await connectPair(server);
    let code: number | undefined;
    client.socket!.once("close", (c: number) => (code = c));
    await client.close();
    expect(code).to.equal(1000);
    expect(await seen.closed()).to.equal(undefined);
    await client.close();
    await sleep(10);
    expect(clientSeen.closes).to.deep.equal([undefined]);
    expect(seen.closes).to.deep.equal([undefined]);
  });

  it("a server that closes cleanly mid-session: the client fires close once, without an error", async () => {
    const { clientSeen, transport, seen } = await connectPair(server);
    await transport.close();
    expect(await clientSeen.closed()).to.equal(undefined);
    await sleep(10);
    expect(clientSeen.closes).to.have.length(1);
    expect(seen.closes).to.deep.equal([undefined]);
  });

  it("a peer that drops the connection: the other side fires close once, with an error", async () => {
    const first = await connectPair(server);
    first.transport.socket.terminate();
    const error = await first.clientSeen.closed();
    expect(error).to.be.instanceOf(Error);
    expect(error?.message).to.match(/1006/);
    expect(await first.seen.closed()).to.be.instanceOf(Error);

    const second = await connectPair(server);
    second.client.socket!.close(4000, "bye");
    expect((await second.seen.closed())?.message).to.match(/4000: bye/);
    await sleep(10);
    expect(second.seen.closes).to.have.length(1);
    expect(second.clientSeen.closes).to.have.length(1);
  });

  it("a server that does not agree to the mcp subprotocol: start rejects, naming the URL", async () => {
    const http = createServer();
    const plain = new WebSocketServer({ server: http, handleProtocols: () => false });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
    const error = (await rejection(websocketClient(url).start(recorder().events))) as Error;
    expect(error.message).to.equal(`cannot connect to ${url}: Server sent no subprotocol`);
    await new Promise((resolve) => plain.close(resolve));
    await new Promise((resolve) => http.close(resolve));
  });

  it("the server side takes a message of 4 MiB by default; one byte more closes the connection (1009)", async () => {
    const limit = 4 * 1024 * 1024;
    const frame = (size: number) => {
      const head = '{"jsonrpc":"2.0","method":"big","params":{"text":"';
      return `${head}${"x".repeat(size - head.length - 3)}"}}`;
    };
    const fits = await rawClient(server.url);
    const { seen } = await server.serverSide();
    fits.send(frame(limit));
    await seen.messageCount(1);
    fits.close();
    const over = await rawClient(server.url);
    const closed = new Promise<number>((resolve) => over.once("close", resolve));
    const { seen: overSeen } = await server.serverSide();
    over.send(frame(limit + 1));
    expect(await Promise.race([closed, overSeen.messageCount(1).then(() => "delivered")])).to.equal(1009);
    expect((await overSeen.closed())?.message).to.match(/payload/i);
    expect(overSeen.messages).to.have.length(0);
    const { client } = await connectPair(server);
    await client.close();
  });

  it("a message over maxPayload closes the connection (1009), with an error on both sides", async () => {
    const small = await endpoint({ maxPayload: 1024 });
    const { client, clientSeen, seen } = await connectPair(small);
    await client.send({ text: "z".repeat(512) });
    await seen.messageCount(1);
    await client.send({ text: "z".repeat(2048) }).catch(() => {});
    expect((await seen.closed())?.message).to.match(/payload/i);
    expect((await clientSeen.closed())?.message).to.match(/1009/);
    expect(seen.messages).to.have.length(1);
    await small.stop();
  });

  it("start rejects at once with a clear message when nothing listens at the URL", async () => {
    const port = await closedPort();
    const client = websocketClient(`ws://127.0.0.1:${port}/ws`);
    const seen = recorder();
    const started = Date.now();
    const error = (await rejection(client.start(seen.events))) as Error;
    expect(Date.now() - started).to.be.below(2000);
    expect(error.message).to.match(new RegExp(`^cannot connect to ws://127.0.0.1:${port}/ws: .*ECONNREFUSED`));
    expect(seen.closes).to.deep.equal([error]);
    await client.close();
  });

  it("close() while connecting abandons the handshake: start rejects, close fires without an error", async () => {
    const client = websocketClient(server.url);
    const seen = recorder();
    const started = rejection(client.start(seen.events));
    await client.close();
    expect(await started).to.be.instanceOf(ConnectionClosedError);
    expect(seen.closes).to.deep.equal([undefined]);
  });

  it("the attachment's close() closes every connection (1001) and detaches; connections returns to 0", async () => {
    const a = await connectPair(server);
    const b = await connectPair(server);
    expect(server.attachment.connections).to.equal(2);
    await server.attachment.close();
    expect(server.attachment.connections).to.equal(0);
    expect(await a.seen.closed()).to.equal(undefined);
    expect((await a.clientSeen.closed())?.message).to.match(/1001/);
    expect(await b.clientSeen.closed()).to.be.instanceOf(Error);
    expect(server.http.listenerCount("upgrade")).to.equal(0);
  });

  it("closes a connection whose handler fails with 1011, and logs why", async () => {
    const logger = captureLogger();
    const failing = await endpoint({
      logger,
      onConnection: async () => {
        throw new Error("no thanks");
      },
    });
    const client = websocketClient(failing.url);
    const seen = recorder();
    await client.start(seen.events);
    expect((await seen.closed())?.message).to.match(/1011/);
    expect(logger.lines).to.deep.equal(["error: the WebSocket connection handler failed (no thanks)"]);
    await failing.stop();
  });

  it("a send over the high-water mark resolves once written; one to a peer that stops reading waits", async () => {
    const peer = await rawClient(server.url);
    const transport = await server.accepted();
    transport.start(recorder().events);
    const big = { text: "y".repeat(10 * 1024 * 1024) };
    peer.pause();
    let resolved = 0;
    const sends = [1, 2, 3, 4].map(() => transport.send(big).then(() => resolved++));
    await sleep(100);
    expect(resolved).to.be.below(4);
    expect(transport.socket.bufferedAmount).to.be.above(1024 * 1024);
    peer.resume();
    await Promise.all(sends);
    expect(transport.socket.bufferedAmount).to.equal(0);
    peer.terminate();
  });

  it("pings and terminates a peer that does not answer, firing close with an error", async () => {
    const fast = await endpoint({ heartbeatInterval: 100 });
    const deaf = await rawClient(fast.url, ["mcp"], { autoPong: false });
    const { seen: deafSeen } = await fast.serverSide();
    const alive = await connectPair(fast);
    const error = await deafSeen.closed();
    expect(error?.message).to.equal("the peer did not answer a ping within 100 ms");
    await sleep(350);
    expect(alive.clientSeen.closes).to.deep.equal([]);
    expect(fast.attachment.connections).to.equal(1);
    await alive.client.close();
    deaf.terminate();
    await fast.stop();
  });
});

describe("transports/websocket: end to end, ClientSession against a low-level Server", () => {
  let http: HttpServer | undefined;
  afterEach(async () => {
    if (http) await new Promise((resolve) => http!.close(resolve));
  });

  it("initialize, tools/list, tools/call and close over ws://127.0.0.1", async () => {
    const server = new Server({ name: "ws-server", version: "1.0.0" });
    server.onListTools(() => ({
      tools: [{ name: "echo", inputSchema: { type: "object", properties: { text: { type: "string" } } } }],
    }));
    server.onCallTool((params) => ({
      content: [{ type: "text", text: `echo: ${String(params.arguments?.text)}` }],
    }));
    http = createServer();
    const attachment = attachWebSocket(http, {
      path: "/mcp",
      onConnection: (transport) => void server.connect(transport),
    });
    await new Promise<void>((resolve) => http!.listen(0, "127.0.0.1", resolve));
    const { port } = http.address() as AddressInfo;
    const client = new ClientSession(websocketClient(`ws://127.0.0.1:${port}/mcp`));
    const init = await client.initialize();
    expect(init.serverInfo).to.deep.equal({ name: "ws-server", version: "1.0.0" });
    expect((await client.listTools()).tools.map((t) => t.name)).to.deep.equal(["echo"]);
    expect((await client.callTool("echo", { text: "hi" })).content).to.deep.equal([{ type: "text", text: "echo: hi" }]);
    expect(server.sessions.size).to.equal(1);
    await client.close();
    await eventually(() => server.sessions.size === 0, "the server session to close");
    expect(attachment.connections).to.equal(0);
    await attachment.close();
  });
});
