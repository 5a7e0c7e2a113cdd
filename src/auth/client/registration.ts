import * as oauth from "oauth4webapi";
import type { AuthorizationServerMetadata } from "./authorization-server.js";
import { OAuthFlowError } from "./errors.js";
import type { MetadataFetcher } from "./metadata-fetch.js";
import type {
  OAuthClientInformation,
  OAuthClientMetadata,
  OAuthClientProvider,
  TokenEndpointAuthMethod,
} from "./provider.js";

const STEP = "registration";

/** How the flow came by the client it authorizes as. */
export type RegistrationKind = "stored" | "metadata-document" | "dynamic";

/** The client the flow uses with one authorization server. */
export interface RegisteredClient {
  information: OAuthClientInformation;
  kind: RegistrationKind;
}

/** oauth4webapi's request options for one step: our fetch (bounds, no redirects); http was vetted already. */
export function requestOptions(fetcher: MetadataFetcher, step: Parameters<MetadataFetcher["endpointFetch"]>[0]) {
  return {
    [oauth.customFetch]: fetcher.endpointFetch(step),
    // Every endpoint was checked to be https, or http on a loopback host, when its metadata was read.
    [oauth.allowInsecureRequests]: true,
  };
}

/** The authentication method to ask for in DCR: the provider's, else `none` when allowed, else what the server lists. */
function requestedAuthMethod(
  metadata: OAuthClientMetadata,
  as: AuthorizationServerMetadata,
): TokenEndpointAuthMethod | undefined {
  if (metadata.token_endpoint_auth_method !== undefined) return metadata.token_endpoint_auth_method;
  const supported = as.token_endpoint_auth_methods_supported;
  if (supported === undefined || supported.includes("none")) return "none";
  const known: TokenEndpointAuthMethod[] = ["client_secret_basic", "client_secret_post"];
  return known.find((method) => supported.includes(method));
}

/** The registration request's body: the provider's metadata with the defaults an MCP client needs. */
export function registrationMetadata(
  metadata: OAuthClientMetadata,
  as: AuthorizationServerMetadata,
): OAuthClientMetadata {
  const method = requestedAuthMethod(metadata, as);
  return {
    application_type: "native",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    ...metadata,
    ...(method === undefined ? {} : { token_endpoint_auth_method: method }),
  };
}

/**
 * Reads a registration answer: 201 (or 200) with a JSON object holding a string `client_id`. Looser
 * than oauth4webapi on one point many servers miss: `client_secret_expires_at` may be absent (never expires).
 */
async function registrationAnswer(response: Response, endpoint: string): Promise<OAuthClientInformation> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const object =
    typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  if (response.status !== 201 && response.status !== 200) {
    const code = typeof object.error === "string" ? object.error : `HTTP ${response.status}`;
    const described = typeof object.error_description === "string" ? `: ${object.error_description}` : "";
    throw new OAuthFlowError(STEP, `${endpoint} answered ${code}${described} (HTTP ${response.status})`, {
      url: endpoint,
      ...(typeof object.error === "string" ? { oauthError: object.error } : {}),
    });
  }
  if (typeof object.client_id !== "string" || object.client_id === "") {
    throw new OAuthFlowError(STEP, `${endpoint} answered no client_id`, { url: endpoint });
  }
  if (object.client_secret !== undefined && typeof object.client_secret !== "string") {
    throw new OAuthFlowError(STEP, `${endpoint} answered a client_secret that is not a string`, { url: endpoint });
  }
  return object as OAuthClientInformation;
}

/** One Dynamic Client Registration request (RFC 7591), its answer checked. */
async function register(
  provider: OAuthClientProvider,
  as: AuthorizationServerMetadata,
  fetcher: MetadataFetcher,
): Promise<OAuthClientInformation> {
  const body = registrationMetadata(provider.clientMetadata, as);
  const endpoint = String(as.registration_endpoint);
  let information: OAuthClientInformation;
  try {
    const response = await oauth.dynamicClientRegistrationRequest(
      as,
      body as Partial<oauth.OmitSymbolProperties<oauth.Client>>,
      requestOptions(fetcher, STEP),
    );
    information = await registrationAnswer(response, endpoint);
  } catch (error) {
    throw flowError(STEP, endpoint, error);
  }
  if (information.token_endpoint_auth_method === undefined && body.token_endpoint_auth_method !== undefined) {
    information.token_endpoint_auth_method = body.token_endpoint_auth_method;
  }
  return information;
}

/** Whether a stored registration can no longer be used (its secret expired). */
function expired(information: OAuthClientInformation, now: number): boolean {
  const at = information.client_secret_expires_at;
  return typeof at === "number" && at > 0 && at <= now;
}

/**
 * The client to authorize as with the authorization server `issuer`, in the spec's order: the
 * registration the provider keeps for that issuer (pre-registered, or saved earlier); else the
 * provider's Client ID Metadata Document URL when the server advertises
 * `client_id_metadata_document_supported`; else Dynamic Client Registration at its
 * `registration_endpoint` (saved for the issuer). Registrations are never shared between issuers.
 */
export async function obtainClient(
  provider: OAuthClientProvider,
  issuer: string,
  as: AuthorizationServerMetadata,
  fetcher: MetadataFetcher,
): Promise<RegisteredClient> {
  const stored = await provider.clientInformation(issuer);
  if (stored !== undefined && !expired(stored, Math.floor(Date.now() / 1000))) {
    return { information: stored, kind: "stored" };
  }
  const documentUrl = provider.clientMetadataUrl;
  if (documentUrl !== undefined && as.client_id_metadata_document_supported === true) {
    return { information: { client_id: documentUrl, token_endpoint_auth_method: "none" }, kind: "metadata-document" };
  }
  if (as.registration_endpoint === undefined) {
    throw new OAuthFlowError(
      STEP,
      `no client is registered with ${issuer}, and it offers neither Client ID Metadata Documents nor a registration_endpoint`,
    );
  }
  const information = await register(provider, as, fetcher);
  await provider.saveClientInformation(issuer, information);
  return { information, kind: "dynamic" };
}

/**
 * An {@link OAuthFlowError} at `step` for a failure of oauth4webapi or of our fetch: an OAuth error
 * response keeps its `error` code and description, a WWW-Authenticate challenge its error.
 */
export function flowError(step: OAuthFlowError["step"], where: string, error: unknown): OAuthFlowError {
  if (error instanceof OAuthFlowError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    const described = error.error_description ? `: ${error.error_description}` : "";
    return new OAuthFlowError(step, `${where} answered ${error.error}${described} (HTTP ${error.status})`, {
      url: where,
      cause: error,
      oauthError: error.error,
    });
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const code = error.cause[0]?.parameters.error ?? "a challenge";
    return new OAuthFlowError(step, `${where} answered HTTP ${error.status} with ${code}`, {
      url: where,
      cause: error,
      oauthError: error.cause[0]?.parameters.error,
    });
  }
  return new OAuthFlowError(step, `${where}: ${(error as Error).message}`, { url: where, cause: error });
}
