import type { AuthInfo } from "../../protocol/auth-info.js";
import { stderrLogger, type Logger } from "../../protocol/logger.js";
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
 * transport calls before serving it. A token comes only from the `Authorization: Bearer` header (a
 * token in the query string is refused, 400); a missing one is answered 401 with a challenge naming
 * the Protected Resource Metadata; one the verifier refuses, 401 `invalid_token`; one without the
 * required scopes, 403 `insufficient_scope`.
 */
export function bearerGuard(options: BearerGuardOptions): (request: GuardRequest) => Promise<GuardOutcome> {
  const required = options.requiredScopes ?? [];
  const logger = options.logger ?? stderrLogger;
  const challenge = (status: number, error: string | undefined, description: string, scope?: string) => ({
    refusal: bearerChallenge(options.resourceMetadataUrl, status, error, description, scope),
  });
  const scope = required.length > 0 ? required.join(" ") : undefined;
  return async (request) => {
    if (new URL(request.url, "http://localhost").searchParams.has("access_token"))
      return challenge(400, "invalid_request", "access tokens are accepted only in the Authorization header");
    const found = bearerToken(request.headers.authorization);
    if (found === undefined) return challenge(401, undefined, "this resource needs a Bearer access token", scope);
    if (found === null || !B64TOKEN.test(found))
      return challenge(
        401,
        "invalid_token",
        "the Authorization header does not hold a well-formed Bearer token",
        scope,
      );
    let auth: AuthInfo;
    try {
      auth = await options.verifier.verify(found, { ...request, resource: options.resource });
    } catch (error) {
      if (error instanceof InvalidTokenError) return challenge(401, "invalid_token", error.message, scope);
      logger.error("the token verifier failed", error instanceof Error ? error.message : String(error));
      const body = JSON.stringify({ error: "temporarily_unavailable", error_description: "the token check failed" });
      return { refusal: { status: 503, headers: { "content-type": "application/json" }, body } };
    }
    const missing = required.filter((s) => !auth.scopes.includes(s));
    if (missing.length > 0)
      return challenge(403, "insufficient_scope", `the token lacks the scope ${missing.join(" ")}`, scope);
    return { auth };
  };
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
 * The token of an `Authorization` header: undefined when there is none or it is of another scheme
 * (no credentials presented), null when it is malformed (several headers, a Bearer without a token).
 */
function bearerToken(header: string | readonly string[] | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== "string") return header.length === 0 ? undefined : null;
  const match = /^\s*(\S+)(?:\s+(.*?))?\s*$/.exec(header);
  if (!match || match[1]!.toLowerCase() !== "bearer") return undefined;
  return match[2] || null;
}
