import {
  base64url,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JWK,
} from "jose";
import { OAuthFlowError } from "./errors.js";
import type { OAuthTokens, PresentedRequest, TokenPresenter } from "./provider.js";
import { parseWwwAuthenticate } from "./www-authenticate.js";

/** The asymmetric algorithms a DPoP key may use (RFC 9449 section 4.2: no MAC, no `none`). */
export type DPoPAlgorithm = "ES256" | "ES384" | "ES512" | "RS256" | "PS256" | "EdDSA";

/** One client's DPoP key (RFC 9449): the pair signs every proof, its thumbprint binds the tokens. */
export interface DPoPKey {
  /** The JWS algorithm the proofs are signed with. */
  alg: DPoPAlgorithm;
  /** The key pair; the private half never leaves it except through {@link exportDPoPKey}. */
  keyPair: { privateKey: CryptoKey; publicKey: CryptoKey };
}

/** A DPoP key as plain JSON, for a provider that stores it (it holds the private key: keep it secret). */
export interface StoredDPoPKey {
  alg: DPoPAlgorithm;
  privateJwk: JWK;
  publicJwk: JWK;
}

const ALGORITHMS: readonly string[] = ["ES256", "ES384", "ES512", "RS256", "PS256", "EdDSA"];
/** The most origins whose last `DPoP-Nonce` is remembered; the oldest is forgotten first. */
const MAX_NONCES = 32;
/** The longest nonce kept; a longer header is ignored rather than echoed back. */
const MAX_NONCE_LENGTH = 512;

/**
 * Generates a fresh DPoP key (ES256 unless told otherwise). The private key is extractable so that a
 * provider can persist it with {@link exportDPoPKey}; one key per client, reused for every request.
 */
export async function generateDPoPKey(alg: DPoPAlgorithm = "ES256"): Promise<DPoPKey> {
  if (!ALGORITHMS.includes(alg)) throw new TypeError(`DPoP: ${String(alg)} is not an asymmetric JWS algorithm`);
  const keyPair = await generateKeyPair(alg, { extractable: true });
  return { alg, keyPair };
}

/** The key as JSON (private and public JWK), to store. */
export async function exportDPoPKey(key: DPoPKey): Promise<StoredDPoPKey> {
  const [privateJwk, publicJwk] = await Promise.all([
    exportJWK(key.keyPair.privateKey),
    exportJWK(key.keyPair.publicKey),
  ]);
  return { alg: key.alg, privateJwk, publicJwk };
}

/** A stored key back as a {@link DPoPKey}. */
export async function importDPoPKey(stored: StoredDPoPKey): Promise<DPoPKey> {
  if (!ALGORITHMS.includes(stored.alg))
    throw new TypeError(`DPoP: ${String(stored.alg)} is not an asymmetric JWS algorithm`);
  const [privateKey, publicKey] = await Promise.all([
    importJWK(stored.privateJwk, stored.alg, { extractable: true }),
    importJWK(stored.publicJwk, stored.alg, { extractable: true }),
  ]);
  return { alg: stored.alg, keyPair: { privateKey: privateKey as CryptoKey, publicKey: publicKey as CryptoKey } };
}

/** `htu` (RFC 9449 section 4.2): the request URL without its query and fragment. */
export function dpopTargetUri(url: string | URL): string {
  const target = new URL(url);
  target.search = "";
  target.hash = "";
  return target.href;
}

/** `ath`: base64url(SHA-256(access token)), binding a proof to the token it accompanies. */
export async function accessTokenHash(accessToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(accessToken));
  return base64url.encode(new Uint8Array(digest));
}

/** The nonce a server asks for in `DPoP-Nonce`, when it sent a usable one (RFC 9449 section 8). */
function nonceHeader(headers: { get(name: string): string | null }): string | undefined {
  const nonce = headers.get("dpop-nonce");
  if (nonce === null || nonce.length === 0 || nonce.length > MAX_NONCE_LENGTH) return undefined;
  // NQCHAR (%x21 / %x23-5B / %x5D-7E): anything else cannot be put back in a proof safely.
  return /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(nonce) ? nonce : undefined;
}

/** The JWS algorithm a Web Crypto signing key is for (the one a DPoP proof with it declares). */
export function algorithmOf(key: CryptoKey): DPoPAlgorithm {
  const algorithm = key.algorithm as { name: string; namedCurve?: string };
  const curves: Record<string, DPoPAlgorithm> = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };
  if (algorithm.name === "ECDSA" && algorithm.namedCurve && curves[algorithm.namedCurve]) {
    return curves[algorithm.namedCurve]!;
  }
  if (algorithm.name === "RSASSA-PKCS1-v1_5") return "RS256";
  if (algorithm.name === "RSA-PSS") return "PS256";
  if (algorithm.name === "Ed25519" || algorithm.name === "EdDSA") return "EdDSA";
  throw new TypeError(`DPoP: a ${algorithm.name} key cannot sign proofs`);
}

/**
 * Signs DPoP proofs with one client's key and remembers the nonce each server last asked for. Every
 * proof is fresh: a new random `jti`, the current `iat`, the request's `htm` and `htu`, `ath` when
 * an access token goes with it, and the origin's nonce when it has one.
 */
export class DPoPProver {
  readonly #key: DPoPKey;
  readonly #nonces = new Map<string, string>();
  #publicJwk: Promise<JWK> | undefined;

  /** `key`: a {@link DPoPKey}, or a bare key pair whose algorithm is read off the private key. */
  constructor(key: DPoPKey | { privateKey: CryptoKey; publicKey: CryptoKey }) {
    this.#key = "alg" in key ? key : { alg: algorithmOf(key.privateKey), keyPair: key };
  }

  /** The public key as a JWK, without any private member (it goes in every proof's header). */
  publicJwk(): Promise<JWK> {
    // Only the public members: a JWK exported from an extractable pair must never carry `d` into a proof.
    this.#publicJwk ??= exportJWK(this.#key.keyPair.publicKey).then(
      ({ kty, crv, x, y, n, e }) => JSON.parse(JSON.stringify({ kty, crv, x, y, n, e })) as JWK,
    );
    return this.#publicJwk;
  }

  /** The JWK SHA-256 thumbprint (RFC 7638) a bound token's `cnf.jkt` carries, and `dpop_jkt` sends. */
  async thumbprint(): Promise<string> {
    return calculateJwkThumbprint(await this.publicJwk(), "sha256");
  }

  /** A proof for one request: `method` and `url` as sent, with `accessToken` when one goes with it. */
  async proof(method: string, url: string | URL, accessToken?: string): Promise<string> {
    const target = new URL(url);
    const claims: Record<string, string | number> = {
      jti: crypto.randomUUID(),
      htm: method.toUpperCase(),
      htu: dpopTargetUri(target),
      iat: Math.floor(Date.now() / 1000),
    };
    const nonce = this.#nonces.get(target.origin);
    if (nonce !== undefined) claims.nonce = nonce;
    if (accessToken !== undefined) claims.ath = await accessTokenHash(accessToken);
    return new SignJWT(claims)
      .setProtectedHeader({ typ: "dpop+jwt", alg: this.#key.alg, jwk: await this.publicJwk() })
      .sign(this.#key.keyPair.privateKey);
  }

  /**
   * Remembers the `DPoP-Nonce` a response from `url` carries (servers may send a new one on any
   * response). Returns true when it is new, i.e. a retry with it can succeed where the last proof failed.
   */
  rememberNonce(url: string | URL, headers: { get(name: string): string | null }): boolean {
    const nonce = nonceHeader(headers);
    if (nonce === undefined) return false;
    const origin = new URL(url).origin;
    const previous = this.#nonces.get(origin);
    this.#nonces.delete(origin);
    this.#nonces.set(origin, nonce);
    if (this.#nonces.size > MAX_NONCES) this.#nonces.delete(this.#nonces.keys().next().value!);
    return previous !== nonce;
  }

  /** The nonce last remembered for `url`'s origin. */
  nonceFor(url: string | URL): string | undefined {
    return this.#nonces.get(new URL(url).origin);
  }
}

/** Whether a 401's `WWW-Authenticate` is a `DPoP` challenge with `error="use_dpop_nonce"` (RFC 9449 section 9). */
export function isResourceNonceChallenge(headers: { get(name: string): string | null }): boolean {
  try {
    const challenges = parseWwwAuthenticate(headers.get("www-authenticate"));
    return challenges.some((c) => c.scheme === "DPoP" && c.error === "use_dpop_nonce");
  } catch {
    return false;
  }
}

/**
 * Whether a response asks for a proof with a (new) nonce: an authorization server's 400
 * `{"error":"use_dpop_nonce"}` (RFC 9449 section 8) or a resource server's 401 with a `DPoP`
 * challenge whose `error` is `use_dpop_nonce` (section 9). Reads the body of a 400 from a clone.
 */
export async function isUseDPoPNonce(response: Response): Promise<boolean> {
  if (response.status === 401) return isResourceNonceChallenge(response.headers);

  if (response.status !== 400 || !/json/i.test(response.headers.get("content-type") ?? "")) return false;
  try {
    const body = (await response.clone().json()) as { error?: unknown } | null;
    return body?.error === "use_dpop_nonce";
  } catch {
    return false;
  }
}

/** What {@link dpopFetch} is told besides the prover. */
export interface DPoPFetchOptions {
  /** The fetch underneath; the platform's by default. */
  fetch?: typeof globalThis.fetch;
  /** Which requests get a proof (all by default), e.g. only those to the token endpoint. */
  applies?: (url: URL, method: string) => boolean;
}

function headersOf(input: string | URL | Request, init: RequestInit | undefined): Headers {
  const headers = new Headers(input instanceof Request ? input.headers : undefined);
  new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
  return headers;
}

/** The access token of an `Authorization: DPoP <token>` header, which the proof's `ath` must hash. */
function dpopAccessToken(headers: Headers): string | undefined {
  const match = /^DPoP +(\S+)$/i.exec(headers.get("authorization") ?? "");
  return match?.[1];
}

/** Whether a request body can be sent a second time (a stream cannot). */
function replayable(body: RequestInit["body"]): boolean {
  return body === undefined || body === null || !(body instanceof ReadableStream);
}

/**
 * A fetch that sends every request with a fresh DPoP proof from `prover` (with `ath` when the
 * request carries `Authorization: DPoP <token>`), remembers each `DPoP-Nonce` it is given, and
 * retries once, with a new proof carrying the nonce, when the server answers `use_dpop_nonce` with a
 * nonce it had not sent before. Serves token requests (as oauth4webapi's custom fetch) and resource
 * requests alike; a request given as a `Request` object is not retried (its body is consumed).
 */
export function dpopFetch(prover: DPoPProver, options: DPoPFetchOptions = {}): typeof globalThis.fetch {
  const send = options.fetch ?? globalThis.fetch;
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (options.applies && !options.applies(new URL(url), method)) return send(input, init);
    const attempt = async (): Promise<Response> => {
      const headers = headersOf(input, init);
      headers.set("dpop", await prover.proof(method, url, dpopAccessToken(headers)));
      return send(input, { ...init, headers });
    };
    const response = await attempt();
    const fresh = prover.rememberNonce(url, response.headers);
    if (!fresh || input instanceof Request || !replayable(init?.body) || !(await isUseDPoPNonce(response))) {
      return response;
    }
    await response.body?.cancel();
    return attempt();
  };
}

/** A key pair, or a function producing one (undefined: no key, bearer tokens only). */
type KeySource =
  | { privateKey: CryptoKey; publicKey: CryptoKey }
  | (() =>
      | { privateKey: CryptoKey; publicKey: CryptoKey }
      | undefined
      | Promise<{ privateKey: CryptoKey; publicKey: CryptoKey } | undefined>);

/**
 * The {@link TokenPresenter} for DPoP (RFC 9449 section 7): a DPoP-bound token goes as
 * `Authorization: DPoP <token>` with a fresh proof of the client's key (`htm`, `htu`, `ath`, and the
 * server's nonce once it gave one); a bearer token as `Authorization: Bearer`. A 401 `DPoP
 * error="use_dpop_nonce"` carrying a new nonce is answered by sending the request once more with a
 * proof that carries it, without running the flow. The key is read once, when first needed.
 */
export function dpopPresenter(key: KeySource): TokenPresenter {
  let prover: DPoPProver | undefined;
  let loading: Promise<DPoPProver | undefined> | undefined;
  const load = () =>
    (loading ??= Promise.resolve(typeof key === "function" ? key() : key).then((pair) => {
      prover = pair === undefined ? undefined : new DPoPProver(pair);
      return prover;
    }));
  return {
    async headers(tokens: OAuthTokens, request: PresentedRequest): Promise<Record<string, string>> {
      const type = tokens.token_type.toLowerCase();
      if (type === "bearer") return { authorization: `Bearer ${tokens.access_token}` };
      const loaded = await load();
      if (type !== "dpop" || loaded === undefined) {
        const why = `a ${tokens.token_type} token cannot be presented${loaded ? "" : " without the DPoP key it is bound to"}`;
        throw new OAuthFlowError("authorized-request", why);
      }
      const proof = await loaded.proof(request.method, request.url, tokens.access_token);
      return { authorization: `DPoP ${tokens.access_token}`, dpop: proof };
    },
    retryWithoutFlow(response, request) {
      if (prover === undefined || !isResourceNonceChallenge(response.headers)) return false;
      return prover.rememberNonce(request.url, response.headers);
    },
  };
}
