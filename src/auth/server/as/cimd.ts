import { isIP } from "node:net";
import { isLoopbackHost } from "../../../protocol/loopback.js";
import { acceptableRedirectUri } from "./redirect-uri.js";
import { ExpiringTable } from "./table.js";
import type { GrantType, OAuthClient } from "./types.js";

/** Options of Client ID Metadata Documents (a client id that is the URL of its metadata). */
export interface ClientMetadataDocumentOptions {
  /**
   * Which document URLs are fetched. Default: https URLs with a path, on a host name that is neither
   * loopback nor an IP literal (no requests into the server's own network).
   */
  allowUrl?: (url: URL) => boolean;
  /** How long a fetch may take, in ms (default 5 s). */
  timeoutMs?: number;
  /** The largest document read, in bytes (default 5 KiB). */
  maxBytes?: number;
  /** How long a document (or a failure to get one) is reused, in ms (default 10 min; failures 1 min). */
  cacheTtlMs?: number;
  /** How many documents are cached (default 1,000). */
  maxEntries?: number;
  /** The fetch to use (default the global one). */
  fetch?: typeof globalThis.fetch;
}

/** The default rule: https, a path, a host name that is not loopback and not an IP address. */
export function publicHttpsUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return url.protocol === "https:" && url.pathname !== "/" && !isLoopbackHost(host) && isIP(host) === 0;
}

/**
 * Resolves URL client ids by fetching their Client ID Metadata Document (no redirects followed,
 * bounded in time and size, cached), and checks it: its `client_id` is its own URL, it has
 * `redirect_uris`, and it authenticates with `none` or `private_key_jwt` (it can hold no secret).
 */
export class ClientMetadataDocuments {
  readonly #options: Required<Omit<ClientMetadataDocumentOptions, "fetch">> & { fetch: typeof globalThis.fetch };
  readonly #cache: ExpiringTable<OAuthClient | null>;
  readonly #pending = new Map<string, Promise<OAuthClient | null>>();

  constructor(options: ClientMetadataDocumentOptions = {}) {
    this.#options = {
      allowUrl: options.allowUrl ?? publicHttpsUrl,
      timeoutMs: options.timeoutMs ?? 5_000,
      maxBytes: options.maxBytes ?? 5 * 1024,
      cacheTtlMs: options.cacheTtlMs ?? 600_000,
      maxEntries: options.maxEntries ?? 1_000,
      fetch: options.fetch ?? globalThis.fetch,
    };
    this.#cache = new ExpiringTable(this.#options.maxEntries);
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
      client = parseDocument(clientId, await this.#fetch(clientId));
    } catch {
      client = null;
    }
    const ttl = client ? this.#options.cacheTtlMs : Math.min(60_000, this.#options.cacheTtlMs);
    this.#cache.set(clientId, client, Date.now() + ttl);
    return client;
  }

  async #fetch(clientId: string): Promise<unknown> {
    const url = new URL(clientId);
    if (url.href !== clientId || url.hash || url.username || url.password || !this.#options.allowUrl(url))
      throw new Error("client id URL not allowed");
    const response = await this.#options.fetch(url, {
      redirect: "manual",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(this.#options.timeoutMs),
    });
    if (response.status !== 200) throw new Error("no document");
    const text = await readCapped(response, this.#options.maxBytes);
    return JSON.parse(text) as unknown;
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new Error("document too large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
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
  const jwks = d.jwks as OAuthClient["jwks"] | undefined;
  if (method === "private_key_jwt" && !Array.isArray(jwks?.keys)) throw new Error("private_key_jwt needs jwks");
  return {
    client_id: clientId,
    redirect_uris: uris as string[],
    token_endpoint_auth_method: method,
    grant_types: grants,
    response_types: ["code"],
    ...(typeof d.client_name === "string" ? { client_name: d.client_name } : {}),
    ...(typeof d.scope === "string" ? { scope: d.scope } : {}),
    ...(jwks ? { jwks } : {}),
  };
}
