import { expect } from "chai";
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify, type JWTPayload } from "jose";
import {
  accessTokenHash,
  dpopFetch,
  DPoPProver,
  exportDPoPKey,
  generateDPoPKey,
  importDPoPKey,
  isUseDPoPNonce,
} from "../../../src/auth/client/dpop.js";
import { FixtureServer } from "./fixture-servers.js";

/** Verifies a proof the way a server does (RFC 9449 section 4.3): typ, embedded public key, signature. */
async function verifyProof(proof: string): Promise<{ payload: JWTPayload; jkt: string }> {
  const header = decodeProtectedHeader(proof);
  expect(header.typ).to.equal("dpop+jwt");
  expect(header.jwk).to.be.an("object");
  expect(header.jwk).to.not.have.property("d");
  const { payload } = await jwtVerify(proof, EmbeddedJWK, { typ: "dpop+jwt" });
  return { payload, jkt: await calculateJwkThumbprint(header.jwk!, "sha256") };
}

function headerOf(server: FixtureServer, index: number, name: string): string {
  return String(server.received[index]!.headers[name]);
}

describe("auth/client: DPoP proofs (RFC 9449, auth/dpop)", () => {
  it("signs a fresh proof per request: typ, public jwk, jti, htm, htu without query, iat, ath", async () => {
    const prover = new DPoPProver(await generateDPoPKey());
    const first = await verifyProof(await prover.proof("post", "https://rs.example/mcp?x=1#f", "tok"));
    const second = await verifyProof(await prover.proof("POST", "https://rs.example/mcp"));
    expect(first.payload.htm).to.equal("POST");
    expect(first.payload.htu).to.equal("https://rs.example/mcp");
    expect(first.payload.ath).to.equal(await accessTokenHash("tok"));
    expect(second.payload).to.not.have.property("ath");
    expect(first.payload.jti).to.be.a("string").and.not.equal(second.payload.jti);
    expect(Math.abs(first.payload.iat! - Date.now() / 1000)).to.be.below(5);
    expect(first.jkt)
      .to.equal(await prover.thumbprint())
      .and.equal(second.jkt);
  });

  it("keeps one key across export and import (a provider stores it)", async () => {
    const key = await generateDPoPKey("ES384");
    const again = await importDPoPKey(JSON.parse(JSON.stringify(await exportDPoPKey(key))));
    const proof = await new DPoPProver(again).proof("GET", "https://rs.example/");
    expect((await verifyProof(proof)).jkt).to.equal(await new DPoPProver(key).thumbprint());
    expect(decodeProtectedHeader(proof).alg).to.equal("ES384");
  });

  it("refuses a symmetric or unknown algorithm", async () => {
    for (const alg of ["HS256", "none"]) {
      let caught: unknown;
      await generateDPoPKey(alg as never).catch((e: unknown) => (caught = e));
      expect(caught).to.be.instanceOf(TypeError);
    }
  });

  it("remembers nonces per origin, ignores malformed ones, keeps a bounded table", async () => {
    const prover = new DPoPProver(await generateDPoPKey());
    expect(prover.rememberNonce("https://a.example/token", new Headers({ "dpop-nonce": "n1" }))).to.equal(true);
    expect(prover.rememberNonce("https://a.example/other", new Headers({ "dpop-nonce": "n1" }))).to.equal(false);
    expect(prover.rememberNonce("https://a.example/", new Headers({ "dpop-nonce": 'bad"nonce' }))).to.equal(false);
    expect(prover.rememberNonce("https://a.example/", new Headers({ "dpop-nonce": "x".repeat(600) }))).to.equal(false);
    expect(prover.nonceFor("https://a.example/mcp")).to.equal("n1");
    expect(prover.nonceFor("https://b.example/mcp")).to.equal(undefined);
    const proof = await verifyProof(await prover.proof("POST", "https://a.example/token"));
    expect(proof.payload.nonce).to.equal("n1");
    for (let i = 0; i < 40; i++) prover.rememberNonce(`https://h${i}.example/`, new Headers({ "dpop-nonce": "n" }));
    expect(prover.nonceFor("https://a.example/")).to.equal(undefined);
  });
});

describe("auth/client: dpopFetch and use_dpop_nonce (auth/dpop-nonce)", () => {
  let server: FixtureServer;
  beforeEach(async () => (server = await new FixtureServer().start()));
  afterEach(() => server.stop());

  it("retries a token request once after 400 use_dpop_nonce, with a new proof carrying the nonce", async () => {
    let calls = 0;
    server.routes["/token"] = () =>
      ++calls === 1
        ? { status: 400, json: { error: "use_dpop_nonce" }, headers: { "dpop-nonce": "as-nonce" } }
        : { json: { access_token: "t", token_type: "DPoP" } };
    const prover = new DPoPProver(await generateDPoPKey());
    const fetch = dpopFetch(prover);
    const response = await fetch(`${server.origin}/token`, { method: "POST", body: new URLSearchParams({ a: "b" }) });
    expect(response.status).to.equal(200);
    expect(server.received).to.have.length(2);
    const [first, second] = await Promise.all([0, 1].map((i) => verifyProof(headerOf(server, i, "dpop"))));
    expect(first!.payload).to.not.have.property("nonce");
    expect(second!.payload.nonce).to.equal("as-nonce");
    expect(second!.payload.jti).to.not.equal(first!.payload.jti);
    expect(second!.payload.htm).to.equal("POST");
  });

  it("retries a resource request after 401 DPoP use_dpop_nonce, with ath and Authorization: DPoP kept", async () => {
    let calls = 0;
    server.routes["/mcp"] = () =>
      ++calls === 1
        ? {
            status: 401,
            text: "",
            headers: { "www-authenticate": 'DPoP error="use_dpop_nonce"', "dpop-nonce": "rs-nonce" },
          }
        : { json: {} };
    const fetch = dpopFetch(new DPoPProver(await generateDPoPKey()));
    const response = await fetch(`${server.origin}/mcp`, { method: "POST", headers: { authorization: "DPoP tok" } });
    expect(response.status).to.equal(200);
    const second = await verifyProof(headerOf(server, 1, "dpop"));
    expect(second.payload.nonce).to.equal("rs-nonce");
    expect(second.payload.ath).to.equal(await accessTokenHash("tok"));
    expect(headerOf(server, 1, "authorization")).to.equal("DPoP tok");
  });

  it("does not loop: the same nonce again, no nonce, or another error is handed back as it is", async () => {
    server.routes["/same"] = () => ({
      status: 400,
      json: { error: "use_dpop_nonce" },
      headers: { "dpop-nonce": "stuck" },
    });
    server.routes["/none"] = () => ({ status: 400, json: { error: "use_dpop_nonce" } });
    server.routes["/grant"] = () => ({ status: 400, json: { error: "invalid_grant" }, headers: { "dpop-nonce": "n" } });
    const fetch = dpopFetch(new DPoPProver(await generateDPoPKey()));
    expect((await fetch(`${server.origin}/same`, { method: "POST" })).status).to.equal(400);
    expect((await fetch(`${server.origin}/none`, { method: "POST" })).status).to.equal(400);
    const grant = await fetch(`${server.origin}/grant`, { method: "POST" });
    expect(await grant.json()).to.deep.equal({ error: "invalid_grant" });
    expect(server.paths).to.deep.equal(["/same", "/same", "/none", "/grant"]);
  });

  it("recognises the two nonce challenges and nothing else", async () => {
    const json = { "content-type": "application/json" };
    const nonce400 = new Response('{"error":"use_dpop_nonce"}', { status: 400, headers: json });
    const nonce401 = new Response("", { status: 401, headers: { "www-authenticate": 'DPoP error="use_dpop_nonce"' } });
    const bearer401 = new Response("", {
      status: 401,
      headers: { "www-authenticate": 'Bearer error="invalid_token"' },
    });
    const garbled = new Response("", { status: 401, headers: { "www-authenticate": 'DPoP error="' } });
    const notJson = new Response("{", { status: 400, headers: json });
    expect(await isUseDPoPNonce(nonce400)).to.equal(true);
    expect(await nonce400.json()).to.deep.equal({ error: "use_dpop_nonce" });
    expect(await isUseDPoPNonce(nonce401)).to.equal(true);
    for (const r of [bearer401, garbled, notJson]) expect(await isUseDPoPNonce(r)).to.equal(false);
  });
});

describe("auth/client: DPoP with a provider's bare key pair", () => {
  it("reads the algorithm off the key and refuses keys that cannot sign proofs", async () => {
    const { generateKeyPair } = await import("jose");
    const pair = await generateKeyPair("PS256", { extractable: true });
    const proof = await new DPoPProver(pair).proof("GET", "https://rs.example/");
    expect(decodeProtectedHeader(proof).alg).to.equal("PS256");
    const hmac = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    expect(() => new DPoPProver({ privateKey: hmac, publicKey: hmac })).to.throw(TypeError, /HMAC/);
  });
});
