import { expect } from "chai";
import { PassThrough } from "node:stream";
import { ClientSession } from "../../src/client/client-session.js";
import { ErrorCode } from "../../src/protocol/errors.js";
import { Server } from "../../src/server/server.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { streamTransport } from "../../src/transports/stdio/stdio.js";
import { captureLogger, RawPeer, sleep } from "../support/peers.js";

const init = (protocolVersion = "2025-11-25") => ({
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion, capabilities: {}, clientInfo: { name: "raw", version: "0" } },
});

function echoServer(logger = captureLogger()) {
  const server = new Server({ name: "bad-input", version: "1.0.0" }, { logger });
  server.onCallTool((params) => ({
    content: [{ type: "text", text: String(JSON.stringify(params.arguments).length) }],
  }));
  server.onListTools(() => ({ tools: [] }));
  return { server, logger };
}

/** A server with a raw client already through initialize, over the in-memory pair. */
async function initialized(protocolVersion = "2025-11-25") {
  const { server, logger } = echoServer();
  const [peerEnd, serverEnd] = memoryPair();
  await server.connect(serverEnd);
  const peer = await RawPeer.on(peerEnd);
  await peer.send(init(protocolVersion));
  expect(await peer.next()).to.have.nested.property("result.protocolVersion", protocolVersion);
  await peer.send({ jsonrpc: "2.0", method: "notifications/initialized" });
  /** Proves the session still serves: a ping is answered. */
  const stillServing = async () => {
    await peer.send({ jsonrpc: "2.0", id: "alive", method: "ping" });
    expect(await peer.next()).to.deep.equal({ jsonrpc: "2.0", id: "alive", result: {} });
  };
  return { peer, logger, stillServing };
}

/** A server over a pair of streams, written to as raw bytes, its output read as lines. */
async function overStreams() {
  const { server, logger } = echoServer();
  const input = new PassThrough();
  const output = new PassThrough();
  await server.connect(streamTransport(input, output));
  let buffered = "";
  const lines: Record<string, unknown>[] = [];
  output.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      lines.push(JSON.parse(buffered.slice(0, newline)) as Record<string, unknown>);
      buffered = buffered.slice(newline + 1);
    }
  });
  const waitLines = async (count: number) => {
    for (let i = 0; i < 200 && lines.length < count; i++) await sleep(10);
    expect(lines, JSON.stringify(lines)).to.have.length.of.at.least(count);
    return lines;
  };
  const write = (text: string) => void input.write(text);
  write(`${JSON.stringify(init())}\n${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
  await waitLines(1);
  return { write, lines, waitLines, logger, end: () => input.end() };
}

const errorOf = (message: unknown) => (message as { error: { code: number; message: string } }).error;

describe("bad input: the receiving side answers what the spec names, logs it, and keeps serving", () => {
  it("not JSON: ParseError (-32700) with id null", async () => {
    const io = await overStreams();
    io.write('{"jsonrpc": "2.0", "id": 1, "method": \n');
    io.write(`${JSON.stringify({ jsonrpc: "2.0", id: 2, method: "ping" })}\n`);
    const [, parseError, pong] = await io.waitLines(3);
    expect(parseError).to.include({ id: null });
    expect(errorOf(parseError).code).to.equal(ErrorCode.ParseError);
    expect(pong).to.deep.equal({ jsonrpc: "2.0", id: 2, result: {} });
    expect(io.logger.lines.join("\n")).to.include("-32700");
    io.end();
  });

  for (const value of [42, "text", null, true]) {
    it(`JSON that is not an object (${JSON.stringify(value)}): InvalidRequest (-32600) with id null`, async () => {
      const { peer, logger, stillServing } = await initialized();
      await peer.send(value);
      const reply = await peer.next();
      expect(reply.id).to.equal(null);
      expect(errorOf(reply).code).to.equal(ErrorCode.InvalidRequest);
      expect(logger.lines.join("\n")).to.include("-32600");
      await stillServing();
      await peer.close();
    });
  }

  it("wrong jsonrpc: InvalidRequest with the request id", async () => {
    const { peer, stillServing } = await initialized();
    await peer.send({ jsonrpc: "1.0", id: 5, method: "tools/list" });
    const reply = await peer.next();
    expect(reply.id).to.equal(5);
    expect(errorOf(reply).code).to.equal(ErrorCode.InvalidRequest);
    await stillServing();
    await peer.close();
  });

  for (const id of [1.5, -0.25]) {
    it(`a fractional id (${id}): InvalidRequest with id null, as MCP's RequestId is a string or an integer`, async () => {
      const { peer, stillServing } = await initialized();
      await peer.send({ jsonrpc: "2.0", id, method: "tools/list" });
      const reply = await peer.next();
      expect(reply.id).to.equal(null);
      expect(errorOf(reply)).to.include({ code: ErrorCode.InvalidRequest });
      expect(errorOf(reply).message).to.contain("string or an integer");
      await stillServing();
      await peer.close();
    });
  }

  it("a request without id is a notification: no answer, logged", async () => {
    const { peer, logger, stillServing } = await initialized();
    await peer.send({ jsonrpc: "2.0", method: "tools/list" });
    await stillServing();
    expect(peer.received).to.have.length(2);
    expect(logger.lines.join("\n")).to.include("ignored notification tools/list: a request without an id");
    await peer.close();
  });

  it("a request with id null: InvalidRequest (MCP ids are strings or numbers)", async () => {
    const { peer, stillServing } = await initialized();
    await peer.send({ jsonrpc: "2.0", id: null, method: "tools/list" });
    expect(errorOf(await peer.next()).code).to.equal(ErrorCode.InvalidRequest);
    await stillServing();
    await peer.close();
  });

  for (const method of ["no/such/method", "toString", "__proto__", "sampling/createMessage"]) {
    it(`unknown method ${method}: MethodNotFound (-32601)`, async () => {
      const { peer, stillServing } = await initialized();
      await peer.send({ jsonrpc: "2.0", id: 9, method, params: {} });
      const reply = await peer.next();
      expect(reply.id).to.equal(9);
      expect(errorOf(reply).code).to.equal(ErrorCode.MethodNotFound);
      await stillServing();
      await peer.close();
    });
  }

  it("schema-invalid params: InvalidParams (-32602) naming the failing path", async () => {
    const { peer, stillServing } = await initialized();
    await peer.send({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: 42 } });
    const reply = await peer.next();
    expect(errorOf(reply).code).to.equal(ErrorCode.InvalidParams);
    expect(errorOf(reply).message).to.include("/name must be string");
    await peer.send({ jsonrpc: "2.0", id: 4, method: "tools/call" });
    expect(errorOf(await peer.next()).code).to.equal(ErrorCode.InvalidParams);
    await peer.send({ jsonrpc: "2.0", id: 5, method: "tools/call", params: [1, 2] });
    expect(errorOf(await peer.next()).code).to.equal(ErrorCode.InvalidParams);
    await stillServing();
    await peer.close();
  });

  it("a response to an unknown id is dropped and logged", async () => {
    const { peer, logger, stillServing } = await initialized();
    await peer.send({ jsonrpc: "2.0", id: 12345, result: {} });
    await stillServing();
    expect(peer.received).to.have.length(2);
    expect(logger.lines.join("\n")).to.include("unknown request id 12345");
    await peer.close();
  });

  it("a request id already in flight: InvalidRequest, the first request still answered", async () => {
    const { server } = echoServer();
    let release!: () => void;
    server.onListTools(() => new Promise((resolve) => (release = () => resolve({ tools: [] }))));
    const [peerEnd, serverEnd] = memoryPair();
    await server.connect(serverEnd);
    const peer = await RawPeer.on(peerEnd);
    await peer.send(init());
    await peer.next();
    await peer.send({ jsonrpc: "2.0", id: "dup", method: "tools/list" });
    await sleep(5);
    await peer.send({ jsonrpc: "2.0", id: "dup", method: "tools/list" });
    expect(errorOf(await peer.next()).code).to.equal(ErrorCode.InvalidRequest);
    release();
    expect(await peer.next()).to.deep.equal({ jsonrpc: "2.0", id: "dup", result: { tools: [] } });
    await peer.close();
  });

  it("a 3.5 MB message (under the 4 MiB default a server takes) is received whole and answered", async () => {
    const io = await overStreams();
    const big = "x".repeat(3.5 * 1024 * 1024);
    io.write(
      `${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "n", arguments: { big } } })}\n`,
    );
    const [, reply] = await io.waitLines(2);
    expect(reply).to.nested.include({ id: 1, "result.content[0].text": String(JSON.stringify({ big }).length) });
    io.end();
  });

  it("one message split across many writes is reassembled", async () => {
    const io = await overStreams();
    const text = `${JSON.stringify({ jsonrpc: "2.0", id: "split", method: "tools/call", params: { name: "n", arguments: { a: "é∑😀" } } })}\n`;
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += 3) io.write(bytes.subarray(i, i + 3) as unknown as string);
    const [, reply] = await io.waitLines(2);
    expect(reply).to.include({ id: "split" });
    io.end();
  });

  it("several messages in one write are each answered, in order", async () => {
    const io = await overStreams();
    io.write([1, 2, 3].map((id) => JSON.stringify({ jsonrpc: "2.0", id, method: "ping" })).join("\n") + "\n");
    const lines = await io.waitLines(4);
    expect(lines.slice(1).map((l) => l.id)).to.deep.equal([1, 2, 3]);
    io.end();
  });

  it("a batch where the revision forbids batches (2025-11-25): InvalidRequest", async () => {
    const { peer, stillServing } = await initialized();
    await peer.send([{ jsonrpc: "2.0", id: 1, method: "ping" }]);
    const reply = await peer.next();
    expect(errorOf(reply).code).to.equal(ErrorCode.InvalidRequest);
    expect(errorOf(reply).message).to.include("batches are not part of revision 2025-11-25");
    await stillServing();
    await peer.close();
  });

  it("a batch where the revision has batches (2025-03-26): one array answering each request", async () => {
    const { peer, stillServing } = await initialized("2025-03-26");
    await peer.send([
      { jsonrpc: "2.0", id: 1, method: "ping" },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "no/such" },
      { jsonrpc: "2.0", id: 3, method: "tools/list" },
    ]);
    const reply = (await peer.next()) as unknown as Record<string, unknown>[];
    expect(reply).to.be.an("array").with.length(3);
    expect(reply.map((r) => r.id)).to.have.members([1, 2, 3]);
    await peer.send([]);
    expect(errorOf(await peer.next()).code).to.equal(ErrorCode.InvalidRequest);
    await stillServing();
    await peer.close();
  });

  it("a request before initialize: InvalidRequest; ping is still answered", async () => {
    const { server } = echoServer();
    const [peerEnd, serverEnd] = memoryPair();
    await server.connect(serverEnd);
    const peer = await RawPeer.on(peerEnd);
    await peer.send({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect(errorOf(await peer.next()).message).to.include("before initialize");
    await peer.send({ jsonrpc: "2.0", id: 2, method: "ping" });
    expect(await peer.next()).to.deep.equal({ jsonrpc: "2.0", id: 2, result: {} });
    await peer.close();
  });

  it("a request for a capability the server did not declare: MethodNotFound", async () => {
    const { peer, stillServing } = await initialized();
    await peer.send({ jsonrpc: "2.0", id: 1, method: "prompts/list" });
    expect(errorOf(await peer.next()).code).to.equal(ErrorCode.MethodNotFound);
    await stillServing();
    await peer.close();
  });

  it("a handler that returns nothing: InternalError, logged", async () => {
    const { server, logger } = echoServer();
    server.onListTools((() => undefined) as never);
    const [clientEnd, serverEnd] = memoryPair();
    await server.connect(serverEnd);
    const client = new ClientSession(clientEnd, { logger: captureLogger() });
    await client.initialize();
    const error = (await client.listTools().catch((e: unknown) => e)) as { code: number };
    expect(error.code).to.equal(ErrorCode.InternalError);
    expect(logger.lines.join("\n")).to.include("returned no result");
    await client.close();
  });

  it("a peer that closes mid-request: the pending request rejects and the server side cleans up", async () => {
    const { server } = echoServer();
    let aborted = false;
    server.onListTools((_p, ctx) => new Promise(() => ctx.signal.addEventListener("abort", () => (aborted = true))));
    const [clientEnd, serverEnd] = memoryPair();
    const serverSession = await server.connect(serverEnd);
    const client = new ClientSession(clientEnd, { logger: captureLogger() });
    await client.initialize();
    const pending = client.listTools();
    await sleep(5);
    await client.close();
    expect(await pending.catch((e: Error) => e.name)).to.equal("ConnectionClosedError");
    expect(aborted).to.equal(true);
    expect(serverSession.isOpen).to.equal(false);
    expect(server.sessions.size).to.equal(0);
  });
});
