import { expect } from "chai";
import { InvalidTokenError, jwtVerifier, type TokenVerifier } from "../../../src/auth/server/index.js";
import { TestIssuer } from "./issuer.js";

const RESOURCE = "http://127.0.0.1:9/mcp";
const request = { method: "POST", url: RESOURCE, headers: {}, resource: RESOURCE };

async function refusal(verifier: TokenVerifier, token: string): Promise<string> {
  try {
    await verifier.verify(token, request);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidTokenError);
    expect((error as Error).message).not.to.include(token);
    return (error as Error).message;
  }
  throw new Error("the token was accepted");
}

describe("jwtVerifier", () => {
  const issuer = new TestIssuer();
  let verifier: TokenVerifier;
  before(async () => {
    await issuer.start();
    verifier = jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, jwksCooldownMs: 0 });
  });
  after(() => issuer.stop());

  it("accepts a token for this resource and says who is calling", async () => {
    const token = await issuer.mint(RESOURCE, { scope: "mcp:read mcp:write" });
    const auth = await verifier.verify(token, request);
    expect(auth).to.include({ subject: "user-1", clientId: "client-1", tokenType: "Bearer", token });
    expect(auth.scopes).to.deep.equal(["mcp:read", "mcp:write"]);
    expect(auth.audience).to.deep.equal([RESOURCE]);
    expect(auth.expiresAt).to.be.a("number");
    expect(auth.claims.iss).to.equal(issuer.issuer);
  });

  it("refuses expired and not-yet-valid tokens, with 60 s of skew allowed", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await refusal(verifier, await issuer.mint(RESOURCE, { exp: now - 120 }))).to.match(/expired/);
    expect(await refusal(verifier, await issuer.mint(RESOURCE, { nbf: now + 300 }))).to.match(/not yet valid/);
    await verifier.verify(await issuer.mint(RESOURCE, { exp: now - 30 }), request);
  });

  it("refuses another issuer, and a token minted for another resource (no passthrough)", async () => {
    expect(await refusal(verifier, await issuer.mint(RESOURCE, { iss: "https://evil.example" }))).to.match(/iss/);
    expect(await refusal(verifier, await issuer.mint("http://127.0.0.1:9/other"))).to.match(/aud/);
    expect(await refusal(verifier, await issuer.mint("https://other.example/mcp"))).to.match(/aud/);
  });

  it("refuses alg none, and an HMAC token keyed with the public key", async () => {
    expect(await refusal(verifier, issuer.mintUnsigned(RESOURCE))).to.match(/algorithm|well-formed/);
    expect(await refusal(verifier, await issuer.mintWithPublicKeyAsSecret(RESOURCE))).to.match(/algorithm/);
  });

  it("refuses garbage", async () => {
    expect(await refusal(verifier, "not-a-jwt")).to.match(/well-formed/);
    expect(await refusal(verifier, "a.b.c")).to.match(/well-formed/);
  });

  it("refetches the JWKS once for an unknown kid, then refuses; a rotated-in key is found the same way", async () => {
    await verifier.verify(await issuer.mint(RESOURCE), request);
    await issuer.addKey("unknown", false);
    const before = issuer.fetches;
    expect(await refusal(verifier, await issuer.mint(RESOURCE, {}, "unknown"))).to.match(/no signing key/);
    expect(issuer.fetches).to.equal(before + 1);
    issuer.publish("unknown");
    const auth = await verifier.verify(await issuer.mint(RESOURCE, {}, "unknown"), request);
    expect(auth.subject).to.equal("user-1");
    expect(issuer.fetches).to.equal(before + 2);
  });

  it("within the cooldown an unknown kid does not refetch the keys", async () => {
    const cooled = jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl });
    await cooled.verify(await issuer.mint(RESOURCE), request);
    await issuer.addKey("later", false);
    const before = issuer.fetches;
    for (let i = 0; i < 5; i++) await refusal(cooled, await issuer.mint(RESOURCE, {}, "later"));
    expect(issuer.fetches).to.equal(before);
  });

  it("an explicit audience overrides the resource, and unsafe algorithms are refused at construction", async () => {
    const fixed = jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, audience: "https://api.example/mcp" });
    await fixed.verify(await issuer.mint("https://api.example/mcp"), request);
    expect(await refusal(fixed, await issuer.mint(RESOURCE))).to.match(/aud/);
    expect(() => jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, algorithms: ["HS256"] })).to.throw(
      /HS256/,
    );
    expect(() => jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, algorithms: ["none"] })).to.throw(
      /none/,
    );
    expect(() => jwtVerifier({ issuer: issuer.issuer })).to.throw(/jwksUrl or jwks/);
  });
});

describe("jwtVerifier: the verified-token cache", () => {
  const issuer = new TestIssuer();
  before(() => issuer.start());
  after(() => issuer.stop());
  const request = (resource: string) => ({ method: "POST", url: resource, headers: {}, resource });

  it("never reuses a verified token past its exp, nor for another audience", async () => {
    const verifier = jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, clockToleranceSec: 0 });
    const resource = "https://mcp.example.test/mcp";
    const token = await issuer.mint(resource, { exp: Math.floor(Date.now() / 1000) + 1 });
    expect((await verifier.verify(token, request(resource))).subject).to.equal("user-1");
    expect((await verifier.verify(token, request(resource))).subject).to.equal("user-1");
    await expectRefused(verifier.verify(token, request("https://other.example.test/mcp")), /aud/);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expectRefused(verifier.verify(token, request(resource)), /expired/);
  });

  it("with cacheTtlMs 0 every request is verified (a key withdrawn from the JWKS is noticed at once)", async () => {
    const resource = "https://mcp.example.test/mcp";
    const cached = jwtVerifier({ issuer: issuer.issuer, jwks: await issuer.jwks() });
    const uncached = jwtVerifier({ issuer: issuer.issuer, jwks: await issuer.jwks(), cacheTtlMs: 0 });
    const token = await issuer.mint(resource);
    await cached.verify(token, request(resource));
    await uncached.verify(token, request(resource));
    const started = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) await cached.verify(token, request(resource));
    const hit = Number(process.hrtime.bigint() - started) / 200;
    const again = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) await uncached.verify(token, request(resource));
    const miss = Number(process.hrtime.bigint() - again) / 200;
    expect(hit).to.be.lessThan(miss);
  });
});

async function expectRefused(promise: Promise<unknown>, why: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(InvalidTokenError);
  expect((error as Error).message).to.match(why);
}
