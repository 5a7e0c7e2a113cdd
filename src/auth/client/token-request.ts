import { Buffer } from "node:buffer";
import * as oauth from "oauth4webapi";
import type { AuthorizationServerMetadata } from "./authorization-server.js";
import { OAuthFlowError, type OAuthFlowStep } from "./errors.js";
import type { MetadataFetcher } from "./metadata-fetch.js";
import type { ClientSigningKey, OAuthClientInformation, OAuthTokens } from "./provider.js";
import { flowError, requestOptions } from "./registration.js";

/** The authorization server and client a token request is made for. */
export interface TokenRequestContext {
  issuer: string;
  as: AuthorizationServerMetadata;
  client: OAuthClientInformation;
  /** The private key, for a `private_key_jwt` client. */
  signingKey?: ClientSigningKey | undefined;
  /** The `resource` (RFC 8707) to name, exactly as the Protected Resource Metadata spelled it. */
  resource: string | undefined;
  fetcher: MetadataFetcher;
  /** A DPoP handle (oauth4webapi's) when tokens are bound to a key. */
  dpop?: oauth.DPoPHandle | undefined;
}

/** application/x-www-form-urlencoded, as RFC 6749 appendix B defines it for the Basic credentials. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/**
 * `client_secret_basic` (RFC 6749 section 2.3.1): the id and secret form-encoded, joined by a colon,
 * in base64. (oauth4webapi's also escapes `-`, `.`, `_` and `*`, which some servers do not decode.)
 */
function clientSecretBasic(clientId: string, secret: string): oauth.ClientAuth {
  const credentials = Buffer.from(`${formEncode(clientId)}:${formEncode(secret)}`).toString("base64");
  return (_as, _client, _body, headers) => {
    headers.set("authorization", `Basic ${credentials}`);
  };
}

/**
 * The client authentication the registration dictates: its `token_endpoint_auth_method`; without
 * one, a client with a secret uses `client_secret_basic` (RFC 7591's default) unless the server
 * lists only `client_secret_post`, and one without uses `none`.
 */
export function clientAuthentication(context: TokenRequestContext, step: OAuthFlowError["step"]): oauth.ClientAuth {
  const { client, as } = context;
  const secret = client.client_secret;
  let method = client.token_endpoint_auth_method;
  if (method === undefined) {
    const supported = as.token_endpoint_auth_methods_supported;
    const postOnly =
      supported !== undefined && supported.includes("client_secret_post") && !supported.includes("client_secret_basic");
    method = secret === undefined ? "none" : postOnly ? "client_secret_post" : "client_secret_basic";
  }
  switch (method) {
    case "none":
      return oauth.None();
    case "client_secret_basic":
    case "client_secret_post":
      if (secret === undefined)
        throw new OAuthFlowError(step, `the client is registered for ${method} but has no secret`);
      return method === "client_secret_basic"
        ? clientSecretBasic(client.client_id, secret)
        : oauth.ClientSecretPost(secret);
    case "private_key_jwt":
      if (context.signingKey === undefined) {
        throw new OAuthFlowError(
          step,
          "the client is registered for private_key_jwt but the provider has no signing key",
        );
      }
      return oauth.PrivateKeyJwt(
        context.signingKey.kid === undefined
          ? context.signingKey.key
          : { key: context.signingKey.key, kid: context.signingKey.kid },
      );
    default:
      throw new OAuthFlowError(step, `the client authentication method ${method} is not supported`);
  }
}

/** oauth4webapi's view of the client. */
export function oauthClient(client: OAuthClientInformation): oauth.Client {
  return { client_id: client.client_id };
}

/** What the token endpoint answered, as the flow keeps it. */
export function toTokens(
  answer: oauth.TokenEndpointResponse,
  context: Pick<TokenRequestContext, "issuer" | "resource">,
  requestedScope: string | undefined,
  previous?: OAuthTokens,
): OAuthTokens {
  const tokens: OAuthTokens = {
    access_token: answer.access_token,
    token_type: answer.token_type,
    issuer: context.issuer,
  };
  const refresh = answer.refresh_token ?? previous?.refresh_token;
  if (refresh !== undefined) tokens.refresh_token = refresh;
  const scope = answer.scope ?? requestedScope ?? previous?.scope;
  if (scope !== undefined) tokens.scope = scope;
  const now = Math.floor(Date.now() / 1000);
  if (typeof answer.expires_in === "number") {
    tokens.expires_at = now + answer.expires_in;
    tokens.obtained_at = now;
  }
  if (context.resource !== undefined) tokens.resource = context.resource;
  return tokens;
}

/** Runs a token request, and once more when the server asked for a DPoP nonce (oauth4webapi keeps the nonce). */
export async function withDPoPNonceRetry<T>(dpop: oauth.DPoPHandle | undefined, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (dpop === undefined || !oauth.isDPoPNonceError(error)) throw error;
    return request();
  }
}

function tokenEndpoint(as: AuthorizationServerMetadata, step: OAuthFlowError["step"]): string {
  if (as.token_endpoint === undefined) throw new OAuthFlowError(step, `${as.issuer} has no token_endpoint`);
  return as.token_endpoint;
}

/**
 * Exchanges an authorization code: `grant_type=authorization_code`, the code, the same
 * `redirect_uri`, the PKCE `code_verifier` and the same `resource`, with the client's authentication.
 * An error answer (`invalid_grant`, `invalid_client`, ...) is an {@link OAuthFlowError} at
 * `token-request` keeping the code.
 */
export async function exchangeCode(
  context: TokenRequestContext,
  callback: URLSearchParams,
  redirectUri: string,
  verifier: string,
  requestedScope: string | undefined,
): Promise<OAuthTokens> {
  const step = "token-request";
  const endpoint = tokenEndpoint(context.as, step);
  const client = oauthClient(context.client);
  const options = tokenRequestOptions(context, step);
  const authentication = clientAuthentication(context, step);
  try {
    const answer = await withDPoPNonceRetry(context.dpop, async () => {
      const response = await oauth.authorizationCodeGrantRequest(
        context.as,
        client,
        authentication,
        callback,
        redirectUri,
        verifier,
        options,
      );
      return oauth.processAuthorizationCodeResponse(context.as, client, response);
    });
    return toTokens(answer, context, requestedScope);
  } catch (error) {
    throw flowError(step, endpoint, error);
  }
}

/** What every token request sends besides its grant: the fetch bounds, `resource` (RFC 8707) and the DPoP handle. */
function tokenRequestOptions(context: TokenRequestContext, step: OAuthFlowStep) {
  return {
    ...requestOptions(context.fetcher, step),
    ...(context.resource === undefined ? {} : { additionalParameters: { resource: context.resource } }),
    ...(context.dpop === undefined ? {} : { DPoP: context.dpop }),
  };
}

/**
 * Refreshes `tokens` (RFC 6749 section 6) with the same `resource`; a new refresh token replaces
 * the old one, and without one the old one is kept. Failures are {@link OAuthFlowError}s at `refresh`.
 */
export async function refreshTokens(context: TokenRequestContext, tokens: OAuthTokens): Promise<OAuthTokens> {
  const step = "refresh";
  const endpoint = tokenEndpoint(context.as, step);
  if (tokens.refresh_token === undefined) throw new OAuthFlowError(step, "there is no refresh token");
  const client = oauthClient(context.client);
  const refreshToken = tokens.refresh_token;
  const options = tokenRequestOptions(context, step);
  const authentication = clientAuthentication(context, step);
  try {
    const answer = await withDPoPNonceRetry(context.dpop, async () => {
      const response = await oauth.refreshTokenGrantRequest(context.as, client, authentication, refreshToken, options);
      return oauth.processRefreshTokenResponse(context.as, client, response);
    });
    return toTokens(answer, context, tokens.scope, tokens);
  } catch (error) {
    throw flowError(step, endpoint, error);
  }
}
