/**
 * Where single-use values (a DPoP proof's `jti`) are remembered until they may be forgotten, so a
 * second use is refused. Several replicas of a server share one (see `mcpkit/redis`), else a proof
 * replayed to another replica would pass.
 */
export interface ReplayCache {
  /**
   * Records `key` as used until `untilSec` (seconds since the epoch); true when it was not used
   * before (or its time had passed), false for a replay. Rejects when the cache cannot be reached.
   */
  remember(key: string, untilSec: number): boolean | Promise<boolean>;
}

/** The default ReplayCache: a table in this process's memory, bounded (the entries past their time go first, then the oldest). */
export class InMemoryReplayCache implements ReplayCache {
  /** Key to when it may be forgotten, in seconds; oldest first. */
  readonly #seen = new Map<string, number>();
  readonly #maxEntries: number;

  constructor(maxEntries = 100_000) {
    this.#maxEntries = maxEntries;
  }

  remember(key: string, untilSec: number): boolean {
    const now = Date.now() / 1000;
    const known = this.#seen.get(key);
    if (known !== undefined && known > now) return false;
    if (this.#seen.size >= this.#maxEntries) {
      for (const [old, expiry] of this.#seen) {
        if (expiry > now && this.#seen.size < this.#maxEntries) break;
        this.#seen.delete(old);
      }
    }
    this.#seen.set(key, untilSec);
    return true;
  }
}
