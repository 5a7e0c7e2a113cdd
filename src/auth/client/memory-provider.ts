import type {
  ClientSigningKey,
  InvalidateScope,
  OAuthClientInformation,
  OAuthClientMetadata,
  OAuthClientProvider,
  OAuthTokens,
} from "./provider.js";

/** What {@link MemoryOAuthClientProvider} is built from. */
export interface MemoryOAuthClientProviderOptions {
  /** The redirect URI registered and sent; the first of `clientMetadata.redirect_uris` by default. */
  redirectUrl?: string | URL;
  /** The metadata to register with. */
  clientMetadata: OAuthClientMetadata;
  /** A Client ID Metadata Document URL to use where the authorization server supports them. */
  clientMetadataUrl?: string;
  /** Pre-registered clients, by issuer. */
  clients?: Record<string, OAuthClientInformation>;
  /** Signing keys of `private_key_jwt` clients, by issuer. */
  signingKeys?: Record<string, ClientSigningKey>;
  /** Hands the user the authorization URL and resolves with the URL the server redirected back to. */
  authorize: (url: URL) => Promise<URL>;
}

/**
 * An {@link OAuthClientProvider} that keeps registrations and tokens in memory only, for one MCP
 * server: for tests, short-lived processes, and as the base of a provider that persists elsewhere.
 */
export class MemoryOAuthClientProvider implements OAuthClientProvider {
  readonly redirectUrl: string | URL | undefined;
  readonly clientMetadata: OAuthClientMetadata;
  readonly clientMetadataUrl?: string;
  readonly #clients = new Map<string, OAuthClientInformation>();
  readonly #signingKeys: Record<string, ClientSigningKey>;
  readonly #authorize: (url: URL) => Promise<URL>;
  #tokens: OAuthTokens | undefined;
  #verifier: string | undefined;

  constructor(options: MemoryOAuthClientProviderOptions) {
    this.redirectUrl = options.redirectUrl ?? options.clientMetadata.redirect_uris[0];
    this.clientMetadata = options.clientMetadata;
    if (options.clientMetadataUrl !== undefined) this.clientMetadataUrl = options.clientMetadataUrl;
    for (const [issuer, client] of Object.entries(options.clients ?? {})) this.#clients.set(issuer, client);
    this.#signingKeys = options.signingKeys ?? {};
    this.#authorize = options.authorize;
  }

  clientInformation(issuer: string): OAuthClientInformation | undefined {
    return this.#clients.get(issuer);
  }

  saveClientInformation(issuer: string, information: OAuthClientInformation): void {
    this.#clients.set(issuer, information);
  }

  tokens(): OAuthTokens | undefined {
    return this.#tokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.#tokens = tokens;
  }

  saveCodeVerifier(verifier: string): void {
    this.#verifier = verifier;
  }

  codeVerifier(): string | undefined {
    return this.#verifier;
  }

  authorize(url: URL): Promise<URL> {
    return this.#authorize(url);
  }

  clientSigningKey(issuer: string): ClientSigningKey | undefined {
    return this.#signingKeys[issuer];
  }

  invalidate(scope: InvalidateScope, issuer?: string): void {
    if (scope === "all" || scope === "tokens") this.#tokens = undefined;
    if (scope === "all" || scope === "verifier") this.#verifier = undefined;
    if (scope === "all" || scope === "client") {
      if (issuer === undefined) this.#clients.clear();
      else this.#clients.delete(issuer);
    }
  }
}
