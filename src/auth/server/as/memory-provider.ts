import { ExpiringTable } from "./table.js";
import type {
  AuthorizationOutcome,
  AuthorizationRequest,
  AuthorizationServerProvider,
  CodeRecord,
  OAuthClient,
  RefreshRecord,
  UsedRecord,
} from "./types.js";

/** The user step of an {@link InMemoryProvider}: decides an authorization request. */
export type LoginHandler = (
  request: AuthorizationRequest,
  http: Request,
) => AuthorizationOutcome | Promise<AuthorizationOutcome>;

/** Options of {@link InMemoryProvider}. */
export interface InMemoryProviderOptions {
  /** Clients known from the start (never evicted, never expiring). */
  clients?: readonly OAuthClient[];
  /**
   * The login and consent step; {@link approveAtOnce} for development. Default: every request is
   * refused (`login_required`), as when this provider only stores for a {@link ProxyProvider}.
   */
  login?: LoginHandler;
  /** Whether Dynamic Client Registration stores clients (default true). */
  registration?: boolean;
  /** How many dynamically registered clients are kept, the oldest dropped first (default 1,000). */
  maxClients?: number;
  /** How long a dynamically registered client is kept, in ms (default 30 days). */
  clientTtlMs?: number;
  /** How many codes, refresh tokens and revocations are kept, each (default 10,000). */
  maxEntries?: number;
  /** The clock, in ms (default Date.now). */
  now?: () => number;
}

/**
 * A development login: approves every authorization request at once as `subject`, granting the
 * scopes asked for. Never for production: anyone who reaches `/authorize` is that user.
 */
export function approveAtOnce(subject = "dev-user"): LoginHandler {
  return () => ({ subject });
}

interface Usable<T> {
  readonly record: T;
  used: boolean;
}

/**
 * An {@link AuthorizationServerProvider} keeping everything in memory, each table bounded and
 * expiring: for development, tests, and single-process servers whose tokens may die with the process.
 */
export class InMemoryProvider implements AuthorizationServerProvider {
  readonly #fixed: ReadonlyMap<string, OAuthClient>;
  readonly #clients: ExpiringTable<OAuthClient>;
  readonly #codes: ExpiringTable<Usable<CodeRecord>>;
  readonly #refresh: ExpiringTable<Usable<RefreshRecord>>;
  readonly #revokedTokens: ExpiringTable<true>;
  readonly #revokedGrants: ExpiringTable<true>;
  readonly #login: LoginHandler;
  readonly #clientTtlMs: number;
  readonly #now: () => number;
  readonly registerClient?: (client: OAuthClient) => Promise<void>;

  constructor(options: InMemoryProviderOptions) {
    this.#now = options.now ?? Date.now;
    const max = options.maxEntries ?? 10_000;
    this.#fixed = new Map((options.clients ?? []).map((c) => [c.client_id, c]));
    this.#clients = new ExpiringTable(options.maxClients ?? 1_000, this.#now);
    this.#codes = new ExpiringTable(max, this.#now);
    this.#refresh = new ExpiringTable(max, this.#now);
    this.#revokedTokens = new ExpiringTable(max, this.#now);
    this.#revokedGrants = new ExpiringTable(max, this.#now);
    this.#login = options.login ?? (() => ({ error: "login_required", description: "no login is configured" }));
    this.#clientTtlMs = options.clientTtlMs ?? 30 * 24 * 3600_000;
    if (options.registration ?? true)
      this.registerClient = async (client) => {
        if (this.#fixed.has(client.client_id)) throw new Error("mcpkit: that client id is taken");
        this.#clients.set(client.client_id, client, this.#now() + this.#clientTtlMs);
      };
  }

  async getClient(clientId: string): Promise<OAuthClient | undefined> {
    return this.#fixed.get(clientId) ?? this.#clients.get(clientId);
  }

  async authorize(request: AuthorizationRequest, http: Request): Promise<AuthorizationOutcome> {
    return this.#login(request, http);
  }

  async saveCode(hash: string, record: CodeRecord): Promise<void> {
    this.#codes.set(hash, { record, used: false }, record.expiresAt * 1000);
  }

  async useCode(hash: string): Promise<UsedRecord<CodeRecord> | undefined> {
    return use(this.#codes.get(hash));
  }

  async saveRefreshToken(hash: string, record: RefreshRecord): Promise<void> {
    this.#refresh.set(hash, { record, used: false }, record.expiresAt * 1000);
  }

  async useRefreshToken(hash: string): Promise<UsedRecord<RefreshRecord> | undefined> {
    return use(this.#refresh.get(hash));
  }

  async peekRefreshToken(hash: string): Promise<RefreshRecord | undefined> {
    const entry = this.#refresh.get(hash);
    return entry && !entry.used ? entry.record : undefined;
  }

  async revokeGrant(grantId: string, until: number): Promise<void> {
    for (const [hash, entry] of [...this.#refresh.entries()])
      if (entry.record.grantId === grantId) this.#refresh.delete(hash);
    this.#revokedGrants.set(grantId, true, until * 1000);
  }

  async revokeAccessToken(jti: string, until: number): Promise<void> {
    this.#revokedTokens.set(jti, true, until * 1000);
  }

  async isRevoked(jti: string, grantId: string | undefined): Promise<boolean> {
    return (
      this.#revokedTokens.get(jti) === true || (grantId !== undefined && this.#revokedGrants.get(grantId) === true)
    );
  }
}

/** Marks an entry used, saying whether it already was (atomic: no await in between). */
function use<T>(entry: Usable<T> | undefined): UsedRecord<T> | undefined {
  if (entry === undefined) return undefined;
  const reused = entry.used;
  entry.used = true;
  return { record: entry.record, reused };
}
