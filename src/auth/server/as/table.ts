/**
 * A map with a bound and an expiry per entry: an expired entry is never returned, and once the map
 * holds `maxEntries` a new entry first sweeps the expired ones, then evicts the oldest. What every
 * in-memory table of the authorization server (clients, codes, refresh tokens, revocations) is.
 */
export class ExpiringTable<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();
  #swept = -Infinity;

  constructor(
    readonly maxEntries: number,
    /** The current time in ms (a clock tests can move). */
    readonly now: () => number = Date.now,
  ) {
    if (!(maxEntries > 0)) throw new TypeError("mcpkit: a table needs a positive maxEntries");
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value under `key`, unless absent or expired. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` under `key` until `until` (ms since the epoch; Infinity for never). */
  set(key: string, value: V, until: number): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) this.#makeRoom();
    this.#entries.set(key, { value, until });
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  /** Every live entry, oldest first. */
  *entries(): IterableIterator<[string, V]> {
    const now = this.now();
    for (const [key, entry] of this.#entries) if (entry.until > now) yield [key, entry.value];
  }

  #makeRoom(): void {
    const now = this.now();
    // A full sweep at most once a second, so a table kept full costs O(1) per insert, not O(n).
    if (now - this.#swept >= 1_000) {
      this.#swept = now;
      for (const [key, entry] of this.#entries) if (entry.until <= now) this.#entries.delete(key);
    }
    while (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}
