import { expect } from "chai";
import { exportPKCS8, generateKeyPair, jwtVerify, EmbeddedJWK } from "jose";
import { dpopFetch, DPoPProver, generateDPoPKey } from "../../../src/auth/client/dpop.js";
import { OAuthFlowError } from "../../../src/auth/client/errors.js";
import {
  clientCredentialsGrant,
  enterpriseManagedGrant,
  ID_JAG_TOKEN_TYPE,
  JWT_BEARER_GRANT,
  TOKEN_EXCHANGE_GRANT,
  workloadIdentityGrant,
} from "../../../src/auth/client/grants.js";
import type { GrantContext } from "../../../src/auth/client/provider.js";
import { TokenServer, type TokenCall } from "./token-server.js";

const RESOURCE = "http://127.0.0.1:9/mcp";

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

async function rejection(promise: Promise<unknown>): Promise<OAuthFlowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(OAuthFlowError);
  return error as OAuthFlowError;
}

describe("auth/client: grants without a user (client credentials, EMA, WIF)", () => {
  let as: TokenServer;
  let context: GrantContext;

  beforeEach(async () => {
    as = await new TokenServer().start();
    context = {
      issuer: as.origin,
      authorizationServer: { issuer: as.origin, token_endpoint: `${as.origin}/token` },
      resource: RESOURCE,
      scope: "mcp:read",
      fetch: globalThis.fetch,
    };
  });
  afterEach(() => as.stop());

  it("client credentials with client_secret_basic: grant, resource, scope, Basic header (auth/client-credentials-basic)", async () => {
    as.answer = () => ({ json: { access_token: "cc-token", token_type: "bearer", expires_in: 60 } });
    const grant = clientCredentialsGrant({ clientId: "c 1", auth: { clientSecret: "s:e/cret" } });
    const tokens = await grant(context);
    expect(tokens).to.include({
      access_token: "cc-token",
      token_type: "Bearer",
      issuer: as.origin,
      resource: RESOURCE,
    });
    expect(tokens.scope).to.equal("mcp:read");
    expect(tokens.expires_at).to.be.closeTo(Date.now() / 1000 + 60, 3);
    const [call] = as.calls;
    expect(call!.headers.authorization).to.equal(basic("c 1", "s:e/cret"));
    expect(Object.fromEntries(call!.form)).to.deep.equal({
      grant_type: "client_credentials",
      resource: RESOURCE,
      scope: "mcp:read",
    });
  });

  it("client_secret_post when the server lists only that method", async () => {
    context.authorizationServer = {
      ...context.authorizationServer,
      token_endpoint_auth_methods_supported: ["client_secret_post"],
    };
    await clientCredentialsGrant({ clientId: "c", auth: { clientSecret: "s" } })(context);
    expect(as.calls[0]!.headers.authorization).to.equal(undefined);
    expect(as.calls[0]!.form.get("client_secret")).to.equal("s");
  });

  it("client credentials with private_key_jwt from a PKCS#8 PEM: iss = sub = client, aud = issuer (auth/client-credentials-jwt)", async () => {
    const pair = await generateKeyPair("ES256", { extractable: true });
    const pem = await exportPKCS8(pair.privateKey);
    await clientCredentialsGrant({ clientId: "jwt-client", auth: { privateKey: pem, algorithm: "ES256" } })(context);
    const form = as.calls[0]!.form;
    expect(form.get("client_assertion_type")).to.equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const { payload } = await jwtVerify(form.get("client_assertion")!, pair.publicKey, { audience: as.origin });
    expect(payload).to.include({ iss: "jwt-client", sub: "jwt-client" });
    expect(as.calls[0]!.headers.authorization).to.equal(undefined);
  });

  it("a token-endpoint error names the step, the request and the server's error", async () => {
    as.answer = () => ({ status: 401, json: { error: "invalid_client", error_description: "bad secret" } });
    const error = await rejection(clientCredentialsGrant({ clientId: "c", auth: { clientSecret: "x" } })(context));
    expect(error.step).to.equal("token-request");
    expect(error.message).to.match(
      /^token-request: client credentials grant at .*: invalid_client \(bad secret\), HTTP 401$/,
    );
  });

  it("refuses a plain-http token endpoint off loopback before sending anything", async () => {
    context.authorizationServer = { ...context.authorizationServer, token_endpoint: "http://as.example/token" };
    const error = await rejection(clientCredentialsGrant({ clientId: "c", auth: { clientSecret: "x" } })(context));
    expect(error.reason).to.match(/is not https; refused/);
    expect(as.calls).to.have.length(0);
  });

  it("a garbled PEM fails at the token-request step without a request", async () => {
    const grant = clientCredentialsGrant({ clientId: "c", auth: { privateKey: "-----BEGIN PRIVATE KEY-----\nnope" } });
    expect((await rejection(grant(context))).reason).to.match(/private key does not import/);
    expect(as.calls).to.have.length(0);
  });

  it("binds the token with DPoP when the flow's fetch is a DPoP fetch, honouring the AS nonce", async () => {
    as.answer = (call) =>
      call.headers.dpop !== undefined && as.calls.length === 1
        ? { status: 400, json: { error: "use_dpop_nonce" }, headers: { "dpop-nonce": "n-1" } }
        : { json: { access_token: "bound", token_type: "DPoP" } };
    const prover = new DPoPProver(await generateDPoPKey());
    context.fetch = dpopFetch(prover);
    const tokens = await clientCredentialsGrant({ clientId: "c", auth: { clientSecret: "s" } })(context);
    expect(tokens.token_type).to.equal("DPoP");
    expect(as.calls).to.have.length(2);
    const { payload } = await jwtVerify(String(as.calls[1]!.headers.dpop), EmbeddedJWK);
    expect(payload).to.include({ nonce: "n-1", htm: "POST", htu: `${as.origin}/token` });
  });
});

describe("auth/client: enterprise-managed authorization (auth/enterprise-managed-authorization)", () => {
  let as: TokenServer;
  let idp: TokenServer;
  let context: GrantContext;

  beforeEach(async () => {
    as = await new TokenServer().start();
    idp = await new TokenServer().start();
    context = {
      issuer: as.origin,
      authorizationServer: { issuer: as.origin, token_endpoint: `${as.origin}/token` },
      resource: RESOURCE,
      scope: undefined,
      fetch: globalThis.fetch,
    };
    idp.answer = () => ({
      json: { issued_token_type: ID_JAG_TOKEN_TYPE, access_token: "the-id-jag", token_type: "N_A", expires_in: 300 },
    });
    as.answer = () => ({ json: { access_token: "test-token-1", token_type: "Bearer" } });
  });
  afterEach(async () => {
    await as.stop();
    await idp.stop();
  });

  const grant = () =>
    enterpriseManagedGrant({
      idp: { tokenEndpoint: `${idp.origin}/token`, clientId: "idp-client", idToken: () => "the-id-token" },
      client: { clientId: "xaa-client", auth: { clientSecret: "xaa-secret" } },
    });

  it("exchanges the ID token for an ID-JAG at the IdP, then presents it with the JWT-bearer grant", async () => {
    const tokens = await grant()(context);
    expect(tokens.access_token).to.equal("test-token-1");
    const exchange: TokenCall = idp.calls[0]!;
    expect(Object.fromEntries(exchange.form)).to.deep.equal({
      grant_type: TOKEN_EXCHANGE_GRANT,
      requested_token_type: ID_JAG_TOKEN_TYPE,
      audience: as.origin,
      resource: RESOURCE,
      subject_token: "the-id-token",
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      client_id: "idp-client",
    });
    const bearer = as.calls[0]!;
    expect(bearer.headers.authorization).to.equal(basic("xaa-client", "xaa-secret"));
    expect(Object.fromEntries(bearer.form)).to.deep.equal({ grant_type: JWT_BEARER_GRANT, assertion: "the-id-jag" });
  });

  it("stops when the IdP refuses or issues something other than an ID-JAG, before the AS sees anything", async () => {
    idp.answer = () => ({
      status: 400,
      json: { error: "invalid_grant", error_description: "Audience validation failed" },
    });
    expect((await rejection(grant()(context))).reason).to.match(
      /^token exchange at the identity provider .*: invalid_grant/,
    );
    idp.answer = () => ({ json: { issued_token_type: "urn:x", access_token: "a", token_type: "N_A" } });
    expect((await rejection(grant()(context))).reason).to.match(/issued urn:x, not an ID-JAG/);
    expect(as.calls).to.have.length(0);
  });
});

describe("auth/client: workload identity federation (auth/wif-jwt-bearer)", () => {
  let as: TokenServer;
  let context: GrantContext;
  beforeEach(async () => {
    as = await new TokenServer().start();
    context = {
      issuer: as.origin,
      authorizationServer: { issuer: as.origin, token_endpoint: `${as.origin}/token` },
      resource: RESOURCE,
      scope: undefined,
      fetch: globalThis.fetch,
    };
  });
  afterEach(() => as.stop());

  it("sends one JWT-bearer request with the platform assertion as a public client", async () => {
    const tokens = await workloadIdentityGrant({ clientId: "workload", assertion: "platform.jwt.value" })(context);
    expect(tokens.access_token).to.equal("t");
    expect(as.calls).to.have.length(1);
    expect(as.calls[0]!.headers.authorization).to.equal(undefined);
    expect(Object.fromEntries(as.calls[0]!.form)).to.deep.equal({
      grant_type: JWT_BEARER_GRANT,
      assertion: "platform.jwt.value",
      resource: RESOURCE,
      client_id: "workload",
    });
  });

  it("never retries nor switches grant after a failure: later runs fail at once, without a request", async () => {
    as.answer = () => ({ status: 400, json: { error: "invalid_grant", error_description: "assertion expired" } });
    const grant = workloadIdentityGrant({ clientId: "workload", assertion: "expired.jwt" });
    const first = await rejection(grant(context));
    expect(first.reason).to.match(/workload identity JWT-bearer grant .*: invalid_grant \(assertion expired\)/);
    const second = await rejection(grant(context));
    expect(second).to.equal(first);
    expect(as.calls).to.have.length(1);
  });
});
