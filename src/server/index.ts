/**
 * mcpkit/server: the typed server surface across every revision. Each handler signature is
 * generated: `ServerRequestHandlers<Ctx>["tools/call"]` takes CallToolRequest's params and returns
 * what may stand in its result. The Server and FastMCP classes build on these types.
 */
export type {
  ServerHandlerRegistrars,
  ServerNotificationHandlers,
  ServerNotifications,
  ServerRequestHandlers,
  ServerRequests,
} from "../../generated/surface/server.js";
export { serverHandlers, serverNotifications, serverRequests } from "../../generated/surface/server.js";
