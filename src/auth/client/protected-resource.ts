import { OAuthFlowError } from "./errors.js";
import { metadataObject, parseUrl, secureUrl, type MetadataFetcher } from "./metadata-fetch.js";

const STEP = "protected-resource-metadata";
const WELL_KNOWN = "/.well-known/oauth-protected-resource";

/** The fields of an OAuth 2.0 Protected Resource Metadata document (RFC 9728) the flow reads. */
export interface ProtectedResourceMetadata {
  /** The resource identifier, kept exactly as the document spells it: the `resource` parameter sent later. */
  resource: string;
  /** The issuers of the authorization servers that grant tokens for it; at least one. */
  authorization_servers: string[];
  /** The scopes the resource suggests for basic use. */
  scopes_supported?: string[];
  /** Any other member, as the document gave it. */
  [member: string]: unknown;
}

/** A Protected Resource Metadata document and where it was found. */
export interface ProtectedResourceDiscovery {
  metadata: ProtectedResourceMetadata;
  /** The URL that answered it. */
  url: URL;
}

/**
 * The URLs to try for a server's Protected Resource Metadata, in the spec's order: the
 * `resource_metadata` of the 401 alone when it gave one (https, or plain http only on the server's
 * own origin or a loopback host); else the path-based well-known URL (when
 * the server URL has a path), then the root one.
 */
export function protectedResourceMetadataUrls(serverUrl: URL, resourceMetadata?: string): URL[] {
  if (resourceMetadata !== undefined) {
    const given = parseUrl(resourceMetadata);
    if (given === null || (given.protocol !== "https:" && given.protocol !== "http:")) {
      throw new OAuthFlowError(
        STEP,
        `resource_metadata is not an absolute http(s) URL: ${JSON.stringify(resourceMetadata)}`,
      );
    }
    // Off the server's own origin, the document must come over https (or stay on this machine).
    if (given.origin !== serverUrl.origin) secureUrl(resourceMetadata, "resource_metadata", STEP);
    return [given];
  }
  const root = new URL(WELL_KNOWN, serverUrl.origin);
  const path = serverUrl.pathname.replace(/\/$/, "");
  if (path === "") return [root];
  return [new URL(`${WELL_KNOWN}${path}`, serverUrl.origin), root];
}

/**
 * Whether the document's `resource` names the server being reached: the same origin (scheme and
 * host compared case-insensitively, as URLs parse them), and a path equal to the server URL's or a
 * whole-segment prefix of it, so a server at `/mcp` may be described by a document for its origin.
 */
export function resourceMatchesServer(resource: string, serverUrl: URL): boolean {
  const url = parseUrl(resource);
  if (url === null || url.hash !== "" || url.origin !== serverUrl.origin) return false;
  const want = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  const have = serverUrl.pathname.endsWith("/") ? serverUrl.pathname : `${serverUrl.pathname}/`;
  return have.startsWith(want);
}

function stringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** Checks a fetched document as RFC 9728 and the MCP spec require, for the server at `serverUrl`. */
export function checkProtectedResourceMetadata(
  document: Record<string, unknown>,
  serverUrl: URL,
  from: URL,
): ProtectedResourceMetadata {
  const { resource, authorization_servers: servers, scopes_supported: scopes } = document;
  if (typeof resource !== "string") {
    throw new OAuthFlowError(STEP, `the document at ${from.href} has no resource`, { url: from.href });
  }
  if (!resourceMatchesServer(resource, serverUrl)) {
    throw new OAuthFlowError(STEP, `resource ${resource} is not the server ${serverUrl.href}; refused`, {
      url: from.href,
    });
  }
  if (!stringList(servers) || servers.length === 0) {
    throw new OAuthFlowError(STEP, `the document at ${from.href} names no authorization_servers`, { url: from.href });
  }
  if (scopes !== undefined && !stringList(scopes)) {
    throw new OAuthFlowError(STEP, `scopes_supported at ${from.href} is not a list of strings`, { url: from.href });
  }
  return document as ProtectedResourceMetadata;
}

/**
 * Finds and checks the MCP server's Protected Resource Metadata: from `resourceMetadata` (the 401's
 * `resource_metadata`) when given, else the path-based then the root well-known URL, moving on only
 * when a URL answers 4xx. The document's `resource` must name the server (else the flow aborts) and
 * it must list `authorization_servers`. Answers undefined when no candidate had a document; any
 * other failure is an {@link OAuthFlowError} at step `protected-resource-metadata`.
 */
export async function discoverProtectedResource(
  serverUrl: URL,
  fetcher: MetadataFetcher,
  resourceMetadata?: string,
): Promise<ProtectedResourceDiscovery | undefined> {
  for (const candidate of protectedResourceMetadataUrls(serverUrl, resourceMetadata)) {
    const response = await fetcher.get(candidate, STEP);
    if (response.status >= 400 && response.status < 500) continue;
    if (response.status !== 200) {
      throw new OAuthFlowError(STEP, `${candidate.href} answered HTTP ${response.status}`, { url: candidate.href });
    }
    const document = metadataObject(response, STEP);
    return { metadata: checkProtectedResourceMetadata(document, serverUrl, response.url), url: response.url };
  }
  return undefined;
}
