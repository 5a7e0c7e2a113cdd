import type { JSONWebKeySet } from "jose";
import { fetchJson, type RemoteFetchOptions } from "./remote-json.js";
import { ExpiringTable } from "./table.js";
import type { OAuthClient } from "./types.js";

/** The largest JWKS read from a client's `jwks_uri`, in bytes. */
const MAX_JWKS_BYTES = 64 * 1024;
/** How long fetched client keys are used, in ms. */
const KEYS_TTL_MS = 300_000;

/** Whether a value is a JWKS of 1 to 10 public keys. */
export function publicKeySet(value: unknown): value is JSONWebKeySet {
  const keys = typeof value === "object" && value !== null ? (value as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > 10) return false;
  return keys.every(
    (key: unknown) =>
      typeof key === "object" &&
      key !== null &&
      typeof (key as { kty?: unknown }).kty === "string" &&
      (key as { kty: string }).kty !== "oct" &&
      !("d" in key),
  );
}

/**
 * The public keys of `private_key_jwt` clients: registered inline (`jwks`), or fetched from their
 * `jwks_uri` under the same rule and bounds as metadata documents, cached 5 minutes (1,000 at most).
 */
export class ClientKeys {
  readonly #cache = new ExpiringTable<JSONWebKeySet>(1_000);

  constructor(readonly options: RemoteFetchOptions = {}) {}

  /** The client's keys, or undefined when it has none that can be had. */
  async of(client: OAuthClient): Promise<JSONWebKeySet | undefined> {
    if (client.jwks) return client.jwks as JSONWebKeySet;
    const uri = client.jwks_uri;
    if (uri === undefined) return undefined;
    const cached = this.#cache.get(uri);
    if (cached) return cached;
    try {
      const keys = await fetchJson(uri, { ...this.options, maxBytes: MAX_JWKS_BYTES });
      if (!publicKeySet(keys)) return undefined;
      this.#cache.set(uri, keys, Date.now() + KEYS_TTL_MS);
      return keys;
    } catch {
      return undefined;
    }
  }
}
