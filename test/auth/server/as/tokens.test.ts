import { expect } from "chai";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import type { OAuthClient } from "../../../../src/auth/server/as/index.js";
import {
  accepted,
  basic,
  codeFor,
  CONFIDENTIAL,
  expectError,
  post,
  POSTING,
  PUBLIC,
  redeem,
  startAs,
  type TestAs,
} from "./helpers.js";

const refresh = (server: TestAs, token: string, extra: Record<string, string> = {}) =>
  post(server, "/token", { grant_type: "refresh_token", refresh_token: token, client_id: PUBLIC.client_id, ...extra });

async function tokensFor(server: TestAs, extra: Record<string, string> = {}) {
  const { code, verifier } = await codeFor(server, PUBLIC, extra);
  const answer = await redeem(server, code, verifier);
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  return { access: answer.body.access_token as string, refresh: answer.body.refresh_token as string };
}

describe("authorization server: refresh tokens, revocation, client credentials, private_key_jwt", () => {
  let server: TestAs;
  afterEach(() => server.close());

  describe("with the default settings", () => {
    beforeEach(async () => (server = await startAs({ scopesSupported: ["read", "write"] })));

    it("rotates refresh tokens; a rotated one replayed is invalid_grant and revokes the whole grant", async () => {
      const first = await tokensFor(server, { scope: "read write" });
      const second = await refresh(server, first.refresh);
      expect(second.status).to.equal(200);
      expect(second.body.refresh_token).to.be.a("string").and.not.equal(first.refresh);
      expect(decodeJwt(second.body.access_token as string)).to.include({ aud: server.resource, scope: "read write" });
      expectError(await refresh(server, first.refresh), 400, "invalid_grant");
      // The thief's replay took the legitimate holder's tokens with it.
      expectError(await refresh(server, second.body.refresh_token as string), 400, "invalid_grant");
      expect(await accepted(server, second.body.access_token as string)).to.equal(false);
      expect(await accepted(server, first.access)).to.equal(false);
      const other = await tokensFor(server);
      expect(await accepted(server, other.access)).to.equal(true);
    });

    it("narrows scopes on refresh but never widens them (invalid_scope); other resource is invalid_target", async () => {
      const { refresh: token } = await tokensFor(server, { scope: "read" });
      expectError(await refresh(server, token, { scope: "read write" }), 400, "invalid_scope");
      const { refresh: next } = await tokensFor(server, { scope: "read write" });
      const narrowed = await refresh(server, next, { scope: "read" });
      expect(narrowed.body.scope).to.equal("read");
      const { refresh: third } = await tokensFor(server);
      expectError(await refresh(server, third, { resource: "https://other.example/mcp" }), 400, "invalid_target");
    });

    it("refuses a refresh token of another client, an expired one, an unknown one", async () => {
      const { refresh: token } = await tokensFor(server);
      const asOther = { client_id: POSTING.client_id, client_secret: "confidential-secret" };
      expectError(await refresh(server, token, asOther), 400, "invalid_grant");
      const { refresh: later } = await tokensFor(server);
      server.advance(31 * 24 * 3600_000);
      expectError(await refresh(server, later), 400, "invalid_grant");
      expectError(await refresh(server, "nothing-like-it"), 400, "invalid_grant");
    });

    it("revokes (RFC 7009) a refresh token with its grant, an access token alone; 200 for unknown tokens", async () => {
      const one = await tokensFor(server);
      const revoke = (token: string, extra: Record<string, string> = {}) =>
        post(server, "/revoke", { token, client_id: PUBLIC.client_id, ...extra });
      expect((await revoke(one.refresh)).status).to.equal(200);
      expect(await accepted(server, one.access)).to.equal(false);
      expectError(await refresh(server, one.refresh), 400, "invalid_grant");
      const two = await tokensFor(server);
      expect((await revoke(two.access, { token_type_hint: "access_token" })).status).to.equal(200);
      expect(await accepted(server, two.access)).to.equal(false);
      expect((await refresh(server, two.refresh)).status).to.equal(200);
      expect((await revoke("never-issued")).status).to.equal(200);
      const three = await tokensFor(server);
      const byOther = await post(
        server,
        "/revoke",
        { token: three.access },
        basic(CONFIDENTIAL.client_id, "confidential-secret"),
      );
      expect(byOther.status).to.equal(200);
      expect(await accepted(server, three.access)).to.equal(true);
      expectError(
        await post(server, "/revoke", { token: three.access }, basic(CONFIDENTIAL.client_id, "x")),
        401,
        "invalid_client",
      );
    });

    it("issues client credentials tokens to confidential clients only", async () => {
      const answer = await post(
        server,
        "/token",
        { grant_type: "client_credentials", scope: "read", resource: server.resource },
        basic(CONFIDENTIAL.client_id, "confidential-secret"),
      );
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      expect(answer.body.refresh_token).to.equal(undefined);
      const claims = decodeJwt(answer.body.access_token as string);
      expect(claims).to.include({ sub: CONFIDENTIAL.client_id, aud: server.resource, scope: "read" });
      expect(await accepted(server, answer.body.access_token as string)).to.equal(true);
      const viaPost = await post(server, "/token", {
        grant_type: "client_credentials",
        client_id: POSTING.client_id,
        client_secret: "confidential-secret",
      });
      expect(viaPost.status).to.equal(200);
      const publicClient = { grant_type: "client_credentials", client_id: PUBLIC.client_id };
      expectError(await post(server, "/token", publicClient), 400, "unauthorized_client");
      const badScope = { grant_type: "client_credentials", scope: "admin" };
      expectError(
        await post(server, "/token", badScope, basic(CONFIDENTIAL.client_id, "confidential-secret")),
        400,
        "invalid_scope",
      );
    });
  });

  describe("private_key_jwt (RFC 7523)", () => {
    let keys: Awaited<ReturnType<typeof generateKeyPair>>;
    const CLIENT_ID = "jwt-client";

    beforeEach(async () => {
      keys = await generateKeyPair("ES256", { extractable: true });
      const client: OAuthClient = {
        client_id: CLIENT_ID,
        redirect_uris: ["http://127.0.0.1/callback"],
        token_endpoint_auth_method: "private_key_jwt",
        grant_types: ["client_credentials"],
        jwks: { keys: [{ ...(await exportJWK(keys.publicKey)), alg: "ES256" }] },
      };
      server = await startAs({}, { clients: [client] });
    });

    const assertion = (claims: { aud?: string; jti?: string; exp?: number; iss?: string } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "ES256" })
        .setIssuer(claims.iss ?? CLIENT_ID)
        .setSubject(CLIENT_ID)
        .setAudience(claims.aud ?? server.issuer)
        .setJti(claims.jti ?? randomUUID())
        .setIssuedAt()
        .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 60)
        .sign(keys.privateKey);

    const grant = async (jwt: string) =>
      post(server, "/token", {
        grant_type: "client_credentials",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: jwt,
      });

    it("authenticates a signed assertion once; refuses a replay, another audience, another issuer, a long-lived one", async () => {
      const jwt = await assertion();
      const first = await grant(jwt);
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      expect(decodeJwt(first.body.access_token as string).sub).to.equal(CLIENT_ID);
      expectError(await grant(jwt), 401, "invalid_client");
      expectError(await grant(await assertion({ aud: "https://elsewhere.example" })), 401, "invalid_client");
      expectError(await grant(await assertion({ iss: "someone-else" })), 401, "invalid_client");
      const tooLong = await assertion({ exp: Math.floor(Date.now() / 1000) + 3600 });
      expectError(await grant(tooLong), 401, "invalid_client");
      expectError(await grant("not.a.jwt"), 401, "invalid_client");
      expect((await grant(await assertion({ aud: server.url("/token") }))).status).to.equal(200);
    });

    it("refuses a secret for a private_key_jwt client", async () => {
      const answer = await post(server, "/token", { grant_type: "client_credentials" }, basic(CLIENT_ID, "guess"));
      expectError(answer, 401, "invalid_client");
    });
  });
});
