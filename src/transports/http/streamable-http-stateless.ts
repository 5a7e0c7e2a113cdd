import { ErrorCode } from "../../protocol/errors.js";
import { isObject, isRequestId, responseIds } from "../../protocol/jsonrpc.js";
import {
  decodeHeaderValue,
  headerMatches,
  metaVersion,
  nameField,
  valueAt,
  type HeaderParam,
} from "../../protocol/mcp-headers.js";
import type { RequestId } from "../../protocol/inbound.js";
import type { RevisionSet } from "../../protocol/negotiation.js";
import type { Transport, TransportEvents } from "../../protocol/transport.js";
import { exchangeInfo, type HttpExchange, type SseSink } from "./exchange.js";
import { sseEvent } from "./out-stream.js";

/**
 * Streamable HTTP as 2026-07-28 has it: no sessions, every POST one request (or notification) served
 * on its own, its headers checked against its body, answered with one JSON body or an SSE stream that
 * carries the request's own notifications and ends with its response. Closing that stream cancels the
 * request. Nothing is resumable.
 */

/** Where a tool's `x-mcp-header` parameters are looked up (the server's tool definitions). */
export type ToolHeaders = (tool: string) => readonly HeaderParam[] | undefined;

/** A refusal of a POST before it reaches the server: HTTP status, JSON-RPC code, message and data. */
export interface Refusal {
  status: number;
  code: number;
  message: string;
  data?: unknown;
}

const mismatch = (message: string): Refusal => ({ status: 400, code: ErrorCode.HeaderMismatch, message });

/** An MCP-Protocol-Version the server does not speak: 400 with -32022 and the versions it does. */
const unsupported = (version: string, known: RevisionSet): Refusal => ({
  status: 400,
  code: ErrorCode.UnsupportedProtocolVersion,
  message: `Unsupported protocol version: ${version}`,
  data: { supported: [...known.supported], requested: version },
});

/**
 * Why a stateless POST's headers do not stand for its body, checked as the transport requires:
 * MCP-Protocol-Version against `_meta` (when the body names a version: a missing one is the server's
 * -32602 to give), then whether that version is spoken at all (-32022: nothing else can be read
 * without it), Mcp-Method, Mcp-Name, then each `Mcp-Param-{Name}` the tool defines. Undefined when
 * they agree.
 */
export function headerRefusal(
  header: (name: string) => string | null,
  message: Record<string, unknown>,
  toolHeaders: ToolHeaders | undefined,
  known: RevisionSet,
): Refusal | undefined {
  const version = header("mcp-protocol-version")?.trim();
  if (!version) return mismatch("Header mismatch: the MCP-Protocol-Version header is required");
  const params = isObject(message.params) ? message.params : {};
  const named = metaVersion(message);
  if (named !== undefined && named !== version)
    return mismatch(`Header mismatch: MCP-Protocol-Version ${version} does not match _meta version ${named}`);
  if (!known.spec(version)) return unsupported(version, known);
  if (!("id" in message)) return undefined;
  const method = String(message.method);
  const sentMethod = header("mcp-method")?.trim();
  if (sentMethod === undefined) return mismatch("Header mismatch: the Mcp-Method header is required");
  if (sentMethod !== method)
    return mismatch(`Header mismatch: Mcp-Method header value '${sentMethod}' does not match body value '${method}'`);
  const field = nameField(method);
  if (field !== undefined) {
    const refusal = compare("Mcp-Name", header("mcp-name"), params[field]);
    if (refusal) return refusal;
  }
  if (method !== "tools/call" || typeof params.name !== "string") return undefined;
  for (const param of toolHeaders?.(params.name) ?? []) {
    const refusal = compare(
      `Mcp-Param-${param.name}`,
      header(`mcp-param-${param.name.toLowerCase()}`),
      valueAt(params.arguments, param.path),
    );
    if (refusal) return refusal;
  }
  return undefined;
}

/** A mirrored header against its body value: both absent (or null), or equal after decoding. */
function compare(name: string, raw: string | null, body: unknown): Refusal | undefined {
  const absent = body === undefined || body === null;
  if (raw === null)
    return absent ? undefined : mismatch(`Header mismatch: the ${name} header is required (the body has a value)`);
  if (absent) return mismatch(`Header mismatch: ${name} header is sent but the body has no value`);
  const decoded = decodeHeaderValue(raw);
  if (decoded === undefined) return mismatch(`Header mismatch: the ${name} header value is malformed`);
  if (!headerMatches(decoded, body))
    return mismatch(`Header mismatch: ${name} header value '${decoded}' does not match body value '${String(body)}'`);
  return undefined;
}

/** The HTTP status of a JSON-RPC error answered before any stream began. */
function statusOf(message: unknown): number {
  const error = isObject(message) && isObject(message.error) ? message.error : undefined;
  if (!error) return 200;
  if (error.code === ErrorCode.MethodNotFound) return 404;
  const clientFault: readonly unknown[] = [
    ErrorCode.ParseError,
    ErrorCode.InvalidRequest,
    ErrorCode.InvalidParams,
    ErrorCode.HeaderMismatch,
    ErrorCode.MissingRequiredClientCapability,
    ErrorCode.UnsupportedProtocolVersion,
  ];
  return clientFault.includes(error.code) ? 400 : 200;
}

const JSON_HEADERS = { "content-type": "application/json" };
const SSE_HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};
const KEEP_ALIVE = new TextEncoder().encode(":\n\n");

/** Options of one stateless POST. */
export interface StatelessPostOptions {
  /** Milliseconds between SSE comment lines that keep a quiet stream open (default 15,000; 0: none). */
  keepAlive?: number;
}

/**
 * One stateless POST as the Transport of the session serving it. The HTTP answer waits for the first
 * message: the response alone becomes a JSON body with the status its error calls for (400, 404, or
 * 200), while a notification first opens an SSE stream that the response then ends.
 */
export class StatelessPost<R> implements Transport {
  /** The HTTP answer, once the first message decides it. */
  readonly answer: Promise<R>;
  readonly #ex: HttpExchange<R>;
  readonly #message: Record<string, unknown>;
  readonly #id: RequestId | undefined;
  readonly #options: StatelessPostOptions;
  readonly #onClose: (post: StatelessPost<R>) => void;
  #resolve!: (answer: R) => void;
  #events: TransportEvents | undefined;
  #sink: SseSink | undefined;
  #answered = false;
  #closed = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    ex: HttpExchange<R>,
    message: Record<string, unknown>,
    options: StatelessPostOptions,
    onClose: (post: StatelessPost<R>) => void,
  ) {
    this.#ex = ex;
    this.#message = message;
    this.#id = isRequestId(message.id) ? message.id : undefined;
    this.#options = options;
    this.#onClose = onClose;
    this.answer = new Promise<R>((resolve) => (this.#resolve = resolve));
  }

  start(events: TransportEvents): void {
    this.#events = events;
    this.#ex.onAbort(() => void this.close());
    queueMicrotask(() => {
      if (this.#closed) return;
      events.message(this.#message, exchangeInfo(this.#ex));
      if (this.#id === undefined) {
        this.#reply(this.#ex.reply(202, {}));
        void this.close();
      }
    });
  }

  async send(message: unknown): Promise<void> {
    if (this.#closed) return;
    const final = this.#id !== undefined && responseIds(message).includes(this.#id);
    if (!this.#answered) {
      if (final) {
        this.#reply(this.#ex.reply(statusOf(message), JSON_HEADERS, JSON.stringify(message)));
        return this.close();
      }
      // Even where session POSTs are answered as JSON: one JSON body has no room for the notification.
      this.#openStream();
    }
    this.#sink?.write(sseEvent(JSON.stringify(message)));
    if (final) await this.close();
  }

  #openStream(): void {
    this.#reply(
      this.#ex.stream(200, SSE_HEADERS, (sink) => {
        this.#sink = sink;
        return () => void this.close();
      }),
    );
    const every = this.#options.keepAlive ?? 15_000;
    if (every > 0) {
      this.#timer = setInterval(() => this.#sink?.write(KEEP_ALIVE), every);
      this.#timer.unref();
    }
  }

  #reply(answer: R): void {
    this.#answered = true;
    this.#resolve(answer);
  }

  /** Ends the exchange: the stream closes (the client's closing it cancels the request) and the session with it. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    const sink = this.#sink;
    this.#sink = undefined;
    sink?.end();
    if (!this.#answered)
      this.#reply(
        this.#ex.reply(
          503,
          JSON_HEADERS,
          JSON.stringify({
            jsonrpc: "2.0",
            id: this.#id ?? null,
            error: { code: ErrorCode.InternalError, message: "The server closed before answering" },
          }),
        ),
      );
    this.#onClose(this);
    this.#events?.close();
  }
}
