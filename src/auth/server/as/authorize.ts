import { scopeList, type ServerContext } from "./context.js";
import { errorResponse, nowSeconds, randomToken, readForm, sha256, single } from "./http.js";
import { redirectUriMatches } from "./redirect-uri.js";
import { OAuthError, type AuthorizationOutcome, type AuthorizationRequest, type OAuthClient } from "./types.js";

/** A PKCE S256 code challenge: BASE64URL(SHA-256(verifier)), 43 characters (RFC 7636 section 4.2). */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The authorization endpoint (GET or POST): checks the client and redirect URI first (a failure
 * there is answered 400 here, never redirected), then the rest of the request (a failure there is
 * redirected to the client with `error`, `state` and `iss`), then asks the provider's user step.
 */
export function authorizeEndpoint(context: ServerContext): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== "GET" && request.method !== "POST")
      return new Response("Method not allowed", { status: 405, headers: { allow: "GET, POST" } });
    let params: URLSearchParams;
    let client: OAuthClient;
    let redirectUri: string;
    try {
      params = request.method === "GET" ? new URL(request.url).searchParams : await readForm(request);
      ({ client, redirectUri } = await clientAndRedirect(params, context));
    } catch (error) {
      if (error instanceof OAuthError) return errorResponse(error);
      throw error;
    }
    const state = params.get("state") ?? undefined;
    try {
      const authorization = checkRequest(params, client, redirectUri, context);
      const outcome = await context.provider.authorize(authorization, request);
      if (outcome instanceof Response) return outcome;
      return await finish(context, authorization, outcome);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return redirect(redirectUri, { error: error.error, error_description: error.description, state }, context);
    }
  };
}

/** Ends an authorization request: approved, a code; refused, the error; either redirected to the client. */
export async function finish(
  context: ServerContext,
  request: AuthorizationRequest,
  outcome: Exclude<AuthorizationOutcome, Response>,
): Promise<Response> {
  if ("subject" in outcome) return approve(context, request, outcome.subject, outcome.scopes);
  const refusal = { error: outcome.error, error_description: outcome.description ?? "the request was refused" };
  return redirect(request.redirectUri, { ...refusal, state: request.state }, context);
}

/**
 * Finishes an approved authorization request: stores a fresh code for it and redirects the user
 * agent to the client with `code`, `state` and `iss` (RFC 9207).
 */
export async function approve(
  context: ServerContext,
  request: AuthorizationRequest,
  subject: string,
  scopes: readonly string[] = request.scopes,
): Promise<Response> {
  const code = randomToken();
  await context.provider.saveCode(sha256(code), {
    grantId: randomToken(16),
    clientId: request.client.client_id,
    subject,
    redirectUri: request.redirectUri,
    redirectUriSent: request.redirectUriSent,
    codeChallenge: request.codeChallenge,
    scopes: [...scopes],
    resource: request.resource,
    expiresAt: nowSeconds() + context.codeTtl,
  });
  return redirect(request.redirectUri, { code, state: request.state }, context);
}

async function clientAndRedirect(
  params: URLSearchParams,
  context: ServerContext,
): Promise<{ client: OAuthClient; redirectUri: string }> {
  const clientId = single(params, "client_id");
  if (clientId === undefined) throw new OAuthError("invalid_request", "the parameter client_id is missing");
  const client = await context.getClient(clientId);
  if (!client) throw new OAuthError("invalid_client", "the client is unknown");
  const sent = single(params, "redirect_uri");
  if (sent === undefined) {
    if (client.redirect_uris.length === 1) return { client, redirectUri: client.redirect_uris[0]! };
    throw new OAuthError("invalid_request", "the parameter redirect_uri is missing");
  }
  if (!client.redirect_uris.some((registered) => redirectUriMatches(registered, sent)))
    throw new OAuthError("invalid_request", "the redirect_uri is not registered for this client");
  return { client, redirectUri: sent };
}

function checkRequest(
  params: URLSearchParams,
  client: OAuthClient,
  redirectUri: string,
  context: ServerContext,
): AuthorizationRequest {
  for (const name of ["response_type", "state", "code_challenge", "code_challenge_method", "scope"])
    single(params, name);
  if (single(params, "response_type") !== "code")
    throw new OAuthError("unsupported_response_type", "only response_type=code is supported");
  if (!client.grant_types.includes("authorization_code"))
    throw new OAuthError("unauthorized_client", "the client may not use the authorization code grant");
  const codeChallenge = single(params, "code_challenge");
  if (codeChallenge === undefined)
    throw new OAuthError("invalid_request", "PKCE is required: code_challenge is missing");
  if (single(params, "code_challenge_method") !== "S256")
    throw new OAuthError("invalid_request", "code_challenge_method must be S256");
  if (!S256_CHALLENGE.test(codeChallenge)) throw new OAuthError("invalid_request", "the code_challenge is malformed");
  const scopes = allowedScopes(scopeList(single(params, "scope")), client, context);
  const resource = resourceOf(params.getAll("resource"), context);
  const state = single(params, "state");
  return {
    client,
    redirectUri,
    redirectUriSent: params.get("redirect_uri") !== null,
    codeChallenge,
    scopes,
    resource,
    ...(state === undefined ? {} : { state }),
  };
}

/** The requested scopes when all are ones the server supports and the client may ask for, else `invalid_scope`. */
export function allowedScopes(scopes: string[], client: OAuthClient, context: ServerContext): string[] {
  const clientScopes = client.scope === undefined ? undefined : scopeList(client.scope);
  const refused = scopes.filter(
    (s) =>
      (context.scopesSupported && !context.scopesSupported.includes(s)) || (clientScopes && !clientScopes.includes(s)),
  );
  if (refused.length > 0) throw new OAuthError("invalid_scope", `the scope ${refused.join(" ")} may not be requested`);
  return scopes;
}

/** The one resource (RFC 8707) a request names, one the server issues tokens for; the default when none. */
export function resourceOf(values: string[], context: ServerContext): string {
  if (values.length > 1) throw new OAuthError("invalid_target", "only one resource may be requested");
  if (values.length === 0 || values[0] === "") return context.resources[0]!;
  if (!context.resources.includes(values[0]!))
    throw new OAuthError("invalid_target", "the resource is not one this server issues tokens for");
  return values[0]!;
}

function redirect(target: string, params: Record<string, string | undefined>, context: ServerContext): Response {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  url.searchParams.set("iss", context.issuer);
  return new Response(null, { status: 302, headers: { location: url.href, "cache-control": "no-store" } });
}
