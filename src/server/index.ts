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
export type { CacheHints } from "./stateless.js";
export type { ClientCapabilities, ClientInfo } from "./request-context.js";
export {
  InputRequiredSignal,
  type InputAsk,
  type InputChannel,
  type RequestStateOptions,
} from "./fastmcp/input-required.js";
export type { SubscriptionFilter } from "./subscriptions.js";
export {
  ServerRequestContext,
  ServerSession,
  type InitializationOptions,
  type LoggingLevel,
} from "./server-session.js";
export { McpError, ErrorCode } from "../protocol/errors.js";
export { stdioServer } from "../transports/stdio/stdio.js";
export { memoryPair } from "../transports/memory/memory.js";
export { FastMCP, type FastMCPOptions } from "./fastmcp/fastmcp.js";
export type { FastHttpRunOptions } from "./fastmcp/store-app.js";
export {
  Context,
  type AskOptions,
  type ContextLog,
  type ElicitOutcome,
  type SampleOptions,
} from "./fastmcp/context.js";
export type { ToolArgs, ToolHandler, ToolOptions } from "./fastmcp/tools.js";
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
} from "./tasks/tasks.js";
export type { SharedTaskStore, TaskCommand, TaskRecord } from "./tasks/shared-tasks.js";
export type { ServerStore } from "./stores.js";
export type { HealthOptions } from "./fastmcp/health.js";
export { InMemoryReplayCache, type ReplayCache } from "../auth/server/replay-cache.js";
export type { TaskSupport, TaskToolOptions } from "./tasks/task-tools.js";
export type { TaskStarter } from "./fastmcp/context.js";
export type {
  Completer,
  ResourceHandler,
  ResourceOptions,
  ResourceVariables,
  TemplateVariables,
} from "./fastmcp/resources.js";
export type { PromptArgs, PromptArgument, PromptHandler, PromptOptions } from "./fastmcp/prompts.js";
export type { Infer, SchemaInput } from "./fastmcp/schema-input.js";
export { audio, bytes, embedded, image, resourceLink, text } from "./fastmcp/content.js";
export {
  StreamableHttpServer,
  type ConnectSession,
  type StreamableHttpServerOptions,
} from "../transports/http/streamable-http-server.js";
export { SseServer, type SseServerOptions } from "../transports/http/sse-server.js";
export { InMemoryEventStore, type EventStore, type InMemoryEventStoreOptions } from "../transports/http/event-store.js";
export type { TransportSecuritySettings } from "../transports/http/security.js";
export { listen, toNodeListener, type HttpListener, type WebHandler } from "../transports/http/node-server.js";
export {
  attachWebSocket,
  type AttachWebSocketOptions,
  type WebSocketAttachment,
} from "../transports/websocket/websocket.js";
export type { HttpApp, HttpCloseOptions, HttpRunOptions, SseApp, SseRunOptions } from "./fastmcp/http-app.js";
export type { McpHandler, McpHandlerOptions, NodeRequest } from "./fastmcp/web-app.js";
export type { WebSocketApp, WebSocketRunOptions } from "./fastmcp/ws-app.js";
export * from "../auth/server/index.js";
export * from "../auth/server/as/index.js";

export {
  SkillFolderError,
  SkillsProvider,
  type DynamicSkill,
  type ScanLimits,
  type SkillsOptions,
} from "./skills/skills.js";
export { SKILLS_EXTENSION_ID, type Skill, type SkillFrontmatter, type SkillResource } from "../protocol/skills.js";
export { loadYaml } from "../protocol/yaml.js";
export { ProtectedResource, type AuthSettings } from "./fastmcp/auth-app.js";
export type { Middleware } from "./middleware.js";
export { INSUFFICIENT_SCOPE } from "./fastmcp/scopes.js";
export type { UpdateAudience } from "./fastmcp/resource-updates.js";
export type { HttpHeaders } from "../protocol/transport.js";
