import { expect } from "chai";
import { decodeJwt } from "jose";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OAuthClientAuth } from "../../src/auth/client/client-auth.js";
import { DPoPProver } from "../../src/auth/client/dpop.js";
import { NodeOAuthProvider } from "../../src/auth/client/node/provider.js";
import { ClientSession } from "../../src/client/client-session.js";
import type { HttpApp } from "../../src/server/index.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { AUTO_BROWSER, OidcCodeIssuer, protectedServer } from "../fixtures/auth/oidc-code-issuer.js";
import { captureLogger } from "../support/peers.js";

const text = (result: { content: unknown[] }) => (result.content[0] as { text: string }).text;

/**
 * The client side of MCP authorization against a real authorization server: oidc-provider (npm) with
 * Dynamic Client Registration, PKCE, resource indicators and refresh tokens, in front of an mcpkit
 * server that checks its JWTs; the browser step is a script that fills in the provider's own pages.
 */
describe("interop: mcpkit's OAuth client and the oidc-provider authorization server", function () {
  this.timeout(60_000);
  let directory: string;
  beforeEach(async () => (directory = await mkdtemp(join(tmpdir(), "cauth2-e2e-"))));
  afterEach(() => rm(directory, { recursive: true, force: true }));

  describe("bearer tokens", () => {
    const oidc = new OidcCodeIssuer({ accessTokenTtl: 3 });
    let served: HttpApp;
    before(async () => {
      await oidc.start();
      served = await protectedServer(oidc);
    });
    after(async () => {
      await served.close();
      await oidc.stop();
    });

    it("registers (DCR), authorizes with PKCE and the resource, calls a tool; a token expiring mid-session is refreshed unseen", async () => {
      const steps: string[] = [];
      const provider = await NodeOAuthProvider.open(served.endpointUrl, {
        directory,
        browserCommand: AUTO_BROWSER,
        onStep: (line) => steps.push(line),
      });
      const auth = new OAuthClientAuth(served.endpointUrl, provider, { refreshSkewSeconds: 1 });
      const session = new ClientSession(streamableHttpClient(served.endpointUrl, { auth }), {
        logger: captureLogger(),
      });
      try {
        await session.initialize();
        const first = text(await session.callTool("whoami", {}));
        expect(first).to.equal(`alice ${served.endpointUrl}`);
        const tokens = provider.tokens()!;
        expect(decodeJwt(tokens.access_token)).to.include({ iss: oidc.issuer, aud: served.endpointUrl });
        expect(tokens.refresh_token).to.be.a("string");
        expect(oidc.to("/reg")).to.have.length(1);
        // The access token lives 3 s: past its expiry, the next call refreshes first, with no browser.
        await new Promise((resolve) => setTimeout(resolve, 3200));
        expect(text(await session.callTool("whoami", {}))).to.equal(first);
        expect(provider.tokens()!.access_token).to.not.equal(tokens.access_token);
        expect(provider.tokens()!.refresh_token).to.not.equal(tokens.refresh_token);
        expect(steps.filter((s) => s.startsWith("authorization-request: opening the browser"))).to.have.length(1);
        expect(oidc.to("/token")).to.have.length(2);
      } finally {
        await session.close();
        await provider.close();
      }
      expect(steps).to.include("authorization-response: redirect received");
    });
  });

  describe("DPoP-bound tokens", () => {
    const oidc = new OidcCodeIssuer();
    let served: HttpApp;
    before(async () => {
      await oidc.start();
      served = await protectedServer(oidc, "required");
    });
    after(async () => {
      await served.close();
      await oidc.stop();
    });

    it("binds the tokens to the provider's key at the token endpoint and presents them with proofs", async () => {
      const provider = await NodeOAuthProvider.open(served.endpointUrl, {
        directory,
        browserCommand: AUTO_BROWSER,
        dpop: true,
      });
      const session = new ClientSession(streamableHttpClient(served.endpointUrl, { auth: provider }), {
        logger: captureLogger(),
      });
      try {
        await session.initialize();
        expect(text(await session.callTool("whoami", {}))).to.equal(`alice ${served.endpointUrl}`);
        const tokens = provider.tokens()!;
        expect(tokens.token_type).to.match(/^dpop$/i);
        const jkt = await new DPoPProver((await provider.dpopKeyPair())!).thumbprint();
        expect(decodeJwt(tokens.access_token).cnf).to.deep.equal({ jkt });
        expect(oidc.to("/token").every((r) => r.dpop)).to.equal(true);
        expect(oidc.to("/reg").some((r) => r.dpop)).to.equal(false);
      } finally {
        await session.close();
        await provider.close();
      }
    });

    it("answers the MCP server's use_dpop_nonce with a new proof carrying the nonce, without a new flow", async () => {
      const withNonces = await protectedServer(oidc, "nonces");
      const seen: { nonce: boolean; jti: unknown }[] = [];
      withNonces.server.on("request", (req: { headers: Record<string, string | undefined> }) => {
        const proof = req.headers.dpop;
        if (proof) seen.push({ nonce: decodeJwt(proof).nonce !== undefined, jti: decodeJwt(proof).jti });
      });
      const steps: string[] = [];
      const provider = await NodeOAuthProvider.open(withNonces.endpointUrl, {
        directory,
        browserCommand: AUTO_BROWSER,
        dpop: true,
        onStep: (line) => steps.push(line),
      });
      const session = new ClientSession(streamableHttpClient(withNonces.endpointUrl, { auth: provider }), {
        logger: captureLogger(),
      });
      try {
        await session.initialize();
        expect(text(await session.callTool("whoami", {}))).to.equal(`alice ${withNonces.endpointUrl}`);
        // The first proof had no nonce and was refused; every later one carries it; no jti is sent twice.
        expect(seen[0]!.nonce).to.equal(false);
        expect(seen.slice(1).every((s) => s.nonce)).to.equal(true);
        expect(new Set(seen.map((s) => s.jti)).size).to.equal(seen.length);
        expect(steps.filter((s) => s.startsWith("authorization-request: opening"))).to.have.length(1);
      } finally {
        await session.close();
        await provider.close();
        await withNonces.close();
      }
    });
  });
});
