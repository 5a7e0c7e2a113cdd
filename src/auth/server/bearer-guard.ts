import type { AuthInfo } from "../../protocol/auth-info.js";
import { stderrLogger, type Logger } from "../../protocol/logger.js";
import { boundThumbprint, type DpopFailure, type DpopVerifier } from "./dpop.js";
import { InvalidTokenError, type TokenRequest, type TokenVerifier } from "./verifier.js";

/** What a {@link bearerGuard} needs to know. */
export interface BearerGuardOptions {
  /** This server's resource URL (RFC 8707), the audience a token must be for. */
  resource: string;
  /** The URL of this server's Protected Resource Metadata, named in every challenge. */
  resourceMetadataUrl: string;
  /** Scopes every request must have been granted (default none). */
  requiredScopes?: readonly string[];
  verifier: TokenVerifier;
  /** Accept DPoP-bound tokens with their proofs (RFC 9449), or require them. */
  dpop?: DpopVerifier;
  /** Where verifier failures are reported (never with the token). */
  logger?: Logger;
}

/** An HTTP answer refusing a request: status, headers (a `WWW-Authenticate` challenge) and a JSON body. */
export interface GuardRefusal {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the guard decided: the caller, or the refusal to send. */
export type GuardOutcome = { readonly auth: AuthInfo } | { readonly refusal: GuardRefusal };

/** The request as the guard sees it: what a {@link TokenRequest} has, less the resource the guard adds. */
export type GuardRequest = Omit<TokenRequest, "resource">;

/** A b64token (RFC 6750 section 2.1). */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

const quoted = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * The bearer-token check of a protected resource, one function over a request that every HTTP
 * transport calls before serving it. A token comes only from the `Authorization` header (a token in
 * the query string is refused, 400); a missing one is answered 401 with a challenge naming the
 * Protected Resource Metadata; one the verifier refuses, 401 `invalid_token`; one without the required
 * scopes, 403 `insufficient_scope`. With `dpop`, `Authorization: DPoP` tokens are accepted with a proof
 * of their key (RFC 9449), and a DPoP-bound token presented as a plain Bearer token is refused.
 */
export function bearerGuard(options: BearerGuardOptions): (request: GuardRequest) => Promise<GuardOutcome> {
  const required = options.requiredScopes ?? [];
  const scope = required.length > 0 ? required.join(" ") : undefined;
  const dpop = options.dpop;
  const challenge = (
    scheme: Scheme | "any",
    status: number,
    error: string | undefined,
    why: string,
    nonce?: string,
  ) => {
    const schemes: Scheme[] =
      scheme !== "any" ? [scheme] : dpop ? (dpop.required ? ["DPoP"] : ["Bearer", "DPoP"]) : ["Bearer"];
    const algs = dpop?.algorithms.join(" ");
    return { refusal: challengeRefusal(schemes, options.resourceMetadataUrl, status, error, why, scope, algs, nonce) };
  };
  const verify = tokenCheck(options, challenge);
  return async (request) => {
    if (request.url.includes("?") && new URL(request.url, "http://localhost").searchParams.has("access_token"))
      return challenge("any", 400, "invalid_request", "access tokens are accepted only in the Authorization header");
    const found = credentials(request.headers.authorization, dpop !== undefined);
    if (found === undefined) return challenge("any", 401, undefined, "this resource needs an access token");
    if (found === null || !B64TOKEN.test(found.token))
      return challenge("any", 401, "invalid_token", "the Authorization header does not hold a well-formed token");
    if (found.scheme === "Bearer" && dpop?.required)
      return challenge("DPoP", 401, "invalid_token", "this resource accepts only DPoP-bound tokens");
    let jkt: string | undefined;
    if (found.scheme === "DPoP") {
      const proof = await proofCheck(dpop!, request, found.token, options.logger ?? stderrLogger);
      if ("failure" in proof) {
        const { failure } = proof;
        return failure === "unavailable"
          ? unavailable("the DPoP proof check failed")
          : challenge("DPoP", 401, failure.error, failure.description, failure.nonce);
      }
      jkt = proof.jkt;
    }
    const outcome = await verify(found.token, request);
    if ("refusal" in outcome) return outcome;
    const bound = boundThumbprint(outcome.auth.claims);
    if (found.scheme === "Bearer" && bound !== undefined)
      return challenge(
        "DPoP",
        401,
        "invalid_token",
        "the token is DPoP-bound: present it with the DPoP scheme and a proof",
      );
    if (found.scheme === "DPoP" && bound !== jkt)
      return challenge(
        "DPoP",
        401,
        "invalid_token",
        bound ? "the token is bound to another key" : "the token is not DPoP-bound",
      );
    const missing = required.filter((s) => !outcome.auth.scopes.includes(s));
    if (missing.length > 0)
      return challenge(found.scheme, 403, "insufficient_scope", `the token lacks the scope ${missing.join(" ")}`);
    return found.scheme === "DPoP" ? { auth: { ...outcome.auth, tokenType: "DPoP" } } : outcome;
  };
}

type Scheme = "Bearer" | "DPoP";
type Challenge = (scheme: Scheme | "any", status: number, error: string | undefined, why: string) => GuardOutcome;

/** The verifier's verdict on a token: the caller, a 401 `invalid_token`, or a 503 when the check itself failed. */
function tokenCheck(options: BearerGuardOptions, challenge: Challenge) {
  const logger = options.logger ?? stderrLogger;
  return async (token: string, request: GuardRequest): Promise<GuardOutcome> => {
    try {
      return { auth: await options.verifier.verify(token, { ...request, resource: options.resource }) };
    } catch (error) {
      if (error instanceof InvalidTokenError) return challenge("any", 401, "invalid_token", error.message);
      logger.error("the token verifier failed", errorText(error));
      return unavailable("the token check failed");
    }
  };
}

/** A request's DPoP proof checked: its key's thumbprint, or why it is refused ("unavailable": the check could not be made). */
async function proofCheck(
  dpop: DpopVerifier,
  request: GuardRequest,
  token: string,
  logger: Logger,
): Promise<{ jkt: string } | { failure: DpopFailure | "unavailable" }> {
  try {
    const proof = await dpop.check({ method: request.method, url: request.url, proof: request.headers.dpop, token });
    return "error" in proof ? { failure: proof } : proof;
  } catch (error) {
    // The replay cache (shared by replicas) cannot be reached: as when the token check fails.
    logger.error("the DPoP replay check failed", errorText(error));
    return { failure: "unavailable" };
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The 503 answered when a check could not be made (its backend is unreachable). */
function unavailable(description: string): GuardOutcome {
  const body = JSON.stringify({ error: "temporarily_unavailable", error_description: description });
  return { refusal: { status: 503, headers: { "content-type": "application/json" }, body } };
}

/** A refusal challenging with each of `schemes` (RFC 9110 section 11.6.1: one header, comma-separated). */
function challengeRefusal(
  schemes: readonly Scheme[],
  resourceMetadataUrl: string,
  status: number,
  error: string | undefined,
  description: string,
  scope: string | undefined,
  algs: string | undefined,
  nonce: string | undefined,
): GuardRefusal {
  const bearer = bearerChallenge(resourceMetadataUrl, status, error, description, scope);
  const challenges = schemes.map((scheme) =>
    scheme === "Bearer"
      ? bearer.headers["www-authenticate"]!
      : bearer.headers["www-authenticate"]!.replace(/^Bearer /, `DPoP algs=${quoted(algs ?? "")}, `),
  );
  const headers: Record<string, string> = { ...bearer.headers, "www-authenticate": challenges.join(", ") };
  if (nonce !== undefined) headers["dpop-nonce"] = nonce;
  return { ...bearer, headers };
}

/**
 * A refusal with a `WWW-Authenticate: Bearer` challenge (RFC 6750 section 3): `error` and its
 * description when there is one, the `scope` needed, and where the Protected Resource Metadata is.
 */
export function bearerChallenge(
  resourceMetadataUrl: string,
  status: number,
  error: string | undefined,
  description: string,
  scope?: string,
): GuardRefusal {
  const params = [
    ...(error ? [`error=${quoted(error)}`, `error_description=${quoted(description)}`] : []),
    ...(scope ? [`scope=${quoted(scope)}`] : []),
    `resource_metadata=${quoted(resourceMetadataUrl)}`,
  ];
  const headers = { "content-type": "application/json", "www-authenticate": `Bearer ${params.join(", ")}` };
  const body = JSON.stringify({ error: error ?? "unauthorized", error_description: description });
  return { status, headers, body };
}

/**
 * The scheme and token of an `Authorization` header: undefined when there is none or it is of another
 * scheme (no credentials presented; `DPoP` counts only where DPoP is accepted), null when it is
 * malformed (several headers, a scheme without a token).
 */
function credentials(
  header: string | readonly string[] | undefined,
  dpop: boolean,
): { scheme: Scheme; token: string } | null | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== "string") return header.length === 0 ? undefined : null;
  // Split by hand: a regular expression with a lazy group backtracks over the whole token.
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const scheme = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  if (scheme !== "bearer" && !(dpop && scheme === "dpop")) return undefined;
  const token = space === -1 ? "" : trimmed.slice(space + 1).trimStart();
  return token ? { scheme: scheme === "dpop" ? "DPoP" : "Bearer", token } : null;
}
