import { expect } from "chai";
import { decodeJwt } from "jose";
import { InMemoryProvider, ProxyProvider, type OAuthClient } from "../../../../src/auth/server/as/index.js";
import { jwtVerifier } from "../../../../src/auth/server/jwt-verifier.js";
import { pkce, PUBLIC, redeem, startAs, type TestAs } from "./helpers.js";

/** The proxying server's registration at the upstream identity provider. */
const AT_UPSTREAM: OAuthClient = {
  client_id: "mcp-proxy",
  client_secret: "mcp-proxy-secret",
  redirect_uris: ["http://127.0.0.1/upstream/callback"],
  token_endpoint_auth_method: "client_secret_basic",
  grant_types: ["authorization_code"],
};

describe("authorization server: the proxy provider delegates the login to an upstream identity provider", () => {
  let upstream: TestAs;
  let proxy: TestAs;
  let upstreamSays: "yes" | "no" = "yes";

  before(async () => {
    upstream = await startAs(
      {},
      {
        clients: [AT_UPSTREAM],
        login: () => (upstreamSays === "yes" ? { subject: "bob" } : { error: "access_denied" }),
      },
    );
    // The upstream's tokens are checked against its JWKS, as for any identity provider.
    const check = jwtVerifier({ issuer: upstream.issuer, jwksUrl: upstream.url("/jwks") });
    proxy = await startAs((issuer) => ({
      provider: new ProxyProvider({
        upstream: {
          issuer: upstream.issuer,
          authorizationEndpoint: upstream.url("/authorize"),
          tokenEndpoint: upstream.url("/token"),
          clientId: AT_UPSTREAM.client_id,
          clientSecret: AT_UPSTREAM.client_secret!,
          scopes: [],
        },
        callbackUrl: `${issuer}/upstream/callback`,
        store: new InMemoryProvider({ clients: [PUBLIC] }),
        identify: async (tokens) => {
          const url = upstream.resource;
          const auth = await check.verify(tokens.access_token as string, {
            method: "GET",
            url,
            headers: {},
            resource: url,
          });
          return { subject: `upstream:${auth.subject!}` };
        },
      }),
    }));
  });
  after(async () => {
    await proxy.close();
    await upstream.close();
  });

  /** The MCP client's authorization request at the proxy; the redirects followed as a browser would. */
  async function login(): Promise<{ final: URL; verifier: string; hops: string[] }> {
    const { verifier, challenge } = pkce();
    const query = new URLSearchParams({
      response_type: "code",
      client_id: PUBLIC.client_id,
      redirect_uri: "http://127.0.0.1:53123/callback",
      state: "client-state",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    let next = `${proxy.url("/authorize")}?${query.toString()}`;
    const hops: string[] = [];
    for (;;) {
      const url = new URL(next);
      hops.push(`${url.origin}${url.pathname}`);
      if (url.port === "53123") return { final: url, verifier, hops };
      const answer = await fetch(url, { redirect: "manual" });
      expect(answer.status, `${url.pathname}: ${await answer.clone().text()}`).to.equal(302);
      next = answer.headers.get("location")!;
    }
  }

  it("logs the user in upstream and issues the proxy's own tokens for its resource", async () => {
    upstreamSays = "yes";
    const { final, verifier, hops } = await login();
    expect(hops).to.deep.equal([
      proxy.url("/authorize"),
      upstream.url("/authorize"),
      proxy.url("/upstream/callback"),
      "http://127.0.0.1:53123/callback",
    ]);
    expect(final.searchParams.get("state")).to.equal("client-state");
    expect(final.searchParams.get("iss")).to.equal(proxy.issuer);
    const answer = await redeem(proxy, final.searchParams.get("code")!, verifier);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    const claims = decodeJwt(answer.body.access_token as string);
    expect(claims).to.include({ iss: proxy.issuer, aud: proxy.resource, sub: "upstream:bob" });
  });

  it("turns an upstream refusal into access_denied for the client", async () => {
    upstreamSays = "no";
    const { final } = await login();
    expect(final.searchParams.get("error")).to.equal("access_denied");
    expect(final.searchParams.get("state")).to.equal("client-state");
    expect(final.searchParams.get("code")).to.equal(null);
  });

  it("refuses a callback with an unknown or replayed state", async () => {
    const unknown = await fetch(proxy.url("/upstream/callback?state=forged&code=x"), { redirect: "manual" });
    expect(unknown.status).to.equal(400);
    upstreamSays = "yes";
    const { challenge } = pkce();
    const start = await fetch(
      `${proxy.url("/authorize")}?${new URLSearchParams({
        response_type: "code",
        client_id: PUBLIC.client_id,
        redirect_uri: "http://127.0.0.1:53123/callback",
        code_challenge: challenge,
        code_challenge_method: "S256",
      }).toString()}`,
      { redirect: "manual" },
    );
    const atUpstream = await fetch(start.headers.get("location")!, { redirect: "manual" });
    const callback = atUpstream.headers.get("location")!;
    expect((await fetch(callback, { redirect: "manual" })).status).to.equal(302);
    expect((await fetch(callback, { redirect: "manual" })).status).to.equal(400);
  });
});
