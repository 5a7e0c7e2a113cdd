import { expect } from "chai";
import { request } from "node:http";
import { ClientSession } from "../../../src/client/client-session.js";
import { FastMCP, jwtVerifier } from "../../../src/server/index.js";
import type { Transport } from "../../../src/protocol/transport.js";
import { sseClient } from "../../../src/transports/http/sse-client.js";
import { websocketClient } from "../../../src/transports/websocket/websocket.js";
import { captureLogger } from "../../support/peers.js";
import { TestIssuer } from "./issuer.js";

function protectedApp(issuer: TestIssuer) {
  const app = new FastMCP("protected", {
    logger: captureLogger(),
    auth: {
      authorizationServers: ["https://as.example.test"],
      verifier: jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl }),
    },
  });
  app.tool("whoami", (_args, ctx) => ctx.auth?.subject ?? "nobody");
  return app;
}

async function whoami(transport: Transport): Promise<string> {
  const client = new ClientSession(transport, { logger: captureLogger() });
  try {
    await client.initialize();
    return ((await client.callTool("whoami", {})).content[0] as { text: string }).text;
  } finally {
    await client.close();
  }
}

/** The status and WWW-Authenticate of a WebSocket upgrade request with these headers. */
function upgrade(url: string, headers: Record<string, string>): Promise<{ status: number; challenge: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url.replace(/^ws/, "http"), {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": Buffer.from("0123456789abcdef").toString("base64"),
        "sec-websocket-protocol": "mcp",
        ...headers,
      },
    });
    req.once("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, challenge: String(res.headers["www-authenticate"] ?? "") });
    });
    req.once("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, challenge: "" });
    });
    req.once("error", reject).end();
  });
}

describe("FastMCP with auth over the legacy HTTP+SSE transport", () => {
  const issuer = new TestIssuer();
  before(() => issuer.start());
  after(() => issuer.stop());

  it("guards the stream and the message POSTs, serves the metadata, and hands the caller to handlers", async () => {
    const served = await protectedApp(issuer).runSse({ port: 0 });
    try {
      const prm = `${served.url}/.well-known/oauth-protected-resource/sse`;
      const open = await fetch(served.endpointUrl);
      expect(open.status).to.equal(401);
      expect(open.headers.get("www-authenticate")).to.include(`resource_metadata="${prm}"`);
      const posted = await fetch(`${served.url}/messages?sessionId=x`, { method: "POST", body: "{}" });
      expect(posted.status).to.equal(401);
      const wrong = await issuer.mint("http://127.0.0.1:1/sse");
      const refused = await fetch(served.endpointUrl, { headers: { authorization: `Bearer ${wrong}` } });
      expect(refused.status).to.equal(401);
      expect(refused.headers.get("www-authenticate")).to.include('error="invalid_token"');
      expect(((await (await fetch(prm)).json()) as { resource: string }).resource).to.equal(served.endpointUrl);
      const token = await issuer.mint(served.endpointUrl, { sub: "sse-user" });
      const headers = { authorization: `Bearer ${token}` };
      expect(await whoami(sseClient(served.endpointUrl, { headers }))).to.equal("sse-user");
    } finally {
      await served.close();
    }
  });
});

describe("FastMCP with auth over WebSocket", () => {
  const issuer = new TestIssuer();
  before(() => issuer.start());
  after(() => issuer.stop());

  it("guards the upgrade (401 with a challenge), and the caller of the upgrade is that of every request", async () => {
    const served = await protectedApp(issuer).runWebSocket({ port: 0 });
    try {
      const prm = `${served.url}/.well-known/oauth-protected-resource/ws`;
      const missing = await upgrade(served.endpointUrl, {});
      expect(missing.status).to.equal(401);
      expect(missing.challenge).to.equal(`Bearer resource_metadata="${prm}"`);
      const expired = await issuer.mint(`${served.url}/ws`, { exp: Math.floor(Date.now() / 1000) - 600 });
      const refused = await upgrade(served.endpointUrl, { authorization: `Bearer ${expired}` });
      expect(refused.status).to.equal(401);
      expect(refused.challenge).to.include('error="invalid_token"');
      const other = await issuer.mint("ws://127.0.0.1:1/ws");
      expect((await upgrade(served.endpointUrl, { authorization: `Bearer ${other}` })).status).to.equal(401);
      expect((await fetch(prm)).status).to.equal(200);
      const token = await issuer.mint(`${served.url}/ws`, { sub: "ws-user" });
      const headers = { authorization: `Bearer ${token}` };
      expect(await whoami(websocketClient(served.endpointUrl, { headers }))).to.equal("ws-user");
      expect(await whoami(websocketClient(served.endpointUrl, { headers }))).to.equal("ws-user");
    } finally {
      await served.close();
    }
  });
});
