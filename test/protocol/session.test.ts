import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import {
  ConnectionClosedError,
  ErrorCode,
  McpError,
  REQUEST_TIMEOUT,
  RequestTimeoutError,
} from "../../src/protocol/errors.js";
import { Server } from "../../src/server/server.js";
import type { Transport, TransportEvents } from "../../src/protocol/transport.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { captureLogger, RawPeer, sleep } from "../support/peers.js";

const INIT = {
  jsonrpc: "2.0",
  id: "init",
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
};

/** A low-level server with a few tools, served over an in-memory pair. */
function toolServer() {
  const server = new Server({ name: "engine-test", version: "1.0.0" });
  server.onListTools(() => ({ tools: [{ name: "echo", inputSchema: { type: "object" } }] }));
  server.onCallTool(async (params, ctx) => {
    const args = (params.arguments ?? {}) as { wait?: number; steps?: number; every?: number };
    if (args.steps) {
      for (let i = 1; i <= args.steps; i++) {
        await sleep(args.every ?? 10);
        await ctx.reportProgress(i, args.steps);
      }
    }
    if (args.wait) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, args.wait);
        ctx.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return { content: [{ type: "text", text: JSON.stringify(params.arguments ?? null) }] };
  });
  return server;
}

async function connected(server = toolServer(), options: ConstructorParameters<typeof ClientSession>[1] = {}) {
  const [clientEnd, serverEnd] = memoryPair();
  const serverSession = await server.connect(serverEnd);
  const client = new ClientSession(clientEnd, { logger: captureLogger(), protocolVersion: "2025-11-25", ...options });
  await client.initialize();
  return { client, serverSession, server };
}

/** A server session with a raw peer playing the client, already past initialize. */
async function rawClient(server = toolServer(), logger = captureLogger()) {
  const [peerEnd, serverEnd] = memoryPair();
  await server.connect(serverEnd, {});
  const peer = await RawPeer.on(peerEnd);
  return { peer, logger };
}

describe("session engine", () => {
  describe("correlation", () => {
    it("1,000 concurrent requests on one session all complete with their own results", async () => {
      const { client } = await connected();
      const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => client.callTool("echo", { i })));
      results.forEach((result, i) =>
        expect(result.content[0]).to.deep.equal({ type: "text", text: JSON.stringify({ i }) }),
      );
      expect(client.pendingRequests).to.equal(0);
      await client.close();
    });

    it("answers ping in both directions (basic/utilities/ping)", async () => {
      const { client, serverSession } = await connected();
      expect(await client.ping()).to.deep.equal({});
      expect(await serverSession.ping()).to.deep.equal({});
      await client.close();
    });
  });

  describe("timeouts (basic/utilities/cancellation, progress)", () => {
    it("rejects with RequestTimeoutError and tells the server with notifications/cancelled", async () => {
      const server = toolServer();
      let aborted = false;
      server.onCallTool(
        (_params, ctx) =>
          new Promise((resolve) =>
            ctx.signal.addEventListener("abort", () => {
              aborted = true;
              resolve({ content: [] });
            }),
          ),
      );
      const { client } = await connected(server);
      const error = await client.callTool("echo", {}, { timeout: 50 }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(RequestTimeoutError);
      expect((error as Error).message).to.match(/tools\/call timed out after 50 ms/);
      // An McpError with -32001, as both official SDKs report a timeout.
      expect(error).to.be.instanceOf(McpError);
      expect(error).to.include({ code: REQUEST_TIMEOUT });
      expect((error as McpError).data).to.deep.equal({ method: "tools/call", timeoutMs: 50 });
      await sleep(20);
      expect(aborted).to.equal(true);
      await client.close();
    });

    it("restarts the timeout on progress, so a long call that reports progress completes", async () => {
      const { client } = await connected();
      const reports: number[] = [];
      const result = await client.callTool(
        "echo",
        { steps: 8, every: 30 },
        { timeout: 80, onprogress: (p) => reports.push(p.progress) },
      );
      expect(reports).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(result.content).to.have.length(1);
      await client.close();
    });

    it("stops at the absolute cap however often progress arrives", async () => {
      const { client } = await connected();
      const error = await client
        .callTool("echo", { steps: 30, every: 20 }, { timeout: 80, maxTotalTimeout: 150, onprogress: () => {} })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(RequestTimeoutError);
      expect((error as Error).message).to.match(/in all/);
      await client.close();
    });

    it("honours maxTotalTimeout to the millisecond: cap 1 s, timeout 1 s, progress every 900 ms rejects at 1 s", async () => {
      const { client } = await connected();
      const started = Date.now();
      const error = await client
        .callTool("echo", { steps: 3, every: 900 }, { timeout: 1000, maxTotalTimeout: 1000, onprogress: () => {} })
        .catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(error).to.be.instanceOf(RequestTimeoutError);
      expect((error as Error).message).to.match(/1000 ms in all/);
      expect(elapsed).to.be.within(995, 1100);
      await client.close();
    });

    it("requests with different timeouts each expire at their own deadline, a shorter one sent last first", async () => {
      const server = toolServer();
      server.onCallTool(() => new Promise(() => {}));
      const { client } = await connected(server);
      const started = Date.now();
      const when = (timeout: number) =>
        client.callTool("echo", {}, { timeout }).then(
          () => expect.fail("answered"),
          (e: unknown) => (expect(e).to.be.instanceOf(RequestTimeoutError), Date.now() - started),
        );
      const [slow, fast, middle] = await Promise.all([when(300), when(60), when(150)]);
      expect(fast).to.be.within(55, 140);
      expect(middle).to.be.within(145, 240);
      expect(slow).to.be.within(295, 420);
      await client.close();
    });

    it("an answered request leaves no timer holding the process open", async () => {
      const { client } = await connected();
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
      const before = timers();
      const calls = Array.from({ length: 5 }, (_, i) => client.callTool("echo", { wait: 30 }, { timeout: 10_000 + i }));
      expect(timers()).to.be.greaterThan(before);
      await Promise.all(calls);
      expect(timers()).to.equal(before);
      await client.close();
    });

    it("does not restart the timeout when asked not to", async () => {
      const { client } = await connected();
      const error = await client
        .callTool("echo", { steps: 8, every: 30 }, { timeout: 80, resetTimeoutOnProgress: false, onprogress: () => {} })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(RequestTimeoutError);
      await client.close();
    });
  });

  describe("cancellation (basic/utilities/cancellation)", () => {
    it("an aborted signal sends notifications/cancelled, aborts the handler and rejects with the reason", async () => {
      const server = toolServer();
      let handlerSignal: AbortSignal | undefined;
      server.onCallTool((_params, ctx) => {
        handlerSignal = ctx.signal;
        return new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve({ content: [] })));
      });
      const { client } = await connected(server);
      const controller = new AbortController();
      const call = client.callTool("echo", {}, { signal: controller.signal });
      await sleep(10);
      controller.abort(new Error("user gave up"));
      const error = await call.catch((e: unknown) => e);
      expect((error as Error).message).to.equal("user gave up");
      await sleep(10);
      expect(handlerSignal?.aborted).to.equal(true);
      await client.close();
    });

    it("an inbound cancellation aborts the handler and no response is sent", async () => {
      const { peer } = await rawClient();
      await peer.send(INIT);
      await peer.next();
      await peer.send({ jsonrpc: "2.0", method: "notifications/initialized" });
      await peer.send({
        jsonrpc: "2.0",
        id: 7,
        method: "tools/call",
        params: { name: "echo", arguments: { wait: 5000 } },
      });
      await sleep(10);
      await peer.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 7, reason: "stop" } });
      await peer.send({ jsonrpc: "2.0", id: 8, method: "ping" });
      expect(await peer.next()).to.deep.equal({ jsonrpc: "2.0", id: 8, result: {} });
      await sleep(30);
      expect(peer.received).to.have.length(2);
      await peer.close();
    });

    it("an already aborted signal rejects before anything is sent", async () => {
      const { client } = await connected();
      const error = await client
        .ping(undefined, { signal: AbortSignal.abort(new Error("no")) })
        .catch((e: unknown) => e);
      expect((error as Error).message).to.equal("no");
      await client.close();
    });
  });

  describe("closing", () => {
    it("a peer that closes mid-request rejects every pending request with ConnectionClosedError", async () => {
      const server = toolServer();
      let serverSignal: AbortSignal | undefined;
      server.onCallTool((_params, ctx) => {
        serverSignal = ctx.signal;
        return new Promise(() => {});
      });
      const { client, serverSession } = await connected(server);
      const calls = [client.callTool("echo", {}), client.callTool("echo", {})];
      await sleep(10);
      await serverSession.close();
      for (const call of calls) expect(await call.catch((e: unknown) => e)).to.be.instanceOf(ConnectionClosedError);
      expect(serverSignal?.aborted).to.equal(true);
      expect(client.isOpen).to.equal(false);
    });

    /** A client end whose writes fail once `broken`, as a pipe to an exited process does; `close` then ends it with a reason. */
    async function breakingClient() {
      const [clientEnd, serverEnd] = memoryPair();
      await toolServer().connect(serverEnd);
      let broken = false;
      let events: TransportEvents | undefined;
      const transport: Transport = {
        start: (e) => ((events = e), clientEnd.start(e)),
        send: (message) =>
          broken
            ? Promise.reject(new ConnectionClosedError("the connection closed before the message was written"))
            : clientEnd.send(message),
        close: () => clientEnd.close(),
      };
      const client = new ClientSession(transport, { logger: captureLogger(), protocolVersion: "2025-11-25" });
      await client.initialize();
      return { client, breakOff: () => (broken = true), close: (reason: Error) => events!.close(reason) };
    }

    it("a write refused by a closing connection waits for the close, and rejects with its reason", async () => {
      const { client, breakOff, close } = await breakingClient();
      breakOff();
      const call = client.listTools().catch((e: unknown) => e);
      await sleep(20);
      close(new Error("the server process exited with code 3"));
      const error = (await call) as ConnectionClosedError;
      expect(error).to.be.instanceOf(ConnectionClosedError);
      expect(error.message).to.contain("before tools/list was answered");
      expect((error.cause as Error).message).to.equal("the server process exited with code 3");
    });

    it("a write refused with no close after it rejects with the write's error, a second later", async () => {
      const { client, breakOff } = await breakingClient();
      breakOff();
      const started = Date.now();
      const error = (await client.listTools().catch((e: unknown) => e)) as Error;
      expect(error).to.be.instanceOf(ConnectionClosedError);
      expect(error.message).to.equal("the connection closed before the message was written");
      expect(Date.now() - started).to.be.within(900, 3000);
      await client.close();
    });

    it("a closed session refuses to send", async () => {
      const { client } = await connected();
      await client.close();
      expect(await client.listTools().catch((e: unknown) => e)).to.be.instanceOf(ConnectionClosedError);
    });

    it("Symbol.asyncDispose closes the session", async () => {
      const { client } = await connected();
      {
        await using session = client;
        expect(session.isOpen).to.equal(true);
      }
      expect(client.isOpen).to.equal(false);
    });
  });

  describe("errors", () => {
    it("a handler that throws becomes InternalError without its message, and the cause is logged", async () => {
      const logger = captureLogger();
      const server = new Server({ name: "s", version: "1" }, { logger }).onListTools(() => {
        throw new Error("secret database password");
      });
      const { client } = await connected(server);
      const error = (await client.listTools().catch((e: unknown) => e)) as { code: number; message: string };
      expect(error.code).to.equal(ErrorCode.InternalError);
      expect(error.message).to.equal("Internal error");
      expect(logger.lines.join("\n")).to.include("handler for tools/list failed");
      await client.close();
    });

    it("an McpError thrown by a handler passes through with its code and data", async () => {
      const server = new Server({ name: "s", version: "1" }).onListTools(() => {
        throw new McpError(-32002, "Resource not found", { uri: "x://y" });
      });
      const { client } = await connected(server);
      const error = (await client.listTools().catch((e: unknown) => e)) as InstanceType<typeof McpError>;
      expect(error).to.be.instanceOf(McpError);
      expect(error.toWire()).to.deep.equal({ code: -32002, message: "Resource not found", data: { uri: "x://y" } });
      await client.close();
    });
  });

  describe("outbound validation (validateOutbound, for tests and debugging)", () => {
    it("a handler result that breaks the schema becomes InternalError instead of reaching the peer", async () => {
      const logger = captureLogger();
      const server = new Server({ name: "s", version: "1" }, { logger, validateOutbound: true });
      server.onListTools(() => ({ tools: [{ name: 7 }] }) as never);
      const { client } = await connected(server);
      const error = (await client.listTools().catch((e: unknown) => e)) as McpError;
      expect(error.code).to.equal(ErrorCode.InternalError);
      expect(logger.lines.join("\n")).to.include("does not match the schema");
      await client.close();
    });

    it("a request that breaks the schema throws before it is sent", async () => {
      const { client } = await connected(toolServer(), { validateOutbound: true });
      const error = await client.callTool({ name: 42 } as never).catch((e: unknown) => e);
      expect((error as Error).message).to.match(
        /outbound message is invalid under 2025-11-25: \/params\/name must be string/,
      );
      await client.close();
    });
  });
});
