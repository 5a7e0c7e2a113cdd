import { expect } from "chai";
import { ClientSession } from "../../../src/client/client-session.js";
import { FastMCP, jwtVerifier, type HttpApp } from "../../../src/server/index.js";
import { streamableHttpClient } from "../../../src/transports/http/streamable-http-client.js";
import { captureLogger } from "../../support/peers.js";
import { TestIssuer } from "./issuer.js";

const AS = "https://as.example.test";

/** A FastMCP server whose `whoami` tool answers with the caller's subject and scopes. */
function protectedApp(issuer: TestIssuer, requiredScopes?: string[]) {
  const logger = captureLogger();
  const app = new FastMCP("protected", {
    logger,
    auth: {
      authorizationServers: [AS],
      ...(requiredScopes ? { requiredScopes } : {}),
      verifier: jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, jwksCooldownMs: 0 }),
    },
  });
  app.tool("whoami", (_args, ctx) => `${ctx.auth?.subject} ${ctx.auth?.scopes.join(",")}`);
  app.get("/open", () => new Response("open"));
  app.route("GET", "/private", () => new Response("private"), { auth: true });
  return { app, logger };
}

async function whoami(url: string, token: string, protocolVersion?: "2025-11-25"): Promise<string> {
  const client = new ClientSession(streamableHttpClient(url, { headers: { authorization: `Bearer ${token}` } }), {
    logger: captureLogger(),
    ...(protocolVersion ? { protocolVersion } : {}),
  });
  try {
    await client.initialize();
    const result = await client.callTool("whoami", {});
    return (result.content[0] as { text: string }).text;
  } finally {
    await client.close();
  }
}

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
  });

describe("FastMCP with auth over Streamable HTTP", () => {
  const issuer = new TestIssuer();
  let served: HttpApp;
  let logger: ReturnType<typeof captureLogger>;
  let prm: string;
  before(async () => {
    await issuer.start();
    const made = protectedApp(issuer);
    logger = made.logger;
    served = await made.app.runHttp({ port: 0 });
    prm = `${served.url}/.well-known/oauth-protected-resource/mcp`;
  });
  after(async () => {
    await served.close();
    await issuer.stop();
  });

  /** Asserts the refusal, that it never echoes the token, and that a good caller is still served. */
  async function refused(response: Response, status: number, error: string | undefined, token = ""): Promise<void> {
    expect(response.status).to.equal(status);
    const challenge = response.headers.get("www-authenticate") ?? "";
    expect(challenge).to.match(/^Bearer /);
    expect(challenge).to.include(`resource_metadata="${prm}"`);
    if (error) expect(challenge).to.include(`error="${error}"`);
    else expect(challenge).not.to.include("error=");
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error_description).to.be.a("string");
    if (error) expect(body.error).to.equal(error);
    if (token) expect(challenge + JSON.stringify(body)).not.to.include(token);
    expect(await whoami(served.endpointUrl, await issuer.mint(served.endpointUrl))).to.equal("user-1 mcp:read");
  }

  it("a valid token reaches the tool as ctx.auth, stateless and in a session (POST, GET, DELETE)", async () => {
    const token = await issuer.mint(served.endpointUrl, { sub: "alice" });
    expect(await whoami(served.endpointUrl, token)).to.equal("alice mcp:read");
    expect(await whoami(served.endpointUrl, token, "2025-11-25")).to.equal("alice mcp:read");
  });

  it("no token: 401 with resource_metadata and no error code", async () => {
    await refused(await post(served.endpointUrl), 401, undefined);
    await refused(await post(served.endpointUrl, { authorization: "Basic dXNlcjpwYXNz" }), 401, undefined);
  });

  it("an empty or garbled token: 401 invalid_token", async () => {
    await refused(await post(served.endpointUrl, { authorization: "Bearer " }), 401, "invalid_token");
    await refused(await post(served.endpointUrl, { authorization: "Bearer a b c" }), 401, "invalid_token");
    await refused(
      await post(served.endpointUrl, { authorization: "Bearer not.a.jwt" }),
      401,
      "invalid_token",
      "not.a.jwt",
    );
  });

  it("a token in the query string is refused (400 invalid_request), even a valid one", async () => {
    const token = await issuer.mint(served.endpointUrl);
    await refused(await post(`${served.endpointUrl}?access_token=${token}`), 400, "invalid_request", token);
    const both = await post(`${served.endpointUrl}?access_token=${token}`, { authorization: `Bearer ${token}` });
    await refused(both, 400, "invalid_request", token);
  });

  const bad: [string, (url: string) => Promise<string>][] = [
    ["expired", (url) => issuer.mint(url, { exp: Math.floor(Date.now() / 1000) - 600 })],
    ["not yet valid", (url) => issuer.mint(url, { nbf: Math.floor(Date.now() / 1000) + 600 })],
    ["from another issuer", (url) => issuer.mint(url, { iss: "https://evil.example" })],
    ["minted for another resource", () => issuer.mint("http://127.0.0.1:1/mcp")],
    ["minted for this origin's other path", (url) => issuer.mint(url.replace(/\/mcp$/, "/other"))],
    ["unsigned (alg none)", async (url) => issuer.mintUnsigned(url)],
    ["HMAC-signed with the public key", (url) => issuer.mintWithPublicKeyAsSecret(url)],
  ];
  for (const [what, mint] of bad)
    it(`a token ${what}: 401 invalid_token`, async () => {
      const token = await mint(served.endpointUrl);
      await refused(await post(served.endpointUrl, { authorization: `Bearer ${token}` }), 401, "invalid_token", token);
    });

  it("a token with an unknown kid: the JWKS is fetched once more, then 401", async () => {
    await issuer.addKey("stranger", false);
    const token = await issuer.mint(served.endpointUrl, {}, "stranger");
    const before = issuer.fetches;
    await refused(await post(served.endpointUrl, { authorization: `Bearer ${token}` }), 401, "invalid_token", token);
    expect(issuer.fetches).to.equal(before + 1);
  });

  it("GET and DELETE on the endpoint are guarded too", async () => {
    for (const method of ["GET", "DELETE"]) {
      const response = await fetch(served.endpointUrl, { method, headers: { accept: "text/event-stream" } });
      await refused(response, 401, undefined);
    }
  });

  it("serves the Protected Resource Metadata at the path-based and root well-known URLs, without a token", async () => {
    for (const url of [prm, `${served.url}/.well-known/oauth-protected-resource`]) {
      const response = await fetch(url);
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({
        resource: served.endpointUrl,
        authorization_servers: [AS],
        bearer_methods_supported: ["header"],
      });
    }
  });

  it("custom routes are open unless they opt in", async () => {
    expect(await (await fetch(`${served.url}/open`)).text()).to.equal("open");
    const response = await fetch(`${served.url}/private`);
    await refused(response, 401, undefined);
    const token = await issuer.mint(served.endpointUrl);
    const allowed = await fetch(`${served.url}/private`, { headers: { authorization: `Bearer ${token}` } });
    expect(await allowed.text()).to.equal("private");
  });

  it("never logs a token", async () => {
    const token = await issuer.mint(served.endpointUrl);
    expect(logger.lines.join("\n")).not.to.include(token.split(".")[2]);
  });
});

describe("FastMCP with auth: required scopes", () => {
  const issuer = new TestIssuer();
  let served: HttpApp;
  before(async () => {
    await issuer.start();
    served = await protectedApp(issuer, ["mcp:read", "mcp:write"]).app.runHttp({ port: 0 });
  });
  after(async () => {
    await served.close();
    await issuer.stop();
  });

  it("no token: 401 naming the scopes; too few: 403 insufficient_scope; enough: served", async () => {
    const missing = await post(served.endpointUrl);
    expect(missing.status).to.equal(401);
    expect(missing.headers.get("www-authenticate")).to.include('scope="mcp:read mcp:write"');
    const few = await issuer.mint(served.endpointUrl, { scope: "mcp:read" });
    const response = await post(served.endpointUrl, { authorization: `Bearer ${few}` });
    expect(response.status).to.equal(403);
    const challenge = response.headers.get("www-authenticate")!;
    expect(challenge).to.include('error="insufficient_scope"').and.include('scope="mcp:read mcp:write"');
    expect(((await response.json()) as { error: string }).error).to.equal("insufficient_scope");
    const enough = await issuer.mint(served.endpointUrl, { scope: "mcp:read mcp:write extra" });
    expect(await whoami(served.endpointUrl, enough)).to.equal("user-1 mcp:read,mcp:write,extra");
    const metadata = (await (await fetch(`${served.url}/.well-known/oauth-protected-resource`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata.scopes_supported).to.deep.equal(["mcp:read", "mcp:write"]);
  });
});
