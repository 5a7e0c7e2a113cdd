import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, errors, jwtVerify, type JWK } from "jose";
import { InMemoryReplayCache, type ReplayCache } from "./replay-cache.js";

/** Options of {@link DpopVerifier}: how DPoP proofs (RFC 9449) are checked. */
export interface DpopOptions {
  /** Refuse plain Bearer tokens: every request must present a DPoP-bound token with a proof (default false). */
  required?: boolean;
  /** The proof signing algorithms accepted (default ES256, ES384, PS256, RS256, EdDSA); never `none` or an HMAC. */
  algorithms?: readonly string[];
  /** How old a proof's `iat` may be, in seconds (default 60). */
  maxAgeSec?: number;
  /** How far in the future a proof's `iat` may be, in seconds, for clock skew (default 5). */
  clockToleranceSec?: number;
  /** How many proofs' `jti` are remembered to refuse replays (default 100,000; beyond it the oldest go first). */
  maxReplayEntries?: number;
  /** Where used `jti`s are remembered instead of this process's memory: one cache shared by every replica (`maxReplayEntries` is then the cache's own bound). */
  replayCache?: ReplayCache;
  /**
   * Require a server-issued nonce in every proof (RFC 9449 section 9): a proof without the current one is
   * answered 401 `use_dpop_nonce` with a fresh `DPoP-Nonce` header (default false).
   */
  nonces?: boolean;
  /** How long one nonce is accepted, in seconds (default 300; the previous one stays good as long again). */
  nonceLifetimeSec?: number;
  /**
   * The HMAC key nonces are made with; replicas that share it accept each other's nonces (default: the
   * store's shared secret under `runHttp({ store })`, else 32 random bytes per process).
   */
  nonceSecret?: string | Uint8Array;
}

/** The asymmetric algorithms accepted for proofs by default. */
export const DEFAULT_DPOP_ALGORITHMS: readonly string[] = ["ES256", "ES384", "PS256", "RS256", "EdDSA"];

/** Why a proof was refused: the error code of the `DPoP` challenge, and a fresh nonce when one is wanted. */
export interface DpopFailure {
  readonly error: "invalid_dpop_proof" | "use_dpop_nonce";
  readonly description: string;
  readonly nonce?: string;
}

/** What a request presents for a DPoP check: its method, full URL, `DPoP` header(s) and the access token. */
export interface DpopRequest {
  readonly method: string;
  readonly url: string;
  readonly proof: string | readonly string[] | undefined;
  readonly token: string;
}

const fail = (description: string): DpopFailure => ({ error: "invalid_dpop_proof", description });

/**
 * Checks DPoP proofs (RFC 9449 section 4.3) for a resource server: one `DPoP` header holding a JWT of
 * type `dpop+jwt`, signed with an allowed asymmetric algorithm by the public key in its header; `htm`
 * and `htu` naming this request; `iat` recent; `ath` the hash of the access token; a `jti` never seen
 * before (kept in a bounded cache for as long as the proof would be accepted); and, with `nonces`, a
 * nonce this server issued. On success, the key's thumbprint, which the token's `cnf.jkt` must equal.
 */
export class DpopVerifier {
  readonly required: boolean;
  readonly algorithms: readonly string[];
  readonly #maxAge: number;
  readonly #skew: number;
  /** Where each proof's jti (under its key's thumbprint) is remembered. */
  readonly #replays: ReplayCache;
  readonly #nonces: boolean;
  readonly #nonceLifetime: number;
  // Drawn at the first nonce, not at construction: Workers forbid random bytes at global scope.
  #secret: Uint8Array | undefined;

  constructor(options: DpopOptions = {}) {
    this.required = options.required ?? false;
    this.algorithms = [...(options.algorithms ?? DEFAULT_DPOP_ALGORITHMS)];
    const unsafe = this.algorithms.find((alg) => alg.toLowerCase() === "none" || alg.toUpperCase().startsWith("HS"));
    if (unsafe || this.algorithms.length === 0)
      throw new TypeError(`mcpkit: DPoP proofs need asymmetric algorithms (refused: ${unsafe ?? "an empty list"})`);
    this.#maxAge = options.maxAgeSec ?? 60;
    this.#skew = options.clockToleranceSec ?? 5;
    this.#replays = options.replayCache ?? new InMemoryReplayCache(options.maxReplayEntries ?? 100_000);
    this.#nonces = options.nonces ?? false;
    this.#nonceLifetime = options.nonceLifetimeSec ?? 300;
    const secret = options.nonceSecret;
    this.#secret = typeof secret === "string" ? Buffer.from(secret) : secret;
    if (this.#secret?.length === 0) throw new TypeError("mcpkit: the DPoP nonceSecret is empty");
  }

  /** The nonce clients must put in their proofs now (when nonces are on). */
  nonce(now = Date.now() / 1000): string {
    return this.#nonceFor(Math.floor(now / this.#nonceLifetime));
  }

  /** Checks a request's proof; resolves with the proof key's thumbprint, or the failure to answer. */
  async check(request: DpopRequest): Promise<{ jkt: string } | DpopFailure> {
    const proof = request.proof;
    if (proof === undefined) return fail("a DPoP-bound token needs a DPoP proof header");
    if (typeof proof !== "string") return fail("a request carries exactly one DPoP proof");
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(proof);
    } catch {
      return fail("the DPoP proof is not a well-formed JWT");
    }
    const jwk = header.jwk as JWK | undefined;
    if (!jwk || typeof jwk !== "object") return fail("the DPoP proof's header carries no jwk");
    if ("d" in jwk || "k" in jwk) return fail("the DPoP proof's jwk is not a public key");
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(proof, EmbeddedJWK, { typ: "dpop+jwt", algorithms: [...this.algorithms] }));
    } catch (error) {
      return fail(proofRefusal(error));
    }
    const claimsFault = this.#claimsFault(payload, request);
    if (claimsFault) return claimsFault;
    const jkt = await calculateJwkThumbprint(jwk, "sha256");
    const fresh = this.#replays.remember(
      `${jkt} ${payload.jti as string}`,
      (payload.iat as number) + this.#maxAge + this.#skew,
    );
    if (!(typeof fresh === "boolean" ? fresh : await fresh))
      return fail("the DPoP proof was used before (jti replayed)");
    return { jkt };
  }

  #claimsFault(payload: Record<string, unknown>, request: DpopRequest): DpopFailure | undefined {
    const { jti, htm, htu, iat, ath, nonce } = payload;
    if (typeof jti !== "string" || jti.length === 0 || jti.length > 256)
      return fail("the DPoP proof has no usable jti");
    if (htm !== request.method) return fail("the DPoP proof is for another HTTP method (htm)");
    if (typeof htu !== "string" || targetOf(htu) === undefined || targetOf(htu) !== targetOf(request.url))
      return fail("the DPoP proof is for another URL (htu)");
    const now = Date.now() / 1000;
    if (typeof iat !== "number" || iat > now + this.#skew || iat < now - this.#maxAge)
      return fail("the DPoP proof's iat is too old or in the future");
    const hash = createHash("sha256").update(request.token).digest("base64url");
    if (typeof ath !== "string" || !equal(ath, hash))
      return fail("the DPoP proof's ath is not the access token's hash");
    if (this.#nonces && (typeof nonce !== "string" || !this.#nonceGood(nonce, now)))
      return {
        error: "use_dpop_nonce",
        description: "the DPoP proof must carry the server's nonce",
        nonce: this.nonce(),
      };
    return undefined;
  }

  #nonceFor(window: number): string {
    return createHmac("sha256", (this.#secret ??= randomBytes(32)))
      .update(String(window))
      .digest("base64url");
  }

  #nonceGood(nonce: string, now: number): boolean {
    const window = Math.floor(now / this.#nonceLifetime);
    return equal(nonce, this.#nonceFor(window)) || equal(nonce, this.#nonceFor(window - 1));
  }
}

/** A URL as `htu` compares it (RFC 9449 section 4.3): without query and fragment, normalised by the URL parser. */
function targetOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return undefined;
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function proofRefusal(error: unknown): string {
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return "the DPoP proof's algorithm is not accepted";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the DPoP proof's signature is invalid";
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "typ")
    return "the DPoP proof's typ is not dpop+jwt";
  return "the DPoP proof is not acceptable";
}

/** The thumbprint a token is bound to (`cnf.jkt`, RFC 9449 section 6), if it is bound. */
export function boundThumbprint(claims: Readonly<Record<string, unknown>>): string | undefined {
  const cnf = claims.cnf;
  if (typeof cnf !== "object" || cnf === null) return undefined;
  const jkt = (cnf as Record<string, unknown>).jkt;
  return typeof jkt === "string" ? jkt : undefined;
}
