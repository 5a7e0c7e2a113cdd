import { expect } from "chai";
import { discoverAuthorization, type AuthorizationDiscoveryOptions } from "../../../src/auth/client/discovery.js";
import { OAuthFlowError } from "../../../src/auth/client/errors.js";
import { asMetadata, FixtureServer } from "./fixture-servers.js";

const PRM_PATH = "/.well-known/oauth-protected-resource/mcp";
const PRM_ROOT = "/.well-known/oauth-protected-resource";

describe("auth/client: discoverAuthorization (authorization-server-discovery)", () => {
  let rs: FixtureServer;
  let as: FixtureServer;
  let mcp: string;

  beforeEach(async () => {
    rs = await new FixtureServer().start();
    as = await new FixtureServer().start();
    mcp = `${rs.origin}/mcp`;
  });

  afterEach(async () => {
    // No discovery request may carry credentials, whatever the outcome.
    for (const r of [...rs.received, ...as.received]) expect(r.headers.authorization).to.equal(undefined);
    await rs.stop();
    await as.stop();
  });

  function prm(resource = mcp, extra: Record<string, unknown> = {}) {
    return () => ({ json: { resource, authorization_servers: [as.origin], ...extra } });
  }

  async function failure(options: AuthorizationDiscoveryOptions, server = mcp): Promise<OAuthFlowError> {
    try {
      await discoverAuthorization(server, options);
    } catch (error) {
      expect(error).to.be.instanceOf(OAuthFlowError);
      expect((error as Error).message).to.equal(
        `${(error as OAuthFlowError).step}: ${(error as OAuthFlowError).reason}`,
      );
      return error as OAuthFlowError;
    }
    throw new Error("discovery succeeded");
  }

  it("uses the 401's resource_metadata alone, never the well-known URLs (conformance auth/metadata-default, metadata-var3)", async () => {
    rs.routes["/custom/metadata/location.json"] = prm();
    as.routes["/.well-known/oauth-authorization-server"] = (o) => ({ json: asMetadata(o) });
    const found = await discoverAuthorization(mcp, {
      challenge: `Bearer error="invalid_token", resource_metadata="${rs.origin}/custom/metadata/location.json"`,
    });
    expect(rs.paths).to.deep.equal(["/custom/metadata/location.json"]);
    expect(as.paths).to.deep.equal(["/.well-known/oauth-authorization-server"]);
    expect(found).to.deep.include({ resource: mcp, issuer: as.origin, requests: 2, defaultEndpoints: false });
    expect(found.authorizationServer.token_endpoint).to.equal(`${as.origin}/token`);
  });

  it("tries the path-based well-known PRM first without resource_metadata, and falls back to OIDC metadata (auth/metadata-var1)", async () => {
    rs.routes[PRM_PATH] = prm();
    as.routes["/.well-known/openid-configuration"] = (o) => ({ json: asMetadata(o) });
    const found = await discoverAuthorization(mcp, { challenge: 'Bearer error="invalid_token"' });
    expect(rs.paths).to.deep.equal([PRM_PATH]);
    expect(as.paths).to.deep.equal(["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"]);
    expect(found.resourceMetadataUrl?.href).to.equal(`${rs.origin}${PRM_PATH}`);
  });

  it("falls back to the root PRM, keeps its resource string exactly, and inserts the issuer's path first (auth/metadata-var2)", async () => {
    rs.routes[PRM_ROOT] = () => ({ json: { resource: rs.origin, authorization_servers: [`${as.origin}/tenant1`] } });
    as.routes["/.well-known/oauth-authorization-server/tenant1"] = (o) => ({ json: asMetadata(`${o}/tenant1`) });
    const found = await discoverAuthorization(mcp);
    expect(rs.paths).to.deep.equal([PRM_PATH, PRM_ROOT]);
    expect(as.paths).to.deep.equal(["/.well-known/oauth-authorization-server/tenant1"]);
    expect(found.resource).to.equal(rs.origin);
    expect(found.issuer).to.equal(`${as.origin}/tenant1`);
  });

  it("tries the three issuer-with-path URLs in the spec's order and never the root ones", async () => {
    rs.routes[PRM_PATH] = () => ({ json: { resource: mcp, authorization_servers: [`${as.origin}/tenant1`] } });
    as.routes["/tenant1/.well-known/openid-configuration"] = (o) => ({ json: asMetadata(`${o}/tenant1`) });
    await discoverAuthorization(mcp);
    expect(as.paths).to.deep.equal([
      "/.well-known/oauth-authorization-server/tenant1",
      "/.well-known/openid-configuration/tenant1",
      "/tenant1/.well-known/openid-configuration",
    ]);
  });

  it("uses the 2025-03-26 fallback only when asked: metadata at the server's origin (auth/2025-03-26-oauth-metadata-backcompat)", async () => {
    rs.routes["/.well-known/oauth-authorization-server"] = (o) => ({
      json: asMetadata(o, { authorization_endpoint: `${o}/oauth/authorize`, token_endpoint: `${o}/oauth/token` }),
    });
    expect((await failure({})).reason).to.match(
      /^no document at .*oauth-protected-resource\/mcp or .*oauth-protected-resource$/,
    );
    const found = await discoverAuthorization(mcp, { legacyFallback: true });
    expect(found).to.deep.include({ issuer: rs.origin, resource: undefined, defaultEndpoints: false });
    expect(found.authorizationServer.token_endpoint).to.equal(`${rs.origin}/oauth/token`);
  });

  it("uses the 2025-03-26 default endpoints when the origin has no metadata either (auth/2025-03-26-oauth-endpoint-fallback)", async () => {
    const found = await discoverAuthorization(mcp, { legacyFallback: true });
    expect(rs.paths).to.deep.equal([PRM_PATH, PRM_ROOT, "/.well-known/oauth-authorization-server"]);
    expect(found.defaultEndpoints).to.equal(true);
    expect(found.authorizationServer).to.deep.include({
      authorization_endpoint: `${rs.origin}/authorize`,
      token_endpoint: `${rs.origin}/token`,
      registration_endpoint: `${rs.origin}/register`,
    });
  });

  it("aborts on a WWW-Authenticate that does not parse, before any request", async () => {
    const error = await failure({ challenge: 'Bearer resource_metadata="http://x' });
    expect(error.step).to.equal("www-authenticate");
    expect(error.reason).to.match(/unterminated quoted string/);
    expect(rs.received).to.have.length(0);
  });

  it("aborts when the PRM's resource is another server, and never asks an authorization server (auth/resource-mismatch)", async () => {
    rs.routes[PRM_PATH] = prm("https://evil.example.com/mcp");
    const error = await failure({ challenge: `Bearer resource_metadata="${rs.origin}${PRM_PATH}"` });
    expect(error.step).to.equal("protected-resource-metadata");
    expect(error.reason).to.equal(`resource https://evil.example.com/mcp is not the server ${mcp}; refused`);
    expect(as.received).to.have.length(0);
  });

  it("refuses a resource_metadata URL on plain http off the server's origin that is not loopback, before any request", async () => {
    const error = await failure({ challenge: 'Bearer resource_metadata="http://prm.example.com/prm"' });
    expect(error.step).to.equal("protected-resource-metadata");
    expect(error.reason).to.equal(
      "resource_metadata http://prm.example.com/prm is refused: plain http on a host that is not loopback",
    );
    expect(rs.received).to.have.length(0);
  });

  it("refuses a PRM resource on the same origin but another path, and one with no authorization_servers", async () => {
    rs.routes[PRM_PATH] = prm(`${rs.origin}/other`);
    expect((await failure({})).reason).to.match(/is not the server/);
    rs.routes[PRM_PATH] = () => ({ json: { resource: mcp, authorization_servers: [] } });
    expect((await failure({})).reason).to.match(/names no authorization_servers$/);
  });

  it("refuses metadata whose issuer differs, tries no further URL and uses none of its endpoints (auth/metadata-issuer-mismatch)", async () => {
    rs.routes[PRM_PATH] = prm();
    as.routes["/.well-known/oauth-authorization-server"] = () => ({ json: asMetadata("https://attacker.example.com") });
    const error = await failure({});
    expect(error.step).to.equal("authorization-server-metadata");
    expect(error.reason).to.equal(
      `issuer https://attacker.example.com at ${as.origin}/.well-known/oauth-authorization-server is not ${as.origin}; refused`,
    );
    expect(as.paths).to.deep.equal(["/.well-known/oauth-authorization-server"]);
  });

  it("compares the issuer by simple string comparison: a trailing slash is a mismatch", async () => {
    rs.routes[PRM_PATH] = prm();
    as.routes["/.well-known/oauth-authorization-server"] = (o) => ({ json: asMetadata(`${o}/`) });
    expect((await failure({})).reason).to.match(/is not http:\/\/127\.0\.0\.1:\d+; refused$/);
  });

  it("refuses an authorization server on plain http that is not loopback, without contacting it", async () => {
    rs.routes[PRM_PATH] = () => ({ json: { resource: mcp, authorization_servers: ["http://as.example.com"] } });
    const error = await failure({});
    expect(error.step).to.equal("authorization-server-metadata");
    expect(error.reason).to.equal(
      "the authorization server http://as.example.com is refused: plain http on a host that is not loopback",
    );
    expect(rs.paths).to.deep.equal([PRM_PATH]);
    expect(as.received).to.have.length(0);
  });

  it("refuses metadata endpoints on plain http that is not loopback", async () => {
    rs.routes[PRM_PATH] = prm();
    as.routes["/.well-known/oauth-authorization-server"] = (o) => ({
      json: asMetadata(o, { token_endpoint: "http://tokens.example.com/token" }),
    });
    expect((await failure({})).reason).to.match(/^token_endpoint http:\/\/tokens\.example\.com\/token is refused/);
  });

  it("refuses metadata that redirects to another origin, and never requests it there", async () => {
    rs.routes[PRM_PATH] = prm();
    as.routes["/.well-known/oauth-authorization-server"] = () => ({
      status: 302,
      headers: { location: `${rs.origin}/stolen-metadata` },
    });
    const error = await failure({});
    expect(error.step).to.equal("authorization-server-metadata");
    expect(error.reason).to.equal(
      `${as.origin}/.well-known/oauth-authorization-server redirected to another origin (${rs.origin}); refused`,
    );
    expect(rs.paths).to.deep.equal([PRM_PATH]);
  });

  it("follows a redirect within the same origin", async () => {
    rs.routes[PRM_PATH] = () => ({ status: 307, headers: { location: "/prm.json" } });
    rs.routes["/prm.json"] = prm();
    as.routes["/.well-known/oauth-authorization-server"] = (o) => ({ json: asMetadata(o) });
    const found = await discoverAuthorization(mcp);
    expect(rs.paths).to.deep.equal([PRM_PATH, "/prm.json"]);
    expect(found.resourceMetadataUrl?.href).to.equal(`${rs.origin}/prm.json`);
  });

  it("bounds the requests of the whole discovery, redirects included", async () => {
    rs.routes[PRM_PATH] = () => ({ status: 307, headers: { location: "/a" } });
    rs.routes["/a"] = () => ({ status: 307, headers: { location: "/b" } });
    rs.routes["/b"] = prm();
    const error = await failure({ maxRequests: 2 });
    expect(error.reason).to.equal("the flow gave up after 2 requests");
    expect(rs.received).to.have.length(2);
  });

  it("bounds the size of a metadata body", async () => {
    rs.routes[PRM_PATH] = () => ({
      json: { resource: mcp, authorization_servers: [as.origin], pad: "x".repeat(5000) },
    });
    const error = await failure({ maxBodyBytes: 1000 });
    expect(error.reason).to.equal(`GET ${rs.origin}${PRM_PATH}: the response is larger than 1000 bytes`);
  });

  it("bounds the time of each request", async () => {
    const started = Date.now();
    const slow: typeof fetch = (_input, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
    const error = await failure({ fetch: slow, timeoutMs: 50 });
    expect(error.reason).to.equal(`GET ${rs.origin}${PRM_PATH} failed: no answer within 50 ms`);
    expect(Date.now() - started).to.be.below(2000);
  });

  it("selects the scope from the challenge, else the PRM, adding offline_access only when the AS lists it", async () => {
    rs.routes[PRM_PATH] = prm(mcp, { scopes_supported: ["mcp:basic", "mcp:read"] });
    as.routes["/.well-known/oauth-authorization-server"] = (o) => ({
      json: asMetadata(o, { scopes_supported: ["mcp:basic", "offline_access"] }),
    });
    expect((await discoverAuthorization(mcp, { challenge: 'Bearer scope="mcp:write"' })).scope).to.equal(
      "mcp:write offline_access",
    );
    expect((await discoverAuthorization(mcp)).scope).to.equal("mcp:basic mcp:read offline_access");
  });

  it("sends every request through the injected fetch, with no credentials", async () => {
    rs.routes[PRM_PATH] = prm();
    as.routes["/.well-known/oauth-authorization-server"] = (o) => ({ json: asMetadata(o) });
    const seen: RequestInit[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(init ?? {});
      return fetch(input, init);
    };
    await discoverAuthorization(mcp, { fetch: spy });
    expect(seen).to.have.length(2);
    for (const init of seen) {
      expect(init.credentials).to.equal("omit");
      expect(init.redirect).to.equal("manual");
      expect(new Headers(init.headers).has("authorization")).to.equal(false);
    }
  });
});
