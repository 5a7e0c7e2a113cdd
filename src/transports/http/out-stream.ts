import type { RequestId } from "../../protocol/inbound.js";
import type { EventStore } from "./event-store.js";
import type { SseSink } from "./exchange.js";

const encoder = new TextEncoder();

/** How one SSE event is framed: an optional id and retry, then the data line. */
export function sseEvent(data: string, id?: string, retry?: number): Uint8Array {
  const head = `${id === undefined ? "" : `id: ${id}\n`}${retry === undefined ? "" : `retry: ${retry}\n`}`;
  return encoder.encode(`${head}event: message\ndata: ${data}\n\n`);
}

/**
 * What a stream's priming event stores: its session and the requests it carries, so that a replica
 * taking the session over resumes only that session's streams, and answers the requests its stopped
 * owner never answered. It is never sent to a client.
 */
export interface PrimingRecord {
  readonly primed: readonly RequestId[];
  readonly session?: string;
}

/** Whether a stored message is a {@link PrimingRecord} (a JSON-RPC message has `jsonrpc`). */
export function isPrimingRecord(message: unknown): message is PrimingRecord {
  return typeof message === "object" && message !== null && Array.isArray((message as { primed?: unknown }).primed);
}

/** What a stream tells the session it belongs to. */
export interface StreamOwner {
  /** The session's id (none without sessions). */
  readonly id: string | undefined;
  /** The stream is over: its requests are answered (or it was ended), and it is to be forgotten. */
  streamEnded(stream: OutStream): void;
  /** The stream lost its connection but lives on, for the client to resume or its requests to finish. */
  streamDetached(stream: OutStream): void;
  /** The event store refused an event (it is unreachable): the event is sent without an id, and cannot be replayed. */
  storeFailed(stream: OutStream, error: unknown): void;
}

/**
 * One stream of a Streamable HTTP session: the answer to a POST (as SSE, or one JSON body) or the
 * standalone GET stream. It knows the requests whose responses it carries and ends when they are all
 * answered. With an event store, SSE events are kept so a client that lost the connection can resume
 * it with Last-Event-ID; a stream outlives its connection until its requests are answered.
 */
export class OutStream {
  readonly id: string;
  readonly pending: Set<RequestId>;
  readonly #store: EventStore | undefined;
  readonly #owner: StreamOwner;
  #sink: SseSink | undefined;
  #json: { resolve(body: unknown): void; responses: unknown[]; batch: boolean } | undefined;
  #ended = false;
  #awaitingResume = false;
  #primed = false;
  // The priming event while its store call is in flight, and a connection closed meanwhile, ended once it is sent.
  #priming: Promise<void> | undefined;
  #closing: SseSink | undefined;
  // While a resumption reads what was stored: the events sent meanwhile, by id, to send after the replay.
  #held: { id: string | undefined; chunk: Uint8Array }[] | undefined;

  constructor(id: string, pending: Iterable<RequestId>, store: EventStore | undefined, owner: StreamOwner) {
    this.id = id;
    this.pending = new Set(pending);
    this.#store = store;
    this.#owner = owner;
  }

  /**
   * A connection takes the stream as SSE, opened with a priming event (an event id and `retry`) when
   * `retry` is given; resolves with what to call when that connection goes away.
   */
  attach(sink: SseSink, retry?: number): () => void {
    this.#sink = sink;
    if (retry !== undefined && this.#store) {
      // Resumable from now: with a store that answers later, a handler closing the stream at once still can.
      this.#primed = true;
      const priming = this.#prime(sink, retry).finally(() => {
        if (this.#priming === priming) this.#priming = undefined;
      });
      this.#priming = priming;
    }
    return () => {
      if (this.#sink === sink) this.detach();
    };
  }

  async #prime(sink: SseSink, retry: number): Promise<void> {
    const session = this.#owner.id;
    const record: PrimingRecord =
      session === undefined ? { primed: [...this.pending] } : { primed: [...this.pending], session };
    const primed = await this.#stored(record);
    if (primed === undefined) this.#primed = false;
    else if (this.#sink === sink || this.#closing === sink) sink.write(sseEvent("", primed, retry));
  }

  /** Stores one event; its id, or undefined when the store failed (the owner is told). */
  #stored(message: unknown): Promise<string | undefined> | string {
    let stored: string | Promise<string>;
    try {
      stored = this.#store!.storeEvent(this.id, message);
    } catch (error) {
      this.#owner.storeFailed(this, error);
      return Promise.resolve(undefined);
    }
    return typeof stored === "string"
      ? stored
      : stored.catch((error: unknown) => (this.#owner.storeFailed(this, error), undefined));
  }

  /** The stream answers as one JSON body, once every request it carries is answered. */
  openJson(batch: boolean): Promise<unknown> {
    return new Promise((resolve) => (this.#json = { resolve, responses: [], batch }));
  }

  /**
   * Whether a client can come back to this stream once its connection is closed: it is an SSE stream
   * still in use, its events are stored, and it opened with a priming event (an event id and a `retry`).
   */
  get resumable(): boolean {
    return this.#primed && !this.#ended && this.#json === undefined;
  }

  /** Whether a client is reading the stream now (messages can reach it without a replay). */
  get connected(): boolean {
    return this.#sink !== undefined || this.#json !== undefined;
  }

  get sse(): boolean {
    return this.#json === undefined;
  }

  /** Sends one message; a response takes its request off `pending`, and the last one ends the stream. */
  async write(message: unknown, answers: RequestId[]): Promise<void> {
    if (this.#ended) return;
    if (this.#json) {
      this.#json.responses.push(...(Array.isArray(message) ? message : [message]));
    } else {
      const data = JSON.stringify(message);
      const eventId = this.#store ? await this.#stored(message) : undefined;
      this.#enqueue(sseEvent(data, eventId), eventId);
    }
    for (const id of answers) this.pending.delete(id);
    if (answers.length === 0 || this.pending.size > 0) return;
    // Answered while nobody was reading: keep it for the client to resume (its events are stored).
    if (this.connected || !this.#store) this.end();
    else this.#awaitingResume = true;
  }

  /** Every request is answered, but the answers were stored while disconnected and await a resume. */
  get awaitingResume(): boolean {
    return this.#awaitingResume;
  }

  /** Sends an already-stored event again (a replay after Last-Event-ID). */
  replay(eventId: string, message: unknown): void {
    if (message !== null && !isPrimingRecord(message))
      this.#enqueue(sseEvent(JSON.stringify(message), eventId), eventId);
  }

  /**
   * A client is resuming: until {@link resumeOn}, events are held rather than sent, so that none
   * stored while the replay is read is lost (sent to the connection being replaced) or sent twice.
   */
  hold(): void {
    // The connection being replaced (a client reconnecting before this side saw the old one go) is
    // ended, not left open: nothing would ever be written to it or close it.
    const previous = this.#sink;
    this.#sink = undefined;
    this.#held = [];
    previous?.end();
  }

  /** Stops holding without a client (the resumption was refused): held events stay stored only. */
  release(): void {
    this.#held = undefined;
  }

  /**
   * The resuming client's connection takes the stream: first `replayed` (what was stored after its
   * last event), then what was held meanwhile and not already replayed, then live events.
   */
  resumeOn(sink: SseSink, replayed: readonly (readonly [string, unknown])[]): () => void {
    const held = this.#held ?? [];
    this.#held = undefined;
    const detach = this.attach(sink);
    const sent = new Set<string>();
    for (const [id, message] of replayed) {
      sent.add(id);
      this.replay(id, message);
    }
    for (const event of held) if (event.id === undefined || !sent.has(event.id)) sink.write(event.chunk);
    if (this.#awaitingResume) this.end();
    return detach;
  }

  /** The client went away; the stream lives on (with a store) until its requests are answered. */
  detach(): void {
    this.#sink = undefined;
    if (!this.#store && this.pending.size === 0) this.end();
    else if (!this.#ended) this.#owner.streamDetached(this);
  }

  /** Closes the connection now, keeping the stream for a resume (SSE polling). */
  closeConnection(): void {
    const sink = this.#sink;
    this.#sink = undefined;
    if (sink && this.#priming) {
      // The priming event is still being stored: the client gets it (its event id to resume from) first.
      this.#closing = sink;
      void this.#priming.then(() => {
        if (this.#closing === sink) this.#closing = undefined;
        sink.end();
      });
    } else sink?.end();
    if (sink && !this.#ended) this.#owner.streamDetached(this);
  }

  /** Ends the stream: the connection closes and the stream is forgotten (its stored events too, with `forget`). */
  end(forget = true): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#json) {
      const { responses, batch, resolve } = this.#json;
      resolve(batch ? responses : responses[0]);
    }
    this.closeConnection();
    if (forget) this.#store?.forgetStream?.(this.id);
    this.#owner.streamEnded(this);
  }

  #enqueue(chunk: Uint8Array, id?: string): void {
    if (this.#held) this.#held.push({ id, chunk });
    else this.#sink?.write(chunk);
  }
}
