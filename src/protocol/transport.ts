import type { AuthInfo } from "./auth-info.js";

/** What a transport knows of an inbound message beyond its content. */
export interface MessageInfo {
  /** The caller, as the server's token check verified it on the HTTP request that carried the message. */
  readonly auth?: AuthInfo;
  /** The headers of the HTTP request that carried the message (the upgrade request, on WebSocket). */
  readonly headers?: HttpHeaders;
}

/** HTTP request headers by lower-case name, as node:http gives them. */
export type HttpHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What a transport tells the session it serves. */
export interface TransportEvents {
  /** One parsed JSON value arrived (a message, a batch, or anything else a peer sent), and what carried it. */
  message(message: unknown, info?: MessageInfo): void;
  /** A frame arrived that is not JSON; the session answers ParseError. */
  malformed(reason: string): void;
  /** The connection ended; `error` says why when it was not a clean close. */
  close(error?: Error): void;
}

/** What the session says about a message beyond its content. */
export interface SendOptions {
  /**
   * The inbound request this message answers or belongs to (a response, or progress, logging and
   * server-to-client requests made while handling it). HTTP transports use it to send the message on
   * that request's stream; stream transports ignore it.
   */
  relatedRequestId?: string | number;
  /**
   * Extra headers for the HTTP request carrying this message (2026-07-28's `Mcp-Param-{Name}` mirrored
   * tool arguments); transports that are not HTTP ignore them.
   */
  headers?: Record<string, string>;
}

/**
 * The one interface every transport implements. `send` takes a JSON-RPC message (or batch) as a
 * plain value; framing and serialisation are the transport's.
 */
export interface Transport {
  start(events: TransportEvents): void | Promise<void>;
  send(message: unknown, options?: SendOptions): void | Promise<void>;
  close(): Promise<void>;
  /**
   * True when the transport mirrors request fields into headers (Streamable HTTP at 2026-07-28): the
   * client then checks tools' `x-mcp-header` annotations and sends `Mcp-Param-{Name}` headers.
   */
  readonly mirrorsHeaders?: boolean;
  /**
   * Closes the connection carrying the stream of inbound request `requestId` without ending the
   * stream: what is sent for the request afterwards is kept, and the client gets it when it reconnects
   * (SSE polling, Streamable HTTP 2025-11-25). True when the stream was closed; false when there is no
   * such stream or the client could not resume it. Transports without per-request streams leave it out.
   */
  closeRequestStream?(requestId: string | number): boolean;
}
