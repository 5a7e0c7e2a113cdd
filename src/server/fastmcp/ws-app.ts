import { stderrLogger, type Logger } from "../../protocol/logger.js";
import type { Transport } from "../../protocol/transport.js";
import { securityForBinding } from "../../transports/http/security.js";
import { listen, toNodeListener, type HttpListener } from "../../transports/http/node-server.js";
import {
  attachWebSocket,
  type AttachWebSocketOptions,
  type WebSocketAttachment,
} from "../../transports/websocket/websocket.js";
import { appHandler, type Routes } from "./http-app.js";

/** Where and how `runWebSocket` serves. */
export interface WebSocketRunOptions extends Omit<AttachWebSocketOptions, "onConnection" | "logger"> {
  /** Port to listen on (default 3000; 0 picks a free one). */
  port?: number;
  /** Address to bind (default 127.0.0.1, where DNS-rebinding protection is on by default). */
  host?: string;
}

/** A running WebSocket server. */
export interface WebSocketApp extends HttpListener {
  /** The endpoint's ws:// URL, e.g. ws://127.0.0.1:3000/ws. */
  readonly endpointUrl: string;
  readonly endpoint: WebSocketAttachment;
}

/** Serves MCP over WebSocket (subprotocol `mcp`) at `path`, with the custom routes on the same HTTP server. */
export async function serveWebSocket(
  connect: (transport: Transport) => Promise<unknown>,
  routes: Routes,
  options: WebSocketRunOptions,
  logger: Logger | undefined,
): Promise<WebSocketApp> {
  const { port = 3000, host = "127.0.0.1", path = "/ws", security, ...attachOptions } = options;
  const none = { serves: () => false, handle: async () => new Response(null, { status: 404 }) };
  const listener = await listen(toNodeListener(appHandler(none, routes), logger), { port, host });
  const endpoint = attachWebSocket(listener.server, {
    ...attachOptions,
    path,
    security: securityForBinding(host, security, logger ?? stderrLogger),
    ...(logger ? { logger } : {}),
    onConnection: async (transport) => void (await connect(transport)),
  });
  return {
    ...listener,
    endpoint,
    endpointUrl: `${listener.url.replace(/^http/, "ws")}${path}`,
    close: async () => {
      await endpoint.close();
      await listener.close();
    },
  };
}
