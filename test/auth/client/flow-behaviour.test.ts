import { expect } from "chai";
import { sendAuthorized } from "../../../src/auth/client/authorized-request.js";
import { OAuthClientAuth } from "../../../src/auth/client/client-auth.js";
import { OAuthFlowError } from "../../../src/auth/client/errors.js";
import { generateKeyPair, jwtVerify } from "jose";
import { MemoryOAuthClientProvider } from "../../../src/auth/client/memory-provider.js";
import { MockAuthorization, MockServer, json, testProvider } from "./mock-oauth.js";

function call(auth: OAuthClientAuth, url: URL): Promise<Response> {
  return sendAuthorized(auth, { method: "POST", url }, ({ authorization }) =>
    fetch(url, { method: "POST", headers: authorization ? { authorization } : {}, body: "{}" }),
  );
}

describe("auth/client: the flow's behaviour", function () {
  this.timeout(20_000);
  let mock: MockAuthorization;
  let provider: MemoryOAuthClientProvider;
  let auth: OAuthClientAuth;

  beforeEach(async () => {
    mock = await new MockAuthorization().start();
    provider = testProvider();
    auth = new OAuthClientAuth(mock.mcpUrl, provider);
  });
  afterEach(() => mock.stop());

  it("tells each step as it completes, never a token", async () => {
    const steps: string[] = [];
    auth = new OAuthClientAuth(mock.mcpUrl, provider, { onStep: (step, detail) => steps.push(`${step}: ${detail}`) });
    await call(auth, mock.mcpUrl);
    expect(steps.map((line) => line.split(":")[0])).to.deep.equal([
      "protected-resource-metadata",
      "authorization-server-metadata",
      "registration",
      "authorization-request",
      "token-request",
    ]);
    for (const line of steps) expect(line).not.to.include("tok-1");
  });

  it("logs in before any request, from the well-known metadata, and the first request carries the token", async () => {
    await auth.login({ scope: "mcp:read" });
    expect(mock.paths("rs")).to.deep.equal(["GET /.well-known/oauth-protected-resource/mcp"]);
    expect(provider.tokens()?.scope).to.equal("mcp:read");
    expect((await call(auth, mock.mcpUrl)).status).to.equal(200);
    expect(mock.paths("rs").filter((p) => p === "POST /mcp")).to.have.length(1);
  });

  it("runs one flow for concurrent requests that all meet a 401", async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(auth, mock.mcpUrl)));
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 200, 200]);
    expect(mock.paths("as").filter((p) => p === "GET /authorize")).to.have.length(1);
    expect(mock.paths("as").filter((p) => p === "POST /register")).to.have.length(1);
  });

  it("sends PKCE S256, state, resource and the challenge's scope; the same resource and verifier at the token endpoint", async () => {
    mock.behaviour.challenge = (prm) => `Bearer resource_metadata="${prm}", scope="mcp:read"`;
    await call(auth, mock.mcpUrl);
    const token = mock.seen.find((s) => s.path === "/token")!;
    const form = new URLSearchParams(token.body);
    expect(form.get("grant_type")).to.equal("authorization_code");
    expect(form.get("resource")).to.equal(mock.mcpUrl.href);
    expect(form.get("code_verifier")).to.match(/^[\w-]{43,128}$/);
    expect(form.get("redirect_uri")).to.equal("http://127.0.0.1:1/callback");
    expect(provider.tokens()?.scope).to.equal("mcp:read");
    expect(provider.tokens()?.resource).to.equal(mock.mcpUrl.href);
  });

  it("steps up on 403 insufficient_scope with the union of the scopes granted and those the challenge names", async () => {
    mock.behaviour.challenge = (prm) => `Bearer resource_metadata="${prm}", scope="mcp:basic"`;
    await call(auth, mock.mcpUrl);
    mock.behaviour.requiredScope = "mcp:write";
    expect((await call(auth, mock.mcpUrl)).status).to.equal(200);
    expect(provider.tokens()?.scope).to.equal("mcp:basic mcp:write");
  });

  it("gives up stepping up when the server never grants the scope: a bounded number of authorizations", async () => {
    mock.behaviour.challenge = (prm) => `Bearer resource_metadata="${prm}", scope="mcp:admin"`;
    mock.behaviour.requiredScope = "mcp:admin";
    mock.behaviour.grantedScope = "mcp:basic";
    const response = await call(auth, mock.mcpUrl);
    expect(response.status).to.equal(403);
    const authorizations = mock.paths("as").filter((p) => p === "GET /authorize").length;
    expect(authorizations).to.be.within(1, 3);
    expect(mock.paths("rs").filter((p) => p === "POST /mcp")).to.have.length(authorizations + 1);
  });

  it("ends step-up with an error at step step-up when the challenge names only scopes the token was granted", async () => {
    mock.behaviour.challenge = (prm) => `Bearer resource_metadata="${prm}", scope="mcp:admin"`;
    mock.behaviour.requiredScope = "mcp:admin";
    mock.behaviour.forbidAll = true;
    const error = await call(auth, mock.mcpUrl).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OAuthFlowError);
    expect((error as OAuthFlowError).step).to.equal("step-up");
    expect(mock.paths("as").filter((p) => p === "GET /authorize")).to.have.length(1);
  });

  it("refreshes a short-lived token near its expiry instead of sending it, and not before", async () => {
    mock.behaviour.expiresIn = 4;
    await call(auth, mock.mcpUrl);
    await call(auth, mock.mcpUrl);
    expect(mock.paths("as").filter((p) => p === "POST /token")).to.have.length(1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await call(auth, mock.mcpUrl)).status).to.equal(200);
    const grants = mock.seen
      .filter((s) => s.path === "/token")
      .map((s) => new URLSearchParams(s.body).get("grant_type"));
    expect(grants).to.deep.equal(["authorization_code", "refresh_token"]);
    expect(mock.paths("as").filter((p) => p === "GET /authorize")).to.have.length(1);
  });

  it("refreshes expired tokens kept from an earlier run before sending them, without asking the user", async () => {
    await call(auth, mock.mcpUrl);
    provider.saveTokens({ ...provider.tokens()!, expires_at: Math.floor(Date.now() / 1000) - 1 });
    const later = new OAuthClientAuth(mock.mcpUrl, provider);
    expect((await call(later, mock.mcpUrl)).status).to.equal(200);
    const grants = mock.seen
      .filter((s) => s.path === "/token")
      .map((s) => new URLSearchParams(s.body).get("grant_type"));
    expect(grants).to.deep.equal(["authorization_code", "refresh_token"]);
    expect(mock.paths("rs").filter((p) => p === "POST /mcp")).to.have.length(3);
  });

  it("registers anew with a new authorization server and never shows it the old client id", async () => {
    await call(auth, mock.mcpUrl);
    const second = await new MockServer("as2", mock.seen).start();
    try {
      const issuer = second.origin;
      second.routes.set("GET /.well-known/oauth-authorization-server", (_req, res) =>
        json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          registration_endpoint: `${issuer}/register`,
          response_types_supported: ["code"],
          code_challenge_methods_supported: ["S256"],
        }),
      );
      second.routes.set("POST /register", (_req, res) => json(res, 201, { client_id: "as2-client" }));
      second.routes.set("GET /authorize", (_req, res, _b, url) => {
        const to = new URL(url.searchParams.get("redirect_uri")!);
        to.searchParams.set("code", "c2");
        to.searchParams.set("state", url.searchParams.get("state")!);
        res.writeHead(302, { location: to.href }).end();
      });
      second.routes.set("POST /token", (_req, res) => {
        mock.issued.set("as2-token", "");
        json(res, 200, { access_token: "as2-token", token_type: "Bearer" });
      });
      mock.behaviour.prm = (rs) => ({ resource: `${rs}/mcp`, authorization_servers: [issuer] });
      mock.issued.clear();
      mock.issued.set("as2-token", "");
      expect((await call(auth, mock.mcpUrl)).status).to.equal(200);
      const atSecond = mock.seen.filter((s) => s.server === "as2");
      expect(atSecond.map((s) => `${s.method} ${s.path}`)).to.include("POST /register");
      for (const seen of atSecond) expect(seen.body + (seen.authorization ?? "")).not.to.include("client-of-");
      expect(provider.clientInformation(issuer)?.client_id).to.equal("as2-client");
      expect(provider.tokens()?.issuer).to.equal(issuer);
    } finally {
      await second.stop();
    }
  });

  it("uses a pre-registered client with client_secret_basic and never registers", async () => {
    provider.saveClientInformation(mock.as.origin, { client_id: "pre-registered", client_secret: "s3cret" });
    await call(auth, mock.mcpUrl);
    expect(mock.paths("as")).not.to.include("POST /register");
    const token = mock.seen.find((s) => s.path === "/token")!;
    expect(token.authorization).to.equal(`Basic ${Buffer.from("pre-registered:s3cret").toString("base64")}`);
  });

  it("authenticates at the token endpoint as the registration dictates: client_secret_post", async () => {
    mock.as.routes.set("POST /register", (_req, res) =>
      json(res, 201, {
        client_id: "post-client",
        client_secret: "post-secret",
        token_endpoint_auth_method: "client_secret_post",
      }),
    );
    await call(auth, mock.mcpUrl);
    const token = mock.seen.find((s) => s.path === "/token")!;
    expect(token.authorization).to.equal(undefined);
    const form = new URLSearchParams(token.body);
    expect([form.get("client_id"), form.get("client_secret")]).to.deep.equal(["post-client", "post-secret"]);
  });

  it("authenticates at the token endpoint with private_key_jwt, signing for the issuer", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const signer = new MemoryOAuthClientProvider({
      clientMetadata: provider.clientMetadata,
      clients: { [mock.as.origin]: { client_id: "jwt-client", token_endpoint_auth_method: "private_key_jwt" } },
      signingKeys: { [mock.as.origin]: { key: privateKey, kid: "k1" } },
      authorize: (url) => provider.authorize(url),
    });
    await call(new OAuthClientAuth(mock.mcpUrl, signer), mock.mcpUrl);
    const form = new URLSearchParams(mock.seen.find((s) => s.path === "/token")!.body);
    expect(form.get("client_assertion_type")).to.equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const { payload, protectedHeader } = await jwtVerify(form.get("client_assertion")!, publicKey);
    expect(protectedHeader.kid).to.equal("k1");
    expect([payload.iss, payload.sub]).to.deep.equal(["jwt-client", "jwt-client"]);
    expect(payload.aud).to.satisfy((aud: unknown) => [aud].flat().includes(mock.as.origin));
  });

  it("uses a Client ID Metadata Document URL when the server supports them", async () => {
    const cimd = new MemoryOAuthClientProvider({
      clientMetadata: provider.clientMetadata,
      clientMetadataUrl: "https://app.example.com/client.json",
      authorize: (url) => provider.authorize(url),
    });
    mock.behaviour.metadata = { client_id_metadata_document_supported: true };
    await call(new OAuthClientAuth(mock.mcpUrl, cimd), mock.mcpUrl);
    expect(mock.paths("as")).not.to.include("POST /register");
    const authorize = mock.seen.find((s) => s.path === "/token")!;
    expect(new URLSearchParams(authorize.body).get("client_id")).to.equal("https://app.example.com/client.json");
  });
});
