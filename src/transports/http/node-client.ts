import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import type { HttpAnswer, HttpRequester } from "./answer.js";
import { EventStreamDecoder, MessageTooLargeError, type EventStreamHandlers } from "./event-stream-decoder.js";
import { DEFAULT_CLIENT_MAX_MESSAGE_BYTES } from "../limits.js";

/** A discarded body at most this long (by its Content-Length) is drained, so its connection is kept. */
const DRAIN_LIMIT = 64 * 1024;
/** How long an idle connection is kept when the server gives no `Keep-Alive: timeout=` (ms). */
const DEFAULT_IDLE = 4000;
/** How much sooner than the server's `Keep-Alive: timeout=` an idle connection is dropped (ms). */
const IDLE_MARGIN = 1000;

/** Each connection's idle allowance, read off the last response on it. */
const idleAllowance = new WeakMap<object, number>();

/** Notes how long the connection `res` came on may stay idle, from the server's `Keep-Alive` header. */
function noteKeepAlive(res: IncomingMessage): void {
  const hint = /(?:^|[\s,])timeout=(\d+)/i.exec(String(res.headers["keep-alive"] ?? ""))?.[1];
  if (hint === undefined) return void idleAllowance.delete(res.socket);
  const ms = Number(hint) * 1000;
  idleAllowance.set(res.socket, ms - Math.min(IDLE_MARGIN, ms / 2));
}

/**
 * Idle connections are dropped before the server drops them: a request written on a connection
 * the server is closing at that moment fails with ECONNRESET. (A timer cannot fire while the event
 * loop is stalled, so such a request is also sent again once: see {@link staleWatch}.)
 */
function expireIdle(socket: Duplex): void {
  (socket as Duplex & { setTimeout(ms: number): void }).setTimeout(idleAllowance.get(socket) ?? DEFAULT_IDLE);
}

type AgentClass = new (options: { keepAlive: boolean }) => HttpAgent;

/** A keep-alive agent class (http's or https's) whose idle connections are dropped before the server drops them. */
function idleExpiring(Base: AgentClass): new () => HttpAgent {
  return class extends Base {
    constructor() {
      super({ keepAlive: true });
    }

    override keepSocketAlive(socket: Duplex): boolean {
      // Typed void, but a false result has the socket destroyed instead of kept (documented).
      const kept = super.keepSocketAlive(socket) as unknown as boolean;
      if (kept) expireIdle(socket);
      return kept;
    }

    override reuseSocket(socket: Duplex, request: ClientRequest): void {
      super.reuseSocket(socket, request);
      (socket as Duplex & { setTimeout(ms: number): void }).setTimeout(0);
    }
  };
}

/** The keep-alive agent of a transport's own, for http: URLs. */
const IdleExpiringHttpAgent = idleExpiring(HttpAgent);

let https: { Agent: new () => HttpAgent; request: typeof httpRequest } | undefined;

/** node:https, loaded on first use (it brings in tls): a plain-http client never pays for it. */
function httpsModule(): NonNullable<typeof https> {
  if (https) return https;
  const { Agent, request } = process.getBuiltinModule("node:https");
  return (https = { Agent: idleExpiring(Agent as unknown as AgentClass), request });
}

/** An IncomingMessage read as an {@link HttpAnswer}: the body straight off the socket, no web streams. */
class NodeAnswer implements HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly #res: IncomingMessage;
  readonly #max: number;

  constructor(res: IncomingMessage, max: number) {
    this.#res = res;
    this.#max = max;
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? "";
    this.ok = this.status >= 200 && this.status < 300;
    const raw = res.headers;
    this.headers = {
      get(name: string): string | null {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    };
  }

  async text(): Promise<string> {
    const chunks: Buffer[] = [];
    let length = 0;
    await this.#read((chunk) => {
      length += chunk.length;
      if (length > this.#max) throw new MessageTooLargeError("the server's answer", this.#max);
      chunks.push(chunk);
    });
    return chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, length).toString("utf8");
  }

  readEvents(handlers: EventStreamHandlers): Promise<void> {
    const decoder = new EventStreamDecoder(handlers, this.#max);
    return this.#read((chunk) => decoder.feed(chunk));
  }

  async discard(): Promise<void> {
    const res = this.#res;
    const length = Number(res.headers["content-length"]);
    if (res.complete || (Number.isInteger(length) && length <= DRAIN_LIMIT)) res.resume();
    else res.destroy();
  }

  /** Feeds the body to `chunk`; settles when it ends, is cut, or `chunk` throws (the connection is then closed). */
  #read(chunk: (bytes: Buffer) => void): Promise<void> {
    const res = this.#res;
    return new Promise((resolve, reject) => {
      res.on("data", (bytes: Buffer) => {
        try {
          chunk(bytes);
        } catch (error) {
          res.destroy(error as Error);
        }
      });
      res.once("end", resolve);
      res.once("error", (error) =>
        reject(
          (error as NodeJS.ErrnoException).code === "ECONNRESET"
            ? new Error("the connection was reset before the response ended", { cause: error })
            : error,
        ),
      );
      res.once("close", () =>
        res.readableEnded ? resolve() : reject(new Error("the connection closed before the response ended")),
      );
    });
  }
}

/** How a connection the server closed fails a request written on it: reset, broken pipe, or "socket hang up". */
const STALE_CODES = new Set(["ECONNRESET", "EPIPE"]);

/**
 * Watches a request sent on a reused keep-alive connection. The server may close an idle connection
 * at the moment the client writes on it (its keep-alive timer firing as the request arrives, or a
 * stalled client whose own idle timer could not fire): the request fails with a reset before any byte
 * of an answer, and was never processed. The predicate says whether `error` is that case; if so it
 * also drops the agent's other idle connections to that server (idle at least as long, so as likely
 * closed), so the request can be sent again on a new connection. A failure after any byte of the
 * answer arrived is not that case: the server may have acted on the request.
 */
function staleWatch(req: ClientRequest, agent: HttpAgent): (error: Error) => boolean {
  let socket: Socket | undefined;
  let readBefore = 0;
  let peer = "";
  req.once("socket", (assigned: Socket) => {
    socket = assigned;
    readBefore = assigned.bytesRead;
    // Read now: a socket destroyed by the reset no longer knows its peer.
    peer = `${assigned.remoteAddress}:${assigned.remotePort}`;
  });
  return (error) => {
    if (!socket || socket.bytesRead !== readBefore) return false;
    if (!STALE_CODES.has((error as NodeJS.ErrnoException).code ?? "")) return false;
    for (const idle of Object.values(agent.freeSockets).flat()) {
      if (!idle || `${idle.remoteAddress}:${idle.remotePort}` !== peer) continue;
      idle.emit("agentRemove");
      idle.destroy();
    }
    return true;
  };
}

/** The requests under way with one abort signal, and the one listener that ends them all. */
interface SignalGroup {
  readonly requests: Set<ClientRequest>;
  readonly abort: () => void;
}

/**
 * Requests made with node:http or node:https on a keep-alive agent: JSON bodies and event streams
 * are read straight from the IncomingMessage. The agent is the caller's, or one made here and
 * destroyed by `close()`. A request that meets a pooled connection the server had closed, before any
 * byte of an answer, is sent once more on a new connection.
 */
export class NodeHttpRequester implements HttpRequester {
  readonly #url: URL;
  readonly #agent: HttpAgent;
  readonly #ownsAgent: boolean;
  readonly #send: typeof httpRequest;
  readonly #max: number;
  /** Live requests by signal: one abort listener per signal, however many requests share it. */
  readonly #live = new Map<AbortSignal, SignalGroup>();

  /** `max`: the most bytes of one message (an event, or a JSON body) an answer holds. */
  constructor(url: URL, agent?: HttpAgent, max = DEFAULT_CLIENT_MAX_MESSAGE_BYTES) {
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") throw new TypeError(`not an http: or https: URL: ${url.href}`);
    this.#url = url;
    this.#send = secure ? httpsModule().request : httpRequest;
    this.#ownsAgent = agent === undefined;
    this.#max = max;
    this.#agent = agent ?? (secure ? new (httpsModule().Agent)() : new IdleExpiringHttpAgent());
  }

  /** The agent requests go through. */
  get agent(): HttpAgent {
    return this.#agent;
  }

  request(
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<HttpAnswer> {
    if (body !== undefined) headers = { ...headers, "content-length": String(Buffer.byteLength(body)) };
    return this.#attempt(method, headers, body, signal, true);
  }

  /** One attempt at a request; when `retry`, a pooled connection found closed is replaced once (see {@link staleWatch}). */
  #attempt(
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
    retry: boolean,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      let req: ClientRequest;
      try {
        req = this.#send(this.#url, { method, headers, agent: this.#agent });
      } catch (error) {
        return reject(error);
      }
      this.#track(signal, req);
      const stale = retry && req.reusedSocket ? staleWatch(req, this.#agent) : undefined;
      req.on("error", (error) => {
        if (signal.aborted) return reject(error);
        if (stale?.(error)) return resolve(this.#attempt(method, headers, body, signal, false));
        reject(new Error(`the ${method} to ${this.#url.href} failed: ${error.message}`, { cause: error }));
      });
      req.once("response", (res) => {
        if (this.#ownsAgent) noteKeepAlive(res);
        resolve(new NodeAnswer(res, this.#max));
      });
      req.end(body);
    });
  }

  /** Ends the requests still under way and, unless the caller gave it, destroys the agent. */
  close(): void {
    for (const { requests } of this.#live.values())
      for (const req of requests) req.destroy(new Error("the HTTP client was closed"));
    this.#live.clear();
    if (this.#ownsAgent) this.#agent.destroy();
  }

  /** Ends `req` when `signal` aborts, until the request is over. */
  #track(signal: AbortSignal, req: ClientRequest): void {
    let group = this.#live.get(signal);
    if (group === undefined) {
      const requests = new Set<ClientRequest>();
      const abort = () => {
        this.#live.delete(signal);
        const reason: unknown = signal.reason;
        const error = reason instanceof Error ? reason : new Error(String(reason ?? "aborted"));
        for (const each of requests) each.destroy(error);
      };
      group = { requests, abort };
      this.#live.set(signal, group);
      signal.addEventListener("abort", abort, { once: true });
    }
    const { requests, abort } = group;
    requests.add(req);
    req.once("close", () => {
      requests.delete(req);
      if (requests.size > 0 || this.#live.get(signal) !== group) return;
      this.#live.delete(signal);
      signal.removeEventListener("abort", abort);
    });
  }
}
