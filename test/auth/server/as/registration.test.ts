import { expect } from "chai";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import { loopbackRedirectUri } from "../../../../src/auth/server/as/index.js";
import { listen, toNodeListener, type HttpListener } from "../../../../src/transports/http/node-server.js";
import { authorize, basic, codeFor, expectError, pkce, post, startAs, type TestAs } from "./helpers.js";

async function register(server: TestAs, body: unknown, type = "application/json") {
  const response = await fetch(server.url("/register"), {
    method: "POST",
    headers: { "content-type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("authorization server: Dynamic Client Registration (RFC 7591)", () => {
  let server: TestAs;
  beforeEach(async () => (server = await startAs({ scopesSupported: ["read"] })));
  afterEach(() => server.close());

  it("registers a public client, which then completes the code flow", async () => {
    const answer = await register(server, {
      redirect_uris: ["http://127.0.0.1/callback"],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      application_type: "native",
      client_name: "a native app",
    });
    expect(answer.status).to.equal(201);
    expect(answer.body.client_secret).to.equal(undefined);
    expect(answer.body).to.include({ token_endpoint_auth_method: "none", application_type: "native" });
    const client = { ...answer.body, client_id: answer.body.client_id as string } as never;
    const { code, verifier } = await codeFor(server, client);
    const tokens = await post(server, "/token", {
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: "http://127.0.0.1:53123/callback",
      client_id: answer.body.client_id as string,
    });
    expect(tokens.status, JSON.stringify(tokens.body)).to.equal(200);
    expect(tokens.body.refresh_token).to.be.a("string");
  });

  it("gives a confidential client (the RFC 7591 default method) a secret that authenticates it", async () => {
    const answer = await register(server, {
      redirect_uris: ["https://app.example.test/cb"],
      grant_types: ["client_credentials", "authorization_code"],
    });
    expect(answer.status).to.equal(201);
    expect(answer.body).to.include({ token_endpoint_auth_method: "client_secret_basic", client_secret_expires_at: 0 });
    const id = answer.body.client_id as string;
    const secret = answer.body.client_secret as string;
    const token = await post(server, "/token", { grant_type: "client_credentials" }, basic(id, secret));
    expect(token.status).to.equal(200);
  });

  it("refuses bad redirect URIs with invalid_redirect_uri", async () => {
    const cases: unknown[] = [
      {},
      { redirect_uris: [] },
      { redirect_uris: "http://127.0.0.1/cb" },
      { redirect_uris: [42] },
      { redirect_uris: ["http://app.example.test/cb"] },
      { redirect_uris: ["javascript:alert(1)"] },
      { redirect_uris: ["https://app.example.test/cb#frag"] },
      { redirect_uris: ["https://user:pw@app.example.test/cb"] },
      { redirect_uris: ["not a url"] },
      { redirect_uris: Array.from({ length: 11 }, (_, i) => `https://app.example.test/${i}`) },
    ];
    for (const body of cases) expectError(await register(server, body), 400, "invalid_redirect_uri");
  });

  it("refuses bad metadata with invalid_client_metadata, and keeps serving", async () => {
    const uris = { redirect_uris: ["http://127.0.0.1/callback"] };
    const cases: unknown[] = [
      { ...uris, token_endpoint_auth_method: "client_secret_jwt" },
      { ...uris, token_endpoint_auth_method: 7 },
      { ...uris, grant_types: ["password"] },
      { ...uris, grant_types: "authorization_code" },
      { ...uris, token_endpoint_auth_method: "none", grant_types: ["client_credentials"] },
      { ...uris, response_types: ["token"] },
      { ...uris, grant_types: ["client_credentials"], response_types: ["code"] },
      { ...uris, application_type: "desktop" },
      { ...uris, scope: "read admin" },
      { ...uris, client_name: { nested: true } },
      { ...uris, client_uri: "javascript:alert(1)" },
      { ...uris, token_endpoint_auth_method: "private_key_jwt" },
      { ...uris, token_endpoint_auth_method: "private_key_jwt", jwks_uri: "http://app.example.test/jwks" },
      {
        ...uris,
        token_endpoint_auth_method: "private_key_jwt",
        jwks_uri: "https://a.example/jwks",
        jwks: { keys: [] },
      },
      { ...uris, token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [{ kty: "oct", k: "c2VjcmV0" }] } },
      {
        ...uris,
        token_endpoint_auth_method: "private_key_jwt",
        jwks: { keys: [{ kty: "EC", crv: "P-256", x: "x", y: "y", d: "d" }] },
      },
      [uris],
      "null",
      "{not json",
    ];
    for (const body of cases) expectError(await register(server, body), 400, "invalid_client_metadata");
    expectError(await register(server, JSON.stringify(uris), "text/plain"), 400, "invalid_client_metadata");
    const huge = await register(server, JSON.stringify({ ...uris, client_name: "x".repeat(70_000) }));
    expect(huge.status).to.equal(413);
    expect((await register(server, { ...uris, token_endpoint_auth_method: "none" })).status).to.equal(201);
  });

  it("registers a client asking for none as a confidential one when the server takes no public clients", async () => {
    const strict = await startAs({ tokenEndpointAuthMethods: ["client_secret_post", "client_secret_basic"] });
    try {
      const answer = await register(strict, {
        redirect_uris: ["http://127.0.0.1/cb"],
        token_endpoint_auth_method: "none",
      });
      expect(answer.status).to.equal(201);
      expect(answer.body).to.include({ token_endpoint_auth_method: "client_secret_post" });
      expect(answer.body.client_secret).to.be.a("string");
      const jwt = { redirect_uris: ["http://127.0.0.1/cb"], token_endpoint_auth_method: "private_key_jwt" };
      expectError(await register(strict, jwt), 400, "invalid_client_metadata");
    } finally {
      await strict.close();
    }
  });

  it("admits only loopback redirect URIs under loopbackRedirectUri, and is off with registration: false", async () => {
    const local = await startAs({ registration: { redirectUri: loopbackRedirectUri } });
    try {
      expectError(
        await register(local, { redirect_uris: ["https://app.example.test/cb"] }),
        400,
        "invalid_redirect_uri",
      );
      expect((await register(local, { redirect_uris: ["http://localhost:8080/cb"] })).status).to.equal(201);
    } finally {
      await local.close();
    }
    const closed = await startAs({ registration: false });
    try {
      expect(closed.as.metadata.registration_endpoint).to.equal(undefined);
      expect((await fetch(closed.url("/register"), { method: "POST" })).status).to.equal(404);
    } finally {
      await closed.close();
    }
  });
});

describe("authorization server: Client ID Metadata Documents", () => {
  let server: TestAs;
  let documents: HttpListener;
  let fetched = 0;
  const served = new Map<string, { status: number; body: string }>();

  before(async () => {
    documents = await listen(
      toNodeListener((request) => {
        fetched++;
        const doc = served.get(new URL(request.url).pathname) ?? { status: 404, body: "{}" };
        return new Response(doc.body, { status: doc.status, headers: { "content-type": "application/json" } });
      }),
      { port: 0 },
    );
  });
  after(() => documents.close());
  afterEach(() => server.close());

  const serve = (path: string, body: unknown, status = 200) => {
    served.set(path, { status, body: typeof body === "string" ? body : JSON.stringify(body) });
    return `${documents.url}${path}`;
  };
  const request = (clientId: string) => {
    const { challenge } = pkce();
    return authorize(server, {
      response_type: "code",
      client_id: clientId,
      redirect_uri: "http://127.0.0.1:40100/callback",
      state: "s",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
  };

  it("accepts a URL client id whose document names it, fetched once and cached", async () => {
    server = await startAs({ clientIdMetadataDocuments: { allowUrl: (url) => url.hostname === "127.0.0.1" } });
    expect(server.as.metadata.client_id_metadata_document_supported).to.equal(true);
    const id = `${documents.url}/good.json`;
    serve("/good.json", { client_id: id, client_name: "CIMD app", redirect_uris: ["http://127.0.0.1/callback"] });
    const before = fetched;
    const { code, verifier } = await codeFor(server, { client_id: id } as never);
    const tokens = await post(server, "/token", {
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: "http://127.0.0.1:53123/callback",
      client_id: id,
    });
    expect(tokens.status, JSON.stringify(tokens.body)).to.equal(200);
    expect(fetched - before).to.equal(1);
  });

  it("authenticates a private_key_jwt client by the keys at its document's jwks_uri", async () => {
    server = await startAs({ clientIdMetadataDocuments: { allowUrl: (url) => url.hostname === "127.0.0.1" } });
    const keys = await generateKeyPair("ES256");
    const id = `${documents.url}/jwt-client.json`;
    serve("/jwt-client.json", {
      client_id: id,
      redirect_uris: ["http://127.0.0.1/callback"],
      token_endpoint_auth_method: "private_key_jwt",
      jwks_uri: serve("/jwt-client-keys.json", { keys: [{ ...(await exportJWK(keys.publicKey)), alg: "ES256" }] }),
    });
    const { code, verifier } = await codeFor(server, { client_id: id } as never);
    const sign = (key: Parameters<SignJWT["sign"]>[0]) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "ES256" })
        .setIssuer(id)
        .setSubject(id)
        .setAudience(server.issuer)
        .setJti(randomUUID())
        .setExpirationTime("1m")
        .sign(key);
    const form = (assertion: string) => ({
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: "http://127.0.0.1:53123/callback",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    });
    const stranger = await generateKeyPair("ES256");
    expectError(await post(server, "/token", form(await sign(stranger.privateKey))), 401, "invalid_client");
    const tokens = await post(server, "/token", form(await sign(keys.privateKey)));
    expect(tokens.status, JSON.stringify(tokens.body)).to.equal(200);
  });

  it("refuses documents that do not name themselves, hold a secret, redirect elsewhere, are too large or missing", async () => {
    server = await startAs({ clientIdMetadataDocuments: { allowUrl: (url) => url.hostname === "127.0.0.1" } });
    const ok = { redirect_uris: ["http://127.0.0.1/callback"] };
    const cases = [
      serve("/other.json", { ...ok, client_id: "https://someone.else/doc.json" }),
      serve("/secret.json", {
        ...ok,
        client_id: `${documents.url}/secret.json`,
        client_secret: "s",
        token_endpoint_auth_method: "client_secret_post",
      }),
      serve("/big.json", { ...ok, client_id: `${documents.url}/big.json`, client_name: "x".repeat(10_000) }),
      serve("/gone.json", {}, 404),
      serve("/garbled.json", "{"),
    ];
    for (const id of cases) {
      const answer = await request(id);
      expect(answer.status, id).to.equal(400);
      expect(((await answer.json()) as { error: string }).error).to.equal("invalid_client");
    }
    const elsewhere = serve("/elsewhere.json", {
      client_id: `${documents.url}/elsewhere.json`,
      redirect_uris: ["https://x.example/cb"],
    });
    expect((await request(elsewhere)).status).to.equal(400);
  });

  it("by default fetches nothing on loopback or IP-literal hosts", async () => {
    server = await startAs();
    const id = serve("/never.json", {
      client_id: `${documents.url}/never.json`,
      redirect_uris: ["http://127.0.0.1/callback"],
    });
    const before = fetched;
    expect((await request(id)).status).to.equal(400);
    expect(fetched).to.equal(before);
    const off = await startAs({ clientIdMetadataDocuments: false });
    try {
      expect(off.as.metadata.client_id_metadata_document_supported).to.equal(false);
    } finally {
      await off.close();
    }
  });
});
