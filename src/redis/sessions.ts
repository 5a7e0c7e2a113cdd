import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../protocol/logger.js";
import type {
  Forward,
  ForwardedAnswer,
  ForwardedRequest,
  OwnerAnswer,
  SessionChanges,
  SessionRecord,
  SessionSharing,
} from "../transports/http/session-sharing.js";
import type { RedisClient } from "./client.js";
import { RedisRelay } from "./relay.js";

/** Moves a session to this replica if `from` still owns it. KEYS: the record; ARGV: from, to, ttl. */
const CLAIM = `if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'owner', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 1
end
return 0`;

/** Writes the record again if it is missing; refuses if another replica owns it. ARGV: me, ttl, field, value, ... */
const REASSERT = `local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= ARGV[1] then return 0 end
if not owner then redis.call('HSET', KEYS[1], unpack(ARGV, 3)) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** Sets fields of an existing record. ARGV: field, value, ... */
const SET_IF_EXISTS = `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return 0`;

/**
 * The session registry and relay on Redis: each session a hash `<prefix>session:<id>` (owner,
 * principal, revision, client params, log level) expiring with the session's idle timeout; requests
 * forwarded over pub/sub ({@link RedisRelay}).
 */
export class RedisSessions implements SessionSharing {
  readonly replica: string;
  readonly #client: RedisClient;
  readonly #prefix: string;
  readonly #logger: Logger | undefined;
  readonly #relay: RedisRelay;

  constructor(client: RedisClient, options: { prefix?: string; logger?: Logger } = {}) {
    this.#client = client;
    this.#prefix = options.prefix ?? "mcpkit:";
    this.#logger = options.logger;
    // The pid first: operators (and tests) tell from a record which process owns a session.
    this.replica = `${process.pid}@${hostname()}/${randomBytes(4).toString("hex")}`;
    this.#relay = new RedisRelay(client, this.replica, { prefix: this.#prefix, logger: options.logger });
  }

  async register(sessionId: string, record: SessionRecord, ttlMs: number): Promise<void> {
    const key = this.#key(sessionId);
    await this.#client.multi().del(key).hSet(key, fields(record)).pExpire(key, ttlMs).exec();
  }

  async update(sessionId: string, changes: SessionChanges): Promise<void> {
    const flat = Object.entries(changeFields(changes)).flat();
    if (flat.length > 0) await this.#client.eval(SET_IF_EXISTS, { keys: [this.#key(sessionId)], arguments: flat });
  }

  async refresh(sessionId: string, ttlMs: number): Promise<void> {
    await this.#client.pExpire(this.#key(sessionId), ttlMs);
  }

  async lookup(sessionId: string): Promise<SessionRecord | undefined> {
    const hash = (await this.#client.hGetAll(this.#key(sessionId))) as Record<string, string>;
    if (typeof hash.owner !== "string" || typeof hash.revision !== "string") return undefined;
    const client = parsed(hash.client);
    const subscriptions = parsed(hash.subscriptions);
    return {
      owner: hash.owner,
      revision: hash.revision,
      ...(hash.principal === undefined ? {} : { principal: hash.principal }),
      ...(client === undefined ? {} : { client }),
      ...(hash.logLevel === undefined ? {} : { logLevel: hash.logLevel }),
      ...(isStrings(subscriptions) ? { subscriptions } : {}),
    };
  }

  async claim(sessionId: string, from: string, ttlMs: number): Promise<boolean> {
    const keys = [this.#key(sessionId)];
    return Number(await this.#client.eval(CLAIM, { keys, arguments: [from, this.replica, String(ttlMs)] })) === 1;
  }

  async reassert(sessionId: string, record: SessionRecord, ttlMs: number): Promise<boolean> {
    const flat = Object.entries(fields(record)).flat();
    const keys = [this.#key(sessionId)];
    return Number(await this.#client.eval(REASSERT, { keys, arguments: [this.replica, String(ttlMs), ...flat] })) === 1;
  }

  async remove(sessionId: string): Promise<void> {
    await this.#client.del(this.#key(sessionId));
  }

  forward(owner: string, request: ForwardedRequest, answer: ForwardedAnswer): Promise<Forward | undefined> {
    return this.#relay.forward(owner, request, answer);
  }

  async serve(
    handler: (request: ForwardedRequest, answer: OwnerAnswer) => void,
    reconnected: () => void,
  ): Promise<() => Promise<void>> {
    const subscriber = this.#client.duplicate();
    let connected = false;
    subscriber.on("error", (error: unknown) => {
      this.#logger?.debug("redis: the relay subscriber failed", error);
      if (!subscriber.isReady) this.#relay.unsubscribed();
    });
    subscriber.on("reconnecting", () => this.#relay.unsubscribed());
    subscriber.on("ready", () => {
      if (connected) this.#relay.resubscribed();
      // Told once both connections are back: what follows writes through the other one.
      if (connected && this.#client.isReady) reconnected();
      else if (connected) this.#client.once("ready", reconnected);
      connected = true;
    });
    await subscriber.connect();
    await this.#relay.listen(subscriber, handler);
    return async () => {
      // Stopped listening first: from then on, other replicas take this one's sessions over.
      await subscriber.close().catch(() => subscriber.destroy());
      this.#relay.close();
    };
  }

  #key(sessionId: string): string {
    return `${this.#prefix}session:${sessionId}`;
  }
}

/** A record as the hash's fields. */
function fields(record: SessionRecord): Record<string, string> {
  return {
    owner: record.owner,
    revision: record.revision,
    ...(record.principal === undefined ? {} : { principal: record.principal }),
    ...(record.client === undefined ? {} : { client: JSON.stringify(record.client) }),
    ...changeFields(record),
  };
}

/** The changeable fields of a record as the hash's fields. */
function changeFields(changes: SessionChanges): Record<string, string> {
  return {
    ...(changes.logLevel === undefined ? {} : { logLevel: changes.logLevel }),
    ...(changes.subscriptions === undefined ? {} : { subscriptions: JSON.stringify(changes.subscriptions) }),
  };
}

/** A JSON field's value, or undefined when it is missing or garbled. */
function parsed(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");
