import { Buffer } from "node:buffer";
import { ErrorCode, McpError, type WireError } from "../../protocol/errors.js";
import type { RequestId } from "../../protocol/inbound.js";
import { isObject, requestIds } from "../../protocol/jsonrpc.js";
import type { ClientAuthOption } from "../../auth/client/authorized-request.js";
import { EventStreamDecoder, MessageTooLargeError, type EventStreamHandlers } from "./event-stream-decoder.js";

/** Extra HTTP headers: fixed, or worked out afresh for every request (a token that expires). */
export type HeadersOption = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

/** What both HTTP clients take. */
export interface HttpClientOptions {
  /** The fetch to use (globalThis.fetch); any WHATWG-compatible one, node-fetch included. */
  fetch?: typeof fetch;
  /** Headers added to every request (authorization, tracing); the protocol's own headers win over them. */
  headers?: HeadersOption;
  /**
   * OAuth authorization (the MCP authorization spec): a provider, or an `OAuthClientAuth`
   * shared with other transports to the same server. A 401 runs the flow once and the request is
   * retried; the token goes only to the server's own origin.
   */
  auth?: ClientAuthOption;
  /**
   * The most bytes of one message from the server the client holds: one event of an event stream,
   * or one JSON body (64 MiB). A longer one fails the requests it would have answered, and its stream is closed.
   */
  maxMessageSize?: number;
}

export type { RequestId } from "../../protocol/inbound.js";
export { DEFAULT_CLIENT_MAX_MESSAGE_BYTES } from "../limits.js";
export {
  MessageTooLargeError,
  messageLimit,
  type EventStreamHandlers,
  type ServerSentEvent,
} from "./event-stream-decoder.js";

/**
 * Reads a `text/event-stream` body to its end, event by event, holding at most `max` bytes of one
 * event. The body may be a WHATWG stream (undici's fetch) or a Node stream (node-fetch): both are
 * async iterables of bytes. Rejects with the stream's error, an abort included, or with
 * {@link MessageTooLargeError} (the body is then cancelled).
 */
export async function readEventStream(body: unknown, handlers: EventStreamHandlers, max?: number): Promise<void> {
  if (body === null || body === undefined) return;
  const decoder = new EventStreamDecoder(handlers, max);
  const encoder = new TextEncoder();
  for await (const chunk of body as AsyncIterable<Uint8Array | string>)
    decoder.feed(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
}

/**
 * Reads a body (a WHATWG or Node stream) as UTF-8 text of at most `max` bytes; rejects with
 * {@link MessageTooLargeError} past that (the body is then cancelled).
 */
export async function readText(body: unknown, max: number): Promise<string> {
  if (body === null || body === undefined) return "";
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    length += bytes.byteLength;
    if (length > max) throw new MessageTooLargeError("the server's answer", max);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, length).toString("utf8");
}

/** The headers of one request: the caller's, then the protocol's (lower-cased, so they replace any the caller set). */
export async function buildHeaders(
  option: HeadersOption | undefined,
  fixed: Record<string, string | undefined>,
): Promise<Record<string, string>> {
  const given = typeof option === "function" ? await option() : (option ?? {});
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(fixed)) if (value !== undefined) headers[name.toLowerCase()] = value;
  return headers;
}

/** What {@link mediaType} and {@link httpFailure} read of an answer: a fetch `Response` or the node:http client's. */
export interface HttpResponseLike {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The media type of a response, without parameters, lower-cased (`text/event-stream`). */
export function mediaType(response: Pick<HttpResponseLike, "headers">): string {
  return (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Throws away a body not worth reading, so the connection can be reused or freed. */
export async function discardBody(response: Response): Promise<void> {
  const body = response.body as unknown as { cancel?: () => Promise<void>; destroy?: () => void } | null;
  try {
    if (typeof body?.cancel === "function") await body.cancel();
    else body?.destroy?.();
  } catch {
    // Already consumed or errored: nothing left to free.
  }
}

export { isObject, isRequest, requestIds, responseIds } from "../../protocol/jsonrpc.js";

/** A JSON-RPC error response, as the transport makes one up for a request that HTTP failed. */
export function errorResponse(id: RequestId, error: WireError): Record<string, unknown> {
  return { jsonrpc: "2.0", id, error };
}

/** JSON text parsed, or why it is not JSON. */
export function parseJson(text: string): { value: unknown } | { reason: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

/** At most this much of an error body is quoted in an error message. */
const QUOTED = 200;

/**
 * The `data` of the error {@link httpFailure} makes of a non-2xx answer whose body was not a JSON-RPC
 * error: the HTTP status, and the `WWW-Authenticate` challenge when the server sent one (a 401 or
 * 403 of a protected server), so a caller can start authorization discovery from it.
 */
export interface HttpFailureData {
  status: number;
  wwwAuthenticate?: string;
}

/** The {@link HttpFailureData} of an error's `data`, or undefined when it is not one. */
export function httpFailureData(data: unknown): HttpFailureData | undefined {
  if (!isObject(data) || typeof data.status !== "number") return undefined;
  const { status, wwwAuthenticate } = data;
  return typeof wwwAuthenticate === "string" ? { status, wwwAuthenticate } : { status };
}

/**
 * What a non-2xx answer to a POST means for each request it carried. A JSON-RPC error in the body
 * is the server's word and is kept (with the request's id when it had none); any other body becomes
 * InternalError quoting the status and the start of the body, with {@link HttpFailureData}.
 */
export async function httpFailure(response: HttpResponseLike): Promise<WireError> {
  const text = await response.text().catch(() => "");
  const parsed = mediaType(response) === "application/json" || text.startsWith("{") ? parseJson(text) : undefined;
  if (parsed && "value" in parsed && isObject(parsed.value) && isObject(parsed.value.error)) {
    const { code, message, data } = parsed.value.error;
    if (Number.isInteger(code) && typeof message === "string")
      return data === undefined ? { code: code as number, message } : { code: code as number, message, data };
  }
  const quoted = text.replace(/\s+/g, " ").trim();
  const excerpt = quoted.length > QUOTED ? `${quoted.slice(0, QUOTED)}…` : quoted;
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const challenge = response.headers.get("www-authenticate");
  const data: HttpFailureData =
    challenge === null ? { status: response.status } : { status: response.status, wwwAuthenticate: challenge };
  return { code: ErrorCode.InternalError, message: excerpt ? `${status}: ${excerpt}` : status, data };
}

/** Milliseconds before reconnection attempt `attempt` (0-based): the server's `retry`, else exponential backoff. */
export function reconnectDelay(attempt: number, retry: number | undefined, options: ReconnectionOptions): number {
  if (retry !== undefined) return retry;
  return Math.min(options.initialDelay * options.growFactor ** attempt, options.maxDelay);
}

/** How an interrupted event stream is reconnected. */
export interface ReconnectionOptions {
  /** Milliseconds before the first attempt, unless the server sent `retry:` (1000). */
  initialDelay: number;
  /** The longest wait between attempts (30 000). */
  maxDelay: number;
  /** Each failed attempt multiplies the wait by this (1.5). */
  growFactor: number;
  /** Attempts in a row that may fail before the stream is given up (2). */
  maxRetries: number;
}

/** Defaults of {@link ReconnectionOptions}. */
export const DEFAULT_RECONNECTION: ReconnectionOptions = {
  initialDelay: 1000,
  maxDelay: 30_000,
  growFactor: 1.5,
  maxRetries: 2,
};

/**
 * Answers each request in `message` with `error`, so the caller's call rejects instead of waiting;
 * a message with no request in it (a notification, a response) has nobody to answer, so this throws.
 */
export function failRequests(message: unknown, error: WireError, deliver: (response: unknown) => void): void {
  const ids = requestIds(message);
  if (ids.length === 0) throw new McpError(error.code, error.message, error.data);
  for (const id of ids) deliver(errorResponse(id, error));
}
