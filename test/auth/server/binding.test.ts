import { expect } from "chai";
import { principalOf } from "../../../src/protocol/auth-info.js";
import { ErrorCode } from "../../../src/protocol/errors.js";
import { META } from "../../../src/protocol/mcp-headers.js";
import { FastMCP, jwtVerifier, type HttpApp } from "../../../src/server/index.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import { asCaller, callerAuth } from "../../support/auth-caller.js";
import { captureLogger, RawPeer } from "../../support/peers.js";
import { TestIssuer } from "./issuer.js";

const AS = "https://as.example.test";
const JSON_ACCEPT = { "content-type": "application/json", accept: "application/json, text/event-stream" };

function protectedApp(issuer: TestIssuer): FastMCP {
  return new FastMCP("bound", {
    logger: captureLogger(),
    auth: {
      authorizationServers: [AS],
      verifier: jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, jwksCooldownMs: 0 }),
    },
  });
}

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
};

describe("auth: everything a caller opens is bound to that caller (issue 17, deliverable 3)", () => {
  const issuer = new TestIssuer();
  before(() => issuer.start());
  after(() => issuer.stop());

  it("principalOf names the issuer and subject (else the client), and nothing without a token", () => {
    const base = { token: "t", tokenType: "Bearer", scopes: [], audience: [] } as const;
    const a = principalOf({ ...base, subject: "u1", claims: { iss: "https://a" } });
    expect(a).to.equal(principalOf({ ...base, subject: "u1", claims: { iss: "https://a" } }));
    expect(a).not.to.equal(principalOf({ ...base, subject: "u1", claims: { iss: "https://b" } }));
    expect(a).not.to.equal(principalOf({ ...base, subject: "u2", claims: { iss: "https://a" } }));
    expect(principalOf({ ...base, clientId: "u1", claims: { iss: "https://a" } })).not.to.equal(a);
    expect(principalOf(undefined)).to.equal(undefined);
  });

  describe("Streamable HTTP sessions", () => {
    let served: HttpApp;
    before(async () => (served = await protectedApp(issuer).runHttp({ port: 0 })));
    after(() => served.close());

    const post = (token: string, body: unknown, sessionId?: string) =>
      fetch(served.endpointUrl, {
        method: "POST",
        headers: {
          ...JSON_ACCEPT,
          authorization: `Bearer ${token}`,
          ...(sessionId ? { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" } : {}),
        },
        body: JSON.stringify(body),
      });

    it("a session id presented with another user's valid token is 404, as if unknown; its owner keeps it", async () => {
      const alice = await issuer.mint(served.endpointUrl, { sub: "alice" });
      const mallory = await issuer.mint(served.endpointUrl, { sub: "mallory" });
      const opened = await post(alice, initialize);
      expect(opened.status).to.equal(200);
      const sessionId = opened.headers.get("mcp-session-id")!;
      await opened.body?.cancel();
      await (await post(alice, { jsonrpc: "2.0", method: "notifications/initialized" }, sessionId)).body?.cancel();

      const ping = { jsonrpc: "2.0", id: 2, method: "ping" };
      const stolen = await post(mallory, ping, sessionId);
      expect(stolen.status).to.equal(404);
      await stolen.body?.cancel();
      const get = await fetch(served.endpointUrl, {
        headers: { accept: "text/event-stream", authorization: `Bearer ${mallory}`, "mcp-session-id": sessionId },
      });
      expect(get.status, "a GET stream of another's session").to.equal(404);
      await get.body?.cancel();
      const del = await fetch(served.endpointUrl, {
        method: "DELETE",
        headers: { authorization: `Bearer ${mallory}`, "mcp-session-id": sessionId },
      });
      expect(del.status, "a DELETE of another's session").to.equal(404);
      await del.body?.cancel();

      // Mallory's initialize naming Alice's session opens a session of Mallory's own.
      const own = await post(mallory, initialize, sessionId);
      expect(own.status).to.equal(200);
      expect(own.headers.get("mcp-session-id")).to.be.a("string").and.not.equal(sessionId);
      await own.body?.cancel();

      const mine = await post(alice, ping, sessionId);
      expect(mine.status).to.equal(200);
      await mine.body?.cancel();
    });
  });

  describe("legacy HTTP+SSE sessions", () => {
    let served: Awaited<ReturnType<FastMCP["runSse"]>>;
    before(async () => (served = await protectedApp(issuer).runSse({ port: 0 })));
    after(() => served.close());

    it("a message POSTed to another user's session is 404; its owner's is accepted", async () => {
      const audience = served.url.replace(/\/$/, "") + "/sse";
      const alice = await issuer.mint(audience, { sub: "alice" });
      const mallory = await issuer.mint(audience, { sub: "mallory" });
      const controller = new AbortController();
      const stream = await fetch(`${served.url}/sse`, {
        headers: { accept: "text/event-stream", authorization: `Bearer ${alice}` },
        signal: controller.signal,
      });
      expect(stream.status).to.equal(200);
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      while (!/data: (\S+)/.test(text)) text += (await reader.read()).value ?? "";
      const endpoint = new URL(/data: (\S+)/.exec(text)![1]!, served.url).href;
      const send = (token: string) =>
        fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify(initialize),
        });
      const stolen = await send(mallory);
      expect(stolen.status).to.equal(404);
      await stolen.body?.cancel();
      const mine = await send(alice);
      expect(mine.status).to.equal(202);
      await mine.body?.cancel();
      controller.abort();
    });
  });

  describe("2026-07-28 request state", () => {
    const caller = (subject: string) => callerAuth(subject, AS);

    it("state issued to one user is refused (-32602) when another replays it; its owner's retry completes", async () => {
      const app = new FastMCP("state", { logger: captureLogger() });
      app.tool("greet", { description: "Asks for a name" }, async (_args, ctx) => {
        const outcome = await ctx.elicit("Your name?", {
          type: "object",
          properties: { name: { type: "string" } },
          required: ["name"],
        } as const);
        return outcome.action === "accept" ? `Hello, ${outcome.content.name}` : outcome.action;
      });
      const peerOf = async (subject: string) => {
        const [clientEnd, serverEnd] = memoryPair();
        await app.connect(asCaller(serverEnd, caller(subject)));
        return RawPeer.on(clientEnd);
      };
      const meta = {
        [META.protocolVersion]: "2026-07-28",
        [META.clientCapabilities]: { elicitation: {} },
      };
      const call = async (peer: RawPeer, id: number, extra: Record<string, unknown> = {}) => {
        await peer.send({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "greet", _meta: meta, ...extra } });
        for (;;) {
          const message = (await peer.next()) as { id?: unknown; result?: Record<string, any>; error?: any };
          if (message.id === id) return message;
        }
      };
      const alice = await peerOf("alice");
      const mallory = await peerOf("mallory");
      const first = await call(alice, 1);
      expect(first.result?.resultType).to.equal("input_required");
      const [key] = Object.keys(first.result!.inputRequests as object);
      const retry = {
        requestState: first.result!.requestState,
        inputResponses: { [key!]: { action: "accept", content: { name: "Ada" } } },
      };
      const replayed = await call(mallory, 2, retry);
      expect(replayed.error?.code).to.equal(ErrorCode.InvalidParams);
      const completed = await call(alice, 3, retry);
      expect(completed.result?.content[0].text).to.equal("Hello, Ada");
      await alice.close();
      await mallory.close();
    });
  });
});
