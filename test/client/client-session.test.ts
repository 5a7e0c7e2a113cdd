import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import {
  CapabilityError,
  ErrorCode,
  InvalidResultError,
  McpError,
  UnsupportedMethodError,
} from "../../src/protocol/errors.js";
import { Server } from "../../src/server/server.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { captureLogger, RawPeer, sleep } from "../support/peers.js";

async function pairWith(server: Server, options: ConstructorParameters<typeof ClientSession>[1] = {}) {
  const [clientEnd, serverEnd] = memoryPair();
  const serverSession = await server.connect(serverEnd);
  const client = new ClientSession(clientEnd, { logger: captureLogger(), protocolVersion: "2025-11-25", ...options });
  return { client, serverSession };
}

/** A client whose server is a raw peer: the test plays the server by hand. */
async function againstRawServer(options: ConstructorParameters<typeof ClientSession>[1] = {}) {
  const [clientEnd, serverEnd] = memoryPair();
  const peer = await RawPeer.on(serverEnd);
  const client = new ClientSession(clientEnd, { logger: captureLogger(), protocolVersion: "2025-11-25", ...options });
  return { client, peer };
}

const serverAnswer = (id: unknown, protocolVersion: string, capabilities: object = {}) => ({
  jsonrpc: "2.0",
  id,
  result: { protocolVersion, capabilities, serverInfo: { name: "raw-server", version: "9" } },
});

// These are the stateful revisions' behaviours, so each client is pinned to the handshake; the mode
// negotiation and 2026-07-28 have their own files (mode.test.ts, stateless.test.ts).
describe("ClientSession", () => {
  describe("lifecycle (basic/lifecycle)", () => {
    it("offers the newest stateful revision and sends notifications/initialized after the answer", async () => {
      const { client, peer } = await againstRawServer();
      const initializing = client.initialize();
      const request = await peer.next();
      expect(request).to.nested.include({ method: "initialize", "params.protocolVersion": "2025-11-25" });
      expect(request).to.nested.include({ "params.clientInfo.name": "mcpkit" });
      await peer.send(serverAnswer(request.id, "2025-11-25", { tools: {} }));
      const result = await initializing;
      expect(result.serverInfo?.name).to.equal("raw-server");
      expect(await peer.next()).to.deep.equal({ jsonrpc: "2.0", method: "notifications/initialized" });
      expect(client.protocolVersion).to.equal("2025-11-25");
      await client.close();
    });

    for (const older of ["2024-11-05", "2025-03-26", "2025-06-18"]) {
      it(`accepts a server that answers ${older} and speaks it from then on`, async () => {
        const { client, peer } = await againstRawServer();
        const initializing = client.initialize();
        const request = await peer.next();
        await peer.send(serverAnswer(request.id, older, { tools: {} }));
        await initializing;
        expect(client.protocolVersion).to.equal(older);
        const listing = client.listTools();
        await peer.next();
        const list = await peer.next();
        await peer.send({ jsonrpc: "2.0", id: list.id, result: { tools: [] } });
        expect(await listing).to.deep.equal({ tools: [] });
        await client.close();
      });
    }

    it("refuses a server answering a revision it does not speak, and closes", async () => {
      const { client, peer } = await againstRawServer();
      const initializing = client.initialize();
      const request = await peer.next();
      await peer.send(serverAnswer(request.id, "1999-01-01"));
      const error = await initializing.catch((e: unknown) => e);
      expect(error).to.be.instanceOf(McpError);
      expect((error as Error).message).to.include('"1999-01-01"');
      expect(client.isOpen).to.equal(false);
    });

    it("refuses an initialize result that does not match the negotiated revision's schema", async () => {
      const { client, peer } = await againstRawServer();
      const initializing = client.initialize();
      const request = await peer.next();
      await peer.send({ jsonrpc: "2.0", id: request.id, result: { protocolVersion: "2025-11-25", capabilities: {} } });
      const error = await initializing.catch((e: unknown) => e);
      expect(error).to.be.instanceOf(InvalidResultError);
      expect((error as Error).message).to.include("/result/serverInfo is required");
    });

    it("offers an older revision when asked, and a current server answers it", async () => {
      const server = new Server({ name: "s", version: "1" });
      const { client, serverSession } = await pairWith(server, { protocolVersion: "2024-11-05" });
      const result = await client.initialize();
      expect(result.protocolVersion).to.equal("2024-11-05");
      expect(serverSession.protocolVersion).to.equal("2024-11-05");
      await client.close();
    });

    it("a call before initialize is refused without I/O", async () => {
      const { client, peer } = await againstRawServer();
      await client.start();
      const error = await client.listTools().catch((e: unknown) => e);
      expect((error as Error).message).to.equal("call initialize() before tools/list");
      await sleep(5);
      expect(peer.received).to.have.length(0);
      await client.close();
    });
  });

  describe("capability and revision checks, before anything is sent", () => {
    it("a method whose server capability is absent throws CapabilityError (an McpError)", async () => {
      const { client, peer } = await againstRawServer();
      const initializing = client.initialize();
      await peer.send(serverAnswer((await peer.next()).id, "2025-11-25", { tools: {} }));
      await initializing;
      await peer.next();
      for (const call of [
        () => client.listPrompts(),
        () => client.subscribe({ uri: "a://b" }),
        () => client.setLevel({ level: "info" }),
      ]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).to.be.instanceOf(CapabilityError).and.instanceOf(McpError);
      }
      await sleep(5);
      expect(peer.received).to.have.length(2);
      await client.close();
    });

    it("a method the negotiated revision lacks says which revision lacks it", async () => {
      const server = new Server({ name: "s", version: "1" });
      server.onListTools(() => ({ tools: [] }));
      const { client } = await pairWith(server, { protocolVersion: "2024-11-05" });
      await client.initialize();
      const discover = await client.discover().catch((e: unknown) => e);
      expect(discover).to.be.instanceOf(UnsupportedMethodError);
      expect((discover as Error).message).to.equal("server/discover does not exist in 2024-11-05");
      const tasks = await client.getTask({ taskId: "t" }).catch((e: unknown) => e);
      expect((tasks as Error).message).to.equal("tasks/get does not exist in 2024-11-05");
      await client.close();
    });
  });

  describe("pagination", () => {
    it("listAllTools follows nextCursor across pages", async () => {
      const server = new Server({ name: "s", version: "1" });
      server.onListTools((params) => {
        const page = Number(params.cursor ?? 0);
        return {
          tools: [{ name: `t${page}`, inputSchema: { type: "object" } }],
          ...(page < 4 ? { nextCursor: String(page + 1) } : {}),
        };
      });
      const { client } = await pairWith(server);
      await client.initialize();
      expect((await client.listAllTools()).map((t) => t.name)).to.deep.equal(["t0", "t1", "t2", "t3", "t4"]);
      await client.close();
    });

    it("a server that repeats a cursor is stopped rather than followed forever", async () => {
      const server = new Server({ name: "s", version: "1" });
      server.onListPrompts(() => ({ prompts: [], nextCursor: "same" }));
      const { client } = await pairWith(server);
      await client.initialize();
      const error = await client.listAllPrompts().catch((e: unknown) => e);
      expect((error as Error).message).to.include('repeated the cursor "same"');
      await client.close();
    });
  });

  describe("server-to-client requests and notifications", () => {
    it("declares the capabilities its handlers imply and answers sampling, elicitation and roots", async () => {
      const server = new Server({ name: "s", version: "1" });
      const { client, serverSession } = await pairWith(server);
      client
        .onCreateMessage((params) => ({
          role: "assistant",
          content: { type: "text", text: `echo ${JSON.stringify(params.messages[0]?.content)}` },
          model: "test-model",
        }))
        .onElicit(() => ({ action: "accept", content: { name: "Ada" } }))
        .onListRoots(() => ({ roots: [{ uri: "file:///tmp", name: "tmp" }] }));
      await client.initialize();
      expect(serverSession.clientCapabilities).to.deep.equal({
        sampling: {},
        elicitation: {},
        roots: { listChanged: true },
      });
      const sampled = await serverSession.createMessage({
        messages: [{ role: "user", content: { type: "text", text: "hi" } }],
        maxTokens: 10,
      });
      expect(sampled.model).to.equal("test-model");
      const elicited = await serverSession.elicit({
        message: "Who?",
        requestedSchema: { type: "object", properties: { name: { type: "string" } } },
      });
      expect(elicited).to.deep.equal({ action: "accept", content: { name: "Ada" } });
      expect((await serverSession.listRoots()).roots[0]?.uri).to.equal("file:///tmp");
      await client.close();
    });

    it("a server request for a capability the client did not declare throws before any I/O", async () => {
      const server = new Server({ name: "s", version: "1" });
      const { client, serverSession } = await pairWith(server);
      await client.initialize();
      const error = await serverSession.listRoots().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(CapabilityError);
      await client.close();
    });

    it("receives list_changed, resources/updated, log messages (honouring setLevel) and progress", async () => {
      const server = new Server({ name: "s", version: "1" }, { notificationOptions: { toolsChanged: true } });
      server
        .onListTools(() => ({ tools: [] }))
        .onSubscribe(() => ({}))
        .onListResources(() => ({ resources: [] }));
      const { client, serverSession } = await pairWith(server);
      const seen: string[] = [];
      client
        .onToolListChanged(() => void seen.push("tools"))
        .onResourceUpdated((p) => void seen.push(`updated ${p.uri}`))
        .onLoggingMessage((p) => void seen.push(`log ${p.level} ${JSON.stringify(p.data)}`))
        .onProgress((p) => void seen.push(`progress ${p.progress}`));
      await client.initialize();
      await client.setLevel({ level: "warning" });
      expect(serverSession.logLevel).to.equal("warning");
      await serverSession.sendToolListChanged();
      await serverSession.sendResourceUpdated({ uri: "a://b" });
      await serverSession.sendLoggingMessage({ level: "info", data: { text: "dropped" } });
      await serverSession.sendLoggingMessage({ level: "error", data: { text: "kept" } });
      await serverSession.sendProgress({ progressToken: "unrelated", progress: 3 });
      await sleep(10);
      expect(seen).to.deep.equal(["tools", "updated a://b", 'log error {"text":"kept"}', "progress 3"]);
      await client.close();
    });

    it("a server request the client has no handler for is answered MethodNotFound", async () => {
      const server = new Server({ name: "s", version: "1" });
      const { client, serverSession } = await pairWith(server, { capabilities: { sampling: {} } });
      await client.initialize();
      const error = await serverSession.createMessage({ messages: [], maxTokens: 1 }).catch((e: unknown) => e);
      expect((error as McpError).code).to.equal(ErrorCode.MethodNotFound);
      await client.close();
    });
  });
});
