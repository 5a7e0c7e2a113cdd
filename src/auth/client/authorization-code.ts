import * as oauth from "oauth4webapi";
import type { AuthorizationServerMetadata } from "./authorization-server.js";
import { OAuthFlowError } from "./errors.js";
import { secureUrl } from "./metadata-fetch.js";
import type { OAuthClientProvider, OAuthTokens } from "./provider.js";
import { exchangeCode, oauthClient, type TokenRequestContext } from "./token-request.js";

/** What one authorization-code round needs besides the token-request context. */
export interface AuthorizationCodeRequest {
  /** The scope to ask for; undefined omits the parameter. */
  scope: string | undefined;
  /** True when the 2025-03-26 default endpoints stand in for metadata (no PKCE method list to check). */
  defaultEndpoints?: boolean;
}

/** The redirect URI the provider names, as a string, or an error at `authorization-request`. */
function redirectUriOf(provider: OAuthClientProvider): string {
  const given = provider.redirectUrl;
  if (given === undefined) {
    throw new OAuthFlowError(
      "authorization-request",
      "the provider has no redirect URL for the authorization-code flow",
    );
  }
  return String(given);
}

/** PKCE with S256 is required: a server that lists its methods must list S256 (the spec refuses otherwise). */
function checkPkce(as: AuthorizationServerMetadata, defaulted: boolean): void {
  if (defaulted) return;
  const methods = as.code_challenge_methods_supported;
  if (methods === undefined || !methods.includes("S256")) {
    const listed = methods === undefined ? "lists no code_challenge_methods_supported" : `lists ${methods.join(", ")}`;
    throw new OAuthFlowError("authorization-request", `${as.issuer} ${listed}; PKCE with S256 is required`);
  }
}

/** The authorization request URL (RFC 6749 4.1.1 with PKCE, RFC 8707 `resource`). */
export function authorizationUrl(
  as: AuthorizationServerMetadata,
  parameters: {
    clientId: string;
    redirectUri: string;
    state: string;
    challenge: string;
    scope?: string;
    resource?: string;
  },
): URL {
  const endpoint = secureUrl(as.authorization_endpoint, "authorization_endpoint", "authorization-request");
  const url = new URL(endpoint.href);
  const query = url.searchParams;
  query.set("response_type", "code");
  query.set("client_id", parameters.clientId);
  query.set("redirect_uri", parameters.redirectUri);
  query.set("state", parameters.state);
  query.set("code_challenge", parameters.challenge);
  query.set("code_challenge_method", "S256");
  if (parameters.scope !== undefined) query.set("scope", parameters.scope);
  if (parameters.resource !== undefined) query.set("resource", parameters.resource);
  return url;
}

/**
 * Checks the redirect back: an `error` ends the flow with the server's code; `state` must equal the
 * one sent; `iss` (RFC 9207) must equal the issuer by simple string comparison whenever present, and
 * must be present when the server advertises `authorization_response_iss_parameter_supported`.
 * Answers the parameters to exchange.
 */
export function checkRedirect(
  as: AuthorizationServerMetadata,
  clientId: string,
  callback: URL,
  state: string,
): URLSearchParams {
  const step = "authorization-response";
  const query = callback.searchParams;
  const error = query.get("error");
  if (error !== null) {
    const description = query.get("error_description");
    throw new OAuthFlowError(
      step,
      `the authorization server answered ${error}${description ? `: ${description}` : ""}`,
      {
        oauthError: error,
      },
    );
  }
  const got = query.get("state");
  if (got !== state)
    throw new OAuthFlowError(
      step,
      got === null ? "the redirect has no state" : "the redirect's state is not the one sent",
    );
  const iss = query.get("iss");
  if (iss !== null && iss !== as.issuer) {
    throw new OAuthFlowError(step, `the redirect's iss ${iss} is not the issuer ${as.issuer}`);
  }
  if (iss === null && as.authorization_response_iss_parameter_supported === true) {
    throw new OAuthFlowError(step, `the redirect has no iss, which ${as.issuer} advertises it sends`);
  }
  if (query.get("code") === null) throw new OAuthFlowError(step, "the redirect has no code");
  try {
    return oauth.validateAuthResponse(as, oauthClient({ client_id: clientId }), query, state);
  } catch (failure) {
    throw new OAuthFlowError(step, (failure as Error).message, { cause: failure });
  }
}

/**
 * One authorization-code round: PKCE S256 and a fresh `state`, the user sent to the authorization
 * endpoint through `provider.authorize`, the redirect checked, the code exchanged for tokens (saved
 * by the caller).
 */
export async function authorizeWithCode(
  provider: OAuthClientProvider,
  context: TokenRequestContext,
  request: AuthorizationCodeRequest,
): Promise<OAuthTokens> {
  const { as, client } = context;
  checkPkce(as, request.defaultEndpoints === true);
  const redirectUri = redirectUriOf(provider);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  await provider.saveCodeVerifier(verifier);
  const url = authorizationUrl(as, {
    clientId: client.client_id,
    redirectUri,
    state,
    challenge: await oauth.calculatePKCECodeChallenge(verifier),
    ...(request.scope === undefined ? {} : { scope: request.scope }),
    ...(context.resource === undefined ? {} : { resource: context.resource }),
  });
  let callback: URL;
  try {
    callback = new URL(await provider.authorize(url));
  } catch (error) {
    throw new OAuthFlowError(
      "authorization-request",
      `the user's authorization did not complete: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const parameters = checkRedirect(as, client.client_id, callback, state);
  const saved = (await provider.codeVerifier()) ?? verifier;
  return exchangeCode(context, parameters, redirectUri, saved, request.scope);
}
