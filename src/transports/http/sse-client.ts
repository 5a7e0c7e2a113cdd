import { clientAuthFor, sendAuthorized } from "../../auth/client/authorized-request.js";
import type { OAuthClientAuth } from "../../auth/client/client-auth.js";
import { ConnectionClosedError } from "../../protocol/errors.js";
import type { Transport, TransportEvents } from "../../protocol/transport.js";
import {
  buildHeaders,
  discardBody,
  failRequests,
  httpFailure,
  mediaType,
  MessageTooLargeError,
  messageLimit,
  parseJson,
  readEventStream,
  readText,
  type HttpClientOptions,
  type ServerSentEvent,
} from "./sse-parse.js";

/** Options of {@link sseClient}. */
export type SseClientOptions = HttpClientOptions;

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * The client side of the 2024-11-05 HTTP+SSE transport: one long-lived GET receives the server's
 * messages as `message` events, after an `endpoint` event that names where to POST each message
 * the client sends. `start` resolves once the endpoint is known. The stream ending, for any reason
 * but `close()`, ends the connection with an error.
 */
export class SseClientTransport implements Transport {
  readonly #url: URL;
  readonly #fetch: typeof fetch;
  readonly #options: SseClientOptions;
  readonly #max: number;
  readonly #abort = new AbortController();
  #events: TransportEvents | undefined;
  #state: "new" | "connecting" | "open" | "closed" = "new";
  #endpoint: URL | undefined;
  #waiter: Waiter | undefined;
  readonly #auth: OAuthClientAuth | undefined;

  constructor(url: string | URL, options: SseClientOptions = {}) {
    this.#url = new URL(url);
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#options = options;
    this.#max = messageLimit(options.maxMessageSize);
    this.#auth = options.auth && clientAuthFor(options.auth, this.#url, options.fetch ? { fetch: options.fetch } : {});
  }

  /** One fetch, authorized when the transport has `auth` (a 401 runs the flow and it is sent again). */
  async #send(url: URL, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    if (this.#auth === undefined) return this.#fetch(url, init);
    const send = (auth: Record<string, string>) => this.#fetch(url, { ...init, headers: { ...init.headers, ...auth } });
    return sendAuthorized(this.#auth, { method: init.method ?? "GET", url }, send);
  }

  /** Where messages are POSTed, once the server has said (the `endpoint` event). */
  get endpoint(): URL | undefined {
    return this.#endpoint;
  }

  /**
   * Opens the event stream and waits for the `endpoint` event; rejects, and fires `close`, if the
   * stream cannot be opened, ends first, or names an endpoint on another origin.
   */
  async start(events: TransportEvents): Promise<void> {
    if (this.#state !== "new")
      throw new Error(`the transport is already ${this.#state === "closed" ? "closed" : "started"}`);
    this.#events = events;
    this.#state = "connecting";
    const ready = new Promise<void>((resolve, reject) => (this.#waiter = { resolve, reject }));
    // close() may reject it while the GET is still under way; the rejection is read below.
    ready.catch(() => {});
    try {
      const response = await this.#send(this.#url, {
        method: "GET",
        headers: await buildHeaders(this.#options.headers, { accept: "text/event-stream" }),
        signal: this.#abort.signal,
      });
      if (!response.ok || mediaType(response) !== "text/event-stream") {
        await discardBody(response);
        const got = response.ok ? `Content-Type ${mediaType(response) || "(none)"}` : `HTTP ${response.status}`;
        throw new Error(`could not open the SSE stream at ${this.#url.href}: ${got}`);
      }
      void this.#read(response);
    } catch (error) {
      this.#finish(this.#abort.signal.aborted ? undefined : (error as Error));
    }
    await ready;
  }

  /** POSTs one message to the endpoint; a request the server refuses is answered with an error response. */
  async send(message: unknown): Promise<void> {
    const endpoint = this.#endpoint;
    if (this.#state !== "open" || !endpoint)
      throw new ConnectionClosedError(`the transport is ${this.#state === "closed" ? "closed" : "not started"}`);
    let response: Response;
    try {
      response = await this.#send(endpoint, {
        method: "POST",
        headers: await buildHeaders(this.#options.headers, { "content-type": "application/json" }),
        body: JSON.stringify(message),
        signal: this.#abort.signal,
      });
    } catch (error) {
      if (this.#abort.signal.aborted)
        throw new ConnectionClosedError("the transport closed before the message was sent");
      throw error;
    }
    if (response.ok) return discardBody(response);
    const failure = await httpFailure({
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      text: () => readText(response.body, this.#max),
    });
    failRequests(message, failure, (answer) => this.#deliver(answer));
  }

  /** Stops reading the stream and fires `close` once; idempotent. */
  close(): Promise<void> {
    this.#finish();
    return Promise.resolve();
  }

  async #read(response: Response): Promise<void> {
    let failure: Error | undefined;
    try {
      await readEventStream(response.body, { event: (event) => this.#event(event) }, this.#max);
    } catch (error) {
      failure = error as Error;
    }
    if (this.#abort.signal.aborted) return this.#finish();
    // One stream carries every answer: a message too long to take ends the connection, saying why.
    if (failure instanceof MessageTooLargeError) return this.#finish(failure);
    this.#finish(new Error("the server ended the SSE stream", failure ? { cause: failure } : undefined));
  }

  #event(event: ServerSentEvent): void {
    if (this.#state === "closed") return;
    if (event.event === "endpoint") return this.#setEndpoint(event.data);
    if ((event.event ?? "message") !== "message" || event.data === "") return;
    const parsed = parseJson(event.data);
    if ("value" in parsed) this.#deliver(parsed.value);
    else this.#events?.malformed(parsed.reason);
  }

  #setEndpoint(data: string): void {
    if (this.#endpoint) return;
    let endpoint: URL;
    try {
      endpoint = new URL(data.trim(), this.#url);
    } catch {
      return this.#finish(new Error(`the endpoint event does not name a URL: ${JSON.stringify(data)}`));
    }
    if (endpoint.origin !== this.#url.origin)
      return this.#finish(
        new Error(
          `the endpoint event names ${endpoint.origin}, not the SSE stream's origin ${this.#url.origin}; refused`,
        ),
      );
    this.#endpoint = endpoint;
    this.#state = "open";
    this.#waiter?.resolve();
    this.#waiter = undefined;
  }

  #deliver(message: unknown): void {
    if (this.#state !== "closed") this.#events?.message(message);
  }

  #finish(error?: Error): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    this.#abort.abort();
    this.#waiter?.reject(
      error ?? new ConnectionClosedError("the transport closed before the server named its endpoint"),
    );
    this.#waiter = undefined;
    const events = this.#events;
    this.#events = undefined;
    events?.close(error);
  }
}

/** Connects to a 2024-11-05 HTTP+SSE server: the event stream at `url`, messages POSTed to the endpoint it names. */
export function sseClient(url: string | URL, options?: SseClientOptions): SseClientTransport {
  return new SseClientTransport(url, options);
}
