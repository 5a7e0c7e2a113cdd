import { clientAuthFor, sendAuthorized } from "../../auth/client/authorized-request.js";
import type { OAuthClientAuth } from "../../auth/client/client-auth.js";
import { ConnectionClosedError, ErrorCode, type WireError } from "../../protocol/errors.js";
import type { SendOptions, Transport, TransportEvents } from "../../protocol/transport.js";
import { FetchRequester, type HttpAnswer, type HttpRequester } from "./answer.js";
import {
  eventStream,
  StatelessInflight,
  statelessHeaders,
  statelessRequest,
  type EventStream,
} from "./stateless-client.js";
import { NodeHttpRequester } from "./node-client.js";
import { SseClientTransport } from "./sse-client.js";
import {
  buildHeaders,
  DEFAULT_RECONNECTION,
  errorResponse,
  failRequests,
  httpFailure,
  isObject,
  isRequest,
  mediaType,
  MessageTooLargeError,
  messageLimit,
  parseJson,
  reconnectDelay,
  requestIds,
  responseIds,
  type ReconnectionOptions,
  type RequestId,
  type ServerSentEvent,
} from "./sse-parse.js";

import type { StreamableHttpClientOptions } from "./streamable-http-options.js";

export type { HeadersOption, HttpClientOptions, ReconnectionOptions } from "./sse-parse.js";
export type { StreamableHttpClientOptions } from "./streamable-http-options.js";

/** The server no longer knows the session: it answered HTTP 404 to a request carrying its id. */
export class SessionExpiredError extends Error {
  readonly sessionId: string;

  constructor(sessionId: string) {
    super(`the MCP session ${sessionId} has expired (HTTP 404)`);
    this.name = "SessionExpiredError";
    this.sessionId = sessionId;
  }
}

const FALLBACK_STATUSES = [400, 404, 405];
/** Milliseconds `close()` gives the DELETE that ends the session. */
const DELETE_TIMEOUT = 2000;

const internal = (message: string): WireError => ({ code: ErrorCode.InternalError, message });

/**
 * The client side of Streamable HTTP (2025-03-26 onwards): each message is POSTed to one endpoint
 * and answered with JSON or an event stream; a GET stream carries what the server starts. Streams
 * cut before they deliver their answers are resumed by GET with Last-Event-ID; a request HTTP
 * refuses is answered locally with an error response, so no call waits for an answer that will not
 * come. A server that refuses the initialize POST may be a 2024-11-05 one, and is then spoken to
 * over HTTP+SSE instead. A request carrying its protocol version in `_meta` (2026-07-28) is sent
 * statelessly: no session id, the version and the standard `Mcp-*` headers mirrored from its body, no
 * resumption, and cancelled by aborting its own fetch.
 */
export class StreamableHttpClientTransport implements Transport {
  readonly #url: URL;
  readonly #http: HttpRequester;
  readonly #options: StreamableHttpClientOptions;
  readonly #reconnection: ReconnectionOptions;
  readonly #abort = new AbortController();
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Requests sent and not yet answered, on whichever stream. */
  readonly #unanswered = new Set<RequestId>();
  readonly #stateless = new StatelessInflight();
  /** Request fields are mirrored into headers (2026-07-28), so the session checks `x-mcp-header`. */
  readonly mirrorsHeaders = true;
  #events: TransportEvents | undefined;
  #state: "new" | "open" | "closed" = "new";
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;
  #initializeId: RequestId | undefined;
  #stateful: SseClientTransport | undefined;
  readonly #auth: OAuthClientAuth | undefined;

  constructor(url: string | URL, options: StreamableHttpClientOptions = {}) {
    this.#url = new URL(url);
    // Without a fetch of the caller's, node:http: undici's fetch and its web streams cost more than the rest of a call.
    const max = messageLimit(options.maxMessageSize);
    this.#http = options.fetch
      ? new FetchRequester(this.#url, options.fetch, max)
      : new NodeHttpRequester(this.#url, options.agent, max);
    this.#options = options;
    const given = Object.entries(options.reconnection ?? {}).filter(([, value]) => value !== undefined);
    this.#reconnection = { ...DEFAULT_RECONNECTION, ...Object.fromEntries(given) };
    this.#sessionId = options.sessionId;
    this.#auth = options.auth && clientAuthFor(options.auth, this.#url, options.fetch ? { fetch: options.fetch } : {});
  }

  /** The session id the server assigned at initialize (or the one given), sent as Mcp-Session-Id. */
  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  /** The negotiated protocol version, sent as MCP-Protocol-Version; read off the initialize result. */
  get protocolVersion(): string | undefined {
    return this.#protocolVersion;
  }

  /** Whether the server turned out to speak the 2024-11-05 HTTP+SSE transport, now in use instead. */
  get usingSse(): boolean {
    return this.#stateful !== undefined;
  }

  /** Sets the protocol version sent on every later request (a session continued without initialize). */
  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
  }

  /** Starts the transport; nothing is sent until the first message, unless a session is continued. */
  start(events: TransportEvents): void {
    if (this.#state !== "new")
      throw new Error(`the transport is already ${this.#state === "open" ? "started" : "closed"}`);
    this.#events = events;
    this.#state = "open";
    if (this.#sessionId !== undefined) this.#openStandalone();
  }

  /**
   * POSTs one message (or batch). Resolves once the server has taken it: the answer is delivered as
   * it arrives. Rejects when the message could not be sent at all, or when the server refused a
   * message that carries no request (there is nothing to answer).
   */
  async send(message: unknown, options?: SendOptions): Promise<void> {
    if (this.#stateful) return this.#stateful.send(message);
    if (this.#state !== "open")
      throw new ConnectionClosedError(`the transport is ${this.#state === "new" ? "not started" : "closed"}`);
    const cancelled = this.#stateless.cancel(message);
    if (cancelled !== undefined) return void this.#unanswered.delete(cancelled);
    if (isRequest(message, "initialize")) this.#initializeId = message.id;
    this.#noteCancelled(message);
    const stateless = statelessRequest(message);
    const ids = requestIds(message);
    for (const id of ids) this.#unanswered.add(id);
    const sentSession = this.#sessionId;
    let response: HttpAnswer;
    try {
      const base = { "content-type": "application/json", accept: "application/json, text/event-stream" };
      const headers = stateless
        ? {
            ...statelessHeaders(stateless, message as { method: string }, options?.headers),
            ...base,
            "mcp-session-id": undefined,
          }
        : base;
      const signal = stateless ? this.#stateless.open(stateless.id, this.#abort.signal) : this.#abort.signal;
      response = await this.#request("POST", signal, headers, JSON.stringify(message));
    } catch (error) {
      for (const id of ids) this.#unanswered.delete(id);
      if (stateless) this.#stateless.done(stateless.id);
      throw error;
    }
    const assigned = response.headers.get("mcp-session-id");
    if (assigned && isRequest(message, "initialize")) this.#sessionId = assigned;
    if (!response.ok) return this.#refused(message, response, sentSession);
    const type = mediaType(response);
    if (type === "text/event-stream") {
      void this.#consume(eventStream(false, ids, stateless !== undefined), response);
    } else if (type === "application/json" && response.status !== 202) {
      await this.#readJson(response, ids);
    } else {
      await response.discard();
      this.#failUnanswered(ids, `the server answered HTTP ${response.status} ${type || "without a body"}, no response`);
    }
    if (isObject(message) && message.method === "notifications/initialized") this.#openStandalone();
  }

  /** Aborts every request and stream, ends the session with DELETE (a 405 is fine), then fires `close`. */
  async close(): Promise<void> {
    if (this.#state === "closed") return;
    const started = this.#state === "open";
    const sessionId = this.#stateful ? undefined : this.#sessionId;
    this.#shutdown();
    if (started && sessionId !== undefined) await this.#deleteSession();
    this.#http.close();
    if (started) this.#emitClose();
  }

  /** A non-2xx answer to a POST: the session expired, a stateful server, or a refused message. */
  async #refused(message: unknown, response: HttpAnswer, sentSession: string | undefined): Promise<void> {
    if (response.status === 404 && sentSession !== undefined) {
      await response.discard();
      const expired = new SessionExpiredError(sentSession);
      this.#finish(expired);
      throw expired;
    }
    const failure = await httpFailure(response);
    const fallback = this.#options.fallbackToSse ?? true;
    if (fallback && isRequest(message, "initialize") && FALLBACK_STATUSES.includes(response.status))
      return this.#fallBack(message, failure);
    // A stateless server refuses with a JSON-RPC error its caller gets (a probe expects refusals): no warning then.
    const log = statelessRequest(message) ? this.#options.logger?.debug : this.#options.logger?.warn;
    log?.call(this.#options.logger, `the server refused a POST: ${failure.message}`);
    failRequests(message, failure, (answer) => this.#deliver(answer));
  }

  /** Retries the initialize over the 2024-11-05 transport at the same URL, and keeps to it if it works. */
  async #fallBack(initialize: { id: RequestId }, refusal: WireError): Promise<void> {
    const { fetch, headers, maxMessageSize } = this.#options;
    const auth = this.#auth;
    const stateful = new SseClientTransport(this.#url, { fetch, headers, maxMessageSize, ...(auth ? { auth } : {}) });
    try {
      await stateful.start({
        message: (message) => this.#deliver(message),
        malformed: (reason) => this.#events?.malformed(reason),
        close: (error) => this.#stateful === stateful && this.#finish(error),
      });
    } catch (error) {
      // Neither transport works here: the answer is the Streamable HTTP server's refusal, and why SSE failed too.
      const failure = {
        ...refusal,
        message: `${refusal.message} (nor is it an HTTP+SSE server: ${(error as Error).message})`,
      };
      return failRequests(initialize, failure, (answer) => this.#deliver(answer));
    }
    if (this.#state === "closed") {
      await stateful.close();
      throw new ConnectionClosedError("the transport closed before initialize was sent");
    }
    this.#options.logger?.info(`the initialize POST was refused (${refusal.message}); using HTTP+SSE (2024-11-05)`);
    this.#stateful = stateful;
    return stateful.send(initialize);
  }

  /** Reads one connection of a stream to its end, then reconnects it if it still owes something. */
  async #consume(stream: EventStream, response: HttpAnswer): Promise<void> {
    let seen = 0;
    let failure: Error | undefined;
    try {
      await response.readEvents({
        id: (id) => (stream.lastEventId = id === "" ? undefined : id),
        retry: (ms) => (stream.retry = ms),
        event: (event) => {
          seen++;
          this.#event(event);
        },
      });
    } catch (error) {
      failure = error as Error;
    }
    if (this.#state === "closed") return;
    stream.failures = seen > 0 ? 0 : stream.failures + 1;
    this.#continue(stream, failure ?? new Error("the server ended the stream"), failure !== undefined);
  }

  /** After a connection of `stream` ended or failed (`broke`: cut, not ended): reconnect after the delay, or give up on it. */
  #continue(stream: EventStream, why: Error, broke = false): void {
    if (!this.#owes(stream)) return;
    let giveUp: string | undefined;
    // Resuming would replay the same message.
    if (why instanceof MessageTooLargeError) giveUp = why.message;
    else if (stream.stateless)
      giveUp = "the response stream broke before the answer (2026-07-28 streams are not resumed: re-issue the request)";
    else if (!stream.standalone && stream.lastEventId === undefined)
      giveUp = broke
        ? `the response stream broke before answering (${why.message}), with no event id to resume from`
        : "the server ended the response stream before answering, with no event id to resume from";
    else if (stream.failures >= this.#reconnection.maxRetries)
      giveUp = `the stream could not be resumed after ${stream.failures} attempts (${why.message})`;
    if (giveUp === undefined) {
      const delay = reconnectDelay(stream.failures, stream.retry, this.#reconnection);
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        void this.#resume(stream);
      }, delay);
      this.#timers.add(timer);
    } else if (stream.standalone) {
      this.#options.logger?.warn(`gave up the standalone event stream: ${giveUp}`);
    } else {
      this.#failUnanswered([...stream.awaiting], giveUp);
    }
  }

  /** (Re)opens a stream by GET, with Last-Event-ID when it has one. */
  async #resume(stream: EventStream): Promise<void> {
    if (this.#state !== "open" || !this.#owes(stream)) return;
    const sentSession = this.#sessionId;
    let response: HttpAnswer;
    try {
      const headers = { accept: "text/event-stream", "last-event-id": stream.lastEventId };
      response = await this.#request("GET", this.#abort.signal, headers);
    } catch (error) {
      if (this.#state !== "open") return;
      stream.failures++;
      return this.#continue(stream, error as Error);
    }
    if (this.#state !== "open") return response.discard();
    if (response.ok && mediaType(response) === "text/event-stream") return this.#consume(stream, response);
    await response.discard();
    if (response.status === 404 && sentSession !== undefined) return this.#finish(new SessionExpiredError(sentSession));
    if (response.status === 405) {
      // The server offers no GET stream: the standalone one is simply absent, and a cut answer cannot be resumed.
      if (!stream.standalone) this.#failUnanswered([...stream.awaiting], "the server does not allow resuming by GET");
      return;
    }
    stream.failures++;
    this.#continue(stream, new Error(`HTTP ${response.status} to the GET`));
  }

  /** Whether the stream is still worth reading: the standalone one, or one whose answers have not all come. */
  #owes(stream: EventStream): boolean {
    for (const id of stream.awaiting) if (!this.#unanswered.has(id)) stream.awaiting.delete(id);
    return stream.standalone || stream.awaiting.size > 0;
  }

  #openStandalone(): void {
    if (this.#options.openStandaloneStream ?? true) void this.#resume(eventStream(true, []));
  }

  /** A JSON answer to a POST: delivered, and whatever it did not answer is failed. */
  async #readJson(response: HttpAnswer, ids: RequestId[]): Promise<void> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (this.#state !== "open") return;
      const why = (error as Error).message;
      return this.#failUnanswered(
        ids,
        error instanceof MessageTooLargeError ? why : `the server's JSON answer broke off: ${why}`,
      );
    }
    this.#deliverText(text);
    this.#failUnanswered(ids, "the server's JSON answer did not include the response");
  }

  #event(event: ServerSentEvent): void {
    if ((event.event ?? "message") !== "message" || event.data === "") return;
    this.#deliverText(event.data);
  }

  #deliverText(text: string): void {
    const parsed = parseJson(text);
    if ("value" in parsed) this.#deliver(parsed.value);
    else if (this.#state === "open") this.#events?.malformed(parsed.reason);
  }

  /** Hands a message to the session, noting what it answers and the protocol version initialize settled. */
  #deliver(message: unknown): void {
    if (this.#state !== "open") return;
    for (const id of responseIds(message)) {
      this.#unanswered.delete(id);
      this.#stateless.done(id);
    }
    for (const item of Array.isArray(message) ? message : [message]) {
      if (!isObject(item) || this.#initializeId === undefined || item.id !== this.#initializeId) continue;
      const version = isObject(item.result) ? item.result.protocolVersion : undefined;
      if (typeof version === "string") this.#protocolVersion = version;
      this.#initializeId = undefined;
    }
    this.#events?.message(message);
  }

  /** Answers, with an error, each of `ids` the server has not answered: nothing else will. */
  #failUnanswered(ids: RequestId[], why: string): void {
    for (const id of ids) if (this.#unanswered.has(id)) this.#deliver(errorResponse(id, internal(why)));
  }

  /** A cancelled request will not be answered; its stream need not be resumed for it. */
  #noteCancelled(message: unknown): void {
    if (!isObject(message) || message.method !== "notifications/cancelled" || !isObject(message.params)) return;
    const id = message.params.requestId;
    if (typeof id === "string" || typeof id === "number") this.#unanswered.delete(id);
  }

  /**
   * One request to the endpoint, with the caller's headers, the session's and `headers`; with `auth`,
   * authorized (a 401 runs the flow and the request is sent again, unless `interactive` is false).
   */
  async #request(
    method: string,
    signal: AbortSignal,
    headers: Record<string, string | undefined>,
    body?: string,
    interactive = true,
  ) {
    try {
      const session = { "mcp-session-id": this.#sessionId, "mcp-protocol-version": this.#protocolVersion };
      const all = await buildHeaders(this.#options.headers, { ...session, ...headers });
      if (this.#auth === undefined) return await this.#http.request(method, all, body, signal);
      const send = (auth: Record<string, string>) => this.#http.request(method, { ...all, ...auth }, body, signal);
      return await sendAuthorized(this.#auth, { method, url: this.#url }, send, interactive);
    } catch (error) {
      if (!signal.aborted) throw error;
      throw new ConnectionClosedError(`the transport closed during the ${method}`, { cause: error });
    }
  }

  async #deleteSession(): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), DELETE_TIMEOUT);
    try {
      const response = await this.#request("DELETE", controller.signal, {}, undefined, false);
      await response.discard();
      if (!response.ok && response.status !== 405)
        this.#options.logger?.warn(`the server answered HTTP ${response.status} to the DELETE that ends the session`);
    } catch (error) {
      this.#options.logger?.warn("could not end the session with DELETE", error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops everything under way; `close` is fired separately. */
  #shutdown(): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    this.#abort.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    void this.#stateful?.close();
  }

  #emitClose(error?: Error): void {
    const events = this.#events;
    this.#events = undefined;
    events?.close(error);
  }

  /** Ends the connection because of `error` (the server's doing, not `close()`). */
  #finish(error?: Error): void {
    if (this.#state === "closed") return;
    this.#shutdown();
    this.#http.close();
    this.#emitClose(error);
  }
}

/** Connects to an MCP server over Streamable HTTP at `url`, falling back to HTTP+SSE for a 2024-11-05 server. */
export function streamableHttpClient(
  url: string | URL,
  options?: StreamableHttpClientOptions,
): StreamableHttpClientTransport {
  return new StreamableHttpClientTransport(url, options);
}
