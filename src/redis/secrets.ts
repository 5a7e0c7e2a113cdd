import { randomBytes } from "node:crypto";
import type { Logger } from "../protocol/logger.js";
import type { RedisClient } from "./client.js";

/** How many random bytes a shared secret has. */
const SECRET_BYTES = 32;

/**
 * The secrets shared by every replica on this Redis, as one process uses them. The first replica to
 * ask for one stores 32 random bytes (SET NX, no expiry, so a restart of every replica keeps what
 * clients hold valid), and every replica reads back whatever won; a value too short to be one of ours
 * is refused, never used as a key. The secrets held are written back (SET NX) when Redis returns after
 * an outage without them (a restart without persistence), so that a replica started afterwards reads
 * the secret the running ones hold instead of drawing another.
 */
export class SharedSecrets {
  readonly #client: RedisClient;
  readonly #prefix: string;
  readonly #logger: Logger;
  readonly #held = new Map<string, Uint8Array>();

  constructor(client: RedisClient, prefix: string, logger: Logger) {
    this.#client = client;
    this.#prefix = prefix;
    this.#logger = logger;
  }

  /** The secret `name` (key `<prefix>secret:<name>`, base64url). */
  async get(name: string): Promise<Uint8Array> {
    const key = this.#key(name);
    await this.#client.set(key, randomBytes(SECRET_BYTES).toString("base64url"), { condition: "NX" });
    const stored = await this.#client.get(key);
    const secret = typeof stored === "string" ? Buffer.from(stored, "base64url") : Buffer.alloc(0);
    if (secret.length < SECRET_BYTES)
      throw new Error(
        `mcpkit: the Redis key ${key} does not hold a ${SECRET_BYTES}-byte secret; delete it to draw a new one`,
      );
    this.#held.set(name, secret);
    return secret;
  }

  /** Writes back each secret held, unless Redis kept it (or another replica wrote one first). */
  restore(): void {
    for (const [name, secret] of this.#held) {
      const key = this.#key(name);
      this.#client
        .set(key, Buffer.from(secret).toString("base64url"), { condition: "NX" })
        .catch((error: unknown) => this.#logger.debug(`redis: the secret ${key} was not written back`, error));
    }
  }

  #key(name: string): string {
    return `${this.#prefix}secret:${name}`;
  }
}
