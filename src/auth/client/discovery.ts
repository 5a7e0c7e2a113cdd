import {
  authorizationServerMetadataUrls,
  discoverAuthorizationServer,
  issuerUrl,
  legacyAuthorizationServer,
  type AuthorizationServerMetadata,
} from "./authorization-server.js";
import { OAuthFlowError } from "./errors.js";
import { MetadataFetcher, parseUrl, type DiscoveryFetchOptions } from "./metadata-fetch.js";
import {
  discoverProtectedResource,
  protectedResourceMetadataUrls,
  type ProtectedResourceMetadata,
} from "./protected-resource.js";
import { selectScope } from "./scope.js";
import { parseWwwAuthenticate, selectChallenge, type AuthChallenge } from "./www-authenticate.js";

/** What {@link discoverAuthorization} is told besides the server URL. */
export interface AuthorizationDiscoveryOptions extends DiscoveryFetchOptions {
  /**
   * The 401's `WWW-Authenticate` header (parsed here), or a challenge already parsed; absent when
   * the response had none.
   */
  challenge?: string | AuthChallenge | null;
  /**
   * Allow the 2025-03-26 revision's fallback when the server has no Protected Resource Metadata:
   * the authorization server at the MCP server's origin, with default endpoints when it has no
   * metadata either. Off by default: later revisions require the metadata.
   */
  legacyFallback?: boolean;
  /** The fetcher to send with, so that a whole flow shares one request count; a new one by default. */
  fetcher?: MetadataFetcher;
}

/** Everything the authorization flow needs to know before registering and authorizing. */
export interface AuthorizationDiscovery {
  /** The challenge acted on, when the 401 gave one. */
  challenge: AuthChallenge | undefined;
  /** The Protected Resource Metadata, undefined only when the legacy fallback was used. */
  resourceMetadata: ProtectedResourceMetadata | undefined;
  /** Where it was found. */
  resourceMetadataUrl: URL | undefined;
  /** The `resource` to send (RFC 8707): the document's string exactly, undefined without one. */
  resource: string | undefined;
  /** The issuer chosen (the first of `authorization_servers`), exactly as listed. */
  issuer: string;
  /** Its validated metadata. */
  authorizationServer: AuthorizationServerMetadata;
  /** True when the 2025-03-26 default endpoints stand in for metadata the server lacks. */
  defaultEndpoints: boolean;
  /** The scope to request, by the spec's selection order; undefined to omit the parameter. */
  scope: string | undefined;
  /** How many HTTP requests discovery sent. */
  requests: number;
}

function challengeOf(given: AuthorizationDiscoveryOptions["challenge"]): AuthChallenge | undefined {
  if (given === undefined || given === null) return undefined;
  return typeof given === "string" ? selectChallenge(parseWwwAuthenticate(given)) : given;
}

function serverUrlOf(serverUrl: string | URL): URL {
  const url = typeof serverUrl === "string" ? parseUrl(serverUrl) : new URL(serverUrl.href);
  if (url === null || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new OAuthFlowError("protected-resource-metadata", `the server URL ${String(serverUrl)} is not http(s)`);
  }
  url.hash = "";
  return url;
}

/** The metadata of the first authorization server the resource lists (RFC 9728 leaves the choice to the client). */
async function firstAuthorizationServer(
  resource: ProtectedResourceMetadata,
  fetcher: MetadataFetcher,
): Promise<{ metadata: AuthorizationServerMetadata; defaulted: false }> {
  const issuer = resource.authorization_servers[0]!;
  const found = await discoverAuthorizationServer(issuer, fetcher);
  if (found === undefined) {
    const tried = authorizationServerMetadataUrls(issuerUrl(issuer)).map((u) => u.href);
    throw new OAuthFlowError("authorization-server-metadata", `no document at ${tried.join(" or ")}`);
  }
  return { metadata: found, defaulted: false };
}

/**
 * Runs the discovery half of the MCP authorization flow for a server that answered 401: parses the
 * challenge, finds and checks the Protected Resource Metadata (its `resource` must name the server),
 * picks the first authorization server it lists and finds and checks that server's metadata (its
 * `issuer` must equal the listed one), then selects the scope. Every request carries no credentials,
 * stays within its origin, and counts toward `maxRequests`. Each failure is an
 * {@link OAuthFlowError} naming its step.
 */
export async function discoverAuthorization(
  serverUrl: string | URL,
  options: AuthorizationDiscoveryOptions = {},
): Promise<AuthorizationDiscovery> {
  const server = serverUrlOf(serverUrl);
  const challenge = challengeOf(options.challenge);
  const fetcher = options.fetcher ?? new MetadataFetcher(options);
  const prm = await discoverProtectedResource(server, fetcher, challenge?.resourceMetadata);
  if (prm === undefined && !options.legacyFallback) {
    const tried = protectedResourceMetadataUrls(server, challenge?.resourceMetadata).map((u) => u.href);
    throw new OAuthFlowError("protected-resource-metadata", `no document at ${tried.join(" or ")}`);
  }
  const { metadata: authorizationServer, defaulted: defaultEndpoints } =
    prm === undefined
      ? await legacyAuthorizationServer(server, fetcher)
      : await firstAuthorizationServer(prm.metadata, fetcher);
  const scope = selectScope({
    challengeScope: challenge?.scope,
    resourceScopes: prm?.metadata.scopes_supported,
    authorizationServerScopes: authorizationServer.scopes_supported,
  });
  return {
    challenge,
    resourceMetadata: prm?.metadata,
    resourceMetadataUrl: prm?.url,
    resource: prm?.metadata.resource,
    issuer: authorizationServer.issuer,
    authorizationServer,
    defaultEndpoints,
    scope,
    requests: fetcher.sent,
  };
}
