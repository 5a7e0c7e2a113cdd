import type { ReplayCache } from "../auth/server/replay-cache.js";
import type { RedisClient } from "./client.js";

/** A ReplayCache in Redis: each key a Redis key set only if absent (SET NX), expiring when it may be forgotten. */
export class RedisReplayCache implements ReplayCache {
  readonly #client: RedisClient;
  readonly #prefix: string;

  constructor(client: RedisClient, prefix = "mcpkit:") {
    this.#client = client;
    this.#prefix = `${prefix}replay:`;
  }

  async remember(key: string, untilSec: number): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(untilSec * 1000 - Date.now()));
    const set = await this.#client.set(this.#prefix + key, "1", {
      condition: "NX",
      expiration: { type: "PX", value: ttl },
    });
    return set === "OK";
  }
}
