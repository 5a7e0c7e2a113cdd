import { ErrorCode } from "../../protocol/errors.js";
import type { RequestId } from "../../protocol/inbound.js";
import { isObject, isRequest, isRequestId, responseIds } from "../../protocol/jsonrpc.js";
import type { Logger } from "../../protocol/logger.js";
import { ASSUMED_HTTP_REVISION, type RevisionSet } from "../../protocol/negotiation.js";
import type { SendOptions, Transport, TransportEvents } from "../../protocol/transport.js";
import type { EventStore } from "./event-store.js";
import { errorReply, exchangeInfo, JSON_HEADERS, refuse, SSE_HEADERS, type HttpExchange } from "./exchange.js";
import { OutStream, sseEvent, type StreamOwner } from "./out-stream.js";
import { resumeOrphan, type OrphanHost } from "./orphan-stream.js";

/** A JSON-RPC error answered for a message a session cannot read. */
export interface EnvelopeFault {
  jsonrpc: "2.0";
  id: RequestId | null;
  error: { code: number; message: string };
}

const fault = (id: RequestId | null, message: string): EnvelopeFault => ({
  jsonrpc: "2.0",
  id,
  error: { code: ErrorCode.InvalidRequest, message },
});

/**
 * The -32600 a session answers a message that is neither a request, a notification nor a response
 * (a method that is not a string, an id that is not a string or a number), or undefined for a
 * well-formed one. HTTP answers it itself: with no usable id, the session's error has no stream to go on.
 */
export function envelopeFault(message: Record<string, unknown>): EnvelopeFault | undefined {
  const { id, method } = message;
  if (method === undefined && ("result" in message || "error" in message)) return undefined;
  if (typeof method !== "string") return fault(isRequestId(id) ? id : null, "Invalid request: method must be a string");
  if ("id" in message && !isRequestId(id)) return fault(null, "Invalid request: id must be a string or an integer");
  return undefined;
}

/** What a session needs of its endpoint's options. */
export interface HttpSessionOptions {
  jsonResponse?: boolean;
  sessionIdleTimeout?: number;
  retryInterval?: number;
  maxAbandonedStreams?: number;
}

/** The endpoint a session belongs to. */
export interface SessionHost {
  readonly logger: Logger;
  /** The revisions the endpoint's server speaks. */
  readonly revisions: RevisionSet;
  /** The session is closed: forget it. */
  forget(session: HttpSession): void;
  /** A session was initialized with the client's params `client`: false if it could not be shared with the other replicas. */
  shareSession?(session: HttpSession, client: unknown): Promise<boolean>;
  /** Requests of the session's client are served (the endpoint notes what they change of the session). */
  requested?(session: HttpSession, requests: readonly { method: string; params?: unknown }[]): void;
  /** The session was used. */
  touched?(session: HttpSession): void;
}

/**
 * Streams a session keeps, by default, after their client went away (for a resume, or until their
 * requests are answered). A client resumes within its retry interval; more than a few dozen streams
 * waiting at once means a client that left or misbehaves.
 */
const MAX_ABANDONED_STREAMS = 32;

/**
 * One session of a Streamable HTTP endpoint (or, on a server without sessions, one POST): the
 * Transport its ServerSession speaks through, routing each message to a stream.
 */
export class HttpSession implements Transport, StreamOwner, OrphanHost {
  readonly id: string | undefined;
  /** Re-created here from what another replica, now gone, shared of it. */
  readonly restored: boolean;
  /** The principal whose token opened the session ({@link principalOf}); only it may use the session. */
  readonly owner: string | undefined;
  readonly #host: SessionHost;
  readonly #store: EventStore | undefined;
  readonly #options: HttpSessionOptions;
  // Made while a stream is open and dropped when the last one ends: most sessions are idle most of the time.
  #byRequest: Map<RequestId, OutStream> | undefined;
  #streams: Map<string, OutStream> | undefined;
  // Streams whose client went away, oldest first: the first to go when there are too many.
  #abandoned: Set<OutStream> | undefined;
  #events: TransportEvents | undefined;
  #standalone: OutStream | undefined;
  #revision: string | undefined;
  #idle: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    id: string | undefined,
    host: SessionHost,
    store: EventStore | undefined,
    options: HttpSessionOptions,
    owner?: string,
    restored?: string,
  ) {
    this.id = id;
    this.owner = owner;
    this.restored = restored !== undefined;
    this.#revision = restored;
    this.#host = host;
    this.#store = id === undefined ? undefined : store;
    this.#options = options;
    this.touch();
  }

  /** The negotiated revision, once initialize succeeded. */
  get revision(): string | undefined {
    return this.#revision;
  }

  start(events: TransportEvents): void {
    this.#events = events;
  }

  /** Restarts the idle timer. */
  touch(): void {
    this.#host.touched?.(this);
    const timeout = this.#options.sessionIdleTimeout ?? 30 * 60_000;
    if (this.id === undefined || timeout <= 0) return;
    if (this.#idle) this.#idle.refresh();
    else {
      this.#idle = setTimeout(() => void this.close(), timeout);
      this.#idle.unref();
    }
  }

  /** Serves one POST of JSON-RPC messages (well-formed: the endpoint refused the rest). */
  async post<R>(ex: HttpExchange<R>, body: unknown, messages: unknown[], version: string | null): Promise<R> {
    const headers: Record<string, string> = this.id === undefined ? {} : { "mcp-session-id": this.id };
    if (this.#revision !== undefined && version !== null && version !== this.#revision)
      return refuse(
        ex,
        400,
        `Bad request: MCP-Protocol-Version ${version} does not match the session's ${this.#revision}`,
      );
    const revision = this.#host.revisions.spec(this.#revision ?? version ?? ASSUMED_HTTP_REVISION);
    if (Array.isArray(body) && !revision?.batching)
      return refuse(ex, 400, `Invalid request: JSON-RPC batches are not part of revision ${revision?.name}`);
    const requests = messages.filter((m) => isRequest(m));
    // A request id still awaiting its response owns its stream entry: the repeat is refused here,
    // before it reaches the session, so the first request's answer still finds its stream.
    const reused = this.#byRequest && requests.find((r) => this.#byRequest!.has(r.id));
    if (reused) {
      const message = `Invalid request: id ${JSON.stringify(reused.id)} is already in use`;
      this.#host.logger.warn(`refused a POST: ${message}`);
      return errorReply(ex, 400, reused.id, { code: ErrorCode.InvalidRequest, message });
    }
    if (requests.length === 0) {
      const faults = Array.isArray(body) ? this.#batchFaults(ex, body as Record<string, unknown>[]) : undefined;
      if (faults) return faults;
      this.#events?.message(body, exchangeInfo(ex));
      if (this.id === undefined) queueMicrotask(() => void this.close());
      return ex.reply(202, headers);
    }
    if (requests[0]!.method === "initialize") return this.#initialize(ex, body, requests[0]!.id);
    this.#host.requested?.(this, requests);
    const stream = this.#stream(requests.map((r) => r.id));
    if (this.#options.jsonResponse) {
      const answered = stream.openJson(Array.isArray(body));
      this.#events?.message(body, exchangeInfo(ex));
      return ex.reply(200, { ...JSON_HEADERS, ...headers }, JSON.stringify(await answered));
    }
    const retry = this.#primes() ? (this.#options.retryInterval ?? 1000) : undefined;
    const answer = ex.stream(200, { ...SSE_HEADERS, ...headers }, (sink) => stream.attach(sink, retry));
    queueMicrotask(() => this.#events?.message(body, exchangeInfo(ex)));
    return answer;
  }

  /**
   * The initialize POST (alone, the endpoint saw to that), answered once its response is known: a
   * session exists only if initialize succeeds, so only a result carries the Mcp-Session-Id; after
   * an error the session is closed and nothing of it is kept.
   */
  async #initialize<R>(ex: HttpExchange<R>, body: unknown, id: RequestId): Promise<R> {
    const answered = this.#stream([id]).openJson(false);
    this.#events?.message(body, exchangeInfo(ex));
    const response = await answered;
    const result = isObject(response) && isObject(response.result) ? response.result : undefined;
    const succeeded = typeof result?.protocolVersion === "string";
    if (succeeded) this.#revision = result.protocolVersion as string;
    else void this.close();
    const shared =
      !succeeded ||
      !this.#host.shareSession ||
      (await this.#host.shareSession(this, (body as { params?: unknown }).params));
    if (!shared) {
      void this.close();
      return refuse(ex, 503, "Service unavailable: the session could not be shared with the other replicas", -32603);
    }
    if (response === undefined)
      return refuse(ex, 503, "Service unavailable: the server closed before answering", ErrorCode.InternalError);
    const headers: Record<string, string> = succeeded && this.id !== undefined ? { "mcp-session-id": this.id } : {};
    const text = JSON.stringify(response);
    if (this.#options.jsonResponse) return ex.reply(200, { ...JSON_HEADERS, ...headers }, text);
    return ex.stream(200, { ...SSE_HEADERS, ...headers }, (sink) => {
      sink.write(sseEvent(text));
      sink.end();
      return () => {};
    });
  }

  /** Opens the standalone stream, or resumes the stream `lastEventId` belongs to. */
  async get<R>(ex: HttpExchange<R>, lastEventId: string | null): Promise<R> {
    const headers = { ...SSE_HEADERS, "mcp-session-id": this.id! };
    if (lastEventId !== null && this.#store) return this.#resume(ex, lastEventId, headers);
    if (this.#standalone?.connected)
      return refuse(ex, 409, "Conflict: this session already has a standalone SSE stream");
    // A new standalone stream replaces the one the client left: only one is ever kept.
    this.#standalone?.end();
    const standalone = (this.#standalone = this.#stream([]));
    const retry = this.#primes() ? (this.#options.retryInterval ?? 1000) : undefined;
    return ex.stream(200, headers, (sink) => standalone.attach(sink, retry));
  }

  /**
   * Resumes a stream after `lastEventId`: what was stored after it, then what follows, each event once.
   * The stream is held (nothing sent to the connection being replaced) while the store is read.
   */
  async #resume<R>(ex: HttpExchange<R>, lastEventId: string, headers: Record<string, string>): Promise<R> {
    // Event ids name their stream before the last colon, as both stores write them.
    const named = this.#streams?.get(lastEventId.slice(0, Math.max(0, lastEventId.lastIndexOf(":"))));
    named?.hold();
    const replayed: [string, unknown][] = [];
    const streamId = await this.#store!.replayEventsAfter(lastEventId, (id, m) => void replayed.push([id, m]));
    const resumed = streamId === undefined ? undefined : this.#streams?.get(streamId);
    if (named && named !== resumed) named.release();
    if (!resumed) {
      if (streamId !== undefined && this.restored)
        return resumeOrphan(ex, this, this.#store!, streamId, replayed, headers);
      return refuse(ex, 404, "Not found: no stream of this session to resume after that event");
    }
    if (resumed !== named) resumed.hold();
    return ex.stream(200, headers, (sink) => {
      this.#abandoned?.delete(resumed);
      return resumed.resumeOn(sink, replayed);
    });
  }

  async send(message: unknown, options?: SendOptions): Promise<void> {
    if (this.#closed) return;
    this.touch();
    const answers = responseIds(message);
    if (answers.length > 0) {
      const byRequest = this.#byRequest;
      const stream = byRequest?.get(answers[0]!);
      if (byRequest) {
        for (const id of answers) byRequest.delete(id);
        if (byRequest.size === 0) this.#byRequest = undefined;
      }
      if (stream) await stream.write(message, answers);
      else this.#host.logger.debug(`dropped a response to request ${String(answers[0])}: no stream carries it`);
      return;
    }
    const related =
      options?.relatedRequestId === undefined ? undefined : this.#byRequest?.get(options.relatedRequestId);
    const target = related?.sse ? related : this.#standalone;
    if (target) await target.write(message, []);
    else this.#host.logger.debug("dropped a server message: no stream is open for it", message);
  }

  /**
   * Closes the connection of the SSE stream carrying `requestId`, keeping the stream: the client
   * resumes it with Last-Event-ID and is sent what followed (SSE polling). Only a primed stream, whose
   * client was given an event id and a retry interval, is closed.
   */
  closeRequestStream(requestId: RequestId): boolean {
    const stream = this.#byRequest?.get(requestId);
    if (this.#closed || !stream?.resumable || !stream.connected) return false;
    stream.closeConnection();
    return true;
  }

  /**
   * Ends the session and its streams. `handOver`: another replica carries the session on, so the
   * streams' stored events are kept for their clients to resume there.
   */
  async close(handOver = false): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#idle) clearTimeout(this.#idle);
    if (this.#streams) for (const stream of [...this.#streams.values()]) stream.end(!handOver);
    this.#host.forget(this);
    this.#events?.close();
  }

  /** @internal A stream of the replica this session was taken over from, resumed here (see {@link resumeOrphan}). */
  orphanStream(streamId: string, unanswered: RequestId[], standalone: boolean): OutStream {
    const stream = new OutStream(streamId, unanswered, this.#store, this);
    (this.#streams ??= new Map()).set(streamId, stream);
    if (standalone) {
      this.#standalone?.end();
      this.#standalone = stream;
    }
    return stream;
  }

  /** @internal A stream is over: forget it, and the requests it still waited for (their answers are dropped). */
  streamEnded(stream: OutStream): void {
    this.#streams?.delete(stream.id);
    if (this.#streams?.size === 0) this.#streams = undefined;
    if (this.#standalone === stream) this.#standalone = undefined;
    if (this.#abandoned?.delete(stream) && this.#abandoned.size === 0) this.#abandoned = undefined;
    const byRequest = this.#byRequest;
    if (byRequest && stream.pending.size > 0) {
      for (const id of stream.pending) if (byRequest.get(id) === stream) byRequest.delete(id);
      if (byRequest.size === 0) this.#byRequest = undefined;
    }
    // Without sessions, a POST is a connection of its own: answered, it is over.
    if (this.id === undefined && this.#streams === undefined) void this.close();
  }

  /** @internal The event store failed (the store logs its own outage): the stream goes on without replay. */
  storeFailed(stream: OutStream, error: unknown): void {
    this.#host.logger.debug(`stream ${stream.id}: an event was not stored, and cannot be replayed`, error);
  }

  /** @internal A stream lost its client: kept, up to the bound, the oldest such stream ended first. */
  streamDetached(stream: OutStream): void {
    const abandoned = (this.#abandoned ??= new Set());
    abandoned.add(stream);
    const max = this.#options.maxAbandonedStreams ?? MAX_ABANDONED_STREAMS;
    while (abandoned.size > max) {
      const oldest = abandoned.values().next().value!;
      abandoned.delete(oldest);
      this.#host.logger.debug(`dropped stream ${oldest.id}: too many streams await a resume`);
      oldest.end();
    }
  }

  /**
   * A batch without requests that holds malformed messages (2025-03-26): the well-formed ones are
   * delivered, and the errors answered with 400, as the session would have answered them.
   */
  #batchFaults<R>(ex: HttpExchange<R>, batch: Record<string, unknown>[]): R | undefined {
    const faults: EnvelopeFault[] = [];
    const rest: unknown[] = [];
    for (const message of batch) {
      const error = envelopeFault(message);
      if (error) faults.push(error);
      else rest.push(message);
    }
    if (faults.length === 0) return undefined;
    if (rest.length > 0) this.#events?.message(rest, exchangeInfo(ex));
    if (this.id === undefined) queueMicrotask(() => void this.close());
    return ex.reply(400, JSON_HEADERS, JSON.stringify(faults));
  }

  /** Whether streams open with a priming event: resumable sessions of a revision that has them. */
  #primes(): boolean {
    return (
      this.#store !== undefined &&
      this.#revision !== undefined &&
      this.#host.revisions.spec(this.#revision)?.primingEvents === true
    );
  }

  #stream(requestIds: RequestId[]): OutStream {
    const stream = new OutStream(crypto.randomUUID(), requestIds, this.#store, this);
    (this.#streams ??= new Map()).set(stream.id, stream);
    if (requestIds.length > 0) {
      const byRequest = (this.#byRequest ??= new Map());
      for (const id of requestIds) byRequest.set(id, stream);
    }
    return stream;
  }
}
