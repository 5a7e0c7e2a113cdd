import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload, type CryptoKey } from "jose";

/** A test authorization server's signing side: RSA keys, a JWKS served on 127.0.0.1, and tokens minted on demand. */
export class TestIssuer {
  readonly issuer = "https://as.example.test";
  /** How many times the JWKS was fetched. */
  fetches = 0;
  #keys: { kid: string; privateKey: CryptoKey; publicJwk: JWK; publicKey: CryptoKey; published: boolean }[] = [];
  #server: Server | undefined;
  jwksUrl = "";

  /** Adds a key pair; `publish` false keeps it out of the JWKS (a key the resource server cannot know). */
  async addKey(kid: string, publish = true): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
    this.#keys.push({ kid, privateKey, publicKey, publicJwk, published: publish });
  }

  /** Publishes a key added unpublished, as a key rotation does. */
  publish(kid: string): void {
    this.#keys.find((k) => k.kid === kid)!.published = true;
  }

  async start(): Promise<void> {
    await this.addKey("k1");
    this.#server = createServer((_req, res) => {
      this.fetches++;
      const keys = this.#keys.filter((k) => k.published).map((k) => k.publicJwk);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.jwksUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/jwks`;
  }

  /** The published keys, as the JWKS serves them. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: this.#keys.filter((k) => k.published).map((k) => k.publicJwk) };
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  /** A signed access token for `audience`, valid for an hour unless the claims say otherwise. */
  async mint(audience: string, claims: JWTPayload = {}, kid = "k1"): Promise<string> {
    const key = this.#keys.find((k) => k.kid === kid)!;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sub: "user-1", client_id: "client-1", scope: "mcp:read", ...claims })
      .setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt" })
      .setIssuer(typeof claims.iss === "string" ? claims.iss : this.issuer)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(typeof claims.exp === "number" ? claims.exp : now + 3600)
      .sign(key.privateKey);
  }

  /** An HS256 token whose HMAC secret is the public key's PEM: the algorithm-confusion attack. */
  async mintWithPublicKeyAsSecret(audience: string): Promise<string> {
    const pem = await exportSPKI(this.#keys[0]!.publicKey);
    return new SignJWT({ sub: "attacker", scope: "mcp:read" })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(pem));
  }

  /** An unsecured token (`alg: none`). */
  mintUnsigned(audience: string): string {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const exp = Math.floor(Date.now() / 1000) + 3600;
    return `${part({ alg: "none", typ: "JWT" })}.${part({ sub: "attacker", iss: this.issuer, aud: audience, exp, scope: "mcp:read" })}.`;
  }
}
