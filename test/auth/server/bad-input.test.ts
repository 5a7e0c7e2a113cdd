import { expect } from "chai";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { FastMCP, jwtVerifier, type HttpApp } from "../../../src/server/index.js";
import { captureLogger } from "../../support/peers.js";
import { TestIssuer } from "./issuer.js";

/** Bad inputs the issue's list forgot: key injection through JWS headers, other schemes, other audiences' spellings, huge headers. */
describe("auth: more bad tokens, each refused while the server keeps serving", () => {
  const issuer = new TestIssuer();
  let served: HttpApp;
  before(async () => {
    await issuer.start();
    const app = new FastMCP("guarded", {
      logger: captureLogger(),
      auth: { issuer: issuer.issuer, verifier: jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl }) },
    });
    served = await app.runHttp({ port: 0, stateless: true });
  });
  after(async () => {
    await served.close();
    await issuer.stop();
  });

  const ping = (authorization: string) =>
    fetch(served.endpointUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": "2025-11-25",
        authorization,
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });

  async function stillServing(): Promise<void> {
    expect((await ping(`Bearer ${await issuer.mint(served.endpointUrl)}`)).status).to.equal(200);
  }

  it("a token naming its own keys (jku, or an embedded jwk) is refused and those keys are never fetched", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: "evil", alg: "RS256" };
    let fetched = 0;
    const evil = createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    try {
      const jku = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/jwks`;
      const sign = (header: Record<string, unknown>) =>
        new SignJWT({ sub: "attacker", scope: "mcp:read" })
          .setProtectedHeader({ alg: "RS256", kid: "evil", ...header })
          .setIssuer(issuer.issuer)
          .setAudience(served.endpointUrl)
          .setExpirationTime("1h")
          .sign(privateKey);
      for (const token of [await sign({ jku }), await sign({ jwk }), await sign({ x5u: jku })]) {
        const response = await ping(`Bearer ${token}`);
        expect(response.status).to.equal(401);
        expect(response.headers.get("www-authenticate")).to.include('error="invalid_token"');
      }
      expect(fetched).to.equal(0);
      await stillServing();
    } finally {
      await new Promise((resolve) => evil.close(resolve));
    }
  });

  it("an audience that is only nearly this server's (trailing slash, other port or scheme, a prefix) is refused", async () => {
    const url = new URL(served.endpointUrl);
    for (const audience of [
      `${served.endpointUrl}/`,
      `${url.protocol}//${url.hostname}:1${url.pathname}`,
      served.endpointUrl.replace("http:", "https:"),
      `${url.origin}/`,
      `${served.endpointUrl}/tools`,
    ]) {
      const response = await ping(`Bearer ${await issuer.mint(audience)}`);
      expect(response.status, audience).to.equal(401);
    }
    await stillServing();
  });

  it("a DPoP or Basic credential on a server that accepts neither gets the bare Bearer challenge", async () => {
    for (const authorization of [`DPoP ${await issuer.mint(served.endpointUrl)}`, "Basic dXNlcjpwYXNz"]) {
      const response = await ping(authorization);
      expect(response.status).to.equal(401);
      expect(response.headers.get("www-authenticate")).to.match(/^Bearer resource_metadata="[^"]+"$/);
    }
    await stillServing();
  });

  it("an oversized Authorization header is refused by the HTTP layer, and the server keeps serving", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(served.endpointUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${"a".repeat(64 * 1024)}` },
      });
      req.once("response", (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.once("error", reject);
      req.end("{}");
    });
    expect(status).to.equal(431);
    await stillServing();
  });
});
