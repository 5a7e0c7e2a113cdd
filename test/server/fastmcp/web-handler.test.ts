import { expect } from "chai";
import { InvalidTokenError, type TokenVerifier } from "../../../src/auth/server/verifier.js";
import { ErrorCode } from "../../../src/protocol/errors.js";
import { META } from "../../../src/protocol/mcp-headers.js";
import { FastMCP } from "../../../src/server/index.js";
import { captureLogger } from "../../support/peers.js";

const ACCEPT = "application/json, text/event-stream";

function app(options: ConstructorParameters<typeof FastMCP>[1] = {}): FastMCP {
  const server = new FastMCP("web-handler", { logger: captureLogger(), ...options });
  server.tool("echo", { description: "Echoes" }, () => "echoed");
  server.tool(
    "regional",
    {
      description: "Has a header parameter",
      input: { type: "object", properties: { region: { type: "string", "x-mcp-header": "Region" } } } as const,
    },
    ({ region }) => `region ${region}`,
  );
  server.get("/health", () => new Response("ok"));
  return server;
}

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
};

/** A stateless (2026-07-28) tools/call of `regional`, its headers as given. */
function statelessCall(headers: Record<string, string>, url = "http://127.0.0.1/mcp"): Request {
  const meta = {
    [META.protocolVersion]: "2026-07-28",
    [META.clientCapabilities]: {},
    [META.clientInfo]: { name: "t", version: "1" },
  };
  const body = {
    jsonrpc: "2.0",
    id: 7,
    method: "tools/call",
    params: { name: "regional", arguments: { region: "eu" }, _meta: meta },
  };
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: ACCEPT,
      "mcp-protocol-version": "2026-07-28",
      "mcp-method": "tools/call",
      "mcp-name": "regional",
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: ACCEPT, ...headers },
    body: JSON.stringify(body),
  });

describe("FastMCP app.fetch and app.handler(): the checks runHttp makes, on web Requests", () => {
  it("serves initialize at /mcp, a custom route beside it, and 404 elsewhere", async () => {
    const server = app();
    const answer = await server.fetch(post("http://127.0.0.1:8787/mcp", initialize));
    expect(answer.status).to.equal(200);
    expect(answer.headers.get("mcp-session-id")).to.be.a("string");
    await answer.body?.cancel();
    expect(await (await server.fetch(new Request("http://localhost/health"))).text()).to.equal("ok");
    expect((await server.fetch(new Request("http://localhost/elsewhere"))).status).to.equal(404);
    await server.close();
  });

  it("refuses a foreign Host with 403 (DNS rebinding), as runHttp on loopback does, and serves it once allowed", async () => {
    const server = app();
    const foreign = await server.fetch(post("http://evil.example/mcp", initialize, { host: "evil.example" }));
    expect(foreign.status).to.equal(403);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).to.include("evil.example");
    const byUrl = await server.fetch(post("http://evil.example/mcp", initialize));
    expect(byUrl.status).to.equal(403);
    const allowed = server.handler({ security: { allowedHosts: ["mcp.example.com"] } });
    const ok = await allowed(post("https://mcp.example.com/mcp", initialize));
    expect(ok.status).to.equal(200);
    await ok.body?.cancel();
    expect((await allowed(post("http://evil.example/mcp", initialize))).status).to.equal(403);
    await allowed.close();
    await server.close();
  });

  it("checks Mcp-Param-* headers against the body: 400 with -32020 on a mismatch, served when they agree", async () => {
    const server = app();
    const mismatch = await server.fetch(statelessCall({ "mcp-param-region": "us" }));
    expect(mismatch.status).to.equal(400);
    const refused = (await mismatch.json()) as { id: number; error: { code: number } };
    expect(refused.error.code).to.equal(ErrorCode.HeaderMismatch);
    expect(refused.id).to.equal(7);
    const missing = await server.fetch(statelessCall({}));
    expect(missing.status).to.equal(400);
    await missing.body?.cancel();
    const agreed = await server.fetch(statelessCall({ "mcp-param-region": "eu" }));
    expect(agreed.status).to.equal(200);
    expect(await agreed.text()).to.include("region eu");
    await server.close();
  });

  it("limits the body (413) as runHttp does", async () => {
    const server = app();
    const small = server.handler({ maxBodyBytes: 64 });
    const answer = await small(post("http://127.0.0.1/mcp", initialize));
    expect(answer.status).to.equal(413);
    await answer.body?.cancel();
    await server.close();
  });

  it("with auth: the bearer guard on /mcp, the Protected Resource Metadata unguarded, auth.resource required", async () => {
    const verifier: TokenVerifier = {
      async verify(token) {
        if (token !== "good") throw new InvalidTokenError("unknown token");
        return {
          token,
          tokenType: "Bearer",
          subject: "ada",
          scopes: [],
          audience: ["https://mcp.example.com/mcp"],
          claims: {},
        };
      },
    };
    const auth = { authorizationServers: ["https://auth.example.com"], verifier };
    expect(() => app({ auth }).handler()).to.throw(TypeError, /auth\.resource/);
    const server = app({ auth: { ...auth, resource: "https://mcp.example.com/mcp" } });
    const handler = server.handler({ security: { allowedHosts: ["mcp.example.com"] } });
    const anonymous = await handler(post("https://mcp.example.com/mcp", initialize));
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get("www-authenticate")).to.include(
      "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
    );
    const metadata = await handler(new Request("https://mcp.example.com/.well-known/oauth-protected-resource/mcp"));
    expect(metadata.status).to.equal(200);
    expect(await metadata.json()).to.deep.include({
      resource: "https://mcp.example.com/mcp",
      authorization_servers: ["https://auth.example.com"],
    });
    const bad = await handler(post("https://mcp.example.com/mcp", initialize, { authorization: "Bearer bad" }));
    expect(bad.status).to.equal(401);
    const good = await handler(post("https://mcp.example.com/mcp", initialize, { authorization: "Bearer good" }));
    expect(good.status).to.equal(200);
    await good.body?.cancel();
    await handler.close();
    await server.close();
  });
});
