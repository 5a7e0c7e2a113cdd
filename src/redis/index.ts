/**
 * mcpkit/redis: the stores several replicas of a server share, on Redis with the official `redis`
 * client (an optional peer dependency: install it to use this entry point).
 * `FastMCP.runHttp({ store: await redisStore({ url }) })` turns them all on.
 */
import { createClient } from "redis";
import type { Logger } from "../protocol/logger.js";
import { stderrLogger } from "../protocol/logger.js";
import type { ServerStore } from "../server/stores.js";
import type { RedisClient } from "./client.js";
import { RedisEventStore, type RedisEventStoreOptions } from "./event-store.js";
import { RedisNotificationBus } from "./notification-bus.js";
import { RedisReplayCache } from "./replay-cache.js";
import { SharedSecrets } from "./secrets.js";
import { RedisSessions } from "./sessions.js";
import { RedisTaskStore, type RedisTaskStoreOptions } from "./task-store.js";

export { RedisEventStore, type RedisEventStoreOptions } from "./event-store.js";
export { RedisNotificationBus } from "./notification-bus.js";
export { RedisReplayCache } from "./replay-cache.js";
export { RedisSessions } from "./sessions.js";
export { RedisTaskStore, type RedisTaskStoreOptions } from "./task-store.js";
export type { RedisClient } from "./client.js";

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** The Redis server, e.g. `redis://127.0.0.1:6379` (credentials and `rediss:` as the client takes them). */
  url: string;
  /** Prefix of every key and channel (default `mcpkit:`), so servers sharing one Redis stay apart. */
  prefix?: string;
  /** Bounds of the SSE event streams. */
  events?: Pick<RedisEventStoreOptions, "maxEventsPerStream" | "maxAgeMs">;
  /** Bound of tasks without a TTL. */
  tasks?: Pick<RedisTaskStoreOptions, "maxTaskTtlMs">;
  /** Where the connection's loss and return are told (default stderr). */
  logger?: Logger;
}

/** The stores on one Redis connection, for `runHttp({ store })`; closed with {@link RedisStore.close} after the server. */
export interface RedisStore extends ServerStore {
  readonly eventStore: RedisEventStore;
  readonly tasks: RedisTaskStore;
  readonly replayCache: RedisReplayCache;
  readonly notifications: RedisNotificationBus;
  readonly sessions: RedisSessions;
  /** Whether Redis answers now (a PING); `runHttp`'s readiness probe asks it. */
  ready(): Promise<boolean>;
  /** The secret `name`, drawn once for every replica (key `<prefix>secret:<name>`, base64url, no expiry). */
  secret(name: string): Promise<Uint8Array>;
  /** The connection, for anything else the application keeps in Redis. */
  readonly client: RedisClient;
  /** Closes the connection. */
  close(): Promise<void>;
}

/**
 * Connects to Redis and returns the event store, task store, replay cache, notification bus and
 * session registry and shared secrets on that connection.
 * While Redis cannot be reached, what needs it fails at once (no queue builds up: a request needing
 * it is answered -32603) and the connection is retried; the loss and the return are logged once each.
 */
export async function redisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const logger = options.logger ?? stderrLogger;
  const client: RedisClient = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) },
  });
  const where = redacted(options.url);
  const prefix = options.prefix ?? "mcpkit:";
  // The secrets this process uses, written back should Redis return without them (no persistence).
  const secrets = new SharedSecrets(client, prefix, logger);
  let down = false;
  client.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    logger.error(`redis: ${where} cannot be reached; requests that need it fail until it is back`, error);
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info(`redis: ${where} is reachable again`);
    secrets.restore();
  });
  await client.connect();
  return {
    client,
    eventStore: new RedisEventStore(client, { ...options.events, prefix, logger }),
    tasks: new RedisTaskStore(client, { ...options.tasks, prefix, logger }),
    replayCache: new RedisReplayCache(client, prefix),
    notifications: new RedisNotificationBus(client, { prefix, logger }),
    sessions: new RedisSessions(client, { prefix, logger }),
    ready: async () =>
      client.isReady &&
      (await client.ping().then(
        () => true,
        () => false,
      )),
    secret: (name) => secrets.get(name),
    close: async () => {
      await client.close().catch(() => client.destroy());
    },
  };
}

/** The URL without its credentials, for logs. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "the Redis server";
  }
}
