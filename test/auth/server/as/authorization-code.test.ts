import { expect } from "chai";
import { decodeJwt } from "jose";
import {
  accepted,
  authorize,
  basic,
  codeFor,
  CONFIDENTIAL,
  expectError,
  pkce,
  post,
  PUBLIC,
  redeem,
  redirected,
  startAs,
  type TestAs,
} from "./helpers.js";

describe("authorization server: the authorization code grant", () => {
  let server: TestAs;
  beforeEach(async () => (server = await startAs({ scopesSupported: ["read", "write"] })));
  afterEach(() => server.close());

  /** After each bad input, the server still serves a good flow. */
  async function stillServes(): Promise<void> {
    const { code, verifier } = await codeFor(server);
    const answer = await redeem(server, code, verifier);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  }

  it("issues a JWT for the resource, with state and iss in the redirect and no-store on the answer", async () => {
    const { verifier, challenge } = pkce();
    const back = redirected(
      await authorize(server, {
        response_type: "code",
        client_id: PUBLIC.client_id,
        redirect_uri: "http://127.0.0.1:40001/callback",
        state: "the-state",
        code_challenge: challenge,
        code_challenge_method: "S256",
        scope: "read",
        resource: server.resource,
      }),
    );
    expect(back.get("state")).to.equal("the-state");
    expect(back.get("iss")).to.equal(server.issuer);
    const answer = await redeem(server, back.get("code")!, verifier, {
      redirect_uri: "http://127.0.0.1:40001/callback",
      resource: server.resource,
    });
    expect(answer.status).to.equal(200);
    expect(answer.headers.get("cache-control")).to.equal("no-store");
    expect(answer.body).to.include({ token_type: "Bearer", expires_in: 3600, scope: "read" });
    const claims = decodeJwt(answer.body.access_token as string);
    expect(claims).to.include({ iss: server.issuer, aud: server.resource, sub: "alice", client_id: PUBLIC.client_id });
    expect(await accepted(server, answer.body.access_token as string)).to.equal(true);
    expect(await accepted(server, answer.body.access_token as string, "http://127.0.0.1:1/other")).to.equal(false);
  });

  it("takes the authorization request as a POSTed form too", async () => {
    const { verifier, challenge } = pkce();
    const answer = await fetch(server.url("/authorize"), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        response_type: "code",
        client_id: PUBLIC.client_id,
        redirect_uri: "http://127.0.0.1:53123/callback",
        code_challenge: challenge,
        code_challenge_method: "S256",
      }).toString(),
    });
    const back = redirected(answer);
    expect((await redeem(server, back.get("code")!, verifier)).status).to.equal(200);
  });

  it("refuses a wrong PKCE verifier: 400 invalid_grant", async () => {
    const { code } = await codeFor(server);
    expectError(await redeem(server, code, pkce().verifier), 400, "invalid_grant");
    await stillServes();
  });

  it("refuses a missing verifier (invalid_request) and a malformed one (invalid_grant)", async () => {
    const first = await codeFor(server);
    expectError(await redeem(server, first.code, ""), 400, "invalid_request");
    const second = await codeFor(server);
    expectError(await redeem(server, second.code, "short"), 400, "invalid_grant");
  });

  it("refuses a reused code with invalid_grant and revokes what the first use issued", async () => {
    const { code, verifier } = await codeFor(server);
    const first = await redeem(server, code, verifier);
    expect(first.status).to.equal(200);
    expectError(await redeem(server, code, verifier), 400, "invalid_grant");
    expect(await accepted(server, first.body.access_token as string)).to.equal(false);
    const refresh = await post(server, "/token", {
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token as string,
      client_id: PUBLIC.client_id,
    });
    expectError(refresh, 400, "invalid_grant");
    await stillServes();
  });

  it("refuses an expired code: 400 invalid_grant", async () => {
    const { code, verifier } = await codeFor(server);
    server.advance(61_000);
    expectError(await redeem(server, code, verifier), 400, "invalid_grant");
  });

  it("refuses an unknown code, a code of another client, another redirect_uri, another resource", async () => {
    expectError(await redeem(server, "not-a-code", pkce().verifier), 400, "invalid_grant");
    const theirs = await codeFor(server, CONFIDENTIAL);
    expectError(await redeem(server, theirs.code, theirs.verifier), 400, "invalid_grant");
    const moved = await codeFor(server);
    const elsewhere = { redirect_uri: "http://127.0.0.1:1/callback" };
    expectError(await redeem(server, moved.code, moved.verifier, elsewhere), 400, "invalid_grant");
    const retargeted = await codeFor(server);
    const other = { resource: "http://127.0.0.1:1/mcp" };
    expectError(await redeem(server, retargeted.code, retargeted.verifier, other), 400, "invalid_target");
    await stillServes();
  });

  it("answers an unknown client or an unregistered redirect URI with 400 itself, never redirecting", async () => {
    const { challenge } = pkce();
    const base = { response_type: "code", state: "s", code_challenge: challenge, code_challenge_method: "S256" };
    const unknown = await authorize(server, {
      ...base,
      client_id: "nobody",
      redirect_uri: "http://127.0.0.1/callback",
    });
    expect(unknown.status).to.equal(400);
    expect(unknown.headers.get("location")).to.equal(null);
    expect(((await unknown.json()) as { error: string }).error).to.equal("invalid_client");
    for (const uri of ["https://evil.example/cb", "http://127.0.0.1:5000/other", "http://localhost:5000/callback"]) {
      const answer = await authorize(server, { ...base, client_id: PUBLIC.client_id, redirect_uri: uri });
      expect(answer.status, uri).to.equal(400);
      expect(answer.headers.get("location")).to.equal(null);
      expect(((await answer.json()) as { error: string }).error).to.equal("invalid_request");
    }
    await stillServes();
  });

  it("redirects the other authorization errors to the client with error, state and iss", async () => {
    const { challenge } = pkce();
    const base = {
      response_type: "code",
      client_id: PUBLIC.client_id,
      redirect_uri: "http://127.0.0.1:40002/callback",
      state: "st",
      code_challenge: challenge,
      code_challenge_method: "S256",
    };
    const cases: [Record<string, string>, string][] = [
      [{ code_challenge: "" }, "invalid_request"],
      [{ code_challenge_method: "plain" }, "invalid_request"],
      [{ code_challenge: "too-short" }, "invalid_request"],
      [{ response_type: "token" }, "unsupported_response_type"],
      [{ resource: "https://other.example/mcp" }, "invalid_target"],
      [{ scope: "read admin" }, "invalid_scope"],
    ];
    for (const [change, error] of cases) {
      const back = redirected(await authorize(server, { ...base, ...change }));
      expect([back.get("error"), back.get("state"), back.get("iss")], JSON.stringify(change)).to.deep.equal([
        error,
        "st",
        server.issuer,
      ]);
      expect(back.get("code")).to.equal(null);
    }
  });

  it("refuses bad token requests with the RFC 6749 errors", async () => {
    const form = { grant_type: "authorization_code", code: "x", code_verifier: pkce().verifier };
    const wrongSecret = await post(server, "/token", form, basic(CONFIDENTIAL.client_id, "wrong"));
    expectError(wrongSecret, 401, "invalid_client");
    expect(wrongSecret.headers.get("www-authenticate")).to.match(/^Basic /);
    const asPost = { ...form, client_id: CONFIDENTIAL.client_id, client_secret: "confidential-secret" };
    expectError(await post(server, "/token", asPost), 401, "invalid_client");
    expectError(await post(server, "/token", { ...form, client_id: "nobody" }), 401, "invalid_client");
    const noSecret = { ...form, client_id: CONFIDENTIAL.client_id };
    expectError(await post(server, "/token", noSecret), 401, "invalid_client");
    const password = { grant_type: "password", client_id: PUBLIC.client_id };
    expectError(await post(server, "/token", password), 400, "unsupported_grant_type");
    expectError(await post(server, "/token", { client_id: PUBLIC.client_id }), 400, "invalid_request");
    const repeated = await fetch(server.url("/token"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=authorization_code&grant_type=refresh_token&client_id=public-client",
    });
    expectError(
      { status: repeated.status, body: (await repeated.json()) as Record<string, unknown> },
      400,
      "invalid_request",
    );
    const json = await fetch(server.url("/token"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).to.equal(400);
    const huge = await fetch(server.url("/token"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=${"a".repeat(100_000)}`,
    });
    expect(huge.status).to.equal(413);
    expect((await fetch(server.url("/token"))).status).to.equal(405);
    for (const header of ["Basic !!!", `Basic ${Buffer.from("no-colon").toString("base64")}`, "Basic %%"])
      expectError(await post(server, "/token", form, { authorization: header }), 401, "invalid_client");
    const twoMethods = { ...form, client_id: CONFIDENTIAL.client_id, client_secret: "confidential-secret" };
    expectError(
      await post(server, "/token", twoMethods, basic(CONFIDENTIAL.client_id, "confidential-secret")),
      400,
      "invalid_request",
    );
    await stillServes();
  });
});
