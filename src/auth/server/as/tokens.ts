import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from "jose";
import { jwtVerifier } from "../jwt-verifier.js";
import { InvalidTokenError, type TokenVerifier } from "../verifier.js";
import { randomToken } from "./http.js";
import type { AuthorizationServerProvider } from "./types.js";

/** The private JWK members, dropped from the published key. */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

/** An access token just minted. */
export interface MintedToken {
  readonly token: string;
  readonly jti: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

/** What an access token says. */
export interface AccessTokenClaims {
  readonly subject: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** The resource (RFC 8707) the token is for: its `aud`. */
  readonly resource: string;
  readonly grantId: string;
  readonly ttlSeconds: number;
}

interface SigningKey {
  readonly privateKey: Parameters<SignJWT["sign"]>[0];
  readonly publicJwk: JWK;
  readonly alg: string;
}

/**
 * Signs the authorization server's access tokens (JWTs, RFC 9068 `at+jwt`) with one asymmetric key,
 * publishes that key as a JWKS, and verifies the tokens in process. The key is generated (ES256)
 * when none is given, so tokens do not outlive the process unless the application passes its own.
 */
export class TokenSigner {
  readonly #key: Promise<SigningKey>;

  constructor(
    readonly issuer: string,
    signingKey?: JWK,
  ) {
    this.#key = signingKey ? importKey(signingKey) : generateKey();
    this.#key.catch(() => {});
  }

  /** The public keys, as served at `jwks_uri`. */
  async jwks(): Promise<JSONWebKeySet> {
    return { keys: [(await this.#key).publicJwk] };
  }

  async alg(): Promise<string> {
    return (await this.#key).alg;
  }

  /** Mints an access token for `claims.resource`, expiring after `claims.ttlSeconds`. */
  async mint(claims: AccessTokenClaims): Promise<MintedToken> {
    const key = await this.#key;
    const jti = randomToken(16);
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + claims.ttlSeconds;
    const token = await new SignJWT({
      client_id: claims.clientId,
      ...(claims.scopes.length > 0 ? { scope: claims.scopes.join(" ") } : {}),
      gid: claims.grantId,
    })
      .setProtectedHeader({ alg: key.alg, typ: "at+jwt", kid: key.publicJwk.kid! })
      .setIssuer(this.issuer)
      .setSubject(claims.subject)
      .setAudience(claims.resource)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .setJti(jti)
      .sign(key.privateKey);
    return { token, jti, expiresAt };
  }

  /** The claims of one of this server's own tokens (signature and issuer checked, any audience), or undefined. */
  async read(token: string): Promise<JWTPayload | undefined> {
    try {
      const keys = createLocalJWKSet(await this.jwks());
      const { payload } = await jwtVerify(token, keys, { issuer: this.issuer, algorithms: [await this.alg()] });
      return payload;
    } catch {
      return undefined;
    }
  }

  /**
   * A {@link TokenVerifier} for this server's tokens, in process: signature, issuer, `aud` equal to
   * the resource being served, expiry, and not revoked (by `jti` or by grant) at `provider`.
   */
  verifier(provider: AuthorizationServerProvider): TokenVerifier {
    let inner: Promise<TokenVerifier> | undefined;
    return {
      verify: async (token, request) => {
        inner ??= this.jwks().then(async (jwks) =>
          jwtVerifier({ issuer: this.issuer, jwks, algorithms: [await this.alg()] }),
        );
        const auth = await (await inner).verify(token, request);
        const jti = typeof auth.claims.jti === "string" ? auth.claims.jti : "";
        const gid = typeof auth.claims.gid === "string" ? auth.claims.gid : undefined;
        if (jti === "" || (await provider.isRevoked(jti, gid)))
          throw new InvalidTokenError("the token has been revoked");
        return auth;
      },
    };
  }
}

async function generateKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicJwk: { ...jwk, kid, alg: "ES256", use: "sig" }, alg: "ES256" };
}

async function importKey(jwk: JWK): Promise<SigningKey> {
  if (!jwk.alg) throw new TypeError("mcpkit: the authorization server's signing key needs its alg");
  if (jwk.kty === "oct" || !jwk.d) throw new TypeError("mcpkit: the signing key must be an asymmetric private JWK");
  const privateKey = await importJWK(jwk, jwk.alg);
  const pub: JWK = Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.includes(name)));
  const kid = jwk.kid ?? (await calculateJwkThumbprint(pub));
  return { privateKey, publicJwk: { ...pub, kid, use: "sig" }, alg: jwk.alg };
}
