import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import { ErrorCode } from "../../src/protocol/errors.js";
import { Server } from "../../src/server/server.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { captureLogger, RawPeer, sleep } from "../support/peers.js";

async function connect(server: Server, protocolVersion?: "2024-11-05" | "2025-03-26" | "2025-06-18" | "2025-11-25") {
  const [clientEnd, serverEnd] = memoryPair();
  const serverSession = await server.connect(serverEnd);
  const client = new ClientSession(clientEnd, {
    logger: captureLogger(),
    protocolVersion: protocolVersion ?? "2025-11-25",
  });
  await client.initialize();
  return { client, serverSession };
}

describe("low-level Server", () => {
  it("derives capabilities from the registered handlers and the notification options", () => {
    const server = new Server(
      { name: "s", version: "1" },
      { notificationOptions: { toolsChanged: true, promptsChanged: true } },
    );
    expect(server.capabilities).to.deep.equal({ logging: {} });
    server
      .onListTools(() => ({ tools: [] }))
      .onListResources(() => ({ resources: [] }))
      .onComplete(() => ({ completion: { values: [] } }));
    expect(server.capabilities).to.deep.equal({
      tools: { listChanged: true },
      resources: {},
      completions: {},
      logging: {},
    });
    server.onSubscribe(() => ({}));
    expect(server.capabilities).to.have.deep.property("resources", { subscribe: true });
    server.removeRequestHandler("resources/subscribe").removeRequestHandler("resources/list");
    expect(server.capabilities).not.to.have.property("resources");
  });

  it("lets given capabilities extend and override the derived ones; logging can be left out", () => {
    const server = new Server(
      { name: "s", version: "1" },
      { logging: false, capabilities: { experimental: { "x-feature": {} } } },
    );
    expect(server.capabilities).to.deep.equal({ experimental: { "x-feature": {} } });
  });

  it("setRequestHandler and the generated registrars are the same registration", async () => {
    const server = new Server({ name: "s", version: "1" });
    server.setRequestHandler("tools/call", (params) => ({
      content: [{ type: "text", text: `called ${params.name}` }],
    }));
    server.onListTools(() => ({ tools: [{ name: "x", inputSchema: { type: "object" } }] }));
    const { client } = await connect(server);
    expect((await client.listTools()).tools[0]?.name).to.equal("x");
    expect((await client.callTool("x")).content[0]).to.deep.equal({ type: "text", text: "called x" });
    await client.close();
  });

  it("refuses a handler for initialize, which the session answers", () => {
    const server = new Server({ name: "s", version: "1" });
    expect(() => server.setRequestHandler("initialize" as never, (() => ({})) as never)).to.throw(
      /answered by the session/,
    );
  });

  for (const revision of ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"] as const) {
    it(`answers a ${revision} client with ${revision} (version negotiation)`, async () => {
      const server = new Server({ name: "s", version: "1" }).onListTools(() => ({ tools: [] }));
      const { client, serverSession } = await connect(server, revision);
      expect(client.protocolVersion).to.equal(revision);
      expect(serverSession.protocolVersion).to.equal(revision);
      expect(await client.listTools()).to.deep.equal({ tools: [] });
      await client.close();
    });
  }

  it("answers a client asking for an unknown revision with its newest stateful one", async () => {
    const server = new Server({ name: "s", version: "1" }, { logger: captureLogger() });
    const [peerEnd, serverEnd] = memoryPair();
    await server.connect(serverEnd);
    const peer = await RawPeer.on(peerEnd);
    await peer.send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2099-01-01", capabilities: {}, clientInfo: { name: "future", version: "1" } },
    });
    expect(await peer.next()).to.nested.include({
      "result.protocolVersion": "2025-11-25",
      "result.serverInfo.name": "s",
    });
    await peer.send({
      jsonrpc: "2.0",
      id: 2,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "again", version: "1" } },
    });
    expect(await peer.next()).to.nested.include({ "error.code": ErrorCode.InvalidRequest });
    await peer.close();
  });

  it("sends instructions and per-connection initialization options", async () => {
    const server = new Server({ name: "s", version: "1" }, { instructions: "be nice" });
    const [clientEnd, serverEnd] = memoryPair();
    await server.connect(serverEnd, { serverInfo: { name: "renamed", version: "2" } });
    const client = new ClientSession(clientEnd, { logger: captureLogger(), protocolVersion: "2025-11-25" });
    await client.initialize();
    expect(client.instructions).to.equal("be nice");
    expect(client.serverInfo?.name).to.equal("renamed");
    await client.close();
  });

  it("broadcasts notifications to every initialized session and tracks sessions as they close", async () => {
    const server = new Server({ name: "s", version: "1" }, { notificationOptions: { toolsChanged: true } }).onListTools(
      () => ({
        tools: [],
      }),
    );
    const first = await connect(server);
    const second = await connect(server);
    const seen: string[] = [];
    first.client.onToolListChanged(() => void seen.push("first"));
    second.client.onToolListChanged(() => void seen.push("second"));
    expect(server.sessions.size).to.equal(2);
    await server.broadcast("notifications/tools/list_changed");
    await sleep(10);
    expect(seen.sort()).to.deep.equal(["first", "second"]);
    await first.client.close();
    expect(server.sessions.size).to.equal(1);
    await server.close();
    expect(server.sessions.size).to.equal(0);
  });

  it("run() resolves when the connection closes", async () => {
    const server = new Server({ name: "s", version: "1" });
    const [clientEnd, serverEnd] = memoryPair();
    const running = server.run(serverEnd);
    const client = new ClientSession(clientEnd, { logger: captureLogger(), protocolVersion: "2025-11-25" });
    await client.initialize();
    await client.close();
    await running;
  });

  it("hands handlers a context with the request id, the client's identity and progress reporting", async () => {
    const server = new Server({ name: "s", version: "1" });
    let seen: unknown;
    server.onCallTool(async (_params, ctx) => {
      await ctx.reportProgress(1, 1, "done");
      seen = { id: ctx.requestId, client: ctx.session.clientInfo?.name, token: ctx.progressToken };
      return { content: [] };
    });
    const { client } = await connect(server);
    const reports: string[] = [];
    await client.callTool("t", {}, { onprogress: (p) => void reports.push(p.message ?? "") });
    expect(reports).to.deep.equal(["done"]);
    expect(seen).to.include({ client: "mcpkit" });
    expect((seen as { token: unknown }).token).to.equal((seen as { id: unknown }).id);
    await client.close();
  });
});
