import { STATUS_CODES, type IncomingMessage, type Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import type WebSocket from "ws";
import type { WebSocketServer } from "ws";
import { clientAuthFor, sendAuthorized, type ClientAuthOption } from "../../auth/client/authorized-request.js";
import type { OAuthClientAuth } from "../../auth/client/client-auth.js";
import { ConnectionClosedError } from "../../protocol/errors.js";
import { UpgradeRefusedError } from "./upgrade-refused.js";
import { stderrLogger, type Logger } from "../../protocol/logger.js";
import type { Transport, TransportEvents } from "../../protocol/transport.js";
import { handshakeRefusal, securityForBinding, type TransportSecuritySettings } from "../http/security.js";
import { DEFAULT_CLIENT_MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, encode } from "../stdio/ndjson.js";

// ws is loaded on first use: it pulls in tls, zlib and crypto, which cost every program that imports
// mcpkit about 100 ms of start-up (measured by npm run bench) whether or not it opens a WebSocket.
// A literal import(), so that bundlers include it.
// Its ES module wrapper (Node's import) names both classes; its CommonJS entry (a bundle) hangs the
// server off the client class, the default export.
interface WsModule {
  WebSocket: typeof WebSocket;
  WebSocketServer: typeof WebSocketServer;
}
let wsModule: Promise<WsModule> | undefined;
let wsLoaded: WsModule | undefined;
const ws = (): Promise<WsModule> =>
  (wsModule ??= import("ws").then(
    (module) => {
      const named = module as unknown as Partial<WsModule> & { default: typeof WebSocket & Partial<WsModule> };
      return (wsLoaded = {
        WebSocket: named.WebSocket ?? named.default,
        WebSocketServer: (named.WebSocketServer ?? named.default.WebSocketServer)!,
      });
    },
    (error: unknown) => {
      wsModule = undefined;
      throw error;
    },
  ));
/** WebSocket readyState values (RFC 6455 / the WHATWG WebSocket interface). */
const OPEN = 1;
const CLOSED = 3;

/** The WebSocket subprotocol MCP is spoken under; both sides insist on it. */
export const MCP_SUBPROTOCOL = "mcp";

const HIGH_WATER_MARK = 1024 * 1024;
const HEARTBEAT_INTERVAL = 30_000;
const HANDSHAKE_TIMEOUT = 30_000;
const REASON_LENGTH = 200;

/** Options both ends take. */
export interface WebSocketTransportOptions {
  /** Bytes the socket may hold unwritten before a send resolves only once its frame is written (1 MiB). */
  highWaterMark?: number;
}

/** Options of {@link websocketClient}. */
export interface WebSocketClientOptions extends WebSocketTransportOptions {
  /** Extra headers for the upgrade request, e.g. `authorization`. */
  headers?: Record<string, string>;
  /** The largest message accepted from the server, in bytes (64 MiB); a bigger one closes with 1009. */
  maxPayload?: number;
  /** How long the opening handshake may take, in ms (30 s). */
  handshakeTimeout?: number;
  /** The `ws` WebSocket class to connect with, e.g. a subclass that adds an agent. */
  WebSocket?: typeof WebSocket;
  /**
   * OAuth authorization of the upgrade request: a provider, or an `OAuthClientAuth` shared with
   * other transports. A 401 to the upgrade runs the flow once and connects again.
   */
  auth?: ClientAuthOption;
}

const OPENED = { status: 101, headers: { get: () => null }, discard: () => Promise.resolve() };

/** Options of {@link websocketServer}. */
export interface WebSocketServerTransportOptions extends WebSocketTransportOptions {
  /** Ms between pings; a peer that has not answered one by the next is dropped (30 s; 0 turns it off). */
  heartbeatInterval?: number;
}

/** Options of {@link attachWebSocket}. */
export interface AttachWebSocketOptions extends WebSocketServerTransportOptions {
  /** The path upgrades are accepted on, query aside ("/ws"). */
  path?: string;
  /** Takes each accepted connection, e.g. `(transport) => server.connect(transport)`; a failure closes it (1011). */
  onConnection(transport: WebSocketServerTransport, request: IncomingMessage): void | Promise<void>;
  /**
   * A last check of an upgrade request, after the Host/Origin and subprotocol ones (a bearer token):
   * resolves with nothing to accept it, or with the HTTP answer refusing it.
   */
  admit?(
    request: IncomingMessage,
  ): Promise<{ status: number; headers: Readonly<Record<string, string>>; body: string } | undefined>;
  /** The largest message accepted from a client, in bytes (4 MiB, as all server transports); more closes with 1009. */
  maxPayload?: number;
  /**
   * The Host/Origin allow-list against DNS rebinding, as on the HTTP transports; a handshake it refuses
   * is answered 403. Unless `dnsRebindingProtection` is set, it is on when the HTTP server is bound to a
   * loopback address (or `allowedHosts` is given), and off with one warning otherwise.
   */
  security?: TransportSecuritySettings;
  /**
   * A further check of a handshake's Origin, after `security` (refused with 403 when false). By default,
   * only while the allow-list is off: a request without an Origin (not a browser) passes, and one with
   * an Origin passes when it names the Host it was sent to, since browsers apply no CORS to WebSockets.
   */
  verifyOrigin?(origin: string | undefined, host: string | undefined): boolean;
  /** Where a failing `onConnection`, and protection left off, are reported (stderr). */
  logger?: Logger;
}

/** An endpoint attached to an HTTP server by {@link attachWebSocket}. */
export interface WebSocketAttachment {
  /** Connections open now. */
  readonly connections: number;
  /** Stops taking upgrades and closes every connection (1001, going away); resolves once all have closed. */
  close(): Promise<void>;
}

type Inbound = { message: unknown } | { malformed: string };

/**
 * MCP over one open WebSocket: each text frame is one JSON value in, each send one frame out, and
 * `close` is reported once. This is the server side of each connection {@link attachWebSocket} accepts
 * (and what a client transport speaks through once connected). Frames that arrive before `start` are
 * held for it, and a heartbeat pings the peer and drops it when a ping goes unanswered, so that dead
 * peers do not linger.
 */
export class WebSocketServerTransport implements Transport {
  /** The underlying socket. */
  readonly socket: WebSocket;
  readonly #highWaterMark: number;
  readonly #held: Inbound[] = [];
  #events: TransportEvents | undefined;
  #state: "new" | "open" | "closed" = "new";
  #endedEarly: { error: Error | undefined } | undefined;
  #failure: Error | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  /** Serves `socket`, which must be open. */
  constructor(socket: WebSocket, options: WebSocketServerTransportOptions = {}) {
    const { highWaterMark = HIGH_WATER_MARK, heartbeatInterval = HEARTBEAT_INTERVAL } = options;
    this.socket = socket;
    this.#highWaterMark = highWaterMark;
    socket.on("message", (data: WebSocket.RawData, isBinary: boolean) => this.#receive(decode(data, isBinary)));
    socket.on("error", (error: Error) => (this.#failure ??= error));
    socket.on("close", (code: number, reason: Buffer) => this.#closed(code, reason.toString()));
    if (heartbeatInterval > 0 && socket.readyState === OPEN) this.#beat(heartbeatInterval);
  }

  /** Delivers what has arrived so far, then each message as it comes; throws if started twice or after close. */
  start(events: TransportEvents): void {
    if (this.#state !== "new")
      throw new Error(`the transport is already ${this.#state === "open" ? "started" : "closed"}`);
    this.#state = "open";
    this.#events = events;
    for (const item of this.#held.splice(0)) this.#receive(item);
    if (this.#endedEarly) this.#report(this.#endedEarly.error);
  }

  /** Sends one message as one text frame; rejects if it cannot be serialised or the connection is closed. */
  send(message: unknown): Promise<void> {
    let frame: string;
    // The newline-delimited frame, less its newline: JSON, or a TypeError for what JSON cannot carry.
    try {
      frame = encode(message).slice(0, -1);
    } catch (error) {
      return Promise.reject(error);
    }
    const socket = this.socket;
    if (this.#state === "closed" || socket.readyState !== OPEN) return Promise.reject(new ConnectionClosedError());
    return new Promise((resolve, reject) => {
      socket.send(frame, (error) =>
        error ? reject(new ConnectionClosedError("the connection closed before the message was written")) : resolve(),
      );
      // Under the mark the frame is as good as sent; over it, the sender waits until it is on the wire.
      if (socket.bufferedAmount <= this.#highWaterMark) resolve();
    });
  }

  /** Closes with `code` (1000) and `reason`, firing `close` at once; resolves once the socket has closed. */
  close(code = 1000, reason = ""): Promise<void> {
    const socket = this.socket;
    const closed =
      socket.readyState === CLOSED
        ? Promise.resolve()
        : new Promise<void>((resolve) => socket.once("close", () => resolve()));
    if (socket.readyState === OPEN) socket.close(code, reason);
    this.#report(undefined);
    return closed;
  }

  #receive(item: Inbound): void {
    if (this.#state === "new") return void this.#held.push(item);
    // A handler may close the transport; what is still to come is then dropped.
    const events = this.#events;
    if (!events) return;
    if ("message" in item) events.message(item.message);
    else events.malformed(item.malformed);
  }

  #closed(code: number, reason: string): void {
    clearInterval(this.#heartbeat);
    const clean = code === 1000 || code === 1005;
    const why = reason ? `: ${reason}` : "";
    const error = clean
      ? undefined
      : (this.#failure ?? new ConnectionClosedError(`the WebSocket closed (${code}${why})`));
    if (this.#state === "new") this.#endedEarly = { error };
    else this.#report(error);
  }

  #report(error: Error | undefined): void {
    if (this.#state === "closed") return;
    const events = this.#events;
    this.#state = "closed";
    this.#events = undefined;
    this.#held.length = 0;
    events?.close(error);
  }

  #beat(interval: number): void {
    let answered = true;
    this.socket.on("pong", () => (answered = true));
    this.#heartbeat = setInterval(() => {
      if (answered) {
        answered = false;
        this.socket.ping();
        return;
      }
      this.#failure = new ConnectionClosedError(`the peer did not answer a ping within ${interval} ms`);
      this.socket.terminate();
    }, interval);
  }
}

function decode(data: WebSocket.RawData, isBinary: boolean): Inbound {
  if (isBinary) return { malformed: "a binary frame: MCP messages travel in text frames" };
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  try {
    return { message: JSON.parse(bytes.toString("utf8")) };
  } catch (error) {
    const reason = `invalid JSON: ${(error as Error).message}`;
    return { malformed: reason.length > REASON_LENGTH ? `${reason.slice(0, REASON_LENGTH - 3)}...` : reason };
  }
}

/**
 * The client side: connects to `url` under the `mcp` subprotocol when started. `start` rejects (and
 * fires `close`) when the server cannot be reached or refuses the upgrade; a close with a code other
 * than 1000 or 1005 is reported with an error; binary frames are malformed; pings are answered by `ws`.
 */
export class WebSocketClientTransport implements Transport {
  readonly #url: string;
  readonly #options: WebSocketClientOptions;
  #socket: WebSocket | undefined;
  #channel: WebSocketServerTransport | undefined;
  #closeRequested = false;
  readonly #auth: OAuthClientAuth | undefined;
  /** The http(s) URL the server is known by for authorization (its PRM, the token's origin). */
  readonly #httpUrl: URL;

  /** Connects to `url` (ws: or wss:) when started. */
  constructor(url: string | URL, options: WebSocketClientOptions = {}) {
    this.#url = String(url);
    this.#options = options;
    this.#httpUrl = new URL(this.#url.replace(/^ws(s?):/i, "http$1:"));
    this.#auth = options.auth && clientAuthFor(options.auth, this.#httpUrl);
  }

  /** The socket, once started. */
  get socket(): WebSocket | undefined {
    return this.#socket;
  }

  /** Connects; resolves once the connection is open. */
  start(events: TransportEvents): Promise<void> {
    if (this.#socket || this.#closeRequested)
      return Promise.reject(new Error(`the transport is already ${this.#socket ? "started" : "closed"}`));
    return this.#open(events).catch((error: Error) => {
      events.close(this.#closeRequested ? undefined : error);
      throw error;
    });
  }

  /** Sends one message as one text frame; rejects if it cannot be serialised or the connection is not open. */
  send(message: unknown): Promise<void> {
    if (!this.#channel)
      return Promise.reject(new ConnectionClosedError(`the transport is ${this.#socket ? "not open" : "not started"}`));
    return this.#channel.send(message);
  }

  /** Closes with 1000 (or abandons the handshake) and resolves once the socket has closed; idempotent. */
  close(): Promise<void> {
    this.#closeRequested = true;
    if (this.#channel) return this.#channel.close();
    const socket = this.#socket;
    if (!socket || socket.readyState === CLOSED) return Promise.resolve();
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.terminate();
    return closed;
  }

  /** Connects, authorized when the transport has `auth`: a 401 to the upgrade runs the flow and connects again. */
  async #open(events: TransportEvents): Promise<void> {
    if (this.#auth === undefined) return this.#connect(events, undefined);
    const outcome = await sendAuthorized(this.#auth, { method: "GET", url: this.#httpUrl }, async (auth) => {
      try {
        await this.#connect(events, auth);
        return OPENED;
      } catch (error) {
        if (error instanceof UpgradeRefusedError && (error.status === 401 || error.status === 403)) return error;
        throw error;
      }
    });
    if (outcome instanceof UpgradeRefusedError) throw outcome;
  }

  async #connect(events: TransportEvents, auth: Record<string, string> | undefined): Promise<void> {
    const { handshakeTimeout = HANDSHAKE_TIMEOUT } = this.#options;
    const headers = auth === undefined ? this.#options.headers : { ...this.#options.headers, ...auth };
    const maxPayload = this.#options.maxPayload ?? DEFAULT_CLIENT_MAX_MESSAGE_BYTES;
    const url = this.#url;
    const WebSocketClass = this.#options.WebSocket ?? (wsLoaded ?? (await ws())).WebSocket;
    if (this.#closeRequested) throw new ConnectionClosedError("the transport was closed while connecting");
    return new Promise((resolve, reject) => {
      const socket = new WebSocketClass(url, MCP_SUBPROTOCOL, {
        headers,
        maxPayload,
        handshakeTimeout,
      });
      this.#socket = socket;
      let failure: Error | undefined;
      let refusal: UpgradeRefusedError | undefined;
      const onError = (error: Error) => (failure ??= error);
      const onRefused = (_request: unknown, response: IncomingMessage) =>
        readSome(response, (body) => {
          const why = `WebSocket upgrade to ${url} refused: ${response.statusCode}${body ? ` (${body})` : ""}`;
          refusal = new UpgradeRefusedError(why, response);
          socket.terminate();
        });
      const onClose = () => {
        detach();
        if (this.#closeRequested) reject(new ConnectionClosedError("the transport was closed while connecting"));
        else reject(refusal ?? new Error(`cannot connect to ${url}: ${describe(failure)}`, { cause: failure }));
      };
      const onOpen = () => {
        detach();
        // Made at once, in this event, so that no frame arrives before the channel listens.
        this.#channel = new WebSocketServerTransport(socket, {
          highWaterMark: this.#options.highWaterMark,
          heartbeatInterval: 0,
        });
        this.#channel.start(events);
        resolve();
      };
      const detach = () => {
        socket.off("error", onError).off("unexpected-response", onRefused).off("close", onClose).off("open", onOpen);
      };
      socket.on("error", onError).on("unexpected-response", onRefused).on("close", onClose).on("open", onOpen);
    });
  }
}

/** Up to REASON_LENGTH characters of a refusal's body, then `done`; the rest is not waited for. */
function readSome(response: IncomingMessage, done: (body: string) => void): void {
  let body = "";
  response.setEncoding("utf8").on("error", () => {});
  response.on("data", (chunk: string) => (body += chunk).length >= REASON_LENGTH && response.destroy());
  response.once("close", () => done(body.trim().slice(0, REASON_LENGTH)));
}

function describe(error: Error | undefined): string {
  if (!error) return "the connection closed";
  const code = (error as NodeJS.ErrnoException).code;
  return error.message || code || error.name;
}

/** A transport for one accepted WebSocket; see {@link WebSocketServerTransport}. */
export function websocketServer(
  socket: WebSocket,
  options?: WebSocketServerTransportOptions,
): WebSocketServerTransport {
  return new WebSocketServerTransport(socket, options);
}

/** A transport that connects to an MCP WebSocket endpoint; see {@link WebSocketClientTransport}. */
export function websocketClient(url: string | URL, options?: WebSocketClientOptions): WebSocketClientTransport {
  return new WebSocketClientTransport(url, options);
}

/** The upgrade listeners attachWebSocket added, and the path each serves. */
const attached = new WeakMap<object, string>();

/**
 * Serves MCP over WebSocket on `path` of an HTTP server: each accepted connection becomes a
 * {@link WebSocketServerTransport} handed to `onConnection`. A handshake that does not offer the `mcp`
 * subprotocol is refused with 400 before any WebSocket opens (RFC 6455 4.2.2 lets a server refuse a
 * handshake with an HTTP error), and one whose Host or Origin fails `security` or `verifyOrigin` with
 * 403. Upgrades on other paths are left to the server's other upgrade listeners, or answered 404 when
 * there are none.
 */
export function attachWebSocket(server: HttpServer, options: AttachWebSocketOptions): WebSocketAttachment {
  const path = options.path ?? "/ws";
  const logger = options.logger ?? stderrLogger;
  let security: TransportSecuritySettings | undefined;
  const transports = new Set<WebSocketServerTransport>();
  const endpoint = new LazyWebSocketServer(options.maxPayload ?? DEFAULT_MAX_MESSAGE_BYTES, logger);
  endpoint.prepare();
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) =>
    endpoint.upgrade(request, socket, head, accept);
  const accept = (socket: WebSocket, request: IncomingMessage) => {
    const transport = new WebSocketServerTransport(socket, options);
    transports.add(transport);
    socket.once("close", () => transports.delete(transport));
    (async () => options.onConnection(transport, request))().catch((error: unknown) => {
      logger.error("the WebSocket connection handler failed", error);
      void transport.close(1011, "the server could not serve this connection");
    });
  };
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const requested = (request.url ?? "/").split("?", 1)[0];
    if (requested !== path) {
      const listeners = server.listeners("upgrade");
      const claimed = listeners.some((listener) => !attached.has(listener) || attached.get(listener) === requested);
      if (!claimed && listeners[0] === onUpgrade) refuse(socket, 404, `no WebSocket endpoint at ${requested}`);
      return;
    }
    // Settled at the first upgrade, when the server is surely listening and its address known.
    security ??= securityForBinding(boundHost(server), options.security, logger);
    const { host, origin } = request.headers;
    const refusal = handshakeRefusal(host, origin, security, options.verifyOrigin);
    if (refusal) return refuse(socket, 403, `Forbidden: ${refusal}`);
    const offered = (request.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
    if (!offered.includes(MCP_SUBPROTOCOL))
      return refuse(socket, 400, `this endpoint speaks MCP: offer the "${MCP_SUBPROTOCOL}" WebSocket subprotocol`);
    if (!options.admit) return void upgrade(request, socket, head);
    options.admit(request).then(
      (no) => (no ? refuse(socket, no.status, no.body, no.headers) : void upgrade(request, socket, head)),
      (error: unknown) => {
        logger.error("the WebSocket upgrade check failed", error);
        refuse(socket, 500, "the upgrade could not be checked");
      },
    );
  };
  attached.set(onUpgrade, path);
  server.on("upgrade", onUpgrade);
  return {
    get connections() {
      return transports.size;
    },
    async close() {
      server.off("upgrade", onUpgrade);
      endpoint.close();
      await Promise.all([...transports].map((t) => t.close(1001, "the server is shutting down")));
    },
  };
}

/** The ws server behind attachWebSocket, made at the first handshake (when ws is loaded, not before). */
class LazyWebSocketServer {
  readonly #maxPayload: number;
  readonly #logger: Logger;
  #wss: WebSocketServer | undefined;

  constructor(maxPayload: number, logger: Logger) {
    this.#maxPayload = maxPayload;
    this.#logger = logger;
  }

  /** Starts loading ws, so that handshakes find it loaded. */
  prepare(): void {
    ws().catch((error: unknown) => this.#logger.error("could not load ws", error));
  }

  /** Completes a handshake (at once when ws is loaded), or answers 500 when ws cannot be loaded. */
  upgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    accept: (socket: WebSocket, request: IncomingMessage) => void,
  ): void {
    if (wsLoaded) return this.#upgrade(wsLoaded, request, socket, head, accept);
    ws().then(
      (module) => this.#upgrade(module, request, socket, head, accept),
      (error: unknown) => {
        this.#logger.error("could not load ws", error);
        refuse(socket, 500, "the WebSocket endpoint is not available");
      },
    );
  }

  #upgrade(
    module: WsModule,
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    accept: (socket: WebSocket, request: IncomingMessage) => void,
  ): void {
    this.#wss ??= new module.WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: this.#maxPayload,
      handleProtocols: (offered) => (offered.has(MCP_SUBPROTOCOL) ? MCP_SUBPROTOCOL : false),
    });
    this.#wss.handleUpgrade(request, socket, head, accept);
  }

  close(): void {
    this.#wss?.close();
  }
}

/** The address `server` listens on; undefined for a pipe (no network address, so treated as loopback). */
function boundHost(server: HttpServer): string | undefined {
  const address = server.address();
  return typeof address === "object" && address ? address.address : undefined;
}

/** Answers an upgrade request with a plain HTTP error and closes the socket. */
function refuse(socket: Duplex, status: number, message: string, headers?: Readonly<Record<string, string>>): void {
  socket.on("error", () => socket.destroy());
  socket.once("finish", () => socket.destroy());
  const fields = Object.entries(headers ?? { "content-type": "text/plain" }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, "Connection: close", ...fields];
  socket.end(`${head.join("\r\n")}\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
}
