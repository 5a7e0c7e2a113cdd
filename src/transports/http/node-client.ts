import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from "node:http";
import type { HttpAnswer, HttpRequester } from "./answer.js";
import { EventStreamDecoder, MessageTooLargeError, type EventStreamHandlers } from "./event-stream-decoder.js";
import { DEFAULT_CLIENT_MAX_MESSAGE_BYTES } from "../limits.js";
import { forwardingRequest, proxyFor, tunnelingAgent, type ProxyEnvironment } from "./proxy.js";

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

type AgentClass = new (options: object) => HttpAgent;

/** A keep-alive agent class (http's or https's) whose idle connections are dropped before the server drops them. */
function idleExpiring(Base: AgentClass): new (options?: object) => HttpAgent {
  return class extends Base {
    /** `options`: the agent's (TLS settings, for one that tunnels through a proxy); keep-alive is always on. */
    constructor(options?: object) {
      super({ ...options, keepAlive: true });
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

let https: { Agent: new () => HttpAgent; Base: AgentClass; request: typeof httpRequest } | undefined;

/** node:https, loaded on first use (it brings in tls): a plain-http client never pays for it. */
function httpsModule(): NonNullable<typeof https> {
  if (https) return https;
  const { Agent, request } = process.getBuiltinModule("node:https");
  const Base = Agent as unknown as AgentClass;
  return (https = { Agent: idleExpiring(Base), Base, request });
}

/**
 * The agent requests to `url` go through, and whether it is the transport's own: the caller's, else a
 * keep-alive agent of its own; through a proxy (HTTPS_PROXY) an https: URL gets a tunneling agent of
 * its own, which takes the caller's agent's TLS settings (`ca`, `cert`...).
 */
function agentFor(url: URL, proxy: URL | undefined, given: HttpAgent | undefined): [HttpAgent, boolean] {
  const secure = url.protocol === "https:";
  if (secure && proxy) {
    const Tunnel = idleExpiring(tunnelingAgent(httpsModule().Base, proxy));
    return [new Tunnel((given as { options?: object } | undefined)?.options), true];
  }
  if (given) return [given, false];
  return [secure ? new (httpsModule().Agent)() : new IdleExpiringHttpAgent(), true];
}

/** The statuses of a redirect, and how many are followed for one request (as fetch has it). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

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
  readonly #send: (url: URL, options: RequestOptions) => ClientRequest;
  readonly #max: number;
  /** Live requests by signal: one abort listener per signal, however many requests share it. */
  readonly #live = new Map<AbortSignal, SignalGroup>();

  /** `max`: the most bytes of one message (an event, or a JSON body) an answer holds. */
  /** `proxyEnv`: where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (default: the process's environment). */
  constructor(url: URL, agent?: HttpAgent, max = DEFAULT_CLIENT_MAX_MESSAGE_BYTES, proxyEnv?: ProxyEnvironment) {
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") throw new TypeError(`not an http: or https: URL: ${url.href}`);
    this.#url = url;
    const proxy = proxyFor(url, proxyEnv);
    this.#send = secure ? httpsModule().request : proxy ? forwardingRequest(proxy) : httpRequest;
    this.#max = max;
    [this.#agent, this.#ownsAgent] = agentFor(url, proxy, agent);
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
    return this.#follow(this.#url, method, headers, body, signal, MAX_REDIRECTS);
  }

  /**
   * Sends a request and follows redirects on the same origin, as fetch does: 307 and 308 keep the
   * method and body, 301, 302 and 303 turn a POST into a body-less GET. A redirect to another origin
   * is refused (an error, the Location named), so that the Authorization header never leaves it.
   */
  async #follow(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
    left: number,
  ): Promise<HttpAnswer> {
    const answer = await this.#attempt(url, method, headers, body, signal, true);
    const location = REDIRECTS.has(answer.status) ? answer.headers.get("location") : null;
    if (location === null) return answer;
    await answer.discard();
    const target = new URL(location, url);
    if (target.origin !== url.origin)
      throw new Error(`the ${method} to ${url.href} was redirected to another origin (${target.href}): not followed`);
    if (left === 0)
      throw new Error(`the ${method} to ${this.#url.href} was redirected more than ${MAX_REDIRECTS} times`);
    if (answer.status === 307 || answer.status === 308 || method === "GET" || method === "HEAD")
      return this.#follow(target, method, headers, body, signal, left - 1);
    const { "content-length": _length, "content-type": _type, ...rest } = headers;
    return this.#follow(target, "GET", rest, undefined, signal, left - 1);
  }

  /** One attempt at a request; when `retry`, a pooled connection found closed is replaced once (see {@link staleWatch}). */
  #attempt(
    url: URL,
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
        req = this.#send(url, { method, headers, agent: this.#agent });
      } catch (error) {
        return reject(error);
      }
      this.#track(signal, req);
      const stale = retry && req.reusedSocket ? staleWatch(req, this.#agent) : undefined;
      req.on("error", (error) => {
        if (signal.aborted) return reject(error);
        if (stale?.(error)) return resolve(this.#attempt(url, method, headers, body, signal, false));
        reject(new Error(`the ${method} to ${url.href} failed: ${error.message}`, { cause: error }));
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
