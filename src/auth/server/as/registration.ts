import { publicKeySet } from "./client-keys.js";
import { scopeList, type ServerContext } from "./context.js";
import { endpoint, jsonResponse, nowSeconds, randomToken, readBody } from "./http.js";
import { OAuthError, type ClientAuthMethod, type GrantType, type OAuthClient } from "./types.js";

/** Options of Dynamic Client Registration. */
export interface RegistrationOptions {
  /** Which redirect URIs a client may register (default {@link acceptableRedirectUri}). */
  redirectUri?: (uri: string) => boolean;
  /** How long an issued client secret lives, in seconds (default 0: as long as the client). */
  clientSecretTtlSeconds?: number;
}

const GRANT_TYPES: readonly GrantType[] = ["authorization_code", "refresh_token", "client_credentials"];
const MAX_REDIRECT_URIS = 10;
const MAX_STRING = 2000;

const invalid = (description: string) => new OAuthError("invalid_client_metadata", description);

type Metadata = Record<string, unknown>;

/**
 * The registration endpoint (RFC 7591): validates the client's metadata, refusing what it cannot
 * honour (400 `invalid_redirect_uri` or `invalid_client_metadata`), and answers 201 with a new
 * client id (and a secret for a confidential client) once the provider has stored it.
 */
export function registrationEndpoint(
  context: ServerContext,
  options: Required<RegistrationOptions>,
  register: (client: OAuthClient) => Promise<void>,
): (request: Request) => Promise<Response> {
  return endpoint(["POST"], async (request) => {
    const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json") throw invalid("the registration must be application/json");
    let metadata: unknown;
    try {
      metadata = JSON.parse(await readBody(request));
    } catch (error) {
      if (error instanceof OAuthError) throw error;
      throw invalid("the registration is not valid JSON");
    }
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
      throw invalid("the registration must be a JSON object");
    const client = clientFrom(metadata as Metadata, context, options);
    await register(client);
    return jsonResponse(client, 201);
  });
}

function clientFrom(metadata: Metadata, context: ServerContext, options: Required<RegistrationOptions>): OAuthClient {
  const method = authMethod(metadata.token_endpoint_auth_method, context.authMethods);
  const grantTypes = stringList(metadata, "grant_types") ?? ["authorization_code"];
  const unknown = grantTypes.filter((g) => !GRANT_TYPES.includes(g as GrantType));
  if (unknown.length > 0) throw invalid(`the grant type ${unknown.join(", ")} is not supported`);
  if (method === "none" && grantTypes.includes("client_credentials"))
    throw invalid("a public client may not use the client_credentials grant");
  const responseTypes =
    stringList(metadata, "response_types") ?? (grantTypes.includes("authorization_code") ? ["code"] : []);
  if (responseTypes.some((r) => r !== "code")) throw invalid("only the response type code is supported");
  if (grantTypes.includes("authorization_code") !== responseTypes.includes("code"))
    throw invalid("grant_types and response_types do not agree");
  const redirectUris = stringList(metadata, "redirect_uris") ?? [];
  if (grantTypes.includes("authorization_code") && redirectUris.length === 0)
    throw new OAuthError("invalid_redirect_uri", "redirect_uris is required for the authorization code grant");
  if (redirectUris.length > MAX_REDIRECT_URIS) throw new OAuthError("invalid_redirect_uri", "too many redirect_uris");
  const refused = redirectUris.find((uri) => !options.redirectUri(uri));
  if (refused !== undefined)
    throw new OAuthError("invalid_redirect_uri", `the redirect URI ${refused.slice(0, 200)} is not allowed`);
  const scope = text(metadata, "scope");
  const outside = scopeList(scope).filter((s) => context.scopesSupported && !context.scopesSupported.includes(s));
  if (outside.length > 0) throw invalid(`the scope ${outside.join(" ")} is not supported`);
  const applicationType = text(metadata, "application_type");
  if (applicationType !== undefined && applicationType !== "native" && applicationType !== "web")
    throw invalid("application_type must be native or web");
  const keys = keySet(metadata, method);
  const issuedAt = nowSeconds();
  const confidential = method === "client_secret_basic" || method === "client_secret_post";
  const ttl = options.clientSecretTtlSeconds;
  const client: Metadata = {
    client_id: randomToken(16),
    ...(confidential ? { client_secret: randomToken(), client_secret_expires_at: ttl ? issuedAt + ttl : 0 } : {}),
    client_id_issued_at: issuedAt,
    redirect_uris: redirectUris,
    token_endpoint_auth_method: method,
    grant_types: grantTypes,
    response_types: responseTypes,
    ...(scope === undefined ? {} : { scope }),
    ...(applicationType === undefined ? {} : { application_type: applicationType }),
    ...keys,
  };
  for (const name of ["client_name", "client_uri", "logo_uri", "software_id", "software_version"]) {
    const value = text(metadata, name);
    if (value !== undefined) client[name] = value;
  }
  for (const name of ["client_uri", "logo_uri"])
    if (client[name] !== undefined && !/^https?:\/\//.test(client[name] as string))
      throw invalid(`${name} must be an http(s) URL`);
  return client as unknown as OAuthClient;
}

/**
 * The method the client is registered with: the one it asked for (default `client_secret_basic`,
 * RFC 7591 section 2). A server that takes no public clients registers one asking for `none` as a
 * confidential client instead, with a secret (RFC 7591 lets the server replace a requested value,
 * and the answer says what was registered); anything else it does not accept is refused.
 */
function authMethod(requested: unknown, accepted: readonly ClientAuthMethod[]): ClientAuthMethod {
  const method = requested ?? "client_secret_basic";
  if (typeof method === "string" && accepted.includes(method as ClientAuthMethod)) return method as ClientAuthMethod;
  const secretMethod = accepted.find((m) => m === "client_secret_basic" || m === "client_secret_post");
  if (method === "none" && secretMethod !== undefined) return secretMethod;
  throw invalid(`token_endpoint_auth_method must be one of ${accepted.join(", ")}`);
}

function stringList(metadata: Metadata, name: string): string[] | undefined {
  const value = metadata[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v.length > MAX_STRING))
    throw name === "redirect_uris"
      ? new OAuthError("invalid_redirect_uri", "redirect_uris must be an array of URI strings")
      : invalid(`${name} must be an array of strings`);
  return [...new Set(value as string[])];
}

function text(metadata: Metadata, name: string): string | undefined {
  const value = metadata[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length > MAX_STRING) throw invalid(`${name} must be a string`);
  return value;
}

/** The client's keys: `jwks` (public keys only) or an https `jwks_uri`, never both; one of them for private_key_jwt. */
function keySet(metadata: Metadata, method: ClientAuthMethod): Pick<OAuthClient, "jwks" | "jwks_uri"> {
  const { jwks, jwks_uri: uri } = metadata;
  if (jwks !== undefined && uri !== undefined) throw invalid("jwks and jwks_uri exclude each other");
  if (uri !== undefined) {
    if (typeof uri !== "string" || !/^https:\/\/[^#]+$/.test(uri) || uri.length > MAX_STRING)
      throw invalid("jwks_uri must be an https URL");
    return { jwks_uri: uri };
  }
  if (jwks === undefined) {
    if (method === "private_key_jwt") throw invalid("private_key_jwt needs jwks or jwks_uri");
    return {};
  }
  if (!publicKeySet(jwks)) throw invalid("jwks must hold 1 to 10 public keys, each with a kty");
  return { jwks: jwks as OAuthClient["jwks"] };
}
