/**
 * mcpkit: the Model Context Protocol for TypeScript, generated from the protocol's JSON Schema.
 *
 * This entry point carries the client side (ClientSession, ClientSessionGroup), the transports, the
 * protocol errors, the revision registry and validation. Servers are in `mcpkit/server`.
 */
export {
  ErrorCode,
  extensions,
  LATEST,
  REVISIONS,
  revisions,
  surface,
  type Revision,
  type RevisionDefinitions,
} from "../generated/index.js";
export type { CapabilityGate, NotificationSpec, RequestSpec, RevisionSpec, Validator } from "../generated/index.js";
export { validate, validateMessage, type ValidationError, type ValidationResult } from "./validate/index.js";
export {
  CapabilityError,
  ConnectionClosedError,
  InvalidResultError,
  McpError,
  REQUEST_TIMEOUT,
  RequestTimeoutError,
  UnsupportedMethodError,
  type WireError,
} from "./protocol/errors.js";
export { silentLogger, stderrLogger, type Logger } from "./protocol/logger.js";
export { LATEST_STATEFUL, RevisionSet, STATEFUL_REVISIONS } from "./protocol/negotiation.js";
export type { Progress, RequestOptions } from "./protocol/outbound.js";
export type { SessionOptions } from "./protocol/connection.js";
export type { Transport, TransportEvents } from "./protocol/transport.js";
export {
  ClientRequestContext,
  ClientSession,
  type ClientCapabilities,
  type ClientRequestOptions,
  type ClientSessionOptions,
  type DiscoverResult,
  type Implementation,
  type InitializeResult,
  type LoggingLevel,
  type ServerCapabilities,
  type ServerDescription,
} from "./client/client-session.js";
export { InputRequiredError } from "./client/input-required.js";
export { Subscription, type SubscriptionFilter, type SubscriptionNotification } from "./client/subscriptions.js";
export { RejectedToolError } from "./client/tool-headers.js";
export {
  ClientSessionGroup,
  type ClientSessionGroupOptions,
  type CollisionHook,
  type ComponentKind,
  type RemoteServerParameters,
  type ServerParameters,
} from "./client/client-session-group.js";
export * from "./transports/index.js";
export * from "./auth/client/index.js";
export {
  isCreateTaskResult,
  TaskCancelledError,
  TaskClient,
  TaskHandle,
  TASKS_EXTENSION_ID,
  withTasksCapability,
  type TaskClientOptions,
  type TaskSend,
  type TaskStart,
  type TaskState,
  type TaskStatus,
} from "./client/tasks.js";
