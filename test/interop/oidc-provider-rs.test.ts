import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import { FastMCP, jwtVerifier, type HttpApp } from "../../src/server/index.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { captureLogger } from "../support/peers.js";
import { OidcIssuer } from "../fixtures/auth/oidc-provider.js";

/** An mcpkit server protected by tokens of a real OpenID provider (npm oidc-provider), checked through its JWKS. */
describe("interop: an mcpkit resource server and the oidc-provider authorization server", () => {
  const oidc = new OidcIssuer();
  let served: HttpApp;
  before(async () => {
    await oidc.start();
    const app = new FastMCP("protected", {
      logger: captureLogger(),
      auth: { issuer: oidc.issuer, verifier: jwtVerifier({ issuer: oidc.issuer, jwksUrl: oidc.jwksUrl }) },
    });
    app.tool("whoami", (_args, ctx) => `${ctx.auth?.clientId} ${ctx.auth?.scopes.join(",")} ${ctx.auth?.audience}`);
    served = await app.runHttp({ port: 0 });
  });
  after(async () => {
    await served?.close();
    await oidc.stop();
  });

  const call = async (token: string) => {
    const client = new ClientSession(
      streamableHttpClient(served.endpointUrl, { headers: { authorization: `Bearer ${token}` } }),
      { logger: captureLogger() },
    );
    try {
      await client.initialize();
      return ((await client.callTool("whoami", {})).content[0] as { text: string }).text;
    } finally {
      await client.close();
    }
  };

  it("a JWT the provider minted for this server's resource URL is verified through the provider's JWKS", async () => {
    const token = await oidc.token(served.endpointUrl);
    const [, payload] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    expect(claims).to.include({ iss: oidc.issuer, aud: served.endpointUrl, client_id: "mcp-test-client" });
    expect(await call(token)).to.equal(`mcp-test-client mcp:read ${served.endpointUrl}`);
  });

  it("the provider's token for another audience is refused with 401 invalid_token (no passthrough)", async () => {
    const token = await oidc.token("https://other.example.test/mcp");
    const response = await fetch(served.endpointUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });
    expect(response.status).to.equal(401);
    expect(response.headers.get("www-authenticate")).to.match(/^Bearer error="invalid_token".*aud/);
    const failure = await call(token).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(Error);
    expect(await call(await oidc.token(served.endpointUrl))).to.match(/^mcp-test-client /);
  });
});
