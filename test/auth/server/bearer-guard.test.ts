import { expect } from "chai";
import {
  bearerGuard,
  InvalidTokenError,
  resourceMetadata,
  resourceMetadataPaths,
  resourceMetadataUrl,
  type AuthInfo,
  type TokenVerifier,
} from "../../../src/auth/server/index.js";
import { captureLogger } from "../../support/peers.js";

const RESOURCE = "https://mcp.example.com/mcp";
const PRM = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";
const caller: AuthInfo = {
  token: "good",
  tokenType: "Bearer",
  subject: "u",
  scopes: ["a"],
  audience: [RESOURCE],
  claims: {},
};

/** A verifier that knows one token, "good", and fails outright on "boom". */
const verifier: TokenVerifier = {
  verify: async (token) => {
    if (token === "boom") throw new Error("the key server is down");
    if (token !== "good") throw new InvalidTokenError("unknown token");
    return caller;
  },
};

const request = (headers: Record<string, string | string[]>, url = RESOURCE) => ({ method: "POST", url, headers });

describe("bearerGuard", () => {
  const logger = captureLogger();
  const guard = bearerGuard({ resource: RESOURCE, resourceMetadataUrl: PRM, verifier, logger });

  it("passes a good token, whatever the case of the scheme", async () => {
    expect(await guard(request({ authorization: "Bearer good" }))).to.deep.equal({ auth: caller });
    expect(await guard(request({ authorization: "bearer good" }))).to.deep.equal({ auth: caller });
  });

  it("answers a missing token, or another scheme, with a bare challenge", async () => {
    for (const headers of [{}, { authorization: "Basic dTpw" }] as Record<string, string>[]) {
      const outcome = await guard(request(headers));
      if (!("refusal" in outcome)) throw new Error("accepted");
      expect(outcome.refusal.status).to.equal(401);
      expect(outcome.refusal.headers["www-authenticate"]).to.equal(`Bearer resource_metadata="${PRM}"`);
    }
  });

  it("answers several Authorization headers and bad token characters with invalid_token", async () => {
    for (const authorization of [["Bearer good", "Bearer good"], 'Bearer good"x', "Bearer"]) {
      const outcome = await guard(request({ authorization }));
      if (!("refusal" in outcome)) throw new Error("accepted");
      expect(outcome.refusal.status).to.equal(401);
      expect(outcome.refusal.headers["www-authenticate"]).to.include('error="invalid_token"');
    }
  });

  it("quotes the description safely", async () => {
    const quoting = bearerGuard({
      resource: RESOURCE,
      resourceMetadataUrl: PRM,
      verifier: { verify: () => Promise.reject(new InvalidTokenError('a "quoted" \\ reason')) },
    });
    const outcome = await quoting(request({ authorization: "Bearer x" }));
    if (!("refusal" in outcome)) throw new Error("accepted");
    expect(outcome.refusal.headers["www-authenticate"]).to.include('error_description="a \\"quoted\\" \\\\ reason"');
  });

  it("a verifier that fails (not a refusal) is 503, logged without the token", async () => {
    const outcome = await guard(request({ authorization: "Bearer boom" }));
    if (!("refusal" in outcome)) throw new Error("accepted");
    expect(outcome.refusal.status).to.equal(503);
    expect(logger.lines.some((l) => l.includes("the token verifier failed"))).to.equal(true);
    expect(logger.lines.join("\n")).not.to.include("Bearer boom");
  });

  it("refuses access_token in the query string before looking at the header", async () => {
    const outcome = await guard(request({ authorization: "Bearer good" }, `${RESOURCE}?access_token=good`));
    if (!("refusal" in outcome)) throw new Error("accepted");
    expect(outcome.refusal.status).to.equal(400);
    expect(JSON.parse(outcome.refusal.body)).to.include({ error: "invalid_request" });
  });
});

describe("Protected Resource Metadata", () => {
  it("is served at the path-based URL and the root, and advertises header tokens only", () => {
    expect(resourceMetadataPaths(RESOURCE)).to.deep.equal([
      "/.well-known/oauth-protected-resource/mcp",
      "/.well-known/oauth-protected-resource",
    ]);
    expect(resourceMetadataPaths("https://mcp.example.com/")).to.deep.equal(["/.well-known/oauth-protected-resource"]);
    expect(resourceMetadataUrl(RESOURCE)).to.equal(PRM);
    expect(
      resourceMetadata({ resource: RESOURCE, authorizationServers: ["https://as"], scopesSupported: ["a"] }),
    ).to.deep.equal({
      resource: RESOURCE,
      authorization_servers: ["https://as"],
      scopes_supported: ["a"],
      bearer_methods_supported: ["header"],
    });
  });
});
