import { expect } from "chai";
import { ErrorCode } from "../../src/protocol/errors.js";
import { META } from "../../src/protocol/mcp-headers.js";
import { FastMCP, Server } from "../../src/server/index.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { captureLogger, RawPeer, sleep } from "../support/peers.js";

const meta = { [META.protocolVersion]: "2026-07-28", [META.clientCapabilities]: {} };
const listen = (id: number, notifications: Record<string, unknown>) => ({
  jsonrpc: "2.0",
  id,
  method: "subscriptions/listen",
  params: { _meta: meta, notifications },
});
const methods = (raw: RawPeer) => raw.received.map((m) => (m as { method?: string }).method ?? "response");

async function setup() {
  const app = new FastMCP("subs", { logger: captureLogger() });
  app.tool("t", () => "t");
  app.resource("test://watched", { name: "watched" }, () => "w");
  const [clientEnd, serverEnd] = memoryPair();
  await app.connect(serverEnd);
  const raw = await RawPeer.on(clientEnd);
  return { app, raw };
}

describe("subscriptions/listen (2026-07-28 basic/patterns/subscriptions)", () => {
  it("acknowledges first with the agreed filter, then sends only what it opted in to, tagged with its id", async () => {
    const { app, raw } = await setup();
    await raw.send(
      listen(5, { toolsListChanged: true, promptsListChanged: true, resourceSubscriptions: ["test://watched"] }),
    );
    const ack = await raw.next();
    expect(ack).to.deep.include({ method: "notifications/subscriptions/acknowledged" });
    expect(ack.params).to.deep.equal({
      _meta: { [META.subscriptionId]: 5 },
      notifications: { toolsListChanged: true, promptsListChanged: true, resourceSubscriptions: ["test://watched"] },
    });
    app.tool("u", () => "u");
    app.resource("test://other", { name: "other" }, () => "o");
    await app.notifyResourceUpdated("test://watched");
    await app.notifyResourceUpdated("test://elsewhere");
    await sleep(20);
    expect(methods(raw)).to.deep.equal([
      "notifications/subscriptions/acknowledged",
      "notifications/tools/list_changed",
      "notifications/resources/updated",
    ]);
    for (const message of raw.received)
      expect((message as { params: { _meta: Record<string, unknown> } }).params._meta[META.subscriptionId]).to.equal(5);
  });

  it("leaves out of the agreed filter what the server does not offer", async () => {
    const server = new Server({ name: "low", version: "1" }, { logger: captureLogger() });
    server.onListTools(() => ({ tools: [] }));
    const [clientEnd, serverEnd] = memoryPair();
    await server.connect(serverEnd);
    const raw = await RawPeer.on(clientEnd);
    await raw.send(listen(1, { toolsListChanged: true, resourceSubscriptions: ["x://y"] }));
    expect((await raw.next()).params).to.deep.include({ notifications: {} });
  });

  it("keeps several subscriptions apart and ends one when the client cancels it", async () => {
    const { app, raw } = await setup();
    await raw.send(listen(1, { toolsListChanged: true }));
    await raw.send(listen(2, { toolsListChanged: true }));
    await raw.waitFor(2);
    await raw.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 1 } });
    await sleep(10);
    app.tool("u", () => "u");
    await sleep(20);
    const changes = raw.received.filter(
      (m) => (m as { method?: string }).method === "notifications/tools/list_changed",
    );
    expect(
      changes.map((m) => (m as { params: { _meta: Record<string, unknown> } }).params._meta[META.subscriptionId]),
    ).to.deep.equal([2]);
    expect(raw.received.some((m) => (m as { id?: number }).id === 1)).to.equal(false);
  });

  it("answers each open subscription when the server closes (graceful end)", async () => {
    const { app, raw } = await setup();
    await raw.send(listen(9, { toolsListChanged: true }));
    await raw.next();
    await app.close();
    const end = await raw.next();
    expect(end).to.deep.include({ id: 9 });
    expect((end as { result: Record<string, unknown> }).result).to.deep.include({ resultType: "complete" });
    expect((end as { result: { _meta: Record<string, unknown> } }).result._meta[META.subscriptionId]).to.equal(9);
  });

  it("refuses a malformed filter with -32602 and keeps serving", async () => {
    const { raw } = await setup();
    await raw.send(listen(1, { toolsListChanged: "yes" }));
    expect(((await raw.next()) as { error: { code: number } }).error.code).to.equal(ErrorCode.InvalidParams);
    await raw.send({ jsonrpc: "2.0", id: 2, method: "subscriptions/listen", params: { _meta: meta } });
    expect(((await raw.next()) as { error: { code: number } }).error.code).to.equal(ErrorCode.InvalidParams);
    await raw.send(listen(3, {}));
    expect(await raw.next()).to.deep.include({ method: "notifications/subscriptions/acknowledged" });
  });
});
