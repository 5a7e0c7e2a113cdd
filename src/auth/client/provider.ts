import type { CryptoKey, CryptoKeyPair } from "oauth4webapi";
import type { AuthorizationServerMetadata } from "./authorization-server.js";

/**
 * The client's registration metadata (RFC 7591 section 2), sent in Dynamic Client Registration and
 * served at a Client ID Metadata Document URL.
 */
export interface OAuthClientMetadata {
  /** Where the authorization server may send the user back; the first is used. */
  redirect_uris: string[];
  client_name?: string;
  client_uri?: string;
  logo_uri?: string;
  /** `native` for desktop and terminal apps, `web` for browser-hosted ones (sent in DCR from 2026-07-28). */
  application_type?: "native" | "web";
  /** The grants the client will use; `refresh_token` is needed for refresh tokens. */
  grant_types?: string[];
  response_types?: string[];
  /** How the client authenticates at the token endpoint when it registers itself. */
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
  scope?: string;
  jwks_uri?: string;
  jwks?: { keys: Record<string, unknown>[] };
  software_id?: string;
  software_version?: string;
  /** Any other registration member. */
  [member: string]: unknown;
}

/** The client authentication methods the flow can use at the token endpoint. */
export type TokenEndpointAuthMethod = "none" | "client_secret_basic" | "client_secret_post" | "private_key_jwt";

/**
 * A client registration at one authorization server: pre-registered, a Client ID Metadata Document
 * URL, or what Dynamic Client Registration answered (RFC 7591 section 3.2.1).
 */
export interface OAuthClientInformation {
  client_id: string;
  client_secret?: string;
  /** Seconds since the epoch after which the secret is no longer valid; 0 or absent: never. */
  client_secret_expires_at?: number;
  client_id_issued_at?: number;
  /** The method the registration dictates; absent: inferred (a secret means `client_secret_basic`). */
  token_endpoint_auth_method?: TokenEndpointAuthMethod | string;
  /** Any other member the registration answered. */
  [member: string]: unknown;
}

/** The key a `private_key_jwt` client signs its token-endpoint assertions with. */
export interface ClientSigningKey {
  /** A private CryptoKey (e.g. from `jose.importPKCS8`). */
  key: CryptoKey;
  /** The `kid` to put in the assertion's header, when the server needs one. */
  kid?: string;
}

/** Tokens the flow obtained, as it stores them. */
export interface OAuthTokens {
  access_token: string;
  /** `Bearer` or `DPoP`, as the token endpoint said. */
  token_type: string;
  refresh_token?: string;
  /** The scope granted (the token endpoint's, else the scope requested). */
  scope?: string;
  /** Seconds since the epoch at which the access token expires, worked out when it was received. */
  expires_at?: number;
  /** Seconds since the epoch at which it was received (so a short-lived token is not refreshed at once). */
  obtained_at?: number;
  /** The issuer of the authorization server that issued them: tokens are never used with another one. */
  issuer: string;
  /** The `resource` (RFC 8707) they were requested for, when there was one. */
  resource?: string;
}

/** A request a token is presented on. */
export interface PresentedRequest {
  method: string;
  url: URL;
}

/**
 * How a token is put on a request to the MCP server: `Authorization: Bearer` by default; a DPoP
 * presenter (RFC 9449) adds a fresh proof per request. Given to {@link OAuthClientAuth} as its
 * `presenter` option.
 */
export interface TokenPresenter {
  /** The headers that present `tokens` on `request`. */
  headers(tokens: OAuthTokens, request: PresentedRequest): Promise<Record<string, string>>;
  /**
   * Whether a 401 to `request` asks only for the same request again with the same token (a DPoP
   * `use_dpop_nonce`), having noted what it needs. At most one such retry is made per request.
   */
  retryWithoutFlow?(
    response: { status: number; headers: { get(name: string): string | null } },
    request: PresentedRequest,
  ): boolean;
}

/** What {@link OAuthClientProvider.invalidate} is asked to forget. */
export type InvalidateScope = "all" | "client" | "tokens" | "verifier";

/** What a grant that needs no user is told ({@link OAuthClientProvider.grant}). */
export interface GrantContext {
  /** The issuer chosen from the Protected Resource Metadata. */
  issuer: string;
  /** Its validated metadata. */
  authorizationServer: AuthorizationServerMetadata;
  /** The `resource` to request the token for, exactly as the PRM spelled it. */
  resource: string | undefined;
  /** The scope chosen by the spec's selection order, undefined to omit it. */
  scope: string | undefined;
  /** The fetch the flow uses (the caller's, or the platform's). */
  fetch: typeof globalThis.fetch;
  /** Aborts the flow. */
  signal?: AbortSignal;
}

/**
 * What an MCP client's authorization flow needs from its host application: who the client is, where
 * registrations and tokens are kept (one provider serves one MCP server; registrations are kept per
 * authorization server, by issuer), and how the user is sent to the authorization server.
 *
 * The flow calls these in the spec's order: `clientInformation(issuer)` (else registers and calls
 * `saveClientInformation`), `saveCodeVerifier`, `authorize(url)`, `codeVerifier()`, `saveTokens`.
 * Every method may be async. Implementations must keep the values secret (never log them).
 */
export interface OAuthClientProvider {
  /** The redirect URI the authorization server sends the user back to; absent for grants without a user. */
  readonly redirectUrl: string | URL | undefined;
  /** The metadata to register with (DCR) or to describe the client at its metadata document URL. */
  readonly clientMetadata: OAuthClientMetadata;
  /**
   * An https URL serving this client's Client ID Metadata Document; used as the `client_id` when the
   * authorization server advertises `client_id_metadata_document_supported` and no registration is
   * stored for it.
   */
  readonly clientMetadataUrl?: string;

  /** The registration kept for the authorization server `issuer` (pre-registered or saved), if any. */
  clientInformation(issuer: string): OAuthClientInformation | undefined | Promise<OAuthClientInformation | undefined>;
  /** Keeps a registration the flow obtained from `issuer`. */
  saveClientInformation(issuer: string, information: OAuthClientInformation): void | Promise<void>;

  /** The tokens kept for this MCP server, if any; those from another issuer than the current one are not used. */
  tokens(): OAuthTokens | undefined | Promise<OAuthTokens | undefined>;
  /** Keeps tokens the flow obtained (replacing the previous ones). */
  saveTokens(tokens: OAuthTokens): void | Promise<void>;

  /** Keeps the PKCE code verifier of the authorization in progress. */
  saveCodeVerifier(verifier: string): void | Promise<void>;
  /** The PKCE code verifier saved last. */
  codeVerifier(): string | undefined | Promise<string | undefined>;

  /**
   * Hands the user `url` (the authorization request) and resolves with the URL the authorization
   * server redirected back to (the redirect URI with `code`, `state`, `iss` or `error`). Rejecting
   * ends the flow. A browser app may open a window; a CLI a system browser and a loopback listener.
   */
  authorize(url: URL): Promise<URL>;

  /** Forgets what the flow found to be invalid (a rejected client, refused tokens, a stale verifier). */
  invalidate?(scope: InvalidateScope, issuer?: string): void | Promise<void>;

  /** The private key of a `private_key_jwt` client registered with `issuer`. */
  clientSigningKey?(issuer: string): ClientSigningKey | undefined | Promise<ClientSigningKey | undefined>;

  /**
   * The key pair to bind tokens to with DPoP (RFC 9449), one per client; absent or undefined: bearer
   * tokens. Kept by the provider so that stored DPoP-bound tokens stay usable.
   */
  dpopKeyPair?(): CryptoKeyPair | undefined | Promise<CryptoKeyPair | undefined>;

  /**
   * A grant without a user (client credentials, JWT bearer, ...) to run instead of the
   * authorization-code flow once discovery has chosen the authorization server. Answers the tokens,
   * which the flow saves; rejecting ends the flow (it is never retried with another grant).
   */
  grant?(context: GrantContext): Promise<OAuthTokens>;
}
