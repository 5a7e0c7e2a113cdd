import { principalOf, type AuthInfo } from "../../protocol/auth-info.js";
import { ErrorCode } from "../../protocol/errors.js";
import { stderrLogger, type Logger } from "../../protocol/logger.js";
import type { MessageInfo, Transport, TransportEvents } from "../../protocol/transport.js";
import { readBody } from "./body.js";
import type { AdmitMessages } from "./exchange.js";
import { rebindingRefusal, type TransportSecuritySettings } from "./security.js";
import { DEFAULT_MAX_MESSAGE_BYTES } from "../stdio/ndjson.js";

/** Options of the legacy HTTP+SSE endpoint. */
export interface SseServerOptions {
  /** Path of the SSE stream a client GETs (default /sse). */
  ssePath?: string;
  /** Path clients POST messages to, named in the `endpoint` event (default /messages). */
  messagesPath?: string;
  /** The largest message accepted, in bytes (default 4 MiB, `DEFAULT_MAX_MESSAGE_BYTES`; beyond it: 413). */
  maxBodyBytes?: number;
  /** How long a body may take to arrive, in ms (default 30 s). */
  bodyTimeout?: number;
  security?: TransportSecuritySettings;
  logger?: Logger;
  /** Refuses a POSTed message before it is delivered, from it and the caller (see {@link AdmitMessages}). */
  admit?: AdmitMessages;
}

const encoder = new TextEncoder();
const event = (name: string, data: string) => encoder.encode(`event: ${name}\ndata: ${data}\n\n`);
const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "content-type": "text/plain" } });

/**
 * The HTTP+SSE transport of 2024-11-05, server side, as a web-standard handler: a GET opens an SSE
 * stream (one connection = one session) whose first event names the URL to POST messages to; the
 * server's messages travel on the stream.
 */
export class SseServer {
  readonly #connect: (transport: Transport) => Promise<unknown>;
  readonly #options: SseServerOptions;
  readonly #sessions = new Map<string, SseSession>();
  readonly #logger: Logger;

  constructor(connect: (transport: Transport) => Promise<unknown>, options: SseServerOptions = {}) {
    this.#connect = connect;
    this.#options = options;
    this.#logger = options.logger ?? stderrLogger;
  }

  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** Whether this endpoint serves `pathname` (its stream or its message path). */
  serves(pathname: string): boolean {
    return pathname === (this.#options.ssePath ?? "/sse") || pathname === (this.#options.messagesPath ?? "/messages");
  }

  /** Serves one HTTP request (from the caller `auth`, when its token was checked); never throws. */
  async handle(request: Request, auth?: AuthInfo): Promise<Response> {
    try {
      const refusal = rebindingRefusal((name) => request.headers.get(name), this.#options.security ?? {});
      if (refusal) return plain(403, `Forbidden: ${refusal}`);
      const url = new URL(request.url);
      if (url.pathname === (this.#options.ssePath ?? "/sse")) {
        return request.method === "GET" ? await this.#open(auth) : plain(405, "Method not allowed: GET the stream");
      }
      if (url.pathname === (this.#options.messagesPath ?? "/messages")) {
        return request.method === "POST"
          ? await this.#post(request, url, auth)
          : plain(405, "Method not allowed: POST messages");
      }
      return plain(404, "Not found");
    } catch (error) {
      this.#logger.error("the HTTP+SSE endpoint failed", error);
      return plain(500, "Internal error");
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#sessions.values()].map((s) => s.close()));
  }

  async #open(auth: AuthInfo | undefined): Promise<Response> {
    const id = crypto.randomUUID();
    const session = new SseSession(() => this.#sessions.delete(id), principalOf(auth));
    this.#sessions.set(id, session);
    const body = session.open(`${this.#options.messagesPath ?? "/messages"}?sessionId=${id}`);
    await this.#connect(session);
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "text/event-stream",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
      },
    });
  }

  async #post(request: Request, url: URL, auth: AuthInfo | undefined): Promise<Response> {
    const id = url.searchParams.get("sessionId");
    if (id === null) return plain(400, "Bad request: the sessionId query parameter is required");
    const session = this.#sessions.get(id);
    // Another user's token with this session's id finds nothing, as if the session did not exist.
    if (!session || session.owner !== principalOf(auth)) return plain(404, "Session not found");
    if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
      return plain(415, "Unsupported media type: the body must be application/json");
    const body = await readBody(
      request,
      this.#options.maxBodyBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      this.#options.bodyTimeout ?? 30_000,
    );
    if ("status" in body) return plain(body.status, body.message);
    let message: unknown;
    try {
      message = JSON.parse(body.text);
    } catch (error) {
      const reply = {
        jsonrpc: "2.0",
        id: null,
        error: { code: ErrorCode.ParseError, message: `Parse error: ${(error as Error).message}` },
      };
      return new Response(JSON.stringify(reply), { status: 400, headers: { "content-type": "application/json" } });
    }
    const refused = this.#options.admit?.(Array.isArray(message) ? message : [message], auth);
    if (refused) return new Response(refused.body, { status: refused.status, headers: refused.headers });
    const headers = Object.fromEntries(request.headers);
    session.deliver(message, auth === undefined ? { headers } : { auth, headers });
    return plain(202, "Accepted");
  }
}

/** One SSE connection, and the Transport its session speaks through. */
class SseSession implements Transport {
  /** The principal whose token opened the stream; only it may post to the session. */
  readonly owner: string | undefined;
  readonly #forget: () => void;
  #events: TransportEvents | undefined;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #closed = false;

  constructor(forget: () => void, owner: string | undefined) {
    this.#forget = forget;
    this.owner = owner;
  }

  open(endpoint: string): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
        controller.enqueue(event("endpoint", endpoint));
      },
      cancel: () => void this.close(),
    });
  }

  start(events: TransportEvents): void {
    this.#events = events;
  }

  deliver(message: unknown, info: MessageInfo | undefined): void {
    this.#events?.message(message, info);
  }

  send(message: unknown): Promise<void> {
    if (this.#closed || !this.#controller) return Promise.resolve();
    try {
      this.#controller.enqueue(event("message", JSON.stringify(message)));
    } catch (error) {
      return Promise.reject(error);
    }
    return Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#controller?.close();
    } catch {
      // the client already went away
    }
    this.#forget();
    this.#events?.close();
  }
}
