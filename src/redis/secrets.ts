import { randomBytes } from "node:crypto";
import type { RedisClient } from "./client.js";

/** How many random bytes a shared secret has. */
const SECRET_BYTES = 32;

/**
 * The secret `name` shared by every replica on this Redis: the first replica to ask stores 32 random
 * bytes (SET NX, no expiry, so a restart of every replica keeps what clients hold valid), and every
 * replica reads back whatever won. A value too short to be one of ours is refused, never used as a key.
 */
export async function sharedSecret(client: RedisClient, prefix: string, name: string): Promise<Uint8Array> {
  const key = `${prefix}secret:${name}`;
  await client.set(key, randomBytes(SECRET_BYTES).toString("base64url"), { condition: "NX" });
  const stored = await client.get(key);
  const secret = typeof stored === "string" ? Buffer.from(stored, "base64url") : Buffer.alloc(0);
  if (secret.length < SECRET_BYTES)
    throw new Error(
      `mcpkit: the Redis key ${key} does not hold a ${SECRET_BYTES}-byte secret; delete it to draw a new one`,
    );
  return secret;
}
