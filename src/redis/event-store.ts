import type { EventStore } from "../transports/http/event-store.js";
import type { Logger } from "../protocol/logger.js";
import type { RedisClient } from "./client.js";

/** Options of {@link RedisEventStore}. */
export interface RedisEventStoreOptions {
  /** Prefix of its keys (default `mcpkit:`); one stream per SSE stream, under `<prefix>events:`. */
  prefix?: string;
  /** Events kept per stream, about (trimmed approximately, as Redis does cheaply; default 1,000). */
  maxEventsPerStream?: number;
  /** Milliseconds an event is kept, about; a stream with no new event that long is deleted (default 600,000). */
  maxAgeMs?: number;
  logger?: Logger;
}

/** A Redis stream entry id, as the event ids carry it. */
const ENTRY_ID = /^\d{1,20}-\d{1,20}$/;

/**
 * An EventStore on Redis Streams: each SSE stream's events in a Redis stream, so that a client that
 * lost its stream is sent what it missed by whichever replica reads Redis. Event ids are
 * `<stream id>:<entry id>`; a resumption sends the entries after that one, in order, each once.
 */
export class RedisEventStore implements EventStore {
  readonly #client: RedisClient;
  readonly #prefix: string;
  readonly #maxEvents: number;
  readonly #maxAge: number;
  readonly #logger: Logger | undefined;

  constructor(client: RedisClient, options: RedisEventStoreOptions = {}) {
    this.#client = client;
    this.#prefix = `${options.prefix ?? "mcpkit:"}events:`;
    this.#maxEvents = options.maxEventsPerStream ?? 1000;
    this.#maxAge = options.maxAgeMs ?? 600_000;
    this.#logger = options.logger;
  }

  async storeEvent(streamId: string, message: unknown): Promise<string> {
    const key = this.#prefix + streamId;
    const trim = { strategy: "MAXLEN", strategyModifier: "~", threshold: this.#maxEvents } as const;
    const [entryId] = await this.#client
      .multi()
      .xAdd(key, "*", { m: JSON.stringify(message) ?? "null" }, { TRIM: trim })
      .xTrim(key, "MINID", Date.now() - this.#maxAge, { strategyModifier: "~" })
      .pExpire(key, this.#maxAge)
      .exec();
    return `${streamId}:${String(entryId)}`;
  }

  async replayEventsAfter(
    lastEventId: string,
    send: (eventId: string, message: unknown) => void,
  ): Promise<string | undefined> {
    const cut = lastEventId.lastIndexOf(":");
    const streamId = lastEventId.slice(0, cut);
    const after = lastEventId.slice(cut + 1);
    if (cut <= 0 || !ENTRY_ID.test(after)) return undefined;
    const key = this.#prefix + streamId;
    const [exists, entries] = await this.#client.multi().exists(key).xRange(key, `(${after}`, "+").exec();
    if (Number(exists) !== 1) return undefined;
    for (const entry of entries as unknown as { id: string; message: { m: string } }[])
      send(`${streamId}:${entry.id}`, JSON.parse(entry.message.m));
    return streamId;
  }

  async firstEvent(streamId: string): Promise<{ id: string; message: unknown } | undefined> {
    const [entry] = (await this.#client.xRange(this.#prefix + streamId, "-", "+", { COUNT: 1 })) as unknown as {
      id: string;
      message: { m: string };
    }[];
    return entry && { id: `${streamId}:${entry.id}`, message: JSON.parse(entry.message.m) };
  }

  forgetStream(streamId: string): void {
    this.#client.del(this.#prefix + streamId).catch((error: unknown) => {
      this.#logger?.debug(`redis: stream ${streamId} not forgotten (it expires on its own)`, error);
    });
  }
}
