/**
 * mcpkit/server: the low-level Server, its per-connection ServerSession, and the typed server surface
 * across every revision. Each handler signature is generated: `ServerRequestHandlers<Ctx>["tools/call"]`
 * takes CallToolRequest's params and returns what may stand in its result.
 */
export type {
  ServerHandlerRegistrars,
  ServerNotificationHandlers,
  ServerNotifications,
  ServerRequestHandlers,
  ServerRequests,
} from "../../generated/surface/server.js";
export { serverHandlers, serverNotifications, serverRequests } from "../../generated/surface/server.js";
export {
  Server,
  type HandledRequestMethod,
  type Implementation,
  type NotificationOptions,
  type ServerCapabilities,
  type ServerOptions,
} from "./server.js";
export {
  ServerRequestContext,
  ServerSession,
  type InitializationOptions,
  type LoggingLevel,
} from "./server-session.js";
export { McpError, ErrorCode } from "../protocol/errors.js";
export { stdioServer } from "../transports/stdio.js";
export { memoryPair } from "../transports/memory.js";
