/** Options of the Protected Resource Metadata document (RFC 9728). */
export interface ResourceMetadataOptions {
  /** This server's resource URL, the MCP endpoint's URL. */
  resource: string;
  /** The issuer identifiers of the authorization servers whose tokens this server accepts. */
  authorizationServers: readonly string[];
  /** The scopes this server understands (default: the required scopes, when any). */
  scopesSupported?: readonly string[];
  /** A human-readable name of the resource. */
  resourceName?: string;
  /** A page describing the resource for developers. */
  resourceDocumentation?: string;
  /** DPoP (RFC 9449 section 5.1): the proof algorithms accepted, and whether bound tokens are required. */
  dpop?: { algorithms: readonly string[]; required: boolean };
}

/** The well-known path prefix of Protected Resource Metadata. */
export const RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource";

/** The Protected Resource Metadata document of a resource. */
export function resourceMetadata(options: ResourceMetadataOptions): Record<string, unknown> {
  return {
    resource: options.resource,
    authorization_servers: [...options.authorizationServers],
    ...(options.scopesSupported?.length ? { scopes_supported: [...options.scopesSupported] } : {}),
    bearer_methods_supported: ["header"],
    ...(options.resourceName === undefined ? {} : { resource_name: options.resourceName }),
    ...(options.resourceDocumentation === undefined ? {} : { resource_documentation: options.resourceDocumentation }),
    ...(options.dpop
      ? {
          dpop_signing_alg_values_supported: [...options.dpop.algorithms],
          dpop_bound_access_tokens_required: options.dpop.required,
        }
      : {}),
  };
}

/**
 * The paths the metadata of `resource` is served at: the path-based well-known URL
 * (`/.well-known/oauth-protected-resource/mcp` for `https://host/mcp`) and the root one.
 */
export function resourceMetadataPaths(resource: string): string[] {
  const path = new URL(resource).pathname.replace(/\/$/, "");
  return path === "" ? [RESOURCE_METADATA_PATH] : [`${RESOURCE_METADATA_PATH}${path}`, RESOURCE_METADATA_PATH];
}

/** The URL a client is pointed at to find the metadata of `resource`: the path-based well-known URL. */
export function resourceMetadataUrl(resource: string): string {
  return new URL(resourceMetadataPaths(resource)[0]!, resource).href;
}

/**
 * A web handler answering GET (and HEAD) with the metadata as JSON, readable from any origin (a
 * browser-based client fetches it cross-origin); other methods get 405.
 */
export function resourceMetadataHandler(options: ResourceMetadataOptions): (request: Request) => Response {
  const body = JSON.stringify(resourceMetadata(options));
  return (request) =>
    request.method === "GET" || request.method === "HEAD"
      ? new Response(request.method === "HEAD" ? null : body, {
          status: 200,
          headers: { "content-type": "application/json", "access-control-allow-origin": "*" },
        })
      : new Response("Method not allowed", { status: 405, headers: { allow: "GET, HEAD" } });
}
