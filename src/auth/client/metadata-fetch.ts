import { readBody } from "../../transports/http/body.js";
import { OAuthFlowError, type OAuthFlowStep } from "./errors.js";
import { isSecureOrLoopback } from "../../protocol/loopback.js";

/** How discovery reaches the network, and the bounds it keeps. */
export interface DiscoveryFetchOptions {
  /** The fetch to send every discovery request with; the platform's by default. */
  fetch?: typeof globalThis.fetch;
  /** How long one request may take, headers and body, in milliseconds (10 s by default). */
  timeoutMs?: number;
  /** The largest metadata body read, in bytes (256 KiB by default). */
  maxBodyBytes?: number;
  /** The most HTTP requests one discovery sends, redirects included (12 by default). */
  maxRequests?: number;
  /** Aborts the whole discovery. */
  signal?: AbortSignal;
}

/** A metadata document's response, its body read whole within the bounds. */
export interface MetadataResponse {
  status: number;
  /** The URL that answered, after any same-origin redirects. */
  url: URL;
  headers: Headers;
  body: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

/**
 * The network side of one discovery: one fetch, the bounds, and a request count shared by every
 * step, so that no sequence of answers can make discovery send more than `maxRequests` requests.
 */
export class MetadataFetcher {
  readonly #fetch: typeof globalThis.fetch;
  readonly #timeoutMs: number;
  readonly #maxBodyBytes: number;
  readonly #maxRequests: number;
  readonly #signal: AbortSignal | undefined;
  #sent = 0;

  constructor(options: DiscoveryFetchOptions = {}) {
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
    this.#maxRequests = options.maxRequests ?? 12;
    this.#signal = options.signal;
  }

  /** How many requests this discovery has sent. */
  get sent(): number {
    return this.#sent;
  }

  /**
   * GETs a metadata document: no credentials and no Authorization header ever, `Accept:
   * application/json`, redirects followed only within the URL's origin (at most three), and the
   * time, size and request-count bounds kept. Any other outcome is an {@link OAuthFlowError} at `step`.
   */
  async get(url: URL, step: OAuthFlowStep): Promise<MetadataResponse> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const response = await this.#send(current, step);
      const location = response.headers.get("location");
      if (!REDIRECTS.has(response.status) || location === null) return this.#read(current, response, step);
      void response.body?.cancel().catch(() => {});
      const next = parseUrl(location, current);
      if (next === null)
        throw new OAuthFlowError(step, `${current.href} redirected to an invalid URL`, { url: current.href });
      if (next.origin !== url.origin) {
        throw new OAuthFlowError(step, `${current.href} redirected to another origin (${next.origin}); refused`, {
          url: next.href,
        });
      }
      if (hop >= MAX_REDIRECTS) throw new OAuthFlowError(step, `more than ${MAX_REDIRECTS} redirects from ${url.href}`);
      current = next;
    }
  }

  /**
   * A fetch for oauth4webapi's `customFetch` at `step` (registration, token requests): the same
   * request count, time and size bounds as discovery, no credentials, and no redirects followed
   * (an endpoint that redirects a POST is refused).
   */
  endpointFetch(step: OAuthFlowStep): (url: string, init: RequestInit) => Promise<Response> {
    return async (href, init) => {
      const url = new URL(href);
      const response = await this.#send(url, step, init);
      if (REDIRECTS.has(response.status)) {
        void response.body?.cancel().catch(() => {});
        throw new OAuthFlowError(step, `${url.href} answered a redirect; refused`, { url: url.href });
      }
      const read = await this.#read(url, response, step, init.method ?? "POST");
      return new Response(read.status === 204 ? null : read.body, { status: read.status, headers: read.headers });
    };
  }

  async #send(url: URL, step: OAuthFlowStep, init?: RequestInit): Promise<Response> {
    if (this.#sent >= this.#maxRequests) {
      throw new OAuthFlowError(step, `the flow gave up after ${this.#maxRequests} requests`, { url: url.href });
    }
    this.#sent++;
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = this.#signal ? AbortSignal.any([timeout, this.#signal]) : timeout;
    const method = init?.method ?? "GET";
    try {
      const response = await this.#fetch(url.href, {
        method,
        headers: init?.headers ?? { accept: "application/json" },
        ...(init?.body === undefined ? {} : { body: init.body }),
        credentials: "omit",
        redirect: "manual",
        signal,
      });
      if (response.type === "opaqueredirect") {
        throw new OAuthFlowError(step, `${url.href} redirected where this fetch cannot show; refused`, {
          url: url.href,
        });
      }
      return response;
    } catch (error) {
      if (error instanceof OAuthFlowError) throw error;
      const why = timeout.aborted ? `no answer within ${this.#timeoutMs} ms` : (error as Error).message;
      throw new OAuthFlowError(step, `${method} ${url.href} failed: ${why}`, { url: url.href, cause: error });
    }
  }

  async #read(url: URL, response: Response, step: OAuthFlowStep, method = "GET"): Promise<MetadataResponse> {
    const outcome = await readBody(response, this.#maxBodyBytes, this.#timeoutMs);
    if ("status" in outcome) {
      const why =
        outcome.status === 413
          ? `the response is larger than ${this.#maxBodyBytes} bytes`
          : outcome.status === 408
            ? `the body did not arrive within ${this.#timeoutMs} ms`
            : "the body could not be read";
      throw new OAuthFlowError(step, `${method} ${url.href}: ${why}`, { url: url.href });
    }
    return { status: response.status, url, headers: response.headers, body: outcome.text };
  }
}

/** The JSON object a metadata body holds, or an {@link OAuthFlowError} saying why it is not one. */
export function metadataObject(response: MetadataResponse, step: OAuthFlowStep): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    throw new OAuthFlowError(step, `${response.url.href} did not answer JSON`, { url: response.url.href });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new OAuthFlowError(step, `${response.url.href} did not answer a JSON object`, { url: response.url.href });
  }
  return value as Record<string, unknown>;
}

/**
 * Parses `value` as an absolute https URL, or http on a loopback host, else throws an
 * {@link OAuthFlowError} at `step` naming `what` (plain http elsewhere would expose the flow).
 */
export function secureUrl(value: unknown, what: string, step: OAuthFlowStep): URL {
  const url = typeof value === "string" ? parseUrl(value) : null;
  if (url === null) throw new OAuthFlowError(step, `${what} is not an absolute URL: ${JSON.stringify(value)}`);
  if (isSecureOrLoopback(url)) return url;
  const why = url.protocol === "http:" ? "plain http on a host that is not loopback" : `scheme ${url.protocol}`;
  throw new OAuthFlowError(step, `${what} ${value as string} is refused: ${why}`, { url: url.href });
}

/** `new URL` that answers null instead of throwing (URL.parse is not in every Node this supports). */
export function parseUrl(value: string, base?: URL): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}
