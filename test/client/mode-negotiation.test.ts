import { expect } from "chai";
import { join } from "node:path";
import { ClientSession, type ClientSessionOptions } from "../../src/client/client-session.js";
import { ErrorCode, InvalidResultError, McpError } from "../../src/protocol/errors.js";
import { META } from "../../src/protocol/mcp-headers.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { stdioClient } from "../../src/transports/stdio/stdio.js";
import { ROOT } from "../support/paths.js";
import { captureLogger, RawPeer, sleep } from "../support/peers.js";
import { discoverResult } from "./helpers.js";

type Message = Record<string, unknown>;

/** A client (not yet initialized) whose server the test plays by hand. */
async function againstRawServer(options: ClientSessionOptions = {}) {
  const [clientEnd, serverEnd] = memoryPair();
  const peer = await RawPeer.on(serverEnd);
  const client = new ClientSession(clientEnd, { logger: captureLogger(), ...options });
  return { client, peer };
}

const answer = (request: Message, result: unknown) => ({ jsonrpc: "2.0", id: request.id, result });
const refuse = (request: Message, code: number, message: string, data?: unknown) => ({
  jsonrpc: "2.0",
  id: request.id,
  error: data === undefined ? { code, message } : { code, message, data },
});
const initializeAnswer = (request: Message, protocolVersion = "2025-11-25") =>
  answer(request, {
    protocolVersion,
    capabilities: { tools: {} },
    serverInfo: { name: "stateful-server", version: "1" },
  });
const meta = (request: Message) => (request.params as { _meta: Message })._meta;

describe("ClientSession mode negotiation (basic/versioning: Backward Compatibility; basic/transports/stdio)", () => {
  it("probes with server/discover carrying the per-request _meta, and a DiscoverResult makes the session stateless", async () => {
    const { client, peer } = await againstRawServer({ clientInfo: { name: "probe", version: "1" } });
    client.onElicit(() => ({ action: "decline" }));
    const initializing = client.initialize();
    const probe = await peer.next();
    expect(probe.method).to.equal("server/discover");
    expect(meta(probe)).to.deep.equal({
      [META.protocolVersion]: "2026-07-28",
      [META.clientCapabilities]: { elicitation: {} },
      [META.clientInfo]: { name: "probe", version: "1" },
    });
    await peer.send(answer(probe, discoverResult({ instructions: "be kind" })));
    const described = await initializing;
    expect(described.mode).to.equal("stateless");
    expect(client.mode).to.equal("stateless");
    expect(client.protocolVersion).to.equal("2026-07-28");
    expect(client.serverInfo).to.deep.equal({ name: "stateless-server", version: "2" });
    expect(client.serverCapabilities).to.deep.equal({ tools: {} });
    expect(client.instructions).to.equal("be kind");
    await sleep(10);
    expect(peer.received, "no initialize, no notifications/initialized").to.have.length(1);
    await client.close();
  });

  it("a JSON-RPC error that is not a stateless one means stateful: the initialize handshake follows", async () => {
    const { client, peer } = await againstRawServer();
    const initializing = client.initialize();
    await peer.send(refuse(await peer.next(), ErrorCode.MethodNotFound, "Method not found"));
    const initialize = await peer.next();
    expect(initialize).to.nested.include({ method: "initialize", "params.protocolVersion": "2025-11-25" });
    await peer.send(initializeAnswer(initialize));
    const described = await initializing;
    expect(described.mode).to.equal("stateful");
    expect(client.serverInfo?.name).to.equal("stateful-server");
    expect((await peer.next()).method).to.equal("notifications/initialized");
    await client.close();
  });

  it("no answer within discoverTimeout means stateful (a server that ignores requests before initialize)", async () => {
    const { client, peer } = await againstRawServer({ discoverTimeout: 50 });
    const initializing = client.initialize();
    expect((await peer.next()).method).to.equal("server/discover");
    const next = await peer.next(1000);
    const initialize = next.method === "notifications/cancelled" ? await peer.next() : next;
    expect(initialize.method).to.equal("initialize");
    await peer.send(initializeAnswer(initialize));
    expect((await initializing).mode).to.equal("stateful");
    await client.close();
  });

  it("-32022 is answered by retrying server/discover with a supported version and a new id", async () => {
    const { client, peer } = await againstRawServer();
    const initializing = client.initialize();
    const first = await peer.next();
    await peer.send(
      refuse(first, ErrorCode.UnsupportedProtocolVersion, "Unsupported protocol version", {
        supported: ["2026-07-28"],
        requested: "2026-07-28",
      }),
    );
    const retry = await peer.next();
    expect(retry.method).to.equal("server/discover");
    expect(retry.id).to.not.equal(first.id);
    expect(meta(retry)[META.protocolVersion]).to.equal("2026-07-28");
    await peer.send(answer(retry, discoverResult()));
    expect((await initializing).mode).to.equal("stateless");
    await client.close();
  });

  it("a stateless server supporting only stateful versions gets the handshake at the newest of them", async () => {
    for (const reply of [
      (probe: Message) =>
        refuse(probe, ErrorCode.UnsupportedProtocolVersion, "no", { supported: ["2025-06-18"], requested: "x" }),
      (probe: Message) => answer(probe, discoverResult({ supportedVersions: ["2025-03-26", "2025-06-18"] })),
    ]) {
      const { client, peer } = await againstRawServer();
      const initializing = client.initialize();
      await peer.send(reply(await peer.next()));
      const initialize = await peer.next();
      expect(initialize).to.nested.include({ method: "initialize", "params.protocolVersion": "2025-06-18" });
      await peer.send(initializeAnswer(initialize, "2025-06-18"));
      expect((await initializing).protocolVersion).to.equal("2025-06-18");
      await client.close();
    }
  });

  it("bad input: a discover result that fails validation rejects initialize, and the session can try again", async () => {
    const { client, peer } = await againstRawServer();
    const error = await Promise.all([
      client.initialize().catch((e: unknown) => e),
      peer.next().then((probe) => peer.send(answer(probe, { resultType: "complete", capabilities: {} }))),
    ]).then(([e]) => e);
    expect(error).to.be.instanceOf(InvalidResultError);
    expect((error as Error).message).to.include("server/discover");
    expect(client.isOpen).to.equal(true);
    expect(client.mode).to.equal(undefined);
    const again = client.initialize();
    await peer.send(answer(await peer.next(), discoverResult()));
    expect((await again).mode).to.equal("stateless");
    await client.close();
  });

  it("a recognised stateless error other than -32022 (here -32021) rejects rather than falling back", async () => {
    const { client, peer } = await againstRawServer();
    const initializing = client.initialize().catch((e: unknown) => e);
    await peer.send(
      refuse(await peer.next(), ErrorCode.MissingRequiredClientCapability, "needs sampling", {
        requiredCapabilities: { sampling: {} },
      }),
    );
    expect(((await initializing) as McpError).code).to.equal(ErrorCode.MissingRequiredClientCapability);
    await sleep(10);
    expect(peer.received).to.have.length(1);
    await client.close();
  });

  it("protocolVersion 2026-07-28 speaks only the stateless mode: a stateful server's refusal rejects, nothing else is sent", async () => {
    const { client, peer } = await againstRawServer({ protocolVersion: "2026-07-28" });
    const initializing = client.initialize().catch((e: unknown) => e);
    await peer.send(refuse(await peer.next(), ErrorCode.MethodNotFound, "Method not found"));
    expect(((await initializing) as McpError).code).to.equal(ErrorCode.MethodNotFound);
    await sleep(10);
    expect(peer.received).to.have.length(1);
    await client.close();
  });

  it("a stateful protocolVersion skips the probe: initialize is the first message, as before", async () => {
    const { client, peer } = await againstRawServer({ protocolVersion: "2025-06-18" });
    const initializing = client.initialize();
    const initialize = await peer.next();
    expect(initialize).to.nested.include({ method: "initialize", "params.protocolVersion": "2025-06-18" });
    await peer.send(initializeAnswer(initialize, "2025-06-18"));
    await initializing;
    await client.close();
  });

  describe("over stdio, against real processes", function () {
    this.timeout(20_000);
    const fixture = join(ROOT, "test", "fixtures", "stateless-stdio-server.mjs");
    const spawn = (args: string[] = [], options: ClientSessionOptions = {}) =>
      new ClientSession(stdioClient({ command: process.execPath, args: [fixture, ...args] }), {
        logger: captureLogger(),
        ...options,
      });

    it("a stateless server: discover, then MRTR over stdio; cancellation is notifications/cancelled", async () => {
      const client = spawn().onElicit(() => ({ action: "accept", content: { name: "Ada" } }));
      const logs: unknown[] = [];
      client.onLoggingMessage((p) => void logs.push(p.data));
      try {
        expect((await client.initialize()).serverInfo?.name).to.equal("stateless-stdio");
        expect((await client.listTools()).tools.map((t) => t.name)).to.deep.equal(["ask"]);
        const result = await client.callTool("ask", {});
        expect(result.content).to.deep.equal([{ type: "text", text: "state-1 Ada" }]);
        const controller = new AbortController();
        const waiting = client.callTool("wait", {}, { signal: controller.signal }).catch((e: unknown) => e);
        await sleep(50);
        controller.abort(new Error("enough"));
        expect(((await waiting) as Error).message).to.equal("enough");
        for (let i = 0; i < 100 && logs.length === 0; i++) await sleep(10);
        expect(logs[0]).to.match(/^cancelled \d+$/);
      } finally {
        await client.close();
      }
    });

    it("a stateful server that stays silent before initialize: the probe times out and the handshake follows", async () => {
      const client = spawn(["--silent-stateful"], { discoverTimeout: 300 });
      try {
        const described = await client.initialize();
        expect(described.mode).to.equal("stateful");
        expect(client.serverInfo?.name).to.equal("stateful-stdio");
        expect(await client.listTools()).to.deep.equal({ tools: [] });
      } finally {
        await client.close();
      }
    });
  });
});
