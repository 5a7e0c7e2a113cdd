import type { Agent } from "node:http";
import type { Logger } from "../../protocol/logger.js";
import type { HttpClientOptions, ReconnectionOptions } from "./sse-parse.js";

/** Options of {@link streamableHttpClient}. */
export interface StreamableHttpClientOptions extends HttpClientOptions {
  /**
   * The fetch to use (any WHATWG-compatible one, node-fetch included). Without one, requests go over
   * node:http or node:https, reading bodies straight off the socket: several times cheaper than undici's fetch.
   */
  fetch?: typeof fetch;
  /**
   * The node:http (or node:https) agent requests go through when no `fetch` is given; by default
   * one keep-alive agent of the transport's own, destroyed by `close()`. One given here is left open.
   */
  agent?: Agent;
  /** How interrupted event streams are reconnected; a server's `retry:` replaces the computed delay. */
  reconnection?: Partial<ReconnectionOptions>;
  /** A session to continue (its id from an earlier connection); the standalone stream opens at start. */
  sessionId?: string;
  /** Whether to open the GET stream for server-initiated messages after initialization (true). */
  openStandaloneStream?: boolean;
  /** Whether a server refusing the initialize POST with 400, 404 or 405 is retried as a 2024-11-05 HTTP+SSE server (true). */
  fallbackToSse?: boolean;
  /** Where dropped streams and other transport trouble are reported (silent). */
  logger?: Logger;
}
