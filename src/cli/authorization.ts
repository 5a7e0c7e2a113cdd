import { OAuthFlowError } from "../auth/client/errors.js";
import { MetadataFetcher, type DiscoveryFetchOptions } from "../auth/client/metadata-fetch.js";
import { discoverProtectedResource, protectedResourceMetadataUrls } from "../auth/client/protected-resource.js";
import { parseWwwAuthenticate, selectChallenge, type AuthChallenge } from "../auth/client/www-authenticate.js";
import { McpError } from "../protocol/errors.js";
import { httpFailureData, type HttpFailureData } from "../transports/http/sse-parse.js";
import { CliError } from "./cli-error.js";

/** What a protected server requires, as `inspect` shows it: its challenge and Protected Resource Metadata. */
export interface AuthorizationRequirement {
  /** The MCP endpoint that refused. */
  url: string;
  /** The HTTP status of the refusal (401, or 403). */
  status: number;
  /** The challenge acted on, null when the refusal had no `WWW-Authenticate` header. */
  challenge: {
    scheme: string;
    scope: string | null;
    error: string | null;
    errorDescription: string | null;
    resourceMetadata: string | null;
  } | null;
  /** Where the Protected Resource Metadata was found. */
  resourceMetadataUrl: string;
  /** The document's `resource`. */
  resource: string;
  /** Its `authorization_servers`. */
  authorizationServers: string[];
  /** The challenge's scopes, then the document's `scopes_supported`, each once. */
  scopes: string[];
  /** Its `bearer_methods_supported`, when it lists them. */
  bearerMethods: string[];
  /** The whole document, as the server gave it. */
  resourceMetadata: Record<string, unknown>;
}

/** The HTTP refusal an error carries when a server answered 401 (or 403 with a challenge), else undefined. */
export function authorizationRefusal(error: unknown): HttpFailureData | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const data = e instanceof McpError ? httpFailureData(e.data) : undefined;
    if (data && (data.status === 401 || (data.status === 403 && data.wwwAuthenticate !== undefined))) return data;
  }
  return undefined;
}

function challengeOf(challenge: AuthChallenge | undefined): AuthorizationRequirement["challenge"] {
  if (challenge === undefined) return null;
  return {
    scheme: challenge.scheme,
    scope: challenge.scope ?? null,
    error: challenge.error ?? null,
    errorDescription: challenge.errorDescription ?? null,
    resourceMetadata: challenge.resourceMetadata ?? null,
  };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/**
 * Reads the refusal's challenge and finds the server's Protected Resource Metadata, sending no
 * credentials. Each failure is an {@link OAuthFlowError} naming its step.
 */
export async function discoverRequirement(
  url: string,
  refusal: HttpFailureData,
  options: DiscoveryFetchOptions = {},
): Promise<AuthorizationRequirement> {
  const challenge =
    refusal.wwwAuthenticate === undefined ? undefined : selectChallenge(parseWwwAuthenticate(refusal.wwwAuthenticate));
  const server = new URL(url);
  server.hash = "";
  const found = await discoverProtectedResource(server, new MetadataFetcher(options), challenge?.resourceMetadata);
  if (found === undefined) {
    const tried = protectedResourceMetadataUrls(server, challenge?.resourceMetadata).map((u) => u.href);
    throw new OAuthFlowError("protected-resource-metadata", `no document at ${tried.join(" or ")}`);
  }
  const fromChallenge = challenge?.scope?.split(/\s+/).filter(Boolean) ?? [];
  return {
    url,
    status: refusal.status,
    challenge: challengeOf(challenge),
    resourceMetadataUrl: found.url.href,
    resource: found.metadata.resource,
    authorizationServers: found.metadata.authorization_servers,
    scopes: [...new Set([...fromChallenge, ...strings(found.metadata.scopes_supported)])],
    bearerMethods: strings(found.metadata.bearer_methods_supported),
    resourceMetadata: found.metadata,
  };
}

/** `… requires authorization (authorization server …, scopes …); not authorizing (--no-auth)`. */
export function requirementLine(requirement: AuthorizationRequirement): string {
  const servers = requirement.authorizationServers;
  const parts = [
    `authorization server${servers.length === 1 ? "" : "s"} ${servers.join(", ")}`,
    ...(requirement.scopes.length > 0 ? [`scopes ${requirement.scopes.join(" ")}`] : []),
  ];
  return `${requirement.url} requires authorization (${parts.join(", ")}); not authorizing (--no-auth)`;
}

/** A server refused for want of authorization: the CLI's one line, and what discovery found. */
export class AuthorizationRequiredError extends CliError {
  readonly requirement: AuthorizationRequirement;

  constructor(requirement: AuthorizationRequirement) {
    super(requirementLine(requirement), 1);
    this.name = "AuthorizationRequiredError";
    this.requirement = requirement;
  }
}

/**
 * The CLI error for a server that refused with 401: {@link AuthorizationRequiredError} when its
 * requirement could be discovered, else one line naming the discovery step that failed and why.
 */
export async function authorizationError(url: string, refusal: HttpFailureData): Promise<CliError> {
  try {
    return new AuthorizationRequiredError(await discoverRequirement(url, refusal));
  } catch (error) {
    if (!(error instanceof OAuthFlowError)) throw error;
    return new CliError(
      `${url} requires authorization (HTTP ${refusal.status}); discovering what it requires failed at ${error.message}`,
    );
  }
}
