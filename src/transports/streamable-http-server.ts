import type { RevisionSpec } from "../../generated/common.js";
import { ErrorCode } from "../protocol/errors.js";
import type { RequestId } from "../protocol/inbound.js";
import { isObject, isRequest, responseIds } from "../protocol/jsonrpc.js";
import { stderrLogger, type Logger } from "../protocol/logger.js";
import { RevisionSet } from "../protocol/negotiation.js";
import type { SendOptions, Transport, TransportEvents } from "../protocol/transport.js";
import { InMemoryEventStore, type EventStore } from "./event-store.js";
import { rebindingRefusal, type TransportSecuritySettings } from "./http-security.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeExchange, webExchange, type HttpExchange } from "./http-exchange.js";
import { OutStream } from "./http-stream.js";
import { headerRefusal, StatelessPost, type ToolHeaders } from "./streamable-http-stateless.js";
import { metaVersion } from "../protocol/mcp-headers.js";

/** Options of a Streamable HTTP server endpoint. */
export interface StreamableHttpServerOptions {
  /** No sessions: every POST is served on its own, and GET and DELETE are refused (405). */
  stateless?: boolean;
  /** Answer POSTs with one JSON body instead of an SSE stream. */
  jsonResponse?: boolean;
  /** Where SSE events are kept for resumption (default: in memory); null turns resumability off. */
  eventStore?: EventStore | null;
  /** The largest request body accepted, in bytes (default 4 MB; beyond it: 413). */
  maxBodyBytes?: number;
  /** How long a body may take to arrive, in ms (default 30 s; beyond it: 408). */
  bodyTimeout?: number;
  /** A session nobody has used for this long, in ms, is ended (default 30 min; 0: never). */
  sessionIdleTimeout?: number;
  /** The `retry:` (ms) sent with the priming event that opens each SSE stream, for clients that resume (default 1,000). */
  retryInterval?: number;
  /** Host and Origin checks against DNS rebinding. */
  security?: TransportSecuritySettings;
  /**
   * The `x-mcp-header` parameters of a tool, whose `Mcp-Param-{Name}` headers a stateless tools/call
   * must carry and match (FastMCP gives its tools'; without it only the standard headers are checked).
   */
  toolHeaders?: ToolHeaders;
  /** Milliseconds between SSE comment lines on quiet stateless streams (default 15,000; 0: none). */
  keepAlive?: number;
  logger?: Logger;
  /**
   * The revisions the server behind speaks beyond the built-in ones (its `revisions` option; FastMCP
   * passes its own): the MCP-Protocol-Version header is told stateful or stateless by them.
   */
  revisions?: readonly RevisionSpec[];
}

/**
 * What the endpoint asks of the server behind it: serve one more connection (`preinitialized`: as if
 * initialize had named that revision; `stateless`: every request read under a stateless revision).
 */
export type ConnectSession = (
  transport: Transport,
  options?: { preinitialized?: string; stateless?: boolean },
) => Promise<unknown>;

const JSON_HEADERS = { "content-type": "application/json" };
const SSE_HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
};

/** A plain-HTTP refusal carrying a JSON-RPC error body, as the spec's examples do. */
function refuse<R>(
  ex: HttpExchange<R>,
  status: number,
  message: string,
  code: number = ErrorCode.InvalidRequest,
  headers: Record<string, string> = {},
): R {
  const body = JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } });
  return ex.reply(status, { ...JSON_HEADERS, ...headers }, body);
}

const accepts = (ex: HttpExchange<unknown>, type: string) => (ex.header("accept") ?? "").toLowerCase().includes(type);
const NO_SESSIONS = "Method not allowed: this server has no sessions";

/**
 * The Streamable HTTP endpoint as a web-standard handler: `handle(Request)` resolves with a Response.
 * Both eras on one URL: a POST whose MCP-Protocol-Version (or `_meta`) names a stateless revision
 * (2026-07-28 on) is served on its own, its headers checked against its body; otherwise, as 2025-03-26
 * to 2025-11-25 have it, sessions are created at initialize (Mcp-Session-Id), each a Transport the
 * server serves; POSTs are answered as SSE or JSON, GET opens the standalone stream or resumes one
 * (Last-Event-ID), DELETE ends a session.
 */
export class StreamableHttpServer {
  readonly #connect: ConnectSession;
  readonly #options: StreamableHttpServerOptions;
  readonly #store: EventStore | undefined;
  readonly #sessions = new Map<string, HttpSession>();
  readonly #posts = new Set<StatelessPost<unknown>>();
  readonly logger: Logger;
  /** The revisions MCP-Protocol-Version headers are read against: the built-in ones and those given. */
  readonly revisions: RevisionSet;

  constructor(connect: ConnectSession, options: StreamableHttpServerOptions = {}) {
    this.#connect = connect;
    this.#options = options;
    this.revisions = RevisionSet.of(options.revisions);
    this.#store = options.eventStore === null ? undefined : (options.eventStore ?? new InMemoryEventStore());
    this.logger = options.logger ?? stderrLogger;
  }

  /** Sessions open now. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** Serves one web-standard request. Never throws: every failure is an HTTP status with a JSON-RPC error body. */
  handle(request: Request): Promise<Response> {
    return this.serve(webExchange(request));
  }

  /** Serves one node:http request in place, without web Request and Response objects (the fast path on Node). */
  handleNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return this.serve(nodeExchange(req, res));
  }

  /** Serves one exchange, whatever carries it. */
  async serve<R>(ex: HttpExchange<R>): Promise<R> {
    try {
      const refusal = rebindingRefusal((name) => ex.header(name), this.#options.security ?? {});
      if (refusal) return refuse(ex, 403, `Forbidden: ${refusal}`);
      if (ex.method === "POST") return await this.#post(ex);
      if (ex.method === "GET") return await this.#get(ex);
      if (ex.method === "DELETE") return await this.#delete(ex);
      return refuse(ex, 405, `Method not allowed: ${ex.method}`, ErrorCode.InvalidRequest, {
        allow: "GET, POST, DELETE",
      });
    } catch (error) {
      this.logger.error("the Streamable HTTP endpoint failed", error);
      return refuse(ex, 500, "Internal error", ErrorCode.InternalError);
    }
  }

  /** Ends every session, and every stateless request still streaming. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#sessions.values(), ...this.#posts].map((s) => s.close()));
  }

  /** @internal */
  forget(session: HttpSession): void {
    if (session.id !== undefined && this.#sessions.get(session.id) === session) this.#sessions.delete(session.id);
  }

  async #post<R>(ex: HttpExchange<R>): Promise<R> {
    if (!accepts(ex, "application/json") || !accepts(ex, "text/event-stream"))
      return refuse(ex, 406, "Not acceptable: the client must accept both application/json and text/event-stream");
    if (!(ex.header("content-type") ?? "").toLowerCase().startsWith("application/json"))
      return refuse(ex, 415, "Unsupported media type: the body must be application/json");
    const body = await ex.body(this.#options.maxBodyBytes ?? 4 * 1024 * 1024, this.#options.bodyTimeout ?? 30_000);
    if ("status" in body) return refuse(ex, body.status, body.message);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch (error) {
      return refuse(ex, 400, `Parse error: ${(error as Error).message}`, ErrorCode.ParseError);
    }
    const messages = Array.isArray(parsed) ? parsed : [parsed];
    if (messages.length === 0 || !messages.every((m) => isObject(m) && m.jsonrpc === "2.0"))
      return refuse(ex, 400, "Invalid request: the body must be a JSON-RPC message or a batch of them");
    const version = ex.header("mcp-protocol-version");
    if (statelessPost(version, messages, this.revisions)) {
      if (Array.isArray(parsed))
        return refuse(ex, 400, `Invalid request: JSON-RPC batches are not part of revision ${version}`);
      return this.#stateless(ex, parsed as Record<string, unknown>);
    }
    const initialize = messages.some((m) => isObject(m) && m.method === "initialize");
    if (initialize && messages.length > 1) return refuse(ex, 400, "Invalid request: initialize must be sent alone");
    if (!initialize && version !== null && !this.revisions.spec(version)?.stateful)
      return refuse(ex, 400, `Bad request: unsupported MCP-Protocol-Version ${JSON.stringify(version)}`);
    let session: HttpSession;
    if (initialize || this.#options.stateless) {
      session = await this.#open(initialize ? undefined : (version ?? "2025-03-26"));
    } else {
      const found = this.#find(ex);
      if (!found) return this.#missing(ex);
      session = found;
    }
    return session.post(ex, parsed, messages, version);
  }

  /** One stateless POST: headers checked against the body, then served by a session of its own. */
  async #stateless<R>(ex: HttpExchange<R>, message: Record<string, unknown>): Promise<R> {
    const id = "id" in message ? message.id : undefined;
    if (!("method" in message))
      return refuse(ex, 400, "Invalid request: clients send no responses on this revision", ErrorCode.InvalidRequest);
    const refusal = headerRefusal((name) => ex.header(name), message, this.#options.toolHeaders);
    if (refusal) {
      this.logger.warn(`refused a POST: ${refusal.message}`);
      const body = JSON.stringify({
        jsonrpc: "2.0",
        id: id ?? null,
        error: { code: refusal.code, message: refusal.message },
      });
      return ex.reply(refusal.status, JSON_HEADERS, body);
    }
    const post = new StatelessPost(
      ex,
      message,
      {
        logger: this.logger,
        ...(this.#options.jsonResponse ? { jsonResponse: true } : {}),
        ...(this.#options.keepAlive === undefined ? {} : { keepAlive: this.#options.keepAlive }),
      },
      (done) => this.#posts.delete(done as StatelessPost<unknown>),
    );
    this.#posts.add(post as StatelessPost<unknown>);
    await this.#connect(post, { stateless: true });
    return post.answer;
  }

  async #get<R>(ex: HttpExchange<R>): Promise<R> {
    if (this.#options.stateless) return refuse(ex, 405, NO_SESSIONS, ErrorCode.InvalidRequest, { allow: "POST" });
    if (!accepts(ex, "text/event-stream"))
      return refuse(ex, 406, "Not acceptable: the client must accept text/event-stream");
    const session = this.#find(ex);
    return session ? session.get(ex, ex.header("last-event-id")) : this.#missing(ex);
  }

  async #delete<R>(ex: HttpExchange<R>): Promise<R> {
    if (this.#options.stateless) return refuse(ex, 405, NO_SESSIONS, ErrorCode.InvalidRequest, { allow: "POST" });
    const session = this.#find(ex);
    if (!session) return this.#missing(ex);
    await session.close();
    return ex.reply(200, {});
  }

  /** The session the request names, if it exists; its idle timer restarts. */
  #find(ex: HttpExchange<unknown>): HttpSession | undefined {
    const id = ex.header("mcp-session-id");
    const session = id === null ? undefined : this.#sessions.get(id);
    session?.touch();
    return session;
  }

  /** The refusal of a request whose session is missing (400) or unknown (404). */
  #missing<R>(ex: HttpExchange<R>): R {
    return ex.header("mcp-session-id") === null
      ? refuse(ex, 400, "Bad request: the Mcp-Session-Id header is required")
      : refuse(ex, 404, "Session not found", -32001);
  }

  async #open(preinitialized: string | undefined): Promise<HttpSession> {
    const id = this.#options.stateless ? undefined : crypto.randomUUID();
    const session = new HttpSession(id, this, this.#store, this.#options);
    if (id !== undefined) this.#sessions.set(id, session);
    await this.#connect(session, preinitialized === undefined ? undefined : { preinitialized });
    return session;
  }
}

/**
 * Whether a POST is of a stateless revision: its MCP-Protocol-Version names no stateful revision this
 * server speaks (an unknown one is the server's -32022 to answer), or, without the header, its `_meta`
 * names a version (the missing header is then a mismatch to refuse).
 */
function statelessPost(version: string | null, messages: unknown[], known: RevisionSet): boolean {
  if (version !== null) return !known.spec(version.trim())?.stateful;
  return messages.some((m) => metaVersion(m) !== undefined);
}

/** One session: the Transport its ServerSession speaks through, routing each message to a stream. */
class HttpSession implements Transport {
  readonly id: string | undefined;
  readonly #endpoint: StreamableHttpServer;
  readonly #store: EventStore | undefined;
  readonly #options: StreamableHttpServerOptions;
  // Made while a stream is open and dropped when the last one ends: most sessions are idle most of the time.
  #byRequest: Map<RequestId, OutStream> | undefined;
  #streams: Map<string, OutStream> | undefined;
  #events: TransportEvents | undefined;
  #standalone: OutStream | undefined;
  #initializeId: RequestId | undefined;
  #revision: string | undefined;
  #idle: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    id: string | undefined,
    endpoint: StreamableHttpServer,
    store: EventStore | undefined,
    options: StreamableHttpServerOptions,
  ) {
    this.id = id;
    this.#endpoint = endpoint;
    this.#store = id === undefined ? undefined : store;
    this.#options = options;
    this.touch();
  }

  start(events: TransportEvents): void {
    this.#events = events;
  }

  /** Restarts the idle timer. */
  touch(): void {
    const timeout = this.#options.sessionIdleTimeout ?? 30 * 60_000;
    if (this.id === undefined || timeout <= 0) return;
    if (this.#idle) this.#idle.refresh();
    else {
      this.#idle = setTimeout(() => void this.close(), timeout);
      this.#idle.unref();
    }
  }

  async post<R>(ex: HttpExchange<R>, body: unknown, messages: unknown[], version: string | null): Promise<R> {
    const headers: Record<string, string> = this.id === undefined ? {} : { "mcp-session-id": this.id };
    if (this.#revision !== undefined && version !== null && version !== this.#revision)
      return refuse(
        ex,
        400,
        `Bad request: MCP-Protocol-Version ${version} does not match the session's ${this.#revision}`,
      );
    const revision = this.#endpoint.revisions.spec(this.#revision ?? version ?? "2025-03-26");
    if (Array.isArray(body) && !revision?.batching)
      return refuse(ex, 400, `Invalid request: JSON-RPC batches are not part of revision ${revision?.name}`);
    const requests = messages.filter((m) => isRequest(m));
    for (const r of requests) if (r.method === "initialize") this.#initializeId = r.id;
    if (requests.length === 0) {
      this.#events?.message(body);
      if (this.id === undefined) queueMicrotask(() => void this.close());
      return ex.reply(202, headers);
    }
    const stream = this.#stream(requests.map((r) => r.id));
    if (this.#options.jsonResponse) {
      const answered = stream.openJson(Array.isArray(body));
      this.#events?.message(body);
      return ex.reply(200, { ...JSON_HEADERS, ...headers }, JSON.stringify(await answered));
    }
    const retry = this.#primes() ? (this.#options.retryInterval ?? 1000) : undefined;
    const answer = ex.stream(200, { ...SSE_HEADERS, ...headers }, (sink) => stream.attach(sink, retry));
    queueMicrotask(() => this.#events?.message(body));
    return answer;
  }

  async get<R>(ex: HttpExchange<R>, lastEventId: string | null): Promise<R> {
    const headers = { ...SSE_HEADERS, "mcp-session-id": this.id! };
    if (lastEventId !== null && this.#store) {
      const replayed: [string, unknown][] = [];
      const streamId = await this.#store.replayEventsAfter(lastEventId, (id, m) => void replayed.push([id, m]));
      const resumed = streamId === undefined ? undefined : this.#streams?.get(streamId);
      if (!resumed) return refuse(ex, 404, `Bad request: no stream to resume after event ${lastEventId}`);
      return ex.stream(200, headers, (sink) => {
        const detach = resumed.attach(sink);
        for (const [id, message] of replayed) resumed.replay(id, message);
        if (resumed.awaitingResume) resumed.end();
        return detach;
      });
    }
    if (this.#standalone?.connected)
      return refuse(ex, 409, "Conflict: this session already has a standalone SSE stream");
    const standalone = (this.#standalone = this.#stream([]));
    const retry = this.#primes() ? (this.#options.retryInterval ?? 1000) : undefined;
    return ex.stream(200, headers, (sink) => standalone.attach(sink, retry));
  }

  async send(message: unknown, options?: SendOptions): Promise<void> {
    if (this.#closed) return;
    this.touch();
    const answers = responseIds(message);
    if (answers.length > 0) {
      this.#learnRevision(message);
      const byRequest = this.#byRequest;
      const stream = byRequest?.get(answers[0]!);
      if (byRequest) {
        for (const id of answers) byRequest.delete(id);
        if (byRequest.size === 0) this.#byRequest = undefined;
      }
      if (stream) await stream.write(message, answers);
      else this.#endpoint.logger.debug(`dropped a response to request ${String(answers[0])}: no stream carries it`);
      return;
    }
    const related =
      options?.relatedRequestId === undefined ? undefined : this.#byRequest?.get(options.relatedRequestId);
    const target = related?.sse ? related : this.#standalone;
    if (target) await target.write(message, []);
    else this.#endpoint.logger.debug("dropped a server message: no stream is open for it", message);
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

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#idle) clearTimeout(this.#idle);
    if (this.#streams) for (const stream of [...this.#streams.values()]) stream.end();
    this.#endpoint.forget(this);
    this.#events?.close();
  }

  /** Whether streams open with a priming event: resumable sessions on 2025-11-25 and later. */
  #primes(): boolean {
    return this.#store !== undefined && (this.#revision ?? "") >= "2025-11-25";
  }

  #stream(requestIds: RequestId[]): OutStream {
    const stream = new OutStream(crypto.randomUUID(), requestIds, this.#store, (s) => {
      this.#streams?.delete(s.id);
      if (this.#streams?.size === 0) this.#streams = undefined;
      if (this.#standalone === s) this.#standalone = undefined;
      // Without sessions, a POST is a connection of its own: answered, it is over.
      if (this.id === undefined && this.#streams === undefined) void this.close();
    });
    (this.#streams ??= new Map()).set(stream.id, stream);
    if (requestIds.length > 0) {
      const byRequest = (this.#byRequest ??= new Map());
      for (const id of requestIds) byRequest.set(id, stream);
    }
    return stream;
  }

  #learnRevision(message: unknown): void {
    if (this.#initializeId === undefined || !isObject(message) || message.id !== this.#initializeId) return;
    const version = (message.result as { protocolVersion?: unknown } | undefined)?.protocolVersion;
    if (typeof version === "string") this.#revision = version;
    this.#initializeId = undefined;
  }
}
