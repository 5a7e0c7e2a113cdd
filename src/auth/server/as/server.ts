import type { JWK } from "jose";
import { isSecureOrLoopback } from "../../../protocol/loopback.js";
import { DEFAULT_JWT_ALGORITHMS } from "../jwt-verifier.js";
import type { TokenVerifier } from "../verifier.js";
import { approve, authorizeEndpoint, finish } from "./authorize.js";
import { ClientMetadataDocuments, type ClientMetadataDocumentOptions } from "./cimd.js";
import { ClientKeys } from "./client-keys.js";
import type { ServerContext } from "./context.js";
import { acceptableRedirectUri } from "./redirect-uri.js";
import { registrationEndpoint, type RegistrationOptions } from "./registration.js";
import { revocationEndpoint } from "./revocation.js";
import { ExpiringTable } from "./table.js";
import { tokenEndpoint } from "./token-endpoint.js";
import { TokenSigner } from "./tokens.js";
import type { AuthorizationRequest, AuthorizationServerProvider, ClientAuthMethod, OAuthClient } from "./types.js";

/** Options of {@link AuthorizationServer}. */
export interface AuthorizationServerOptions {
  /** The issuer identifier: an https URL (http on a loopback host), without query or fragment. */
  issuer: string;
  /** Clients, users and storage. */
  provider: AuthorizationServerProvider;
  /**
   * The resources (RFC 8707) tokens may be issued for: each token's `aud` is the one its request
   * named (a request naming another gets `invalid_target`), the first when it named none.
   */
  resources: readonly string[];
  /** The scopes clients may ask for (default: any). */
  scopesSupported?: readonly string[];
  /** The private JWK (with `alg`) access tokens are signed with (default: an ES256 key made at start). */
  signingKey?: JWK;
  /** Access token lifetime, in seconds (default 3600). */
  accessTokenTtlSeconds?: number;
  /** Refresh token lifetime, in seconds, renewed at each rotation (default 30 days). */
  refreshTokenTtlSeconds?: number;
  /** Authorization code lifetime, in seconds (default 60). */
  codeTtlSeconds?: number;
  /** The client authentication methods accepted (default all four). */
  tokenEndpointAuthMethods?: readonly ClientAuthMethod[];
  /** Dynamic Client Registration (default on when the provider can register clients); false turns it off. */
  registration?: RegistrationOptions | false;
  /** Client ID Metadata Documents (default on, https URLs on public hosts); false turns them off. */
  clientIdMetadataDocuments?: ClientMetadataDocumentOptions | false;
}

/** A route of the authorization server. */
export interface AuthorizationServerRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: (request: Request) => Response | Promise<Response>;
}

const ALL_METHODS: readonly ClientAuthMethod[] = [
  "client_secret_basic",
  "client_secret_post",
  "private_key_jwt",
  "none",
];

/**
 * An OAuth 2.1 authorization server for MCP: RFC 8414 metadata, `/authorize` (PKCE S256 only,
 * `resource`, `iss` in the response), `/token` (authorization code, refresh token with rotation,
 * client credentials), Dynamic Client Registration, Client ID Metadata Documents, revocation, and
 * JWT access tokens whose `aud` is the resource they were issued for, signed with a key published at
 * `jwks_uri`. Mount its {@link routes} on any web server (FastMCP: {@link mount}); protect an MCP
 * server with its in-process {@link verifier}.
 */
export class AuthorizationServer {
  readonly issuer: string;
  /** The authorization server metadata document (RFC 8414). */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly #context: ServerContext;
  readonly #routes: AuthorizationServerRoute[];

  constructor(options: AuthorizationServerOptions) {
    this.issuer = checkIssuer(options.issuer);
    if (options.resources.length === 0) throw new TypeError("mcpkit: the authorization server needs a resource");
    const base = new URL(this.issuer);
    const prefix = base.pathname.replace(/\/$/, "");
    const url = (path: string) => `${base.origin}${prefix}${path}`;
    const documents =
      options.clientIdMetadataDocuments === false
        ? undefined
        : new ClientMetadataDocuments(options.clientIdMetadataDocuments);
    this.#context = serverContext(this.issuer, options, url, documents);
    const provider = options.provider;
    const register = options.registration !== false ? provider.registerClient?.bind(provider) : undefined;
    this.metadata = metadata(this.issuer, url, {
      methods: this.#context.authMethods,
      registration: register !== undefined,
      documents: documents !== undefined,
      ...(options.scopesSupported ? { scopes: options.scopesSupported } : {}),
    });
    const registration = {
      redirectUri: (options.registration || undefined)?.redirectUri ?? acceptableRedirectUri,
      clientSecretTtlSeconds: (options.registration || undefined)?.clientSecretTtlSeconds ?? 0,
    };
    const json = (body: () => Promise<unknown>) => async () =>
      new Response(JSON.stringify(await body()), { headers: { "content-type": "application/json" } });
    const signer = this.#context.signer;
    this.#routes = [
      ...cors(
        "GET",
        `/.well-known/oauth-authorization-server${prefix}`,
        json(async () => this.metadata),
      ),
      ...cors(
        "GET",
        `${prefix}/jwks`,
        json(() => signer.jwks()),
      ),
      { method: "GET", path: `${prefix}/authorize`, handler: authorizeEndpoint(this.#context) },
      { method: "POST", path: `${prefix}/authorize`, handler: authorizeEndpoint(this.#context) },
      ...cors("POST", `${prefix}/token`, tokenEndpoint(this.#context)),
      ...cors("POST", `${prefix}/revoke`, revocationEndpoint(this.#context)),
      ...(register
        ? cors("POST", `${prefix}/register`, registrationEndpoint(this.#context, registration, register))
        : []),
      ...(provider.routes?.((request, outcome) => finish(this.#context, request, outcome)) ?? []),
    ];
  }

  /** Every route: method, path and web handler. */
  routes(): readonly AuthorizationServerRoute[] {
    return this.#routes;
  }

  /** Adds the routes to an app with a `route(method, path, handler)` method, such as FastMCP. */
  mount(app: { route(method: string, path: string, handler: AuthorizationServerRoute["handler"]): unknown }): void {
    for (const route of this.#routes) app.route(route.method, route.path, route.handler);
  }

  /** One web handler for all the routes (405 for another method); undefined for a path none of them serves. */
  handle(request: Request): Response | Promise<Response> | undefined {
    const path = new URL(request.url).pathname;
    const method = request.method === "HEAD" ? "GET" : request.method;
    const routes = this.#routes.filter((r) => r.path === path);
    if (routes.length === 0) return undefined;
    const route = routes.find((r) => r.method === method);
    if (route) return route.handler(request);
    const allow = routes.map((r) => r.method).join(", ");
    return new Response("Method not allowed", { status: 405, headers: { allow } });
  }

  /** A {@link TokenVerifier} for this server's access tokens, checked in process (no JWKS fetch, revocation seen at once). */
  verifier(): TokenVerifier {
    return this.#context.signer.verifier(this.#context.provider);
  }

  /** The public signing keys (what `jwks_uri` serves). */
  jwks(): ReturnType<TokenSigner["jwks"]> {
    return this.#context.signer.jwks();
  }

  /**
   * Finishes an authorization request a provider answered with a page of its own (a login form, an
   * upstream identity provider): issues the code and redirects back to the client.
   */
  approve(request: AuthorizationRequest, subject: string, scopes?: readonly string[]): Promise<Response> {
    return approve(this.#context, request, subject, scopes);
  }
}

function serverContext(
  issuer: string,
  options: AuthorizationServerOptions,
  url: (path: string) => string,
  documents: ClientMetadataDocuments | undefined,
): ServerContext {
  const provider = options.provider;
  const methods = options.tokenEndpointAuthMethods ?? ALL_METHODS;
  const getClient = (id: string) => (documents?.handles(id) ? documents.resolve(id) : provider.getClient(id));
  const assertionIds = new ExpiringTable<true>(10_000);
  const keys = new ClientKeys(options.clientIdMetadataDocuments || {});
  const clientKeys = (client: OAuthClient) => keys.of(client);
  const authContext = (path: string) => ({
    issuer,
    audiences: [issuer, url(path)],
    methods,
    getClient,
    clientKeys,
    assertionIds,
  });
  return {
    issuer,
    provider,
    signer: new TokenSigner(issuer, options.signingKey),
    resources: options.resources,
    ...(options.scopesSupported ? { scopesSupported: options.scopesSupported } : {}),
    accessTokenTtl: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtl: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
    codeTtl: options.codeTtlSeconds ?? 60,
    authMethods: methods,
    getClient,
    tokenAuth: authContext("/token"),
    revocationAuth: authContext("/revoke"),
  };
}

function checkIssuer(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new TypeError(`mcpkit: the issuer ${issuer} is not an absolute URL`);
  }
  if (!isSecureOrLoopback(url) || url.search || url.hash || issuer.includes("?") || issuer.includes("#"))
    throw new TypeError(`mcpkit: the issuer ${issuer} must be https (http on loopback) without query or fragment`);
  return issuer;
}

function metadata(
  issuer: string,
  url: (path: string) => string,
  features: {
    methods: readonly ClientAuthMethod[];
    registration: boolean;
    documents: boolean;
    scopes?: readonly string[];
  },
): Record<string, unknown> {
  const grants = [
    "authorization_code",
    "refresh_token",
    ...(features.methods.some((m) => m !== "none") ? ["client_credentials"] : []),
  ];
  return {
    issuer,
    authorization_endpoint: url("/authorize"),
    token_endpoint: url("/token"),
    ...(features.registration ? { registration_endpoint: url("/register") } : {}),
    revocation_endpoint: url("/revoke"),
    jwks_uri: url("/jwks"),
    ...(features.scopes ? { scopes_supported: [...features.scopes] } : {}),
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: grants,
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: [...features.methods],
    revocation_endpoint_auth_methods_supported: [...features.methods],
    ...(features.methods.includes("private_key_jwt")
      ? { token_endpoint_auth_signing_alg_values_supported: [...DEFAULT_JWT_ALGORITHMS] }
      : {}),
    client_id_metadata_document_supported: features.documents,
    authorization_response_iss_parameter_supported: true,
  };
}

/** A route answering any origin (tokens travel in bodies, never cookies), with its CORS preflight. */
function cors(method: string, path: string, handler: AuthorizationServerRoute["handler"]): AuthorizationServerRoute[] {
  const allow = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": `${method}, OPTIONS`,
    "access-control-allow-headers": "authorization, content-type, mcp-protocol-version",
  };
  const wrapped = async (request: Request) => {
    const response = await handler(request);
    const headers = new Headers(response.headers);
    headers.set("access-control-allow-origin", "*");
    return new Response(response.body, { status: response.status, headers });
  };
  const preflight = () => new Response(null, { status: 204, headers: allow });
  return [
    { method, path, handler: wrapped },
    { method: "OPTIONS", path, handler: preflight },
  ];
}
