import { expect } from "chai";
import { InMemoryProvider, type CodeRecord, type OAuthClient } from "../../../../src/auth/server/as/index.js";
import { authorize, pkce, PUBLIC, redirected, startAs } from "./helpers.js";

const client = (id: string): OAuthClient => ({
  client_id: id,
  redirect_uris: ["http://127.0.0.1/cb"],
  token_endpoint_auth_method: "none",
  grant_types: ["authorization_code"],
});

const code = (expiresAt: number): CodeRecord => ({
  grantId: "g",
  clientId: "c",
  subject: "s",
  redirectUri: "http://127.0.0.1/cb",
  redirectUriSent: true,
  codeChallenge: "x",
  scopes: [],
  resource: "http://127.0.0.1/mcp",
  expiresAt,
});

describe("InMemoryProvider: bounded, expiring tables", () => {
  it("keeps at most maxClients registered clients (never the pre-registered ones), each for clientTtlMs", async () => {
    let now = 0;
    const provider = new InMemoryProvider({ clients: [PUBLIC], maxClients: 2, clientTtlMs: 1_000, now: () => now });
    for (const id of ["a", "b", "c"]) await provider.registerClient!(client(id));
    expect(await provider.getClient("a")).to.equal(undefined);
    expect((await provider.getClient("c"))?.client_id).to.equal("c");
    now = 1_000;
    expect(await provider.getClient("c")).to.equal(undefined);
    expect((await provider.getClient(PUBLIC.client_id))?.client_id).to.equal(PUBLIC.client_id);
    let taken: unknown;
    await provider.registerClient!(client(PUBLIC.client_id)).catch((error: unknown) => (taken = error));
    expect(taken).to.be.instanceOf(Error);
  });

  it("keeps at most maxEntries codes, each used once and gone when expired", async () => {
    let now = 0;
    const provider = new InMemoryProvider({ maxEntries: 2, now: () => now });
    await provider.saveCode("1", code(10));
    await provider.saveCode("2", code(10));
    await provider.saveCode("3", code(10));
    expect(await provider.useCode("1")).to.equal(undefined);
    expect((await provider.useCode("2"))?.reused).to.equal(false);
    expect((await provider.useCode("2"))?.reused).to.equal(true);
    now = 10_000;
    expect(await provider.useCode("3")).to.equal(undefined);
  });

  it("without a login refuses every authorization request (login_required), and without registration has none", async () => {
    const server = await startAs({}, { login: undefined, registration: false });
    try {
      const { challenge } = pkce();
      const back = redirected(
        await authorize(server, {
          response_type: "code",
          client_id: PUBLIC.client_id,
          redirect_uri: "http://127.0.0.1:1234/callback",
          code_challenge: challenge,
          code_challenge_method: "S256",
        }),
      );
      expect(back.get("error")).to.equal("login_required");
      expect(server.as.metadata.registration_endpoint).to.equal(undefined);
    } finally {
      await server.close();
    }
  });
});
