import { acceptableRedirectUri } from "./redirect-uri.js";
import { publicKeySet } from "./client-keys.js";
import { fetchJson, type RemoteFetchOptions } from "./remote-json.js";
import { ExpiringTable } from "./table.js";
import type { GrantType, OAuthClient } from "./types.js";

/**
 * Options of Client ID Metadata Documents (a client id that is the URL of its metadata); the same
 * rule and bounds apply to the `jwks_uri` of a client that authenticates with `private_key_jwt`.
 */
export interface ClientMetadataDocumentOptions extends RemoteFetchOptions {
  /** How long a document (or a failure to get one) is reused, in ms (default 10 min; failures 1 min). */
  cacheTtlMs?: number;
  /** How many documents are cached (default 1,000). */
  maxEntries?: number;
}

/**
 * Resolves URL client ids by fetching their Client ID Metadata Document (no redirects followed,
 * bounded in time and size, cached), and checks it: its `client_id` is its own URL, it has
 * `redirect_uris`, and it authenticates with `none` or `private_key_jwt` (it can hold no secret).
 */
export class ClientMetadataDocuments {
  readonly #options: ClientMetadataDocumentOptions;
  readonly #cacheTtlMs: number;
  readonly #cache: ExpiringTable<OAuthClient | null>;
  readonly #pending = new Map<string, Promise<OAuthClient | null>>();

  constructor(options: ClientMetadataDocumentOptions = {}) {
    this.#options = options;
    this.#cacheTtlMs = options.cacheTtlMs ?? 600_000;
    this.#cache = new ExpiringTable(options.maxEntries ?? 1_000);
  }

  /** Whether `clientId` is a URL client id (and so resolved here rather than by the provider). */
  handles(clientId: string): boolean {
    return /^https?:\/\//i.test(clientId);
  }

  /** The client a URL client id describes, or undefined when it is not allowed, unreachable or invalid. */
  async resolve(clientId: string): Promise<OAuthClient | undefined> {
    const cached = this.#cache.get(clientId);
    if (cached !== undefined) return cached ?? undefined;
    let call = this.#pending.get(clientId);
    if (call === undefined) {
      call = this.#load(clientId).finally(() => this.#pending.delete(clientId));
      this.#pending.set(clientId, call);
    }
    return (await call) ?? undefined;
  }

  async #load(clientId: string): Promise<OAuthClient | null> {
    let client: OAuthClient | null;
    try {
      client = parseDocument(clientId, await fetchJson(clientId, this.#options));
    } catch {
      client = null;
    }
    const ttl = client ? this.#cacheTtlMs : Math.min(60_000, this.#cacheTtlMs);
    this.#cache.set(clientId, client, Date.now() + ttl);
    return client;
  }
}

function parseDocument(clientId: string, doc: unknown): OAuthClient {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error("not an object");
  const d = doc as Record<string, unknown>;
  if (d.client_id !== clientId) throw new Error("client_id is not the document's URL");
  if ("client_secret" in d) throw new Error("a metadata document holds no secret");
  const uris = d.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || uris.some((u) => typeof u !== "string" || !acceptableRedirectUri(u)))
    throw new Error("redirect_uris missing or not acceptable");
  const method = d.token_endpoint_auth_method ?? "none";
  if (method !== "none" && method !== "private_key_jwt") throw new Error("unsupported auth method");
  const grants = (Array.isArray(d.grant_types) ? d.grant_types : ["authorization_code"]) as GrantType[];
  if (grants.some((g) => g !== "authorization_code" && g !== "refresh_token")) throw new Error("unsupported grant");
  const jwks = d.jwks === undefined ? undefined : publicKeySet(d.jwks) ? (d.jwks as OAuthClient["jwks"]) : null;
  const jwksUri = typeof d.jwks_uri === "string" ? d.jwks_uri : undefined;
  if (jwks === null || (jwks && jwksUri)) throw new Error("bad jwks");
  if (method === "private_key_jwt" && !jwks && !jwksUri) throw new Error("private_key_jwt needs jwks or jwks_uri");
  return {
    client_id: clientId,
    redirect_uris: uris as string[],
    token_endpoint_auth_method: method,
    grant_types: grants,
    response_types: ["code"],
    ...(typeof d.client_name === "string" ? { client_name: d.client_name } : {}),
    ...(typeof d.scope === "string" ? { scope: d.scope } : {}),
    ...(jwks ? { jwks } : {}),
    ...(jwksUri ? { jwks_uri: jwksUri } : {}),
  };
}
