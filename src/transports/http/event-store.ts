/**
 * Where a Streamable HTTP server keeps the events it sends on SSE streams, so a client that lost a
 * stream can resume it with Last-Event-ID and be sent what it missed.
 */
export interface EventStore {
  /** Keeps one message sent on a stream; resolves with the event id to send with it. */
  storeEvent(streamId: string, message: unknown): string | Promise<string>;
  /** Sends every event of the stream `lastEventId` belongs to that came after it; resolves with that stream's id, or undefined for an unknown event id. */
  replayEventsAfter(
    lastEventId: string,
    send: (eventId: string, message: unknown) => void,
  ): string | undefined | Promise<string | undefined>;
  /** Forgets a stream's events (its requests are answered and it is closed). */
  forgetStream?(streamId: string): void;
  /**
   * The first event kept of a stream (its priming event while the stream is short), for a replica
   * resuming a stream another one was sending; undefined if the stream is unknown.
   */
  firstEvent?(
    streamId: string,
  ): { id: string; message: unknown } | undefined | Promise<{ id: string; message: unknown } | undefined>;
}

/** Options of the in-memory event store. */
export interface InMemoryEventStoreOptions {
  /** Events kept per stream; older ones are dropped first (default 1,000). */
  maxEventsPerStream?: number;
  /** Streams kept; the oldest is dropped first (default 1,000). */
  maxStreams?: number;
}

/** The default EventStore: per stream, the last events in memory, bounded so it cannot grow without end. */
export class InMemoryEventStore implements EventStore {
  readonly #streams = new Map<string, { seq: number; events: { seq: number; message: unknown }[] }>();
  readonly #maxEvents: number;
  readonly #maxStreams: number;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.#maxEvents = options.maxEventsPerStream ?? 1000;
    this.#maxStreams = options.maxStreams ?? 1000;
  }

  storeEvent(streamId: string, message: unknown): string {
    let stream = this.#streams.get(streamId);
    if (!stream) {
      if (this.#streams.size >= this.#maxStreams) this.#streams.delete(this.#streams.keys().next().value!);
      stream = { seq: 0, events: [] };
      this.#streams.set(streamId, stream);
    }
    const seq = ++stream.seq;
    stream.events.push({ seq, message });
    if (stream.events.length > this.#maxEvents) stream.events.shift();
    return `${streamId}:${seq}`;
  }

  replayEventsAfter(lastEventId: string, send: (eventId: string, message: unknown) => void): string | undefined {
    const cut = lastEventId.lastIndexOf(":");
    const streamId = lastEventId.slice(0, cut);
    const after = Number(lastEventId.slice(cut + 1));
    const stream = cut > 0 ? this.#streams.get(streamId) : undefined;
    if (!stream || !Number.isInteger(after)) return undefined;
    for (const event of stream.events) if (event.seq > after) send(`${streamId}:${event.seq}`, event.message);
    return streamId;
  }

  forgetStream(streamId: string): void {
    this.#streams.delete(streamId);
  }

  firstEvent(streamId: string): { id: string; message: unknown } | undefined {
    const first = this.#streams.get(streamId)?.events[0];
    return first && { id: `${streamId}:${first.seq}`, message: first.message };
  }

  /** Streams held, for tests that check nothing leaks. */
  get size(): number {
    return this.#streams.size;
  }
}
