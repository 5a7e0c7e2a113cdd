import {
  discardBody,
  readEventStream,
  readText,
  type EventStreamHandlers,
  type HttpResponseLike,
} from "./sse-parse.js";

/** An HTTP answer as the Streamable HTTP client reads it, whichever way the request went. */
export interface HttpAnswer extends HttpResponseLike {
  /** Whether the status is 2xx. */
  readonly ok: boolean;
  /** Reads a `text/event-stream` body to its end; rejects with the stream's error (an abort or a reset included), or MessageTooLargeError. */
  readEvents(handlers: EventStreamHandlers): Promise<void>;
  /** Throws the body away, so the connection can be reused or freed. */
  discard(): Promise<void>;
}

/** Makes the HTTP requests of one transport, all to one URL. */
export interface HttpRequester {
  /** One request; resolves with the answer once its status and headers are in. Aborting `signal` ends it. */
  request(
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<HttpAnswer>;
  /** Frees what the requester holds (idle connections); requests still under way are ended. */
  close(): void;
}

/** A fetch `Response` read as an {@link HttpAnswer}, holding at most `max` bytes of one message. */
class FetchAnswer implements HttpAnswer {
  readonly #response: Response;
  readonly #max: number;

  constructor(response: Response, max: number) {
    this.#response = response;
    this.#max = max;
  }

  get status(): number {
    return this.#response.status;
  }

  get statusText(): string {
    return this.#response.statusText;
  }

  get ok(): boolean {
    return this.#response.ok;
  }

  get headers(): { get(name: string): string | null } {
    return this.#response.headers;
  }

  text(): Promise<string> {
    return readText(this.#response.body, this.#max);
  }

  readEvents(handlers: EventStreamHandlers): Promise<void> {
    return readEventStream(this.#response.body, handlers, this.#max);
  }

  discard(): Promise<void> {
    return discardBody(this.#response);
  }
}

/** Requests made with a WHATWG fetch (undici's, node-fetch, or the caller's own). */
export class FetchRequester implements HttpRequester {
  readonly #url: URL;
  readonly #fetch: typeof fetch;
  readonly #max: number;

  /** `max`: the most bytes of one message (an event, or a JSON body) an answer holds. */
  constructor(url: URL, fetchImpl: typeof fetch, max: number) {
    this.#url = url;
    this.#fetch = fetchImpl;
    this.#max = max;
  }

  async request(
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<HttpAnswer> {
    return new FetchAnswer(await this.#fetch(this.#url, { method, headers, body, signal }), this.#max);
  }

  close(): void {
    // The fetch owns its connections.
  }
}
