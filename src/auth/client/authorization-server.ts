import * as oauth from "oauth4webapi";
import { OAuthFlowError } from "./errors.js";
import { metadataObject, secureUrl, type MetadataFetcher, type MetadataResponse } from "./metadata-fetch.js";

const STEP = "authorization-server-metadata";
const OAUTH = "/.well-known/oauth-authorization-server";
const OIDC = "/.well-known/openid-configuration";
const ENDPOINTS = ["authorization_endpoint", "token_endpoint", "registration_endpoint"] as const;

/** Authorization-server metadata (RFC 8414, or OpenID Connect Discovery), as oauth4webapi types it. */
export type AuthorizationServerMetadata = oauth.AuthorizationServer;

/**
 * The well-known URLs to try for an issuer's metadata, in the spec's order. With a path component:
 * RFC 8414 with path insertion, OpenID Connect with path insertion, OpenID Connect with the path
 * appended; without one: RFC 8414, then OpenID Connect, at the root.
 */
export function authorizationServerMetadataUrls(issuer: URL): URL[] {
  const path = issuer.pathname.replace(/\/$/, "");
  if (path === "") return [new URL(OAUTH, issuer.origin), new URL(OIDC, issuer.origin)];
  return [
    new URL(`${OAUTH}${path}`, issuer.origin),
    new URL(`${OIDC}${path}`, issuer.origin),
    new URL(`${path}${OIDC}`, issuer.origin),
  ];
}

/**
 * Parses an issuer identifier as the flow accepts one: an absolute https URL (http only on a
 * loopback host) with no query or fragment. Anything else is an {@link OAuthFlowError}.
 */
export function issuerUrl(issuer: string): URL {
  const url = secureUrl(issuer, "the authorization server", STEP);
  if (url.search !== "" || url.hash !== "" || issuer.includes("?") || issuer.includes("#")) {
    throw new OAuthFlowError(STEP, `issuer ${issuer} has a query or fragment`);
  }
  return url;
}

/**
 * Validates a metadata answer for `issuer`: oauth4webapi's checks (HTTP 200, a JSON object, an
 * `issuer` string naming the same URL), then the spec's simple string comparison of `issuer` with
 * the identifier the URL was built from, then the endpoints the flow will use (https, or http on
 * loopback only).
 */
export async function checkAuthorizationServerMetadata(
  issuer: string,
  response: MetadataResponse,
): Promise<AuthorizationServerMetadata> {
  const from = response.url.href;
  const document = metadataObject(response, STEP);
  if (document.issuer !== issuer) {
    const got = typeof document.issuer === "string" ? document.issuer : "none";
    throw new OAuthFlowError(STEP, `issuer ${got} at ${from} is not ${issuer}; refused`, { url: from });
  }
  let metadata: AuthorizationServerMetadata;
  try {
    const replay = new Response(response.body, { status: response.status, headers: response.headers });
    metadata = await oauth.processDiscoveryResponse(new URL(issuer), replay);
  } catch (error) {
    throw new OAuthFlowError(STEP, `${from}: ${(error as Error).message}`, { url: from, cause: error });
  }
  for (const endpoint of ENDPOINTS) {
    if (metadata[endpoint] !== undefined) secureUrl(metadata[endpoint], endpoint, STEP);
  }
  return metadata;
}

/**
 * Fetches and validates an authorization server's metadata, trying its well-known URLs in the
 * spec's order and moving on only when one answers 4xx. A document whose `issuer` differs from
 * `issuer` ends discovery (it is never used, and no other URL is tried). Answers undefined when no
 * URL had a document; any other failure is an {@link OAuthFlowError} at step
 * `authorization-server-metadata`.
 */
export async function discoverAuthorizationServer(
  issuer: string,
  fetcher: MetadataFetcher,
  urls: URL[] = authorizationServerMetadataUrls(issuerUrl(issuer)),
): Promise<AuthorizationServerMetadata | undefined> {
  for (const candidate of urls) {
    const response = await fetcher.get(candidate, STEP);
    if (response.status >= 400 && response.status < 500) continue;
    if (response.status !== 200) {
      throw new OAuthFlowError(STEP, `${candidate.href} answered HTTP ${response.status}`, { url: candidate.href });
    }
    return checkAuthorizationServerMetadata(issuer, response);
  }
  return undefined;
}

/**
 * The 2025-03-26 revision's fallback, for a server with no Protected Resource Metadata: the
 * authorization server is the MCP server's origin, its metadata at the origin's RFC 8414 URL, and
 * without metadata the default endpoints `/authorize`, `/token` and `/register` there.
 */
export async function legacyAuthorizationServer(
  serverUrl: URL,
  fetcher: MetadataFetcher,
): Promise<{ metadata: AuthorizationServerMetadata; defaulted: boolean }> {
  const issuer = serverUrl.origin;
  issuerUrl(issuer);
  const found = await discoverAuthorizationServer(issuer, fetcher, [new URL(OAUTH, issuer)]);
  if (found) return { metadata: found, defaulted: false };
  const metadata: AuthorizationServerMetadata = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    response_types_supported: ["code"],
    code_challenge_methods_supported: ["S256"],
  };
  return { metadata, defaulted: true };
}
