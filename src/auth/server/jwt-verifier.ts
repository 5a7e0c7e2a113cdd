import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import type { AuthInfo } from "../../protocol/auth-info.js";
import { InvalidTokenError, type TokenRequest, type TokenVerifier } from "./verifier.js";

/** The asymmetric JWS algorithms accepted by default: never `none`, never an HMAC. */
export const DEFAULT_JWT_ALGORITHMS: readonly string[] = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

/** Options of {@link jwtVerifier}. */
export interface JwtVerifierOptions {
  /** The `iss` every token must carry: the authorization server's issuer identifier. */
  issuer: string;
  /**
   * The `aud` a token must contain: this server's resource URL (RFC 8707). Default: the resource the
   * guard is serving, so a token minted for another server is never accepted.
   */
  audience?: string;
  /** Where the issuer publishes its signing keys; fetched when first needed and cached. */
  jwksUrl?: string | URL;
  /** The signing keys themselves, instead of `jwksUrl`. */
  jwks?: JSONWebKeySet;
  /** The JWS algorithms accepted (default {@link DEFAULT_JWT_ALGORITHMS}); `none` and HS* are refused. */
  algorithms?: readonly string[];
  /** Seconds of clock skew allowed on `exp` and `nbf` (default 60). */
  clockToleranceSec?: number;
  /** The shortest time between two JWKS fetches, in ms, however many unknown `kid`s arrive (default 30 s). */
  jwksCooldownMs?: number;
  /** How long a JWKS fetch may take, in ms (default 5 s). */
  jwksTimeoutMs?: number;
  /** How long fetched keys are used before being fetched again, in ms (default 10 min). */
  jwksCacheMaxAgeMs?: number;
  /**
   * How long a verified token's caller is reused for the same token and audience, in ms, never past
   * its `exp` (default 60 s; 0 verifies every request). A JWT is not checked for revocation either
   * way, and the keys are cached for longer (`jwksCacheMaxAgeMs`), so this trusts nothing new; it
   * saves the signature check on every request of a session.
   */
  cacheTtlMs?: number;
  /** How many verified tokens are remembered at most, the oldest dropped first (default 10,000). */
  maxCacheEntries?: number;
}

/**
 * A {@link TokenVerifier} for JWT access tokens signed by an authorization server: the signature
 * checked against its JWKS (refetched, within a cooldown, when a token names an unknown `kid`), an
 * allow-list of algorithms, `iss`, `aud` equal to this server's resource URL, and `exp`/`nbf` with a
 * small skew.
 */
export function jwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const algorithms = [...(options.algorithms ?? DEFAULT_JWT_ALGORITHMS)];
  const unsafe = algorithms.find((alg) => alg.toLowerCase() === "none" || alg.toUpperCase().startsWith("HS"));
  if (unsafe) throw new TypeError(`mcpkit: jwtVerifier refuses the algorithm ${unsafe} (public keys only)`);
  if (algorithms.length === 0) throw new TypeError("mcpkit: jwtVerifier needs at least one algorithm");
  const keys = keySet(options);
  const clockTolerance = options.clockToleranceSec ?? 60;
  const ttl = options.cacheTtlMs ?? 60_000;
  const cache = ttl > 0 ? new VerifiedTokens(options.maxCacheEntries ?? 10_000) : undefined;
  return {
    async verify(token: string, request: TokenRequest): Promise<AuthInfo> {
      const audience = options.audience ?? request.resource;
      const key = cache && `${audience}\n${token}`;
      const known = key === undefined ? undefined : cache!.get(key);
      if (known) return known;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, { issuer: options.issuer, audience, algorithms, clockTolerance }));
      } catch (error) {
        throw refusal(error);
      }
      const auth = authInfo(token, payload);
      // Reused for at most ttl, and never once the token has expired (without the skew allowance).
      if (key !== undefined) cache!.set(key, auth, Math.min(Date.now() + ttl, (payload.exp ?? Infinity) * 1000));
      return auth;
    },
  };
}

/** Verified callers by audience and token, each until a time; bounded, the oldest dropped first. */
class VerifiedTokens {
  readonly #entries = new Map<string, { auth: AuthInfo; until: number }>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get(key: string): AuthInfo | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until > Date.now()) return entry.auth;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, auth: AuthInfo, until: number): void {
    if (until <= Date.now()) return;
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { auth, until });
  }
}

function keySet(options: JwtVerifierOptions): JWTVerifyGetKey {
  if (options.jwks && options.jwksUrl) throw new TypeError("mcpkit: jwtVerifier takes jwksUrl or jwks, not both");
  if (options.jwks) return createLocalJWKSet(options.jwks);
  if (!options.jwksUrl) throw new TypeError("mcpkit: jwtVerifier needs jwksUrl or jwks");
  return createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    timeoutDuration: options.jwksTimeoutMs ?? 5_000,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
  });
}

/** What jose's refusal means for the client; failures to reach the keys stay failures of the verifier. */
function refusal(error: unknown): unknown {
  if (error instanceof errors.JWTExpired) return new InvalidTokenError("the token has expired", { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    const why =
      error.claim === "nbf" ? "the token is not yet valid" : `the token's ${error.claim} claim is not acceptable`;
    return new InvalidTokenError(why, { cause: error });
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return new InvalidTokenError("the token's signing algorithm is not accepted", { cause: error });
  if (error instanceof errors.JWKSNoMatchingKey)
    return new InvalidTokenError("no signing key of the issuer matches the token", { cause: error });
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new InvalidTokenError("the token's signature is invalid", { cause: error });
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return new InvalidTokenError("the token is not a well-formed JWT", { cause: error });
  return error;
}

const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];

/** The caller a verified payload describes; scopes from `scope` (space-separated) or `scp` (a list). */
function authInfo(token: string, payload: JWTPayload): AuthInfo {
  const scopes = typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : strings(payload.scp);
  const clientId = typeof payload.client_id === "string" ? payload.client_id : payload.azp;
  return {
    token,
    tokenType: "Bearer",
    ...(payload.sub === undefined ? {} : { subject: payload.sub }),
    ...(typeof clientId === "string" ? { clientId } : {}),
    scopes,
    ...(payload.exp === undefined ? {} : { expiresAt: payload.exp }),
    audience: strings(payload.aud),
    claims: payload,
  };
}
