import { createHash } from "node:crypto";
import type { AuthInfo } from "../../protocol/auth-info.js";
import { InvalidTokenError, type TokenRequest, type TokenVerifier } from "./verifier.js";
import { isSecureOrLoopback } from "../../protocol/loopback.js";
import { readCappedText } from "../../protocol/capped-read.js";

/** Options of {@link introspectionVerifier}. */
export interface IntrospectionVerifierOptions {
  /** The authorization server's introspection endpoint (RFC 7662): https, or http on a loopback host. */
  endpoint: string | URL;
  /** This resource server's client id at the authorization server, for `client_secret_basic`. */
  clientId?: string;
  /** Its client secret, for `client_secret_basic`. */
  clientSecret?: string;
  /**
   * Authenticates the introspection request some other way (`client_secret_post`, `private_key_jwt`,
   * mTLS headers): adds to the request's headers and form body. Replaces `clientId`/`clientSecret`.
   */
  authenticate?: (headers: Headers, body: URLSearchParams) => void | Promise<void>;
  /**
   * The `aud` a token must contain: this server's resource URL (RFC 8707). Default: the resource the
   * guard is serving, so a token minted for another server is never accepted.
   */
  audience?: string;
  /** How long an introspection call may take, in ms (default 5 s). */
  timeoutMs?: number;
  /** How long an active token's answer is reused, in ms (default 60 s; never past its `exp`; 0 turns caching off). */
  cacheTtlMs?: number;
  /** How many answers are kept at most, the oldest dropped first (default 10,000). */
  maxCacheEntries?: number;
  /** The fetch to call the endpoint with (default the global one). */
  fetch?: typeof globalThis.fetch;
}

/**
 * The introspection endpoint could not say whether a token is active: unreachable, too slow, or an
 * answer that is not a 200 with a JSON object. Not a verdict on the token, so the guard answers 503.
 */
export class IntrospectionError extends Error {
  override readonly name = "IntrospectionError";

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** How long an inactive token's answer is reused, in ms, at most. */
const INACTIVE_TTL_MS = 5_000;
/** The largest introspection answer read, in bytes. */
const MAX_BODY_BYTES = 64 * 1024;

type Introspection = Readonly<Record<string, unknown>>;
interface CacheEntry {
  readonly response: Introspection;
  readonly until: number;
}

/**
 * A {@link TokenVerifier} for opaque access tokens: asks the authorization server's introspection
 * endpoint (RFC 7662) whether a token is active, authenticating as a client, and accepts an active
 * one only when its `aud` contains this server's resource URL and its `exp` has not passed. Answers
 * are cached briefly under the token's SHA-256 (never the token itself), active ones for `cacheTtlMs`
 * but never past their `exp`, inactive ones for 5 s.
 */
export function introspectionVerifier(options: IntrospectionVerifierOptions): TokenVerifier {
  const endpoint = secureEndpoint(options.endpoint);
  const authenticate = clientAuthentication(options);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const cache = new IntrospectionCache(options.cacheTtlMs ?? 60_000, options.maxCacheEntries ?? 10_000);
  const doFetch = options.fetch ?? globalThis.fetch;
  const pending = new Map<string, Promise<Introspection>>();

  const introspect = async (token: string): Promise<Introspection> => {
    const headers = new Headers({ "content-type": "application/x-www-form-urlencoded", accept: "application/json" });
    const body = new URLSearchParams({ token, token_type_hint: "access_token" });
    await authenticate(headers, body);
    let response: Response;
    try {
      response = await doFetch(endpoint, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      const why = timedOut ? `did not answer within ${timeoutMs} ms` : "could not be reached";
      throw new IntrospectionError(`the introspection endpoint ${why}`, { cause: error });
    }
    return parseAnswer(response);
  };

  return {
    async verify(token: string, request: TokenRequest): Promise<AuthInfo> {
      const key = createHash("sha256").update(token).digest("base64url");
      let response = cache.get(key);
      if (response === undefined) {
        let call = pending.get(key);
        if (call === undefined) {
          call = introspect(token).finally(() => pending.delete(key));
          pending.set(key, call);
        }
        response = await call;
        cache.set(key, response);
      }
      return accept(token, response, options.audience ?? request.resource);
    },
  };
}

function secureEndpoint(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError("mcpkit: introspectionVerifier needs an absolute endpoint URL");
  }
  if (isSecureOrLoopback(url)) return url;
  throw new TypeError(
    `mcpkit: introspectionVerifier refuses the endpoint ${url.href} (https, or http on loopback only)`,
  );
}

function clientAuthentication(
  options: IntrospectionVerifierOptions,
): (headers: Headers, body: URLSearchParams) => void | Promise<void> {
  const { clientId, clientSecret, authenticate } = options;
  if (authenticate) {
    if (clientSecret !== undefined)
      throw new TypeError("mcpkit: introspectionVerifier takes clientSecret or authenticate, not both");
    return authenticate;
  }
  if (clientId === undefined || clientSecret === undefined)
    throw new TypeError("mcpkit: introspectionVerifier needs clientId and clientSecret, or authenticate");
  // RFC 6749 section 2.3.1: each part form-encoded before they are joined and base64-encoded.
  const form = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  const basic = `Basic ${Buffer.from(`${form(clientId)}:${form(clientSecret)}`).toString("base64")}`;
  return (headers) => headers.set("authorization", basic);
}

/** The endpoint's answer as a JSON object with a boolean `active`, else an {@link IntrospectionError}. */
async function parseAnswer(response: Response): Promise<Introspection> {
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {});
    throw new IntrospectionError(`the introspection endpoint answered ${response.status}`);
  }
  const text = await readCapped(response);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new IntrospectionError("the introspection endpoint did not answer JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new IntrospectionError("the introspection endpoint did not answer a JSON object");
  if (typeof (value as Introspection).active !== "boolean")
    throw new IntrospectionError("the introspection endpoint's answer has no boolean active");
  return value as Introspection;
}

async function readCapped(response: Response): Promise<string> {
  const tooLarge = () => new IntrospectionError(`the introspection answer is larger than ${MAX_BODY_BYTES} bytes`);
  if (Number(response.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  try {
    return await readCappedText(response.body, MAX_BODY_BYTES, tooLarge);
  } catch (error) {
    if (error instanceof IntrospectionError) throw error;
    throw new IntrospectionError("the introspection answer could not be read", { cause: error });
  }
}

const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];

/** The caller an introspection answer describes, once it is active, current and for this audience. */
function accept(token: string, response: Introspection, audience: string): AuthInfo {
  if (response.active !== true) throw new InvalidTokenError("the token is not active");
  const now = Date.now() / 1000;
  const exp = typeof response.exp === "number" ? response.exp : undefined;
  if (exp !== undefined && exp <= now) throw new InvalidTokenError("the token has expired");
  if (typeof response.nbf === "number" && response.nbf > now) throw new InvalidTokenError("the token is not yet valid");
  const aud = strings(response.aud);
  if (!aud.includes(audience)) throw new InvalidTokenError("the token's aud claim is not acceptable");
  return {
    token,
    tokenType: "Bearer",
    ...(typeof response.sub === "string" ? { subject: response.sub } : {}),
    ...(typeof response.client_id === "string" ? { clientId: response.client_id } : {}),
    scopes: typeof response.scope === "string" ? response.scope.split(" ").filter(Boolean) : [],
    ...(exp === undefined ? {} : { expiresAt: exp }),
    audience: aud,
    claims: response,
  };
}

/** Introspection answers by token hash, in insertion order so the oldest is dropped first. */
class IntrospectionCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(ttlMs: number, max: number) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  get(key: string): Introspection | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until > Date.now()) return entry.response;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, response: Introspection): void {
    if (this.#ttlMs <= 0 || this.#max <= 0) return;
    const now = Date.now();
    let until = now + (response.active === true ? this.#ttlMs : Math.min(this.#ttlMs, INACTIVE_TTL_MS));
    if (typeof response.exp === "number") until = Math.min(until, response.exp * 1000);
    if (until <= now) return;
    this.#entries.delete(key);
    this.#entries.set(key, { response, until });
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }
}
