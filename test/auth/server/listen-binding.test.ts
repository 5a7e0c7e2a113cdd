import { expect } from "chai";
import { ErrorCode } from "../../../src/protocol/errors.js";
import { META } from "../../../src/protocol/mcp-headers.js";
import { FastMCP, jwtVerifier, type HttpApp } from "../../../src/server/index.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import { asCaller, callerAuth } from "../../support/auth-caller.js";
import { captureLogger, RawPeer, sleep } from "../../support/peers.js";
import { TestIssuer } from "./issuer.js";

const meta = { [META.protocolVersion]: "2026-07-28", [META.clientCapabilities]: {} };
const listen = (id: number, uris: string[]) => ({
  jsonrpc: "2.0",
  id,
  method: "subscriptions/listen",
  params: { _meta: meta, notifications: { resourceSubscriptions: uris } },
});
const updates = (raw: RawPeer) =>
  raw.received.filter((m) => (m as { method?: string }).method === "notifications/resources/updated");

describe("auth: subscriptions and resumable streams are bound to the caller", () => {
  async function listener(app: FastMCP, subject: string, scopes: string[] = []) {
    const [clientEnd, serverEnd] = memoryPair();
    await app.connect(asCaller(serverEnd, { ...callerAuth(subject), scopes }));
    return RawPeer.on(clientEnd);
  }

  it("an update sent to one caller reaches only that caller's subscriptions/listen streams", async () => {
    const app = new FastMCP("subs", { logger: captureLogger() });
    app.resource("notes://{id}", () => "n");
    const [alice, bob] = [await listener(app, "alice"), await listener(app, "bob")];
    await alice.send(listen(1, ["notes://1"]));
    await bob.send(listen(1, ["notes://1"]));
    await Promise.all([alice.next(), bob.next()]);
    await app.notifyResourceUpdated("notes://1", { to: callerAuth("alice") });
    await sleep(20);
    expect(updates(alice)).to.have.length(1);
    expect(updates(bob)).to.have.length(0);
    await app.notifyResourceUpdated("notes://1");
    await sleep(20);
    expect([updates(alice).length, updates(bob).length]).to.deep.equal([2, 1]);
  });

  it("a listen naming a resource whose scopes the caller lacks is refused, and one with them is served", async () => {
    const app = new FastMCP("subs", { logger: captureLogger() });
    app.resource("notes://{id}", { scopes: ["notes:read"] }, () => "n");
    const mallory = await listener(app, "mallory", ["other"]);
    await mallory.send(listen(1, ["notes://1"]));
    const refused = (await mallory.next()) as { error?: { code: number; data: unknown } };
    expect(refused.error?.code).to.equal(-32003);
    expect(refused.error?.data).to.deep.equal({ error: "insufficient_scope", scopes: ["notes:read"] });
    const alice = await listener(app, "alice", ["notes:read"]);
    await alice.send(listen(1, ["notes://1"]));
    expect(await alice.next()).to.deep.include({ method: "notifications/subscriptions/acknowledged" });
    expect(ErrorCode.InvalidParams).to.equal(-32602);
  });

  describe("over Streamable HTTP", () => {
    const issuer = new TestIssuer();
    let served: HttpApp;
    before(async () => {
      await issuer.start();
      const app = new FastMCP("bound", {
        logger: captureLogger(),
        auth: { issuer: issuer.issuer, verifier: jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl }) },
      });
      served = await app.runHttp({ port: 0 });
    });
    after(async () => {
      await served.close();
      await issuer.stop();
    });

    it("a stream resumed (Last-Event-ID) with another user's token is 404; its owner resumes it", async () => {
      const alice = await issuer.mint(served.endpointUrl, { sub: "alice" });
      const mallory = await issuer.mint(served.endpointUrl, { sub: "mallory" });
      const headers = (token: string, more: Record<string, string> = {}) => ({
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        authorization: `Bearer ${token}`,
        ...more,
      });
      const init = {
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      };
      const opened = await fetch(served.endpointUrl, {
        method: "POST",
        headers: headers(alice),
        body: JSON.stringify(init),
      });
      const session = opened.headers.get("mcp-session-id")!;
      await opened.body?.cancel();
      const stream = await fetch(served.endpointUrl, {
        headers: headers(alice, { "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" }),
      });
      expect(stream.status).to.equal(200);
      const reader = stream.body!.getReader();
      let text = "";
      while (!/^id: ?(.+)$/m.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      const eventId = /^id: ?(.+)$/m.exec(text)?.[1];
      expect(eventId, `an SSE event id in ${text}`).to.be.a("string");
      const resume = (token: string) =>
        fetch(served.endpointUrl, {
          headers: headers(token, {
            "mcp-session-id": session,
            "mcp-protocol-version": "2025-11-25",
            "last-event-id": eventId!,
          }),
        });
      const stolen = await resume(mallory);
      expect(stolen.status).to.equal(404);
      await stolen.body?.cancel();
      const own = await resume(alice);
      expect(own.status).to.equal(200);
      await own.body?.cancel();
    });
  });
});
