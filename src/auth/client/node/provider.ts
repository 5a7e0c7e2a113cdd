import { exportDPoPKey, generateDPoPKey, importDPoPKey } from "../dpop.js";
import { clientCredentialsGrant, type NoUserGrant } from "../grants.js";
import type {
  InvalidateScope,
  OAuthClientInformation,
  OAuthClientMetadata,
  OAuthClientProvider,
  OAuthTokens,
} from "../provider.js";
import { openBrowser } from "./browser.js";
import { ServerAuthFile, type ServerAuthRecord } from "./file-store.js";
import { LoopbackListener } from "./loopback.js";

/** What {@link NodeOAuthProvider.open} is told besides the server URL. */
export interface NodeOAuthProviderOptions {
  /** The configuration directory (see `configDirectory()`); the user's by default. */
  directory?: string;
  /** A pre-registered client id, used at every authorization server instead of registering. */
  clientId?: string;
  /** Its secret (a confidential client); sent with `client_secret_basic` unless the registration says otherwise. */
  clientSecret?: string;
  /** Use the client credentials grant (needs `clientId` and `clientSecret`) instead of a browser. */
  clientCredentials?: boolean;
  /** Bind tokens to a DPoP key kept in the file (RFC 9449). */
  dpop?: boolean;
  /** The `client_name` registered (`mcpkit` by default). */
  clientName?: string;
  /** The command that opens the authorization URL (the URL appended); `$MCPKIT_BROWSER`, else the system browser. */
  browserCommand?: string;
  /** How long to wait for the browser's redirect (5 minutes by default). */
  authorizationTimeoutMs?: number;
  /** False: no loopback listener (to read or clear what is stored without authorizing). */
  listen?: boolean;
  /** Told each step in one line, e.g. to print it. */
  onStep?: (line: string) => void;
}

/** What `mcp auth status` shows: what is stored, never a secret or a token itself. */
export interface StoredAuthStatus {
  server: string;
  file: string;
  issuers: string[];
  clientIds: Record<string, string>;
  tokens?: { issuer: string; tokenType: string; scope?: string; expiresAt?: number; refreshable: boolean };
  dpop: boolean;
}

/**
 * An {@link OAuthClientProvider} for terminals and desktop apps: sends the user to the system
 * browser, takes the redirect on a 127.0.0.1 loopback listener (RFC 8252), and keeps registrations,
 * tokens, the PKCE verifier and any DPoP key in one file per MCP server under the user's
 * configuration directory, readable by the user only. With stored refresh tokens the flow refreshes
 * silently, without the browser. {@link clear} forgets the server.
 */
export class NodeOAuthProvider implements OAuthClientProvider {
  readonly #file: ServerAuthFile;
  readonly #options: NodeOAuthProviderOptions;
  readonly #listener = new LoopbackListener();
  #record: ServerAuthRecord;
  #writes: Promise<unknown> = Promise.resolve();
  readonly grant?: NoUserGrant;

  private constructor(file: ServerAuthFile, record: ServerAuthRecord, options: NodeOAuthProviderOptions) {
    this.#file = file;
    this.#record = record;
    this.#options = options;
    if (options.clientCredentials) {
      if (!options.clientId || !options.clientSecret) {
        throw new TypeError("the client credentials grant needs a client id and a client secret");
      }
      this.grant = clientCredentialsGrant({ clientId: options.clientId, auth: { clientSecret: options.clientSecret } });
    }
  }

  /** Reads what is stored for `serverUrl` and binds the loopback listener the redirect will come to. */
  static async open(serverUrl: string | URL, options: NodeOAuthProviderOptions = {}): Promise<NodeOAuthProvider> {
    const file = new ServerAuthFile(serverUrl, options.directory);
    const provider = new NodeOAuthProvider(file, await file.read(), options);
    // The redirect URI must be known before the flow registers or authorizes; nothing is written
    // until the flow saves something, so a server that never asks for authorization leaves no file.
    if (!options.clientCredentials && options.listen !== false)
      await provider.#listener.listen(provider.#record.redirectPort);
    return provider;
  }

  /** The file this server's record is kept in. */
  get path(): string {
    return this.#file.path;
  }

  get redirectUrl(): string | undefined {
    return this.#options.clientCredentials ? undefined : this.#listener.redirectUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    const confidential = this.#options.clientSecret !== undefined;
    return {
      client_name: this.#options.clientName ?? "mcpkit",
      redirect_uris: this.redirectUrl ? [this.redirectUrl] : [],
      application_type: "native",
      grant_types: this.#options.clientCredentials ? ["client_credentials"] : ["authorization_code", "refresh_token"],
      response_types: this.#options.clientCredentials ? [] : ["code"],
      token_endpoint_auth_method: confidential ? "client_secret_basic" : "none",
    };
  }

  clientInformation(issuer: string): OAuthClientInformation | undefined {
    const { clientId, clientSecret } = this.#options;
    if (clientId !== undefined)
      return { client_id: clientId, ...(clientSecret ? { client_secret: clientSecret } : {}) };
    return this.#record.clients[issuer];
  }

  async saveClientInformation(issuer: string, information: OAuthClientInformation): Promise<void> {
    await this.#save((r) => {
      r.clients[issuer] = information;
      // The port the registration's redirect URI names, tried first next time.
      if (this.#listener.port !== 0) r.redirectPort = this.#listener.port;
    });
  }

  tokens(): OAuthTokens | undefined {
    return this.#record.tokens;
  }

  async saveTokens(given: OAuthTokens): Promise<void> {
    // Token types are case-insensitive (RFC 6749 section 5.1); kept in their registered spelling.
    const tokens = { ...given, token_type: given.token_type.toLowerCase() === "dpop" ? "DPoP" : "Bearer" };
    await this.#save((r) => {
      r.tokens = tokens;
      delete r.codeVerifier;
    });
  }

  async saveCodeVerifier(verifier: string): Promise<void> {
    await this.#save((r) => (r.codeVerifier = verifier));
  }

  codeVerifier(): string | undefined {
    return this.#record.codeVerifier;
  }

  /** Opens the browser at `url` and waits on the loopback listener for the redirect with the same `state`. */
  async authorize(url: URL): Promise<URL> {
    if (this.#options.clientCredentials)
      throw new Error("a client credentials client does not send users to the browser");
    // Listening again (after close()) on the port the redirect URI already names.
    await this.#listener.listen(this.#listener.port || this.#record.redirectPort);
    const waiting = this.#listener.waitForCallback(
      url.searchParams.get("state") ?? undefined,
      this.#options.authorizationTimeoutMs ?? 300_000,
    );
    this.#step(`authorization-request: opening the browser at ${url.origin}${url.pathname}`);
    try {
      await openBrowser(url, this.#options.browserCommand);
    } catch (error) {
      this.#step(
        `authorization-request: could not open a browser (${(error as Error).message}); open this URL: ${url.href}`,
      );
    }
    const callback = await waiting;
    this.#step(
      `authorization-response: redirect received${callback.searchParams.has("error") ? " with an error" : ""}`,
    );
    return callback;
  }

  async invalidate(scope: InvalidateScope, issuer?: string): Promise<void> {
    await this.#save((r) => {
      if (scope === "all" || scope === "tokens") delete r.tokens;
      if (scope === "all" || scope === "verifier") delete r.codeVerifier;
      if (scope === "all" || scope === "client") {
        if (issuer === undefined) r.clients = {};
        else delete r.clients[issuer];
      }
    });
  }

  /** The DPoP key pair kept in the file, created on first use; undefined unless DPoP was asked for. */
  async dpopKeyPair() {
    if (!this.#options.dpop) return undefined;
    if (this.#record.dpopKey) return (await importDPoPKey(this.#record.dpopKey)).keyPair;
    const key = await generateDPoPKey();
    const stored = await exportDPoPKey(key);
    await this.#save((r) => (r.dpopKey = stored));
    return key.keyPair;
  }

  /** What is stored, for `mcp auth status`: issuers, client ids, token type, scope, expiry; no secret. */
  status(): StoredAuthStatus {
    const r = this.#record;
    const tokens = r.tokens;
    return {
      server: r.server,
      file: this.#file.path,
      issuers: Object.keys(r.clients),
      clientIds: Object.fromEntries(Object.entries(r.clients).map(([issuer, c]) => [issuer, c.client_id])),
      ...(tokens
        ? {
            tokens: {
              issuer: tokens.issuer,
              tokenType: tokens.token_type,
              ...(tokens.scope ? { scope: tokens.scope } : {}),
              ...(tokens.expires_at ? { expiresAt: tokens.expires_at } : {}),
              refreshable: tokens.refresh_token !== undefined,
            },
          }
        : {}),
      dpop: r.dpopKey !== undefined,
    };
  }

  /** Forgets everything stored for this server (deletes its file); true when there was something. */
  async clear(): Promise<boolean> {
    await this.#writes;
    this.#record = { server: this.#file.server, clients: {} };
    return this.#file.clear();
  }

  /** Stops the loopback listener. */
  async close(): Promise<void> {
    await this.#writes;
    await this.#listener.close();
  }

  #step(line: string): void {
    this.#options.onStep?.(line);
  }

  /** Changes the record in memory at once and writes it, writes queued in order. */
  #save(change: (record: ServerAuthRecord) => void): Promise<void> {
    change(this.#record);
    const snapshot = structuredClone(this.#record);
    const write = this.#writes.then(() => this.#file.write(snapshot));
    this.#writes = write.catch(() => {});
    return write;
  }
}
