/**
 * mcpkit/server: the low-level Server, its per-connection ServerSession, and the typed server surface
 * across every revision. Each handler signature is generated: `ServerRequestHandlers<Ctx>["tools/call"]`
 * takes CallToolRequest's params and returns what may stand in its result.
 */
export type {
  ServerHandlerMethods,
  ServerNotificationHandlers,
  ServerRequestHandlers,
  ServerSessionMethods,
} from "../../generated/surface/server.js";
export { serverHandlers, serverNotifications, serverRequests } from "../../generated/surface/server.js";
export {
  Server,
  type HandledRequestMethod,
  type Implementation,
  type NotificationOptions,
  type CapabilityContributor,
  type ServerCapabilities,
  type ServerOptions,
} from "./server.js";
export type { CacheHints } from "./modern.js";
export type { ClientCapabilities, ClientInfo } from "./request-context.js";
export { InputRequiredSignal, type InputAsk, type InputChannel, type RequestStateOptions } from "./mrtr.js";
export type { SubscriptionFilter } from "./subscriptions.js";
export {
  ServerRequestContext,
  ServerSession,
  type InitializationOptions,
  type LoggingLevel,
} from "./server-session.js";
export { McpError, ErrorCode } from "../protocol/errors.js";
export { stdioServer } from "../transports/stdio.js";
export { memoryPair } from "../transports/memory.js";
export { FastMCP, type FastMCPOptions } from "./fastmcp.js";
export { Context, type AskOptions, type ContextLog, type ElicitOutcome, type SampleOptions } from "./context.js";
export type { ToolArgs, ToolHandler, ToolOptions } from "./tools.js";
export type { ServerExtension, SubscriptionTopic } from "./extensions.js";
export {
  Task,
  TaskManager,
  TaskStore,
  TASKS_EXTENSION,
  TASKS_EXTENSION_ID,
  type TaskError,
  type TaskManagerOptions,
  type TaskStatus,
  type TaskTiming,
} from "./tasks.js";
export type { TaskSupport, TaskToolOptions } from "./task-tools.js";
export type { TaskStarter } from "./context.js";
export type { Completer, ResourceHandler, ResourceOptions, ResourceVariables, TemplateVariables } from "./resources.js";
export type { PromptArgs, PromptArgument, PromptHandler, PromptOptions } from "./prompts.js";
export type { Infer, SchemaInput } from "./schema-input.js";
export { audio, bytes, embedded, image, resourceLink, text } from "./content.js";
export {
  StreamableHttpServer,
  type ConnectSession,
  type StreamableHttpServerOptions,
} from "../transports/streamable-http-server.js";
export { SseServer, type SseServerOptions } from "../transports/sse-server.js";
export { InMemoryEventStore, type EventStore, type InMemoryEventStoreOptions } from "../transports/event-store.js";
export type { TransportSecuritySettings } from "../transports/http-security.js";
export { listen, toNodeListener, type HttpListener, type WebHandler } from "../transports/node-http.js";
export { attachWebSocket, type AttachWebSocketOptions, type WebSocketAttachment } from "../transports/websocket.js";
export type { HttpApp, HttpRunOptions, SseApp, SseRunOptions } from "./http-app.js";
export type { WebSocketApp, WebSocketRunOptions } from "./ws-app.js";
