import { allowedScopes, resourceOf } from "./authorize.js";
import { authenticateClient } from "./client-auth.js";
import { scopeList, type ServerContext } from "./context.js";
import { endpoint, jsonResponse, nowSeconds, randomToken, readForm, required, sha256, single } from "./http.js";
import { OAuthError, type GrantType, type OAuthClient } from "./types.js";

/** A PKCE code verifier (RFC 7636 section 4.1). */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** What a grant hands to token issuance. */
interface Grant {
  readonly grantId: string;
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly resource: string;
  /** Whether a refresh token may come with the access token. */
  readonly refreshable: boolean;
}

/**
 * The token endpoint (RFC 6749 section 3.2): authenticates the client, then runs the grant named by
 * `grant_type` (authorization code with PKCE, refresh token with rotation and replay detection,
 * client credentials) and answers the tokens with `Cache-Control: no-store`.
 */
export function tokenEndpoint(context: ServerContext): (request: Request) => Promise<Response> {
  return endpoint(["POST"], async (request) => {
    const form = await readForm(request);
    const grantType = required(form, "grant_type");
    const client = await authenticateClient(request, form, context.tokenAuth);
    if (!["authorization_code", "refresh_token", "client_credentials"].includes(grantType))
      throw new OAuthError("unsupported_grant_type", `the grant type ${grantType} is not supported`);
    if (!client.grant_types.includes(grantType as GrantType))
      throw new OAuthError("unauthorized_client", `the client may not use the ${grantType} grant`);
    const grant =
      grantType === "authorization_code"
        ? await codeGrant(form, client, context)
        : grantType === "refresh_token"
          ? await refreshGrant(form, client, context)
          : credentialsGrant(form, client, context);
    return jsonResponse(await issue(grant, client, context));
  });
}

async function codeGrant(form: URLSearchParams, client: OAuthClient, context: ServerContext): Promise<Grant> {
  const code = required(form, "code");
  const verifier = single(form, "code_verifier");
  const redirectUri = single(form, "redirect_uri");
  const resources = form.getAll("resource");
  const used = await context.provider.useCode(sha256(code));
  if (!used) throw new OAuthError("invalid_grant", "the authorization code is invalid or has expired");
  const { record } = used;
  if (used.reused) {
    // RFC 6749 section 4.1.2: a code used twice revokes what was issued from it.
    await context.provider.revokeGrant(record.grantId, nowSeconds() + context.accessTokenTtl);
    throw new OAuthError("invalid_grant", "the authorization code was already used");
  }
  if (record.expiresAt <= nowSeconds()) throw new OAuthError("invalid_grant", "the authorization code has expired");
  if (record.clientId !== client.client_id)
    throw new OAuthError("invalid_grant", "the authorization code was issued to another client");
  if ((record.redirectUriSent || redirectUri !== undefined) && redirectUri !== record.redirectUri)
    throw new OAuthError("invalid_grant", "the redirect_uri differs from the authorization request's");
  if (verifier === undefined) throw new OAuthError("invalid_request", "the parameter code_verifier is missing");
  if (!VERIFIER.test(verifier) || sha256(verifier) !== record.codeChallenge)
    throw new OAuthError("invalid_grant", "the code_verifier does not match the code_challenge");
  if (resources.length > 0 && (resources.length > 1 || resources[0] !== record.resource))
    throw new OAuthError("invalid_target", "the resource differs from the authorization request's");
  return { ...record, refreshable: true };
}

async function refreshGrant(form: URLSearchParams, client: OAuthClient, context: ServerContext): Promise<Grant> {
  const token = required(form, "refresh_token");
  const scope = single(form, "scope");
  const resources = form.getAll("resource");
  const used = await context.provider.useRefreshToken(sha256(token));
  if (!used) throw new OAuthError("invalid_grant", "the refresh token is invalid, expired or revoked");
  const { record } = used;
  if (used.reused) {
    // A rotated refresh token presented again: someone holds a copy, so the whole grant goes.
    await context.provider.revokeGrant(record.grantId, nowSeconds() + context.accessTokenTtl);
    throw new OAuthError("invalid_grant", "the refresh token was already used; the grant is revoked");
  }
  if (record.clientId !== client.client_id)
    throw new OAuthError("invalid_grant", "the refresh token was issued to another client");
  if (record.expiresAt <= nowSeconds()) throw new OAuthError("invalid_grant", "the refresh token has expired");
  const scopes = scope === undefined ? record.scopes : scopeList(scope);
  const extra = scopes.filter((s) => !record.scopes.includes(s));
  if (extra.length > 0) throw new OAuthError("invalid_scope", `the scope ${extra.join(" ")} was not granted`);
  if (resources.length > 0 && (resources.length > 1 || resources[0] !== record.resource))
    throw new OAuthError("invalid_target", "the resource differs from the grant's");
  return { ...record, scopes, refreshable: true };
}

function credentialsGrant(form: URLSearchParams, client: OAuthClient, context: ServerContext): Grant {
  if (client.token_endpoint_auth_method === "none")
    throw new OAuthError("unauthorized_client", "a public client may not use the client_credentials grant");
  return {
    grantId: randomToken(16),
    subject: client.client_id,
    scopes: allowedScopes(scopeList(single(form, "scope")), client, context),
    resource: resourceOf(form.getAll("resource"), context),
    refreshable: false,
  };
}

async function issue(grant: Grant, client: OAuthClient, context: ServerContext): Promise<Record<string, unknown>> {
  const minted = await context.signer.mint({
    subject: grant.subject,
    clientId: client.client_id,
    scopes: grant.scopes,
    resource: grant.resource,
    grantId: grant.grantId,
    ttlSeconds: context.accessTokenTtl,
  });
  let refreshToken: string | undefined;
  if (grant.refreshable && client.grant_types.includes("refresh_token")) {
    refreshToken = randomToken();
    await context.provider.saveRefreshToken(sha256(refreshToken), {
      grantId: grant.grantId,
      clientId: client.client_id,
      subject: grant.subject,
      scopes: [...grant.scopes],
      resource: grant.resource,
      expiresAt: nowSeconds() + context.refreshTokenTtl,
    });
  }
  return {
    access_token: minted.token,
    token_type: "Bearer",
    expires_in: context.accessTokenTtl,
    ...(grant.scopes.length > 0 ? { scope: grant.scopes.join(" ") } : {}),
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
  };
}
