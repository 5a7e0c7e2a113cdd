import { expect } from "chai";
import { ClientSession } from "../../../src/client/client-session.js";
import { FastMCP, jwtVerifier, McpError } from "../../../src/server/index.js";
import type { Transport } from "../../../src/protocol/transport.js";
import { sseClient } from "../../../src/transports/http/sse-client.js";
import { streamableHttpClient } from "../../../src/transports/http/streamable-http-client.js";
import { websocketClient } from "../../../src/transports/websocket/websocket.js";
import { captureLogger } from "../../support/peers.js";
import { TestIssuer } from "./issuer.js";

/** A server with an open tool, an admin-only tool, prompt and resource template, and a server-wide scope. */
function scopedApp(issuer: TestIssuer) {
  const app = new FastMCP("scoped", {
    logger: captureLogger(),
    auth: {
      issuer: issuer.issuer,
      requiredScopes: ["mcp:read"],
      verifier: jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl }),
    },
  });
  app.tool("open", (_args, ctx) => `${ctx.auth?.subject} ${ctx.headers?.["x-trace"]}`);
  app.tool("wipe", { scopes: ["mcp:admin"] }, () => "wiped");
  app.prompt("secret", { scopes: ["mcp:admin"] }, () => "the secret");
  app.resource("notes://{id}", { scopes: ["notes:read"] }, ({ id }) => `note ${id}`);
  app.resource("docs://readme", () => "readme");
  return app;
}

async function session(transport: Transport): Promise<ClientSession> {
  const client = new ClientSession(transport, { logger: captureLogger() });
  await client.initialize();
  return client;
}

const post = (url: string, token: string, body: object, version = "2025-11-25") =>
  fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      authorization: `Bearer ${token}`,
      "mcp-protocol-version": version,
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, ...body }),
  });

describe("per-item scopes and the middleware seam (FastMCP)", () => {
  const issuer = new TestIssuer();
  before(() => issuer.start());
  after(() => issuer.stop());

  describe("over Streamable HTTP", () => {
    let served: Awaited<ReturnType<FastMCP["runHttp"]>>;
    before(async () => (served = await scopedApp(issuer).runHttp({ port: 0, stateless: true })));
    after(() => served.close());

    const client = async (scope: string) => {
      const token = await issuer.mint(served.endpointUrl, { scope });
      const headers = { authorization: `Bearer ${token}`, "x-trace": "t-1" };
      return session(streamableHttpClient(served.endpointUrl, { headers }));
    };

    it("lists show each caller only what its scopes allow", async () => {
      const reader = await client("mcp:read");
      const admin = await client("mcp:read mcp:admin notes:read");
      try {
        expect((await reader.listTools()).tools.map((t) => t.name)).to.deep.equal(["open"]);
        expect((await admin.listTools()).tools.map((t) => t.name)).to.deep.equal(["open", "wipe"]);
        expect((await reader.listPrompts()).prompts).to.deep.equal([]);
        expect((await admin.listPrompts()).prompts.map((p) => p.name)).to.deep.equal(["secret"]);
        expect((await reader.listResourceTemplates()).resourceTemplates).to.deep.equal([]);
        expect((await admin.listResourceTemplates()).resourceTemplates).to.have.length(1);
        expect((await reader.listResources()).resources.map((r) => r.uri)).to.deep.equal(["docs://readme"]);
      } finally {
        await Promise.all([reader.close(), admin.close()]);
      }
    });

    it("a call without the item's scopes is 403 insufficient_scope naming them (and the server's), over HTTP", async () => {
      const token = await issuer.mint(served.endpointUrl, { scope: "mcp:read" });
      for (const body of [
        { method: "tools/call", params: { name: "wipe", arguments: {} } },
        { method: "prompts/get", params: { name: "secret" } },
        { method: "resources/read", params: { uri: "notes://7" } },
      ]) {
        const response = await post(served.endpointUrl, token, body);
        expect(response.status, body.method).to.equal(403);
        const challenge = response.headers.get("www-authenticate") ?? "";
        expect(challenge).to.match(/^Bearer error="insufficient_scope"/);
        expect(challenge).to.match(/scope="mcp:read (mcp:admin|notes:read)"/);
        expect(challenge).to.include(`resource_metadata="${served.url}/.well-known/oauth-protected-resource/mcp"`);
        expect(await response.text()).not.to.include(token);
      }
      const open = await post(served.endpointUrl, token, {
        method: "resources/read",
        params: { uri: "docs://readme" },
      });
      expect(open.status).to.equal(200);
    });

    it("with the scopes, the call is served; ctx.auth and ctx.headers reach the handler", async () => {
      const admin = await client("mcp:read mcp:admin notes:read");
      try {
        expect((await admin.callTool("wipe", {})).content).to.deep.equal([{ type: "text", text: "wiped" }]);
        expect((await admin.callTool("open", {})).content).to.deep.equal([{ type: "text", text: "user-1 t-1" }]);
        const note = await admin.readResource({ uri: "notes://7" });
        expect((note.contents[0] as { text: string }).text).to.equal("note 7");
      } finally {
        await admin.close();
      }
    });
  });

  it("over HTTP+SSE the message POST is refused 403 the same way", async () => {
    const served = await scopedApp(issuer).runSse({ port: 0 });
    try {
      const token = await issuer.mint(`${served.url}/sse`, { scope: "mcp:read" });
      const headers = { authorization: `Bearer ${token}`, "x-trace": "sse" };
      const client = await session(sseClient(served.endpointUrl, { headers }));
      try {
        expect((await client.callTool("open", {})).content).to.deep.equal([{ type: "text", text: "user-1 sse" }]);
        const failure = await client.callTool("wipe", {}).catch((error: unknown) => error);
        expect(String(failure)).to.match(/403/);
        expect((await client.listTools()).tools.map((t) => t.name)).to.deep.equal(["open"]);
      } finally {
        await client.close();
      }
    } finally {
      await served.close();
    }
  });

  it("over WebSocket (no HTTP status per message) the refusal is a JSON-RPC error naming the scopes", async () => {
    const served = await scopedApp(issuer).runWebSocket({ port: 0 });
    try {
      const token = await issuer.mint(`${served.url}/ws`, { scope: "mcp:read" });
      const headers = { authorization: `Bearer ${token}`, "x-trace": "ws" };
      const client = await session(websocketClient(served.endpointUrl, { headers }));
      try {
        expect((await client.callTool("open", {})).content).to.deep.equal([{ type: "text", text: "user-1 ws" }]);
        const failure = await client.callTool("wipe", {}).catch((error: unknown) => error);
        expect(failure).to.be.instanceOf(McpError);
        expect((failure as McpError).code).to.equal(-32003);
        expect((failure as McpError).data).to.deep.equal({
          error: "insufficient_scope",
          scopes: ["mcp:read", "mcp:admin"],
        });
      } finally {
        await client.close();
      }
    } finally {
      await served.close();
    }
  });

  it("scopes must be OAuth scope tokens; removing an item removes its rule", () => {
    const app = new FastMCP("s");
    expect(() => app.tool("t", { scopes: ["has space"] }, () => "x")).to.throw(TypeError, /not an OAuth scope/);
    app.tool("u", { scopes: ["a"] }, () => "x");
    expect(app.removeTool("u")).to.equal(true);
  });
});
