import type { RevisionSpec } from "../../../generated/common.js";
import { principalOf, type AuthInfo } from "../../protocol/auth-info.js";
import { ErrorCode } from "../../protocol/errors.js";
import { isObject, isRequest, isRequestId } from "../../protocol/jsonrpc.js";
import { stderrLogger, type Logger } from "../../protocol/logger.js";
import { ASSUMED_HTTP_REVISION, RevisionSet } from "../../protocol/negotiation.js";
import type { Transport } from "../../protocol/transport.js";
import { InMemoryEventStore, type EventStore } from "./event-store.js";
import { rebindingRefusal, type TransportSecuritySettings } from "./security.js";
import { DEFAULT_MAX_MESSAGE_BYTES as DEFAULT_MAX_BODY } from "../stdio/ndjson.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  errorReply,
  JSON_HEADERS,
  nodeExchange,
  refuse,
  webExchange,
  type AdmitMessages,
  type HttpExchange,
} from "./exchange.js";
import { envelopeFault, HttpSession } from "./session.js";
import { headerRefusal, StatelessPost, type ToolHeaders } from "./streamable-http-stateless.js";
import { metaVersion } from "../../protocol/mcp-headers.js";
import type { RestoredSession, SessionSharing } from "./session-sharing.js";
import { SharedSessions, type SharingHost } from "./shared-sessions.js";

/** Options of a Streamable HTTP server endpoint. */
export interface StreamableHttpServerOptions {
  /** No sessions: every POST is served on its own, and GET and DELETE are refused (405). */
  stateless?: boolean;
  /**
   * Answer session POSTs with one JSON body instead of an SSE stream. A stateless (2026-07-28) request
   * is answered with one JSON body either way unless it sends a notification before its response:
   * then the answer is an SSE stream, which alone can carry the notification.
   */
  jsonResponse?: boolean;
  /**
   * The session registry and relay this replica shares with the others (`FastMCP.runHttp({ store })`
   * gives a Redis store's): a session's requests reach the replica serving it, whichever receives them.
   */
  sessions?: SessionSharing;
  /** Where SSE events are kept for resumption (default: in memory); null turns resumability off. */
  eventStore?: EventStore | null;
  /** The largest request body accepted, in bytes (default 4 MB; beyond it: 413). */
  maxBodyBytes?: number;
  /** How long a body may take to arrive, in ms (default 30 s; beyond it: 408). */
  bodyTimeout?: number;
  /** A session nobody has used for this long, in ms, is ended (default 30 min; 0: never). */
  sessionIdleTimeout?: number;
  /** Sessions kept at once (default 10,000); beyond it, initialize is refused with 503 and -32000. */
  maxSessions?: number;
  /**
   * Streams a session keeps after their client went away, for a resume or until their requests are
   * answered (default 32); beyond it the oldest is ended and what it still had to send is dropped.
   */
  maxAbandonedStreams?: number;
  /** The `retry:` (ms) sent with the priming event that opens each SSE stream, for clients that resume (default 1,000). */
  retryInterval?: number;
  /** Host and Origin checks against DNS rebinding. */
  security?: TransportSecuritySettings;
  /**
   * The `x-mcp-header` parameters of a tool, whose `Mcp-Param-{Name}` headers a stateless tools/call
   * must carry and match (FastMCP gives its tools'; without it only the standard headers are checked).
   */
  toolHeaders?: ToolHeaders;
  /** Refuses a POST's messages before they are served, from them and the caller (see {@link AdmitMessages}). */
  admit?: AdmitMessages;
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
  options?: { preinitialized?: string; stateless?: boolean; restored?: RestoredSession },
) => Promise<unknown>;

/**
 * Sessions kept at once by default. An idle initialized session measured about 1.3 KB of heap (its
 * ServerSession, its transport, its idle timer), so ten thousand hold some 13 MB: far more sessions
 * than one process serves at once, while a client opening sessions in a loop is stopped long before
 * memory runs out (they would otherwise live the 30-minute idle timeout).
 */
const MAX_SESSIONS = 10_000;

/** The JSON-RPC code of a refusal for want of capacity: implementation-defined server error. */
const SERVER_BUSY = -32000;

/** The header that closes the connection once the answer is sent. */
const CLOSE: Record<string, string> = { connection: "close" };

const accepts = (ex: HttpExchange<unknown>, type: string) => (ex.header("accept") ?? "").toLowerCase().includes(type);
const NO_SESSIONS = "Method not allowed: this server has no sessions";

/**
 * The Streamable HTTP endpoint as a web-standard handler: `handle(Request)` resolves with a Response.
 * Both modes on one URL: a POST whose MCP-Protocol-Version (or `_meta`) names a stateless revision
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
  readonly #shared: SharedSessions | undefined;
  readonly logger: Logger;
  /** The revisions MCP-Protocol-Version headers are read against: the built-in ones and those given. */
  readonly revisions: RevisionSet;

  constructor(connect: ConnectSession, options: StreamableHttpServerOptions = {}) {
    this.#connect = connect;
    this.#options = options;
    this.revisions = RevisionSet.of(options.revisions);
    this.#store = options.eventStore === null ? undefined : (options.eventStore ?? new InMemoryEventStore());
    this.logger = options.logger ?? stderrLogger;
    if (options.sessions && !options.stateless)
      this.#shared = new SharedSessions(options.sessions, this.#sharingHost(), {
        idleTimeoutMs: options.sessionIdleTimeout ?? 30 * 60_000,
        maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
        bodyTimeoutMs: options.bodyTimeout ?? 30_000,
      });
  }

  /** Sessions open now. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** Serves one web-standard request (from the caller `auth`, when its token was checked). Never throws: every failure is an HTTP status with a JSON-RPC error body. */
  handle(request: Request, auth?: AuthInfo): Promise<Response> {
    const ex = webExchange(request);
    return this.serve(auth === undefined ? ex : { ...ex, auth });
  }

  /**
   * Serves one node:http request in place (from the caller `auth`, when its token was checked), without
   * web Request and Response objects (the fast path on Node). `parsed` is its body when a framework
   * already read it (Express's `express.json()`, Fastify): the stream is then not read again.
   */
  handleNode(req: IncomingMessage, res: ServerResponse, auth?: AuthInfo, parsed?: { body: unknown }): Promise<void> {
    const ex = nodeExchange(req, res, parsed);
    return this.serve(auth === undefined ? ex : { ...ex, auth });
  }

  /** Serves one exchange, whatever carries it. */
  serve<R>(ex: HttpExchange<R>): Promise<R> {
    return this.#serve(ex, true);
  }

  /** Serves one exchange; `route`: a request for another replica's session is forwarded there. */
  async #serve<R>(received: HttpExchange<R>, route: boolean): Promise<R> {
    let ex = received;
    try {
      const refusal = rebindingRefusal((name) => ex.header(name), this.#options.security ?? {});
      if (refusal) return refuse(ex, 403, `Forbidden: ${refusal}`);
      // Only with shared sessions: the direct path takes no extra turn of the event loop.
      const routed = route && this.#shared ? await this.#shared.route(ex) : undefined;
      if (routed && "answer" in routed) return routed.answer;
      if (routed) ex = routed.ex;
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

  /**
   * Ends every session, and every stateless request still streaming. Sessions shared with other
   * replicas are handed over: their records and stored events are kept, for another replica to take
   * them over at their next request (a stream's client resumes there).
   */
  async close(): Promise<void> {
    const handOver = this.#shared !== undefined;
    await this.#shared?.close();
    await Promise.allSettled([
      ...[...this.#sessions.values()].map((s) => s.close(handOver)),
      ...[...this.#posts].map((p) => p.close()),
    ]);
  }

  /** @internal */
  forget(session: HttpSession): void {
    if (session.id === undefined || this.#sessions.get(session.id) !== session) return;
    this.#sessions.delete(session.id);
    this.#shared?.forgotten(session);
  }

  /** @internal */
  shareSession(session: HttpSession, client: unknown): Promise<boolean> {
    return this.#shared ? this.#shared.share(session, client) : Promise.resolve(true);
  }

  /** @internal */
  requested(session: HttpSession, requests: readonly { method: string; params?: unknown }[]): void {
    this.#shared?.requested(session, requests);
  }

  /** @internal */
  touched(session: HttpSession): void {
    this.#shared?.touched(session);
  }

  /** What the shared sessions need of this endpoint. */
  #sharingHost(): SharingHost {
    return {
      logger: this.logger,
      revisions: this.revisions,
      has: (id) => this.#sessions.has(id),
      adopt: async (id, record) => {
        const session = new HttpSession(id, this, this.#store, this.#options, record.principal, record.revision);
        this.#sessions.set(id, session);
        const { client, logLevel, subscriptions, principal } = record;
        const restored = { client, logLevel, subscriptions, principal };
        await this.#connect(session, { preinitialized: record.revision, restored });
      },
      serveHere: (ex) => this.#serve(ex, false),
      release: (id) => void this.#sessions.get(id)?.close(true),
    };
  }

  async #post<R>(ex: HttpExchange<R>): Promise<R> {
    if (!accepts(ex, "application/json") || !accepts(ex, "text/event-stream"))
      return refuse(ex, 406, "Not acceptable: the client must accept both application/json and text/event-stream");
    if (!(ex.header("content-type") ?? "").toLowerCase().startsWith("application/json"))
      return refuse(ex, 415, "Unsupported media type: the body must be application/json");
    const body = await ex.body(this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY, this.#options.bodyTimeout ?? 30_000);
    // The rest of a body refused (too large, too slow) is not read: the connection is closed instead.
    if ("status" in body) return refuse(ex, body.status, body.message, ErrorCode.InvalidRequest, CLOSE);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch (error) {
      return refuse(ex, 400, `Parse error: ${(error as Error).message}`, ErrorCode.ParseError);
    }
    const messages = Array.isArray(parsed) ? parsed : [parsed];
    if (messages.length === 0 || !messages.every((m) => isObject(m) && m.jsonrpc === "2.0")) {
      // A lone request keeps its id in the answer, as the session answers it on stdio.
      const lone = isRequest(parsed) ? parsed.id : null;
      const message = isObject(parsed)
        ? 'Invalid request: jsonrpc must be "2.0"'
        : "Invalid request: the body must be a JSON-RPC message or a batch of them";
      return errorReply(ex, 400, lone, { code: ErrorCode.InvalidRequest, message });
    }
    const malformed = Array.isArray(parsed) ? undefined : envelopeFault(parsed as Record<string, unknown>);
    if (malformed) return ex.reply(400, JSON_HEADERS, JSON.stringify(malformed));
    const refused = this.#options.admit?.(messages, ex.auth);
    if (refused) return ex.reply(refused.status, { ...refused.headers }, refused.body);
    const version = ex.header("mcp-protocol-version");
    if (statelessPost(version, messages, this.revisions)) {
      if (Array.isArray(parsed))
        return refuse(ex, 400, `Invalid request: JSON-RPC batches are not part of revision ${version}`);
      return this.#stateless(ex, parsed as Record<string, unknown>);
    }
    const initialize = messages.find((m) => isRequest(m, "initialize"));
    if (initialize) return this.#initialize(ex, parsed, messages, version, initialize.id);
    if (this.#options.stateless)
      return (await this.#open(version ?? ASSUMED_HTTP_REVISION, principalOf(ex.auth))).post(
        ex,
        parsed,
        messages,
        version,
      );
    const session = this.#find(ex);
    return session ? session.post(ex, parsed, messages, version) : this.#missing(ex);
  }

  /**
   * An initialize POST: alone, not for a live session (the official SDK's "already initialized"), and
   * within `maxSessions`; the session it opens is kept only if initialize succeeds.
   */
  async #initialize<R>(
    ex: HttpExchange<R>,
    parsed: unknown,
    messages: unknown[],
    version: string | null,
    id: string | number,
  ): Promise<R> {
    if (messages.length > 1) return refuse(ex, 400, "Invalid request: initialize must be sent alone");
    if (this.#find(ex))
      return errorReply(ex, 400, id, {
        code: ErrorCode.InvalidRequest,
        message: "Invalid request: server already initialized (the Mcp-Session-Id names a live session)",
      });
    const max = this.#options.maxSessions ?? MAX_SESSIONS;
    if (!this.#options.stateless && this.#sessions.size >= max) {
      this.logger.warn(`refused an initialize: ${max} sessions are open`);
      return errorReply(ex, 503, id, {
        code: SERVER_BUSY,
        message: `Service unavailable: the server has its maximum of ${max} sessions`,
      });
    }
    const session = await this.#open(undefined, principalOf(ex.auth));
    return session.post(ex, parsed, messages, version);
  }

  /** One stateless POST: headers checked against the body, then served by a session of its own. */
  async #stateless<R>(ex: HttpExchange<R>, message: Record<string, unknown>): Promise<R> {
    if (!("method" in message))
      return refuse(ex, 400, "Invalid request: clients send no responses on this revision", ErrorCode.InvalidRequest);
    const refusal = headerRefusal((name) => ex.header(name), message, this.#options.toolHeaders, this.revisions);
    if (refusal) {
      this.logger.warn(`refused a POST: ${refusal.message}`);
      const { status, ...error } = refusal;
      return errorReply(ex, status, isRequestId(message.id) ? message.id : null, error);
    }
    const post = new StatelessPost(
      ex,
      message,
      this.#options.keepAlive === undefined ? {} : { keepAlive: this.#options.keepAlive },
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
  /**
   * The session a request names, if it is live and was opened by the request's own principal: a
   * session id presented with another user's token is unknown to it (404), as if it did not exist.
   */
  #find(ex: HttpExchange<unknown>): HttpSession | undefined {
    const id = ex.header("mcp-session-id");
    const session = id === null ? undefined : this.#sessions.get(id);
    if (!session || session.owner !== principalOf(ex.auth)) return undefined;
    session.touch();
    return session;
  }

  /** The refusal of a request whose session is missing (400) or unknown (404). */
  #missing<R>(ex: HttpExchange<R>): R {
    return ex.header("mcp-session-id") === null
      ? refuse(ex, 400, "Bad request: the Mcp-Session-Id header is required")
      : refuse(ex, 404, "Session not found", -32001);
  }

  async #open(preinitialized: string | undefined, owner: string | undefined): Promise<HttpSession> {
    const id = this.#options.stateless ? undefined : crypto.randomUUID();
    const session = new HttpSession(id, this, this.#store, this.#options, owner);
    if (id !== undefined) this.#sessions.set(id, session);
    await this.#connect(session, preinitialized === undefined ? undefined : { preinitialized });
    return session;
  }
}

/**
 * Whether a POST is of a stateless revision: its MCP-Protocol-Version names no stateful revision this
 * server speaks (the header check refuses an unknown one as unsupported, -32022), or, without the header, its `_meta`
 * names a version (the missing header is then a mismatch to refuse).
 */
function statelessPost(version: string | null, messages: unknown[], known: RevisionSet): boolean {
  if (version !== null) return !known.spec(version.trim())?.stateful;
  return messages.some((m) => metaVersion(m) !== undefined);
}
