import { expect } from "chai";
import {
  approveAtOnce,
  AuthorizationServer,
  InMemoryProvider,
  type OAuthClient,
} from "../../../../src/auth/server/as/index.js";
import { ExpiringTable } from "../../../../src/auth/server/as/table.js";
import { FastMCP } from "../../../../src/server/index.js";
import { freePort } from "../../../conformance/everything-auth.js";

const SERVICE: OAuthClient = {
  client_id: "service",
  client_secret: "service-secret",
  redirect_uris: [],
  token_endpoint_auth_method: "client_secret_post",
  grant_types: ["client_credentials"],
};

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});

describe("authorization server mounted on FastMCP, protecting it on the same origin", function () {
  this.timeout(20_000);
  let origin: string;
  let endpoint: string;
  let close: () => Promise<void>;

  before(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    endpoint = `${origin}/mcp`;
    const as = new AuthorizationServer({
      issuer: origin,
      provider: new InMemoryProvider({ login: approveAtOnce(), clients: [SERVICE] }),
      resources: [endpoint, "https://other.example/mcp"],
    });
    const app = new FastMCP("protected", { auth: { authorizationServers: [as.issuer], verifier: as.verifier() } });
    app.tool("ping_me", { description: "answers" }, () => "pong");
    as.mount(app);
    const http = await app.runHttp({ port, path: "/mcp" });
    close = () => http.close();
  });
  after(() => close?.());

  const token = async (resource: string) => {
    const answer = await fetch(`${origin}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "service",
        client_secret: "service-secret",
        resource,
      }),
    });
    expect(answer.status).to.equal(200);
    return ((await answer.json()) as { access_token: string }).access_token;
  };
  const call = (bearer?: string) =>
    fetch(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: INITIALIZE,
    });

  it("serves its metadata, JWKS and PRM without a token, and the PRM names it", async () => {
    const metadata = (await (await fetch(`${origin}/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata).to.include({ issuer: origin, authorization_response_iss_parameter_supported: true });
    const jwks = (await (await fetch(`${origin}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).to.have.length(1);
    expect(jwks.keys[0]).to.not.have.property("d");
    const prm = (await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<
      string,
      unknown
    >;
    expect(prm).to.deep.include({ resource: endpoint, authorization_servers: [origin] });
  });

  it("accepts its token for this resource; refuses one it minted for another resource, a revoked one, none", async () => {
    const mine = await token(endpoint);
    expect((await call(mine)).status).to.equal(200);
    const theirs = await call(await token("https://other.example/mcp"));
    expect(theirs.status).to.equal(401);
    expect(theirs.headers.get("www-authenticate")).to.match(/error="invalid_token"/);
    const revoked = await token(endpoint);
    const revocation = await fetch(`${origin}/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: revoked, client_id: "service", client_secret: "service-secret" }),
    });
    expect(revocation.status).to.equal(200);
    expect((await call(revoked)).status).to.equal(401);
    const none = await call();
    expect(none.status).to.equal(401);
    expect(none.headers.get("www-authenticate")).to.include(
      `resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
    );
    expect((await call(mine)).status).to.equal(200);
  });
});

describe("ExpiringTable: every authorization server table is bounded and expiring", () => {
  it("never returns an expired entry and evicts the oldest past its bound", () => {
    let now = 1_000;
    const table = new ExpiringTable<number>(3, () => now);
    table.set("a", 1, 2_000);
    table.set("b", 2, 5_000);
    table.set("c", 3, 5_000);
    table.set("d", 4, 5_000);
    expect([table.get("a"), table.get("b"), table.get("d"), table.size]).to.deep.equal([undefined, 2, 4, 3]);
    now = 5_000;
    expect(table.get("b")).to.equal(undefined);
    table.set("e", 5, 9_000);
    expect([...table.entries()]).to.deep.equal([["e", 5]]);
    expect(() => new ExpiringTable(0)).to.throw(TypeError);
  });
});
