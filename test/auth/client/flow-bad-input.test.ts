import { expect } from "chai";
import { sendAuthorized } from "../../../src/auth/client/authorized-request.js";
import { OAuthClientAuth } from "../../../src/auth/client/client-auth.js";
import { OAuthFlowError, type OAuthFlowStep } from "../../../src/auth/client/errors.js";
import type { MemoryOAuthClientProvider } from "../../../src/auth/client/memory-provider.js";
import { MockAuthorization, MockServer, json, testProvider } from "./mock-oauth.js";

/** One MCP request through the flow: POST /mcp with the Authorization header the flow supplies. */
function call(auth: OAuthClientAuth, url: URL): Promise<Response> {
  return sendAuthorized(auth, { method: "POST", url }, ({ authorization }) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: "{}",
    }),
  );
}

async function failure(promise: Promise<unknown>): Promise<OAuthFlowError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(OAuthFlowError);
    return error as OAuthFlowError;
  }
  throw new Error("the flow did not fail");
}

describe("auth/client: the authorization-code flow refuses bad input", function () {
  this.timeout(20_000);
  let mock: MockAuthorization;
  let provider: MemoryOAuthClientProvider;
  let auth: OAuthClientAuth;

  beforeEach(async () => {
    mock = await new MockAuthorization().start();
    provider = testProvider();
    auth = new OAuthClientAuth(mock.mcpUrl, provider, { timeoutMs: 3000 });
  });
  afterEach(() => mock.stop());

  /** No bearer token ever went to the authorization server, and none to the resource but the issued ones. */
  function assertNoTokenLeak(): void {
    for (const seen of mock.seen) {
      if (seen.server === "as")
        expect(seen.authorization ?? "", `${seen.method} ${seen.path}`).not.to.match(/^Bearer/i);
      if (seen.path.startsWith("/.well-known")) expect(seen.authorization).to.equal(undefined);
    }
  }

  async function expectStep(step: OAuthFlowStep, reason: RegExp): Promise<OAuthFlowError> {
    const started = Date.now();
    const error = await failure(call(auth, mock.mcpUrl));
    expect(error.step).to.equal(step);
    expect(error.reason).to.match(reason);
    expect(error.message.startsWith(`${step}: `)).to.equal(true);
    expect(Date.now() - started).to.be.lessThan(5000);
    expect(mock.seen.length).to.be.at.most(8);
    assertNoTokenLeak();
    return error;
  }

  it("completes with a good server, and the token goes only to the resource", async () => {
    const response = await call(auth, mock.mcpUrl);
    expect(response.status).to.equal(200);
    expect(mock.paths("as")).to.deep.equal([
      "GET /.well-known/oauth-authorization-server",
      "POST /register",
      "GET /authorize",
      "POST /token",
    ]);
    expect(mock.seen.filter((s) => s.authorization === "Bearer tok-1").map((s) => s.path)).to.deep.equal(["/mcp"]);
    assertNoTokenLeak();
  });

  it("a WWW-Authenticate that does not parse: step www-authenticate, nothing fetched", async () => {
    mock.behaviour.challenge = () => 'Bearer resource_metadata="unterminated';
    await expectStep("www-authenticate", /unterminated quoted string/);
    expect(mock.paths("as")).to.deep.equal([]);
    expect(mock.paths("rs")).to.deep.equal(["POST /mcp"]);
  });

  it("a PRM naming another resource: step protected-resource-metadata, the AS never asked", async () => {
    mock.behaviour.prm = (_rs, as) => ({ resource: "https://evil.example.com/mcp", authorization_servers: [as] });
    await expectStep("protected-resource-metadata", /is not the server/);
    expect(mock.paths("as")).to.deep.equal([]);
  });

  it("AS metadata whose issuer differs: step authorization-server-metadata, none of its endpoints used", async () => {
    mock.behaviour.metadata = { issuer: "https://attacker.example.com" };
    await expectStep("authorization-server-metadata", /is not http:\/\/127\.0\.0\.1/);
    expect(mock.paths("as")).to.deep.equal(["GET /.well-known/oauth-authorization-server"]);
  });

  for (const [name, redirect, reason] of [
    ["a wrong state", { state: "forged" }, /state is not the one sent/],
    ["no state", { state: null }, /has no state/],
    ["a wrong iss", { iss: "https://evil.example.com" }, /iss https:\/\/evil\.example\.com is not the issuer/],
    ["an iss with a trailing slash (no normalisation)", { iss: "ISSUER/" }, /is not the issuer/],
    ["no iss where the server advertises it", { iss: null }, /has no iss/],
    ["an error", { error: "access_denied", code: null }, /answered access_denied/],
  ] as const) {
    it(`a redirect with ${name}: step authorization-response, the code never sent`, async () => {
      const patch: Record<string, string | null> = { ...redirect };
      if (patch.iss === "ISSUER/") patch.iss = `${mock.as.origin}/`;
      mock.behaviour.redirect = patch;
      await expectStep("authorization-response", reason);
      expect(mock.paths("as")).not.to.include("POST /token");
    });
  }

  for (const code of ["invalid_grant", "invalid_client", "invalid_scope"]) {
    it(`a token endpoint answering ${code}: step token-request, no token sent anywhere`, async () => {
      mock.behaviour.tokenError = code;
      const error = await expectStep("token-request", new RegExp(`answered ${code}`));
      expect(error.oauthError).to.equal(code);
      expect(mock.seen.filter((s) => s.authorization !== undefined)).to.deep.equal([]);
      // A client the server does not know is forgotten, so the next flow registers afresh.
      if (code === "invalid_client") expect(provider.clientInformation(mock.as.origin)).to.equal(undefined);
    });
  }

  it("a registration answer without a client_id: step registration, never authorized", async () => {
    mock.as.routes.set("POST /register", (_req, res) => json(res, 201, { client_secret: "x" }));
    await expectStep("registration", /answered no client_id/);
    expect(mock.paths("as")).not.to.include("GET /authorize");
  });

  it("a token endpoint answering HTML with a 500: step token-request", async () => {
    mock.as.routes.set("POST /token", (_req, res) => {
      res.writeHead(500, { "content-type": "text/html" }).end("<html>oops</html>");
    });
    await expectStep("token-request", /token/);
    expect(mock.seen.filter((s) => s.authorization?.startsWith("Bearer"))).to.deep.equal([]);
  });

  it("a token endpoint answering a body larger than the bound: step token-request, the body not read whole", async () => {
    auth = new OAuthClientAuth(mock.mcpUrl, provider, { maxBodyBytes: 4096 });
    mock.as.routes.set("POST /token", (_req, res) =>
      json(res, 200, { access_token: "x".repeat(100_000), token_type: "Bearer" }),
    );
    await expectStep("token-request", /larger than 4096 bytes/);
    expect(provider.tokens()).to.equal(undefined);
  });

  it("a resource answering 401 to every token: one flow, then step authorized-request", async () => {
    mock.behaviour.rsAccepts = false;
    await expectStep("authorized-request", /refused the token the flow obtained/);
    expect(mock.paths("rs").filter((p) => p === "POST /mcp")).to.have.length(2);
    expect(mock.paths("as").filter((p) => p === "POST /token")).to.have.length(1);
  });

  it("an authorization server on plain http that is not loopback: refused before any request to it", async () => {
    const sent: string[] = [];
    const guarded: typeof fetch = (input, init) => {
      const href = input instanceof Request ? input.url : String(input);
      sent.push(href);
      if (!new URL(href).hostname.startsWith("127.")) throw new Error(`the test refuses ${href}`);
      return fetch(input, init);
    };
    auth = new OAuthClientAuth(mock.mcpUrl, provider, { fetch: guarded });
    mock.behaviour.prm = (rs) => ({ resource: `${rs}/mcp`, authorization_servers: ["http://as.example.com"] });
    await expectStep("authorization-server-metadata", /plain http on a host that is not loopback/);
    expect(sent.filter((href) => href.includes("example.com"))).to.deep.equal([]);
  });

  it("AS metadata that redirects to another origin: step authorization-server-metadata, the other origin never asked", async () => {
    const elsewhere = await new MockServer("elsewhere", mock.seen).start();
    try {
      elsewhere.routes.set("GET /.well-known/oauth-authorization-server", (_req, res) => json(res, 200, {}));
      mock.as.routes.set("GET /.well-known/oauth-authorization-server", (_req, res) => {
        res.writeHead(302, { location: `${elsewhere.origin}/.well-known/oauth-authorization-server` });
        res.end();
      });
      await expectStep("authorization-server-metadata", /redirected to another origin/);
      expect(mock.seen.filter((s) => s.server === "elsewhere")).to.deep.equal([]);
    } finally {
      await elsewhere.stop();
    }
  });

  it("a resource_metadata on another host over plain http: refused before any request", async () => {
    mock.behaviour.challenge = () => 'Bearer resource_metadata="http://metadata.example.com/prm"';
    await expectStep("protected-resource-metadata", /plain http/);
    expect(mock.paths("as")).to.deep.equal([]);
  });

  it("never sends the token to another origin, even when the request goes there", async () => {
    await call(auth, mock.mcpUrl);
    const other = new URL(`${mock.as.origin}/mcp`);
    let sentWith: string | undefined = "unset";
    await sendAuthorized(auth, { method: "POST", url: other }, async ({ authorization }) => {
      sentWith = authorization;
      return new Response(null, { status: 401, headers: { "www-authenticate": "Bearer" } });
    });
    expect(sentWith).to.equal(undefined);
  });
});
