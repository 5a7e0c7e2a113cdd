/** The client authentication methods at the token and revocation endpoints. */
export type ClientAuthMethod = "none" | "client_secret_basic" | "client_secret_post" | "private_key_jwt";

/** The grant types the authorization server implements. */
export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";

/** A registered OAuth client: its RFC 7591 metadata and credentials. */
export interface OAuthClient {
  readonly client_id: string;
  /** The secret of a confidential client using `client_secret_basic` or `client_secret_post`. */
  readonly client_secret?: string;
  /** When the secret expires, seconds since the epoch; 0 for never. */
  readonly client_secret_expires_at?: number;
  readonly client_id_issued_at?: number;
  /**
   * The redirect URIs, compared exactly, except that a loopback `http://127.0.0.1/...` or
   * `http://[::1]/...` URI matches any port (RFC 8252 section 7.3).
   */
  readonly redirect_uris: readonly string[];
  readonly token_endpoint_auth_method: ClientAuthMethod;
  readonly grant_types: readonly GrantType[];
  readonly response_types?: readonly string[];
  /** The scopes the client may ask for (space-separated); absent: any the server supports. */
  readonly scope?: string;
  /** The client's public keys, for `private_key_jwt`. */
  readonly jwks?: { readonly keys: readonly Record<string, unknown>[] };
  /** Where the client publishes its public keys, for `private_key_jwt` (instead of `jwks`). */
  readonly jwks_uri?: string;
  readonly client_name?: string;
  readonly client_uri?: string;
  readonly logo_uri?: string;
  readonly application_type?: "native" | "web";
  readonly software_id?: string;
  readonly software_version?: string;
}

/** A validated authorization request (`/authorize`), as the provider is shown it. */
export interface AuthorizationRequest {
  readonly client: OAuthClient;
  /** The redirect URI the response goes to (the one sent, or the client's only one). */
  readonly redirectUri: string;
  /** Whether the request named the redirect URI (the token request must then repeat it). */
  readonly redirectUriSent: boolean;
  readonly state?: string;
  readonly codeChallenge: string;
  /** The scopes asked for. */
  readonly scopes: readonly string[];
  /** The resource (RFC 8707) the tokens will be for: the audience of the access tokens. */
  readonly resource: string;
}

/**
 * The provider's verdict on an authorization request: the user who approved it and the scopes
 * granted (default: those asked for); a refusal; or a Response to show instead (a login or consent
 * page), after which the provider finishes with {@link AuthorizationServer.approve}.
 */
export type AuthorizationOutcome =
  | { readonly subject: string; readonly scopes?: readonly string[] }
  | { readonly error: "access_denied" | "login_required" | "consent_required"; readonly description?: string }
  | Response;

/** Ends a pending authorization request: a code redirected to the client, or the refusal. */
export type FinishAuthorization = (
  request: AuthorizationRequest,
  outcome: Exclude<AuthorizationOutcome, Response>,
) => Promise<Response>;

/** A route a provider adds. */
export interface ProviderRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: (request: Request) => Response | Promise<Response>;
}

/** What an authorization code stands for; stored under the code's SHA-256, never the code. */
export interface CodeRecord {
  /** The grant the code starts: every token issued from it carries this id, so all can be revoked. */
  readonly grantId: string;
  readonly clientId: string;
  readonly subject: string;
  readonly redirectUri: string;
  readonly redirectUriSent: boolean;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
  readonly resource: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

/** What a refresh token stands for; stored under the token's SHA-256. */
export interface RefreshRecord {
  readonly grantId: string;
  readonly clientId: string;
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly resource: string;
  readonly expiresAt: number;
}

/** A code or refresh token taken from storage: its record, and whether it had been used before. */
export interface UsedRecord<T> {
  readonly record: T;
  /** True when this is not the first use: a replay, after which the whole grant is revoked. */
  readonly reused: boolean;
}

/**
 * What an authorization server needs from the application: its clients, its users (the login and
 * consent step), and storage for codes, refresh tokens and revocations. Every method may be async;
 * implementations bound and expire what they store. {@link InMemoryProvider} is one for development
 * and tests; {@link ProxyProvider} delegates the user step to an upstream identity provider.
 */
export interface AuthorizationServerProvider {
  /** The client registered as `clientId`, or undefined. */
  getClient(clientId: string): Promise<OAuthClient | undefined>;
  /** Stores a client registered through Dynamic Client Registration; absent: registration is off. */
  registerClient?(client: OAuthClient): Promise<void>;
  /** The user step of an authorization request: log the user in, ask for consent, decide. */
  authorize(request: AuthorizationRequest, http: Request): Promise<AuthorizationOutcome>;
  /**
   * Extra routes the provider serves beside the authorization server's (a login form, an upstream
   * callback); `finish` ends an authorization request the provider answered with a page of its own.
   */
  routes?(finish: FinishAuthorization): readonly ProviderRoute[];

  saveCode(hash: string, record: CodeRecord): Promise<void>;
  /** The code's record, marked used; undefined when unknown (or expired and dropped). */
  useCode(hash: string): Promise<UsedRecord<CodeRecord> | undefined>;
  saveRefreshToken(hash: string, record: RefreshRecord): Promise<void>;
  /** The refresh token's record, marked used (rotation); undefined when unknown. */
  useRefreshToken(hash: string): Promise<UsedRecord<RefreshRecord> | undefined>;
  /** The refresh token's record without using it (revocation looks it up). */
  peekRefreshToken(hash: string): Promise<RefreshRecord | undefined>;
  /** Revokes a whole grant: drops its refresh tokens; its access tokens are refused until `until` (seconds). */
  revokeGrant(grantId: string, until: number): Promise<void>;
  /** Revokes one access token (its `jti`) until it expires (`until`, seconds). */
  revokeAccessToken(jti: string, until: number): Promise<void>;
  /** Whether an access token, by its `jti` or its grant, was revoked. */
  isRevoked(jti: string, grantId: string | undefined): Promise<boolean>;
}

/** An OAuth error answer (RFC 6749 section 5.2, RFC 7591 section 3.2.2): status, code and description. */
export class OAuthError extends Error {
  override readonly name = "OAuthError";

  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${error}: ${description}`);
  }
}
