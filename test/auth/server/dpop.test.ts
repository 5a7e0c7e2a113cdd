import { expect } from "chai";
import { SignJWT } from "jose";
import { ClientSession } from "../../../src/client/client-session.js";
import { DpopVerifier, FastMCP, jwtVerifier, type AuthSettings, type HttpApp } from "../../../src/server/index.js";
import { captureLogger } from "../../support/peers.js";
import { DpopKey, OidcIssuer } from "../../fixtures/auth/oidc-provider.js";
import { streamableHttpClient } from "../../../src/transports/http/streamable-http-client.js";
import { websocketClient } from "../../../src/transports/websocket/websocket.js";

const PING = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" });
const BASE_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2025-11-25",
};

/** Asserts a refusal with a DPoP challenge carrying `error`; with `description`, a part of its description. */
async function refusedDpop(response: Response, error: string, description?: RegExp): Promise<void> {
  expect(response.status).to.equal(401);
  const challenge = response.headers.get("www-authenticate") ?? "";
  expect(challenge).to.match(/^DPoP algs="[^"]+", /);
  expect(challenge).to.include(`error="${error}"`);
  if (description)
    expect(((await response.json()) as { error_description: string }).error_description).to.match(description);
}

describe("DPoP-bound tokens (RFC 9449) from oidc-provider", () => {
  const oidc = new OidcIssuer();
  let served: HttpApp;
  let key: DpopKey;
  const app = (dpop: AuthSettings["dpop"]) => {
    const made = new FastMCP("dpop", {
      logger: captureLogger(),
      auth: { issuer: oidc.issuer, dpop, verifier: jwtVerifier({ issuer: oidc.issuer, jwksUrl: oidc.jwksUrl }) },
    });
    made.tool("whoami", (_args, ctx) => `${ctx.auth?.tokenType} ${ctx.auth?.clientId}`);
    return made;
  };
  before(async () => {
    await oidc.start();
    key = await DpopKey.generate();
    served = await app(true).runHttp({ port: 0, stateless: true });
  });
  after(async () => {
    await served?.close();
    await oidc.stop();
  });

  const send = (headers: Record<string, string>, method = "POST", url = served.endpointUrl) =>
    fetch(url, { method, headers: { ...BASE_HEADERS, ...headers }, ...(method === "POST" ? { body: PING } : {}) });

  it("the provider binds the token to the key (cnf.jkt); with a fresh proof per request it is served, as DPoP", async () => {
    const token = await oidc.token(served.endpointUrl, "mcp:read", key);
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { cnf?: { jkt: string } };
    expect(claims.cnf?.jkt).to.equal(await key.thumbprint());
    const proofs = () => key.proof("POST", served.endpointUrl, token);
    const fetchWithProof: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("authorization", `DPoP ${token}`);
      headers.set("dpop", await key.proof(init?.method ?? "GET", String(input), token));
      return fetch(input, { ...init, headers });
    };
    const client = new ClientSession(streamableHttpClient(served.endpointUrl, { fetch: fetchWithProof }), {
      logger: captureLogger(),
      protocolVersion: "2026-07-28",
    });
    try {
      await client.initialize();
      const result = await client.callTool("whoami", {});
      expect(result.content).to.deep.equal([{ type: "text", text: "DPoP mcp-test-client" }]);
    } finally {
      await client.close();
    }
    expect((await send({ authorization: `DPoP ${token}`, dpop: await proofs() })).status).to.equal(200);
  });

  it("refuses a replayed proof, one for another URL or method, one by another key, and a missing one", async () => {
    const token = await oidc.token(served.endpointUrl, "mcp:read", key);
    const proof = await key.proof("POST", served.endpointUrl, token);
    expect((await send({ authorization: `DPoP ${token}`, dpop: proof })).status).to.equal(200);
    await refusedDpop(await send({ authorization: `DPoP ${token}`, dpop: proof }), "invalid_dpop_proof", /replayed/);
    const elsewhere = await key.proof("POST", `${served.url}/other`, token);
    await refusedDpop(await send({ authorization: `DPoP ${token}`, dpop: elsewhere }), "invalid_dpop_proof", /htu/);
    const asGet = await key.proof("GET", served.endpointUrl, token);
    await refusedDpop(await send({ authorization: `DPoP ${token}`, dpop: asGet }), "invalid_dpop_proof", /htm/);
    const thief = await DpopKey.generate();
    const stolen = await thief.proof("POST", served.endpointUrl, token);
    await refusedDpop(await send({ authorization: `DPoP ${token}`, dpop: stolen }), "invalid_token", /another key/);
    await refusedDpop(await send({ authorization: `DPoP ${token}` }), "invalid_dpop_proof", /needs a DPoP proof/);
  });

  it("refuses a bound token sent as Bearer, a wrong ath, an old iat, a private jwk, an HMAC or unsigned proof", async () => {
    const token = await oidc.token(served.endpointUrl, "mcp:read", key);
    await refusedDpop(await send({ authorization: `Bearer ${token}` }), "invalid_token", /DPoP-bound/);
    const otherAth = await key.proof("POST", served.endpointUrl, "another-token");
    await refusedDpop(await send({ authorization: `DPoP ${token}`, dpop: otherAth }), "invalid_dpop_proof", /ath/);
    const old = await key.proof("POST", served.endpointUrl, token, { iat: Math.floor(Date.now() / 1000) - 600 });
    await refusedDpop(await send({ authorization: `DPoP ${token}`, dpop: old }), "invalid_dpop_proof", /iat/);
    const claims = { htm: "POST", htu: served.endpointUrl, jti: "j", iat: Math.floor(Date.now() / 1000) };
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "dpop+jwt", jwk: { kty: "oct", k: "c2VjcmV0" } as never })
      .sign(new TextEncoder().encode("secret"));
    await refusedDpop(await send({ authorization: `DPoP ${token}`, dpop: hmac }), "invalid_dpop_proof");
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${part({ alg: "none", typ: "dpop+jwt", jwk: key.publicJwk })}.${part(claims)}.`;
    await refusedDpop(await send({ authorization: `DPoP ${token}`, dpop: unsigned }), "invalid_dpop_proof");
    await refusedDpop(await send({ authorization: `DPoP ${token}`, dpop: "garbage" }), "invalid_dpop_proof");
    const both = await key.proof("POST", served.endpointUrl, token);
    const two = await send({ authorization: `DPoP ${token}`, dpop: `${both}, ${both}` });
    expect(two.status).to.equal(401);
  });

  it("a plain Bearer token is still accepted unless DPoP is required; the metadata says what is accepted", async () => {
    const bearer = await oidc.token(served.endpointUrl);
    expect((await send({ authorization: `Bearer ${bearer}` })).status).to.equal(200);
    const missing = await send({});
    expect(missing.headers.get("www-authenticate")).to.match(/^Bearer resource_metadata="[^"]+", DPoP algs="/);
    const strict = await app({ required: true }).runHttp({ port: 0, stateless: true });
    try {
      const refused = await send(
        { authorization: `Bearer ${await oidc.token(strict.endpointUrl)}` },
        "POST",
        strict.endpointUrl,
      );
      await refusedDpop(refused, "invalid_token", /only DPoP-bound/);
      const none = await send({}, "POST", strict.endpointUrl);
      expect(none.headers.get("www-authenticate")).to.match(
        /^DPoP algs="ES256 ES384 PS256 RS256 EdDSA", resource_metadata=/,
      );
      const metadata = (await (await fetch(`${strict.url}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<
        string,
        unknown
      >;
      expect(metadata.dpop_bound_access_tokens_required).to.equal(true);
      expect(metadata.dpop_signing_alg_values_supported).to.include("ES256");
    } finally {
      await strict.close();
    }
  });

  it("with nonces: 401 use_dpop_nonce and a DPoP-Nonce header, then a new proof carrying it is served", async () => {
    const withNonces = await app({ nonces: true }).runHttp({ port: 0, stateless: true });
    try {
      const token = await oidc.token(withNonces.endpointUrl, "mcp:read", key);
      const first = await send(
        { authorization: `DPoP ${token}`, dpop: await key.proof("POST", withNonces.endpointUrl, token) },
        "POST",
        withNonces.endpointUrl,
      );
      await refusedDpop(first, "use_dpop_nonce");
      const nonce = first.headers.get("dpop-nonce")!;
      expect(nonce).to.be.a("string").with.length.greaterThan(10);
      const proof = await key.proof("POST", withNonces.endpointUrl, token, { nonce });
      const again = await send({ authorization: `DPoP ${token}`, dpop: proof }, "POST", withNonces.endpointUrl);
      expect(again.status).to.equal(200);
      const forged = await key.proof("POST", withNonces.endpointUrl, token, { nonce: "made-up" });
      await refusedDpop(
        await send({ authorization: `DPoP ${token}`, dpop: forged }, "POST", withNonces.endpointUrl),
        "use_dpop_nonce",
      );
    } finally {
      await withNonces.close();
    }
  });
});

describe("DPoP on the other transports", () => {
  const oidc = new OidcIssuer();
  before(() => oidc.start());
  after(() => oidc.stop());

  it("a WebSocket upgrade proves the key once (htm GET, htu the http URL); a replay of that upgrade is refused", async () => {
    const app = new FastMCP("dpop-ws", {
      logger: captureLogger(),
      auth: { issuer: oidc.issuer, dpop: true, verifier: jwtVerifier({ issuer: oidc.issuer, jwksUrl: oidc.jwksUrl }) },
    });
    app.tool("whoami", (_args, ctx) => `${ctx.auth?.tokenType} ${ctx.auth?.clientId}`);
    const served = await app.runWebSocket({ port: 0 });
    try {
      const key = await DpopKey.generate();
      const resource = `${served.url}/ws`;
      const token = await oidc.token(resource, "mcp:read", key);
      const headers = { authorization: `DPoP ${token}`, dpop: await key.proof("GET", resource, token) };
      const client = new ClientSession(websocketClient(served.endpointUrl, { headers }), { logger: captureLogger() });
      try {
        await client.initialize();
        const result = await client.callTool("whoami", {});
        expect(result.content).to.deep.equal([{ type: "text", text: "DPoP mcp-test-client" }]);
      } finally {
        await client.close();
      }
      const replay = new ClientSession(websocketClient(served.endpointUrl, { headers }), { logger: captureLogger() });
      const failure = await replay.initialize().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(String(failure)).to.match(/401/);
      await replay.close().catch(() => {});
    } finally {
      await served.close();
    }
  });
});

describe("DpopVerifier", () => {
  it("keeps at most maxReplayEntries jti, and refuses unsafe algorithms at construction", async () => {
    const verifier = new DpopVerifier({ maxReplayEntries: 2 });
    const key = await DpopKey.generate();
    const url = "https://mcp.example.test/mcp";
    const first = await key.proof("POST", url, "t");
    expect(await verifier.check({ method: "POST", url, proof: first, token: "t" })).to.have.property("jkt");
    let last = first;
    for (let i = 0; i < 5; i++) {
      last = await key.proof("POST", url, "t");
      expect(await verifier.check({ method: "POST", url, proof: last, token: "t" })).to.have.property("jkt");
    }
    // The newest proofs are still remembered (the oldest made room for them): a replay is refused.
    expect(await verifier.check({ method: "POST", url, proof: last, token: "t" })).to.include({
      error: "invalid_dpop_proof",
    });
    expect(() => new DpopVerifier({ algorithms: ["HS256"] })).to.throw(TypeError);
    expect(() => new DpopVerifier({ algorithms: ["none"] })).to.throw(TypeError);
  });
});

describe("DpopVerifier nonceSecret", () => {
  it("verifiers given one nonceSecret issue and accept the same nonces; others refuse them; an empty one is refused", async () => {
    const [a, b] = [
      new DpopVerifier({ nonces: true, nonceSecret: "shared" }),
      new DpopVerifier({ nonces: true, nonceSecret: "shared" }),
    ];
    const other = new DpopVerifier({ nonces: true });
    expect(a.nonce()).to.equal(b.nonce());
    expect(other.nonce()).to.not.equal(a.nonce());
    const key = await DpopKey.generate();
    const url = "https://mcp.example.test/mcp";
    const proof = await key.proof("POST", url, "t", { nonce: a.nonce() });
    expect(await b.check({ method: "POST", url, proof, token: "t" })).to.have.property("jkt");
    const again = await key.proof("POST", url, "t", { nonce: a.nonce() });
    expect(await other.check({ method: "POST", url, proof: again, token: "t" })).to.include({
      error: "use_dpop_nonce",
    });
    expect(() => new DpopVerifier({ nonceSecret: "" })).to.throw(TypeError, /nonceSecret is empty/);
  });
});
