import { importPKCS8, type CryptoKey } from "jose";
import * as oauth from "oauth4webapi";
import { isSecureOrLoopback } from "../../protocol/loopback.js";
import { OAuthFlowError } from "./errors.js";
import type { GrantContext, OAuthTokens } from "./provider.js";

/** `grant_type` of the JWT-bearer grant (RFC 7523 section 2.1). */
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** `grant_type` of the token exchange (RFC 8693 section 2.1). */
export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
/** The token type of an Identity Assertion JWT Authorization Grant. */
export const ID_JAG_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id-jag";
/** The token type of an OpenID Connect ID token. */
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

const STEP = "token-request";
/** How long one token request may take unless the caller's signal ends it sooner. */
const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

/** A grant that needs no user, as {@link OAuthClientProvider.grant} runs it. */
export type NoUserGrant = (context: GrantContext) => Promise<OAuthTokens>;

/** A value given directly or produced when the grant runs (e.g. a fresh platform token). */
export type Supplied<T> = T | (() => T | Promise<T>);

/**
 * How a confidential client authenticates at a token endpoint: a secret (`client_secret_basic`
 * unless the server lists only `client_secret_post`, or as `method` says), or `private_key_jwt` with
 * a private key (a CryptoKey, or a PKCS#8 PEM with its `algorithm`).
 */
export type ClientCredentialsAuth =
  | { clientSecret: string; method?: "client_secret_basic" | "client_secret_post" }
  | { privateKey: CryptoKey | string; algorithm?: string; kid?: string };

/** A client that authenticates itself: its id and how. */
export interface ConfidentialClient {
  clientId: string;
  auth: ClientCredentialsAuth;
}

async function supplied<T>(value: Supplied<T>): Promise<T> {
  return typeof value === "function" ? await (value as () => T | Promise<T>)() : value;
}

/**
 * `client_secret_basic` (RFC 6749 section 2.3.1) with each part percent-encoded by
 * `encodeURIComponent`: servers that decode get the same id and secret, and servers that compare the
 * raw header (many do) still match ids made of unreserved characters, which oauth4webapi's stricter
 * form encoding (`-` as `%2D`) would break.
 */
function secretBasic(secret: string): oauth.ClientAuth {
  return (_as, client, _body, headers) => {
    const credentials = `${encodeURIComponent(client.client_id)}:${encodeURIComponent(secret)}`;
    headers.set("authorization", `Basic ${Buffer.from(credentials).toString("base64")}`);
  };
}

/** The client authentication oauth4webapi applies for `auth`, chosen against the server's metadata. */
async function clientAuthentication(auth: ClientCredentialsAuth | undefined, as: oauth.AuthorizationServer) {
  if (auth === undefined) return oauth.None();
  if ("clientSecret" in auth) {
    const listed = as.token_endpoint_auth_methods_supported;
    const post =
      auth.method === "client_secret_post" ||
      (!auth.method && listed?.includes("client_secret_post") && !listed.includes("client_secret_basic"));
    return post ? oauth.ClientSecretPost(auth.clientSecret) : secretBasic(auth.clientSecret);
  }
  const key =
    typeof auth.privateKey === "string"
      ? await importPKCS8(auth.privateKey, auth.algorithm ?? "ES256").catch((error: unknown) => {
          throw new OAuthFlowError(STEP, `the client's private key does not import: ${(error as Error).message}`);
        })
      : auth.privateKey;
  return oauth.PrivateKeyJwt(auth.kid === undefined ? key : { key, kid: auth.kid });
}

/** A token endpoint the flow may post credentials to: https, or http on a loopback host only. */
function tokenEndpointOf(as: oauth.AuthorizationServer, what: string): URL {
  let url: URL;
  try {
    url = new URL(as.token_endpoint ?? "");
  } catch {
    throw new OAuthFlowError(STEP, `${what} has no usable token endpoint`);
  }
  if (isSecureOrLoopback(url)) return url;
  throw new OAuthFlowError(STEP, `${what}'s token endpoint ${url.href} is not https; refused`, { url: url.href });
}

/** One line for a failed token request: the server's `error` and description, else what went wrong. */
async function failureReason(error: unknown): Promise<string> {
  if (error instanceof oauth.ResponseBodyError) {
    return `${error.error}${error.error_description ? ` (${error.error_description})` : ""}, HTTP ${error.status}`;
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) return challengeReason(error);
  return error instanceof Error ? error.message : String(error);
}

/** A 401 with a challenge (a refused client): its `error`, else the JSON body's, else the status. */
async function challengeReason(error: oauth.WWWAuthenticateChallengeError): Promise<string> {
  const params = error.cause.map((c) => c.parameters).find((p) => p.error !== undefined);
  let described: { error?: unknown; error_description?: unknown } | undefined = params;
  if (described === undefined) {
    const text = await error.response.text().catch(() => "");
    try {
      described = JSON.parse(text.slice(0, 4096)) as typeof described;
    } catch {
      described = undefined;
    }
  }
  if (typeof described?.error !== "string") return `HTTP ${error.status} with a challenge`;
  const why = typeof described.error_description === "string" ? ` (${described.error_description})` : "";
  return `${described.error}${why}, HTTP ${error.status}`;
}

/** What one token request sends and how its answer is read. */
interface TokenRequest {
  as: oauth.AuthorizationServer;
  clientId: string;
  auth: ClientCredentialsAuth | undefined;
  grantType: string;
  parameters: Record<string, string | undefined>;
  /** Names the request in errors, e.g. "client credentials grant at http://as". */
  label: string;
  /** Accept this (non-access) `token_type`, lower-cased, e.g. `n_a` for a token exchange. */
  extraTokenType?: string;
}

/**
 * Sends one token request with oauth4webapi and reads its answer; every failure, network or
 * protocol, becomes an {@link OAuthFlowError} at the token-request step naming the request.
 */
async function requestToken(request: TokenRequest, context: GrantContext): Promise<oauth.TokenEndpointResponse> {
  const url = tokenEndpointOf(request.as, request.label);
  const client: oauth.Client = { client_id: request.clientId };
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(request.parameters)) if (value !== undefined) parameters.set(name, value);
  const timeout = AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS);
  const options = {
    [oauth.customFetch]: context.fetch,
    [oauth.allowInsecureRequests]: url.protocol === "http:",
    signal: context.signal ? AbortSignal.any([context.signal, timeout]) : timeout,
  };
  const recognizedTokenTypes = request.extraTokenType ? { [request.extraTokenType]: () => undefined } : undefined;
  try {
    const auth = await clientAuthentication(request.auth, request.as);
    const response = await oauth.genericTokenEndpointRequest(
      request.as,
      client,
      auth,
      request.grantType,
      parameters,
      options,
    );
    return await oauth.processGenericTokenEndpointResponse(request.as, client, response, { recognizedTokenTypes });
  } catch (error) {
    if (error instanceof OAuthFlowError) throw error;
    const reason = await failureReason(error);
    throw new OAuthFlowError(STEP, `${request.label}: ${reason}`, { url: url.href, cause: error });
  }
}

/** The tokens as the provider keeps them: `DPoP` or `Bearer`, the expiry as a time, issuer and resource. */
function tokensOf(response: oauth.TokenEndpointResponse, context: GrantContext, requestedScope?: string): OAuthTokens {
  const tokens: OAuthTokens = {
    access_token: response.access_token,
    token_type: response.token_type.toLowerCase() === "dpop" ? "DPoP" : "Bearer",
    issuer: context.issuer,
  };
  const scope = response.scope ?? requestedScope;
  if (scope !== undefined) tokens.scope = scope;
  if (response.refresh_token !== undefined) tokens.refresh_token = response.refresh_token;
  if (typeof response.expires_in === "number") tokens.expires_at = Math.floor(Date.now() / 1000) + response.expires_in;
  if (context.resource !== undefined) tokens.resource = context.resource;
  return tokens;
}

/**
 * The client credentials grant (OAuth 2.1 section 4.2; the MCP `oauth-client-credentials`
 * extension): a pre-registered confidential client asks for a token for itself, authenticating with
 * a secret or `private_key_jwt` (the assertion's `aud` is the issuer). Sends `resource` and the
 * chosen scope.
 */
export function clientCredentialsGrant(client: ConfidentialClient): NoUserGrant {
  return async (context) => {
    const as = context.authorizationServer;
    const response = await requestToken(
      {
        as,
        clientId: client.clientId,
        auth: client.auth,
        grantType: "client_credentials",
        parameters: { resource: context.resource, scope: context.scope },
        label: `client credentials grant at ${as.issuer}`,
      },
      context,
    );
    return tokensOf(response, context, context.scope);
  };
}

/** The enterprise identity provider of {@link enterpriseManagedGrant}. */
export interface EnterpriseIdentityProvider {
  /** Its token endpoint (https, or http on loopback), where the token exchange goes. */
  tokenEndpoint: string;
  /** Its issuer identifier; the token endpoint's origin when absent. */
  issuer?: string;
  /** The MCP client's id at the IdP (the ID token's audience). */
  clientId: string;
  /** The client's secret at the IdP, when the IdP authenticates token exchange requests. */
  clientSecret?: string;
  /** The user's identity assertion: the ID token from single sign-on (or a function producing a current one). */
  idToken: Supplied<string>;
}

/** What {@link enterpriseManagedGrant} is told. */
export interface EnterpriseManagedOptions {
  /** The enterprise IdP and the user's ID token. */
  idp: EnterpriseIdentityProvider;
  /** The client registered at the MCP server's authorization server. */
  client: ConfidentialClient;
}

/**
 * Enterprise-managed authorization (the MCP extension; draft-ietf-oauth-identity-assertion-authz-grant):
 * exchanges the user's ID token at the enterprise IdP for an ID-JAG (RFC 8693, `audience` = the
 * authorization server's issuer, `resource` = the MCP server), then presents the ID-JAG to the MCP
 * server's authorization server with the JWT-bearer grant (RFC 7523). No user interaction.
 */
export function enterpriseManagedGrant(options: EnterpriseManagedOptions): NoUserGrant {
  const { idp, client } = options;
  return async (context) => {
    if (context.resource === undefined) {
      throw new OAuthFlowError(
        STEP,
        "token exchange: the server's metadata names no resource to request an ID-JAG for",
      );
    }
    const idpMetadata: oauth.AuthorizationServer = {
      issuer: idp.issuer ?? new URL(idp.tokenEndpoint).origin,
      token_endpoint: idp.tokenEndpoint,
    };
    const exchanged = await requestToken(
      {
        as: idpMetadata,
        clientId: idp.clientId,
        auth: idp.clientSecret === undefined ? undefined : { clientSecret: idp.clientSecret },
        grantType: TOKEN_EXCHANGE_GRANT,
        parameters: {
          requested_token_type: ID_JAG_TOKEN_TYPE,
          audience: context.issuer,
          resource: context.resource,
          scope: context.scope,
          subject_token: await supplied(idp.idToken),
          subject_token_type: ID_TOKEN_TYPE,
        },
        label: `token exchange at the identity provider ${idp.tokenEndpoint}`,
        extraTokenType: "n_a",
      },
      context,
    );
    if (exchanged.issued_token_type !== ID_JAG_TOKEN_TYPE) {
      const got = typeof exchanged.issued_token_type === "string" ? exchanged.issued_token_type : "none";
      throw new OAuthFlowError(STEP, `token exchange: the identity provider issued ${got}, not an ID-JAG`);
    }
    const as = context.authorizationServer;
    const response = await requestToken(
      {
        as,
        clientId: client.clientId,
        auth: client.auth,
        grantType: JWT_BEARER_GRANT,
        parameters: { assertion: exchanged.access_token, scope: context.scope },
        label: `JWT-bearer grant with the ID-JAG at ${as.issuer}`,
      },
      context,
    );
    return tokensOf(response, context, context.scope);
  };
}

/** What {@link workloadIdentityGrant} is told. */
export interface WorkloadIdentityOptions {
  /** The client id the authorization server knows the workload by, sent as `client_id`. */
  clientId: string;
  /** The platform's signed workload assertion (a JWT whose `aud` is the authorization server), or a function reading it. */
  assertion: Supplied<string>;
}

/**
 * Workload identity federation (the MCP `auth/wif` extension): one JWT-bearer request (RFC 7523)
 * carrying the platform's assertion, as a public client. After a failure the grant is spent: it
 * neither retries nor falls back to another grant, and every later run fails at once with the
 * first error, without a request (a rejected assertion does not become valid by sending it again).
 */
export function workloadIdentityGrant(options: WorkloadIdentityOptions): NoUserGrant {
  let failure: OAuthFlowError | undefined;
  return async (context) => {
    if (failure !== undefined) throw failure;
    const as = context.authorizationServer;
    try {
      const response = await requestToken(
        {
          as,
          clientId: options.clientId,
          auth: undefined,
          grantType: JWT_BEARER_GRANT,
          parameters: {
            assertion: await supplied(options.assertion),
            scope: context.scope,
            resource: context.resource,
          },
          label: `workload identity JWT-bearer grant at ${as.issuer}`,
        },
        context,
      );
      return tokensOf(response, context, context.scope);
    } catch (error) {
      failure =
        error instanceof OAuthFlowError
          ? error
          : new OAuthFlowError(STEP, `workload identity assertion: ${(error as Error).message}`, { cause: error });
      throw failure;
    }
  };
}
