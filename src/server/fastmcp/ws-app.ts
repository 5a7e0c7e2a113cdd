import type { IncomingMessage } from "node:http";
import type { AuthInfo } from "../../protocol/auth-info.js";
import { stderrLogger, type Logger } from "../../protocol/logger.js";
import type { Transport } from "../../protocol/transport.js";
import { securityForBinding } from "../../transports/http/security.js";
import { listen, toNodeListener, type HttpListener } from "../../transports/http/node-server.js";
import {
  attachWebSocket,
  type AttachWebSocketOptions,
  type WebSocketAttachment,
} from "../../transports/websocket/websocket.js";
import { appHandler, servedApp, type Routes } from "./http-app.js";
import { carriedBy, ProtectedResource, type AuthSettings } from "./auth-app.js";

/** Where and how `runWebSocket` serves. */
export interface WebSocketRunOptions extends Omit<AttachWebSocketOptions, "onConnection" | "logger" | "admit"> {
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

/**
 * Serves MCP over WebSocket (subprotocol `mcp`) at `path`, with the custom routes on the same HTTP
 * server; with `auth`, the upgrade passes the bearer guard and its caller is that of every message on
 * the connection.
 */
export async function serveWebSocket(
  connect: (transport: Transport) => Promise<unknown>,
  routes: Routes,
  options: WebSocketRunOptions,
  logger: Logger | undefined,
  auth?: AuthSettings,
): Promise<WebSocketApp> {
  const { port = 3000, host = "127.0.0.1", path = "/ws", security, ...attachOptions } = options;
  let protection: ProtectedResource | undefined;
  const none = { serves: () => false, handle: async () => new Response(null, { status: 404 }) };
  const listener = await listen(
    toNodeListener(
      appHandler(none, routes, () => protection),
      logger,
    ),
    { port, host },
  );
  const endpointUrl = `${listener.url.replace(/^http/, "ws")}${path}`;
  // The resource is named by the http(s) URL the upgrade request is sent to, as RFC 9728 has it.
  if (auth) protection = new ProtectedResource(auth, `${listener.url}${path}`, logger);
  const callers = new WeakMap<IncomingMessage, AuthInfo>();
  const admit = async (request: IncomingMessage) => {
    const outcome = await protection!.guardUpgrade(request);
    if ("refusal" in outcome) return outcome.refusal;
    callers.set(request, outcome.auth);
    return undefined;
  };
  const endpoint = attachWebSocket(listener.server, {
    ...attachOptions,
    path,
    security: securityForBinding(host, security, logger ?? stderrLogger),
    ...(logger ? { logger } : {}),
    ...(protection ? { admit } : {}),
    onConnection: async (transport, request) => {
      const auth = callers.get(request);
      void (await connect(
        carriedBy(transport, auth ? { auth, headers: request.headers } : { headers: request.headers }),
      ));
    },
  });
  return servedApp(listener, endpoint, endpointUrl);
}
