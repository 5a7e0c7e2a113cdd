// API report for "mcpkit/types/2025-11-25", made by scripts/api-report.ts from dist/: do not edit, run `npm run api`.

export interface Annotations {
  audience?: Role[];
  lastModified?: string;
  priority?: number;
}

export interface AudioContent {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  data: string;
  mimeType: string;
  type: "audio";
}

export interface BaseMetadata {
  name: string;
  title?: string;
}

export interface BlobResourceContents {
  _meta?: {
    [k: string]: unknown;
  };
  blob: string;
  mimeType?: string;
  uri: string;
}

export interface BooleanSchema {
  default?: boolean;
  description?: string;
  title?: string;
  type: "boolean";
}

export interface CallToolRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tools/call";
  params: CallToolRequestParams;
}

export interface CallToolRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  arguments?: {
    [k: string]: unknown;
  };
  name: string;
  task?: TaskMetadata;
}

export interface CallToolResult {
  _meta?: {
    [k: string]: unknown;
  };
  content: ContentBlock[];
  isError?: boolean;
  structuredContent?: {
    [k: string]: unknown;
  };
}

export interface CancelTaskRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tasks/cancel";
  params: {
    taskId: string;
  };
}

export type CancelTaskResult = Result & Task;

export interface CancelledNotification {
  jsonrpc: "2.0";
  method: "notifications/cancelled";
  params: CancelledNotificationParams;
}

export interface CancelledNotificationParams {
  _meta?: {
    [k: string]: unknown;
  };
  reason?: string;
  requestId?: RequestId;
}

export interface ClientCapabilities {
  elicitation?: {
    form?: {
      [k: string]: unknown;
    };
    url?: {
      [k: string]: unknown;
    };
  };
  experimental?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  roots?: {
    listChanged?: boolean;
  };
  sampling?: {
    context?: {
      [k: string]: unknown;
    };
    tools?: {
      [k: string]: unknown;
    };
  };
  tasks?: {
    cancel?: {
      [k: string]: unknown;
    };
    list?: {
      [k: string]: unknown;
    };
    requests?: {
      elicitation?: {
        create?: {
          [k: string]: unknown;
        };
      };
      sampling?: {
        createMessage?: {
          [k: string]: unknown;
        };
      };
    };
  };
}

export declare abstract class ClientMethods<Options, Ctx> {
  abstract request<M extends ClientRequestMethod>(
    method: M,
    params?: CallerParams<RequestMap[M]["params"]>,
    options?: Options,
  ): Promise<RequestMap[M]["result"]>;
  abstract notify<M extends ClientNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
    options?: Options,
  ): Promise<void>;
  complete(
    params: CallerParams<RequestMap["completion/complete"]["params"]>,
    options?: Options,
  ): Promise<T.CompleteResult>;
  setLevel(params: CallerParams<RequestMap["logging/setLevel"]["params"]>, options?: Options): Promise<T.EmptyResult>;
  ping(params?: CallerParams<RequestMap["ping"]["params"]>, options?: Options): Promise<T.EmptyResult>;
  getPrompt(
    name: string,
    args?: CallerParams<RequestMap["prompts/get"]["params"]>["arguments"],
    options?: Options,
  ): Promise<T.GetPromptResult>;
  getPrompt(params: CallerParams<RequestMap["prompts/get"]["params"]>, options?: Options): Promise<T.GetPromptResult>;
  listPrompts(
    params?: CallerParams<RequestMap["prompts/list"]["params"]>,
    options?: Options,
  ): Promise<T.ListPromptsResult>;
  listResources(
    params?: CallerParams<RequestMap["resources/list"]["params"]>,
    options?: Options,
  ): Promise<T.ListResourcesResult>;
  readResource(uri: string, options?: Options): Promise<T.ReadResourceResult>;
  readResource(
    params: CallerParams<RequestMap["resources/read"]["params"]>,
    options?: Options,
  ): Promise<T.ReadResourceResult>;
  subscribe(
    params: CallerParams<RequestMap["resources/subscribe"]["params"]>,
    options?: Options,
  ): Promise<T.EmptyResult>;
  listResourceTemplates(
    params?: CallerParams<RequestMap["resources/templates/list"]["params"]>,
    options?: Options,
  ): Promise<T.ListResourceTemplatesResult>;
  unsubscribe(
    params: CallerParams<RequestMap["resources/unsubscribe"]["params"]>,
    options?: Options,
  ): Promise<T.EmptyResult>;
  cancelTask(
    params: CallerParams<RequestMap["tasks/cancel"]["params"]>,
    options?: Options,
  ): Promise<T.CancelTaskResult>;
  getTask(params: CallerParams<RequestMap["tasks/get"]["params"]>, options?: Options): Promise<T.GetTaskResult>;
  listTasks(params?: CallerParams<RequestMap["tasks/list"]["params"]>, options?: Options): Promise<T.ListTasksResult>;
  getTaskPayload(
    params: CallerParams<RequestMap["tasks/result"]["params"]>,
    options?: Options,
  ): Promise<T.GetTaskPayloadResult>;
  callTool(
    name: string,
    args?: CallerParams<RequestMap["tools/call"]["params"]>["arguments"],
    options?: Options,
  ): Promise<T.CallToolResult>;
  callTool(params: CallerParams<RequestMap["tools/call"]["params"]>, options?: Options): Promise<T.CallToolResult>;
  listTools(params?: CallerParams<RequestMap["tools/list"]["params"]>, options?: Options): Promise<T.ListToolsResult>;
  sendCancelled(
    params?: CallerParams<NotificationMap["notifications/cancelled"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendInitialized(
    params?: CallerParams<NotificationMap["notifications/initialized"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendProgress(
    params: CallerParams<NotificationMap["notifications/progress"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendRootsListChanged(
    params?: CallerParams<NotificationMap["notifications/roots/list_changed"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendTaskStatus(
    params: CallerParams<NotificationMap["notifications/tasks/status"]["params"]>,
    options?: Options,
  ): Promise<void>;
  abstract setRequestHandler<M extends keyof ClientRequestHandlers<Ctx>>(
    method: M,
    handler: ClientRequestHandlers<Ctx>[M],
  ): this;
  abstract setNotificationHandler<M extends keyof ClientNotificationHandlers<Ctx>>(
    method: M,
    handler: ClientNotificationHandlers<Ctx>[M],
  ): this;
  onElicit(handler: ClientRequestHandlers<Ctx>["elicitation/create"]): this;
  onPing(handler: ClientRequestHandlers<Ctx>["ping"]): this;
  onListRoots(handler: ClientRequestHandlers<Ctx>["roots/list"]): this;
  onCreateMessage(handler: ClientRequestHandlers<Ctx>["sampling/createMessage"]): this;
  onCancelTask(handler: ClientRequestHandlers<Ctx>["tasks/cancel"]): this;
  onGetTask(handler: ClientRequestHandlers<Ctx>["tasks/get"]): this;
  onListTasks(handler: ClientRequestHandlers<Ctx>["tasks/list"]): this;
  onGetTaskPayload(handler: ClientRequestHandlers<Ctx>["tasks/result"]): this;
  onCancelled(handler: ClientNotificationHandlers<Ctx>["notifications/cancelled"]): this;
  onElicitationComplete(handler: ClientNotificationHandlers<Ctx>["notifications/elicitation/complete"]): this;
  onLoggingMessage(handler: ClientNotificationHandlers<Ctx>["notifications/message"]): this;
  onProgress(handler: ClientNotificationHandlers<Ctx>["notifications/progress"]): this;
  onPromptListChanged(handler: ClientNotificationHandlers<Ctx>["notifications/prompts/list_changed"]): this;
  onResourceListChanged(handler: ClientNotificationHandlers<Ctx>["notifications/resources/list_changed"]): this;
  onResourceUpdated(handler: ClientNotificationHandlers<Ctx>["notifications/resources/updated"]): this;
  onTaskStatus(handler: ClientNotificationHandlers<Ctx>["notifications/tasks/status"]): this;
  onToolListChanged(handler: ClientNotificationHandlers<Ctx>["notifications/tools/list_changed"]): this;
}

export type ClientNotification =
  | CancelledNotification
  | InitializedNotification
  | ProgressNotification
  | TaskStatusNotification
  | RootsListChangedNotification;

export interface ClientNotificationHandlers<Ctx> {
  "notifications/cancelled": (
    params: NotificationMap["notifications/cancelled"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/elicitation/complete": (
    params: NotificationMap["notifications/elicitation/complete"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/message": (params: NotificationMap["notifications/message"]["params"], ctx: Ctx) => MaybePromise<void>;
  "notifications/progress": (
    params: NotificationMap["notifications/progress"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/prompts/list_changed": (
    params: NotificationMap["notifications/prompts/list_changed"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/resources/list_changed": (
    params: NotificationMap["notifications/resources/list_changed"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/resources/updated": (
    params: NotificationMap["notifications/resources/updated"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/tasks/status": (
    params: NotificationMap["notifications/tasks/status"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/tools/list_changed": (
    params: NotificationMap["notifications/tools/list_changed"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
}

export type ClientNotificationMethod =
  | "notifications/cancelled"
  | "notifications/initialized"
  | "notifications/progress"
  | "notifications/roots/list_changed"
  | "notifications/tasks/status";

export type ClientRequest =
  | InitializeRequest
  | PingRequest
  | ListResourcesRequest
  | ListResourceTemplatesRequest
  | ReadResourceRequest
  | SubscribeRequest
  | UnsubscribeRequest
  | ListPromptsRequest
  | GetPromptRequest
  | ListToolsRequest
  | CallToolRequest
  | GetTaskRequest
  | GetTaskPayloadRequest
  | CancelTaskRequest
  | ListTasksRequest
  | SetLevelRequest
  | CompleteRequest;

export interface ClientRequestHandlers<Ctx> {
  "elicitation/create": (
    params: RequestMap["elicitation/create"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["elicitation/create"]["wireResult"]>;
  ping: (params: RequestMap["ping"]["params"], ctx: Ctx) => MaybePromise<RequestMap["ping"]["wireResult"]>;
  "roots/list": (
    params: RequestMap["roots/list"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["roots/list"]["wireResult"]>;
  "sampling/createMessage": (
    params: RequestMap["sampling/createMessage"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["sampling/createMessage"]["wireResult"]>;
  "tasks/cancel": (
    params: RequestMap["tasks/cancel"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tasks/cancel"]["wireResult"]>;
  "tasks/get": (
    params: RequestMap["tasks/get"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tasks/get"]["wireResult"]>;
  "tasks/list": (
    params: RequestMap["tasks/list"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tasks/list"]["wireResult"]>;
  "tasks/result": (
    params: RequestMap["tasks/result"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tasks/result"]["wireResult"]>;
}

export type ClientRequestMethod =
  | "completion/complete"
  | "initialize"
  | "logging/setLevel"
  | "ping"
  | "prompts/get"
  | "prompts/list"
  | "resources/list"
  | "resources/read"
  | "resources/subscribe"
  | "resources/templates/list"
  | "resources/unsubscribe"
  | "tasks/cancel"
  | "tasks/get"
  | "tasks/list"
  | "tasks/result"
  | "tools/call"
  | "tools/list";

export type ClientResult =
  | Result
  | GetTaskResult
  | GetTaskPayloadResult
  | CancelTaskResult
  | ListTasksResult
  | CreateMessageResult
  | ListRootsResult
  | ElicitResult;

export interface CompleteRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "completion/complete";
  params: CompleteRequestParams;
}

export interface CompleteRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  argument: {
    name: string;
    value: string;
  };
  context?: {
    arguments?: {
      [k: string]: string;
    };
  };
  ref: PromptReference | ResourceTemplateReference;
}

export interface CompleteResult {
  _meta?: {
    [k: string]: unknown;
  };
  completion: {
    hasMore?: boolean;
    total?: number;
    values: string[];
  };
}

export type ContentBlock = TextContent | ImageContent | AudioContent | ResourceLink | EmbeddedResource;

export interface CreateMessageRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "sampling/createMessage";
  params: CreateMessageRequestParams;
}

export interface CreateMessageRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  includeContext?: "allServers" | "none" | "thisServer";
  maxTokens: number;
  messages: SamplingMessage[];
  metadata?: {
    [k: string]: unknown;
  };
  modelPreferences?: ModelPreferences;
  stopSequences?: string[];
  systemPrompt?: string;
  task?: TaskMetadata;
  temperature?: number;
  toolChoice?: ToolChoice;
  tools?: Tool[];
}

export interface CreateMessageResult {
  _meta?: {
    [k: string]: unknown;
  };
  content:
    TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent | SamplingMessageContentBlock[];
  model: string;
  role: Role;
  stopReason?: string;
}

export interface CreateTaskResult {
  _meta?: {
    [k: string]: unknown;
  };
  task: Task;
}

export type Cursor = string;

export interface Definitions {
  Annotations: Annotations;
  AudioContent: AudioContent;
  BaseMetadata: BaseMetadata;
  BlobResourceContents: BlobResourceContents;
  BooleanSchema: BooleanSchema;
  CallToolRequest: CallToolRequest;
  CallToolRequestParams: CallToolRequestParams;
  CallToolResult: CallToolResult;
  CancelTaskRequest: CancelTaskRequest;
  CancelTaskResult: CancelTaskResult;
  CancelledNotification: CancelledNotification;
  CancelledNotificationParams: CancelledNotificationParams;
  ClientCapabilities: ClientCapabilities;
  ClientNotification: ClientNotification;
  ClientRequest: ClientRequest;
  ClientResult: ClientResult;
  CompleteRequest: CompleteRequest;
  CompleteRequestParams: CompleteRequestParams;
  CompleteResult: CompleteResult;
  ContentBlock: ContentBlock;
  CreateMessageRequest: CreateMessageRequest;
  CreateMessageRequestParams: CreateMessageRequestParams;
  CreateMessageResult: CreateMessageResult;
  CreateTaskResult: CreateTaskResult;
  Cursor: Cursor;
  ElicitRequest: ElicitRequest;
  ElicitRequestFormParams: ElicitRequestFormParams;
  ElicitRequestParams: ElicitRequestParams;
  ElicitRequestURLParams: ElicitRequestURLParams;
  ElicitResult: ElicitResult;
  ElicitationCompleteNotification: ElicitationCompleteNotification;
  EmbeddedResource: EmbeddedResource;
  EmptyResult: EmptyResult;
  EnumSchema: EnumSchema;
  Error: Error;
  GetPromptRequest: GetPromptRequest;
  GetPromptRequestParams: GetPromptRequestParams;
  GetPromptResult: GetPromptResult;
  GetTaskPayloadRequest: GetTaskPayloadRequest;
  GetTaskPayloadResult: GetTaskPayloadResult;
  GetTaskRequest: GetTaskRequest;
  GetTaskResult: GetTaskResult;
  Icon: Icon;
  Icons: Icons;
  ImageContent: ImageContent;
  Implementation: Implementation;
  InitializeRequest: InitializeRequest;
  InitializeRequestParams: InitializeRequestParams;
  InitializeResult: InitializeResult;
  InitializedNotification: InitializedNotification;
  JSONRPCErrorResponse: JSONRPCErrorResponse;
  JSONRPCMessage: JSONRPCMessage;
  JSONRPCNotification: JSONRPCNotification;
  JSONRPCRequest: JSONRPCRequest;
  JSONRPCResponse: JSONRPCResponse;
  JSONRPCResultResponse: JSONRPCResultResponse;
  LegacyTitledEnumSchema: LegacyTitledEnumSchema;
  ListPromptsRequest: ListPromptsRequest;
  ListPromptsResult: ListPromptsResult;
  ListResourceTemplatesRequest: ListResourceTemplatesRequest;
  ListResourceTemplatesResult: ListResourceTemplatesResult;
  ListResourcesRequest: ListResourcesRequest;
  ListResourcesResult: ListResourcesResult;
  ListRootsRequest: ListRootsRequest;
  ListRootsResult: ListRootsResult;
  ListTasksRequest: ListTasksRequest;
  ListTasksResult: ListTasksResult;
  ListToolsRequest: ListToolsRequest;
  ListToolsResult: ListToolsResult;
  LoggingLevel: LoggingLevel;
  LoggingMessageNotification: LoggingMessageNotification;
  LoggingMessageNotificationParams: LoggingMessageNotificationParams;
  ModelHint: ModelHint;
  ModelPreferences: ModelPreferences;
  MultiSelectEnumSchema: MultiSelectEnumSchema;
  Notification: Notification;
  NotificationParams: NotificationParams;
  NumberSchema: NumberSchema;
  PaginatedRequest: PaginatedRequest;
  PaginatedRequestParams: PaginatedRequestParams;
  PaginatedResult: PaginatedResult;
  PingRequest: PingRequest;
  PrimitiveSchemaDefinition: PrimitiveSchemaDefinition;
  ProgressNotification: ProgressNotification;
  ProgressNotificationParams: ProgressNotificationParams;
  ProgressToken: ProgressToken;
  Prompt: Prompt;
  PromptArgument: PromptArgument;
  PromptListChangedNotification: PromptListChangedNotification;
  PromptMessage: PromptMessage;
  PromptReference: PromptReference;
  ReadResourceRequest: ReadResourceRequest;
  ReadResourceRequestParams: ReadResourceRequestParams;
  ReadResourceResult: ReadResourceResult;
  RelatedTaskMetadata: RelatedTaskMetadata;
  Request: Request;
  RequestId: RequestId;
  RequestParams: RequestParams;
  Resource: Resource;
  ResourceContents: ResourceContents;
  ResourceLink: ResourceLink;
  ResourceListChangedNotification: ResourceListChangedNotification;
  ResourceRequestParams: ResourceRequestParams;
  ResourceTemplate: ResourceTemplate;
  ResourceTemplateReference: ResourceTemplateReference;
  ResourceUpdatedNotification: ResourceUpdatedNotification;
  ResourceUpdatedNotificationParams: ResourceUpdatedNotificationParams;
  Result: Result;
  Role: Role;
  Root: Root;
  RootsListChangedNotification: RootsListChangedNotification;
  SamplingMessage: SamplingMessage;
  SamplingMessageContentBlock: SamplingMessageContentBlock;
  ServerCapabilities: ServerCapabilities;
  ServerNotification: ServerNotification;
  ServerRequest: ServerRequest;
  ServerResult: ServerResult;
  SetLevelRequest: SetLevelRequest;
  SetLevelRequestParams: SetLevelRequestParams;
  SingleSelectEnumSchema: SingleSelectEnumSchema;
  StringSchema: StringSchema;
  SubscribeRequest: SubscribeRequest;
  SubscribeRequestParams: SubscribeRequestParams;
  Task: Task;
  TaskAugmentedRequestParams: TaskAugmentedRequestParams;
  TaskMetadata: TaskMetadata;
  TaskStatus: TaskStatus;
  TaskStatusNotification: TaskStatusNotification;
  TaskStatusNotificationParams: TaskStatusNotificationParams;
  TextContent: TextContent;
  TextResourceContents: TextResourceContents;
  TitledMultiSelectEnumSchema: TitledMultiSelectEnumSchema;
  TitledSingleSelectEnumSchema: TitledSingleSelectEnumSchema;
  Tool: Tool;
  ToolAnnotations: ToolAnnotations;
  ToolChoice: ToolChoice;
  ToolExecution: ToolExecution;
  ToolListChangedNotification: ToolListChangedNotification;
  ToolResultContent: ToolResultContent;
  ToolUseContent: ToolUseContent;
  URLElicitationRequiredError: URLElicitationRequiredError;
  UnsubscribeRequest: UnsubscribeRequest;
  UnsubscribeRequestParams: UnsubscribeRequestParams;
  UntitledMultiSelectEnumSchema: UntitledMultiSelectEnumSchema;
  UntitledSingleSelectEnumSchema: UntitledSingleSelectEnumSchema;
}

export interface ElicitRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "elicitation/create";
  params: ElicitRequestParams;
}

export interface ElicitRequestFormParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  message: string;
  mode?: "form";
  requestedSchema: {
    $schema?: string;
    properties: {
      [k: string]: PrimitiveSchemaDefinition;
    };
    required?: string[];
    type: "object";
  };
  task?: TaskMetadata;
}

export type ElicitRequestParams = ElicitRequestURLParams | ElicitRequestFormParams;

export interface ElicitRequestURLParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  elicitationId: string;
  message: string;
  mode: "url";
  task?: TaskMetadata;
  url: string;
}

export interface ElicitResult {
  _meta?: {
    [k: string]: unknown;
  };
  action: "accept" | "cancel" | "decline";
  content?: {
    [k: string]: string[] | string | number | boolean;
  };
}

export interface ElicitationCompleteNotification {
  jsonrpc: "2.0";
  method: "notifications/elicitation/complete";
  params: {
    elicitationId: string;
  };
}

export interface EmbeddedResource {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  resource: TextResourceContents | BlobResourceContents;
  type: "resource";
}

export type EmptyResult = Result;

export type EnumSchema =
  | UntitledSingleSelectEnumSchema
  | TitledSingleSelectEnumSchema
  | UntitledMultiSelectEnumSchema
  | TitledMultiSelectEnumSchema
  | LegacyTitledEnumSchema;

export interface Error {
  code: number;
  data?: unknown;
  message: string;
}

export interface GetPromptRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "prompts/get";
  params: GetPromptRequestParams;
}

export interface GetPromptRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  arguments?: {
    [k: string]: string;
  };
  name: string;
}

export interface GetPromptResult {
  _meta?: {
    [k: string]: unknown;
  };
  description?: string;
  messages: PromptMessage[];
}

export interface GetTaskPayloadRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tasks/result";
  params: {
    taskId: string;
  };
}

export interface GetTaskPayloadResult {
  _meta?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface GetTaskRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tasks/get";
  params: {
    taskId: string;
  };
}

export type GetTaskResult = Result & Task;

export interface Icon {
  mimeType?: string;
  sizes?: string[];
  src: string;
  theme?: "dark" | "light";
}

export interface Icons {
  icons?: Icon[];
}

export interface ImageContent {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  data: string;
  mimeType: string;
  type: "image";
}

export interface Implementation {
  description?: string;
  icons?: Icon[];
  name: string;
  title?: string;
  version: string;
  websiteUrl?: string;
}

export interface InitializeRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "initialize";
  params: InitializeRequestParams;
}

export interface InitializeRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  capabilities: ClientCapabilities;
  clientInfo: Implementation;
  protocolVersion: string;
}

export interface InitializeResult {
  _meta?: {
    [k: string]: unknown;
  };
  capabilities: ServerCapabilities;
  instructions?: string;
  protocolVersion: string;
  serverInfo: Implementation;
}

export interface InitializedNotification {
  jsonrpc: "2.0";
  method: "notifications/initialized";
  params?: NotificationParams;
}

export interface JSONRPCErrorResponse {
  error: Error;
  id?: RequestId;
  jsonrpc: "2.0";
}

export type JSONRPCMessage = JSONRPCRequest | JSONRPCNotification | JSONRPCResultResponse | JSONRPCErrorResponse;

export interface JSONRPCNotification {
  jsonrpc: "2.0";
  method: string;
  params?: {
    [k: string]: unknown;
  };
}

export interface JSONRPCRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: string;
  params?: {
    [k: string]: unknown;
  };
}

export type JSONRPCResponse = JSONRPCResultResponse | JSONRPCErrorResponse;

export interface JSONRPCResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: Result;
}

export interface LegacyTitledEnumSchema {
  default?: string;
  description?: string;
  enum: string[];
  enumNames?: string[];
  title?: string;
  type: "string";
}

export interface ListPromptsRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "prompts/list";
  params?: PaginatedRequestParams;
}

export interface ListPromptsResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  prompts: Prompt[];
}

export interface ListResourceTemplatesRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "resources/templates/list";
  params?: PaginatedRequestParams;
}

export interface ListResourceTemplatesResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  resourceTemplates: ResourceTemplate[];
}

export interface ListResourcesRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "resources/list";
  params?: PaginatedRequestParams;
}

export interface ListResourcesResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  resources: Resource[];
}

export interface ListRootsRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "roots/list";
  params?: RequestParams;
}

export interface ListRootsResult {
  _meta?: {
    [k: string]: unknown;
  };
  roots: Root[];
}

export interface ListTasksRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tasks/list";
  params?: PaginatedRequestParams;
}

export interface ListTasksResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  tasks: Task[];
}

export interface ListToolsRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tools/list";
  params?: PaginatedRequestParams;
}

export interface ListToolsResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  tools: Tool[];
}

export type LoggingLevel = "alert" | "critical" | "debug" | "emergency" | "error" | "info" | "notice" | "warning";

export interface LoggingMessageNotification {
  jsonrpc: "2.0";
  method: "notifications/message";
  params: LoggingMessageNotificationParams;
}

export interface LoggingMessageNotificationParams {
  _meta?: {
    [k: string]: unknown;
  };
  data: unknown;
  level: LoggingLevel;
  logger?: string;
}

export interface ModelHint {
  name?: string;
}

export interface ModelPreferences {
  costPriority?: number;
  hints?: ModelHint[];
  intelligencePriority?: number;
  speedPriority?: number;
}

export type MultiSelectEnumSchema = UntitledMultiSelectEnumSchema | TitledMultiSelectEnumSchema;

export interface Notification {
  method: string;
  params?: {
    [k: string]: unknown;
  };
}

export interface NotificationMap {
  "notifications/cancelled": {
    params: NonNullable<T.CancelledNotification["params"]>;
    callerMayOmitParams: true;
  };
  "notifications/elicitation/complete": {
    params: NonNullable<T.ElicitationCompleteNotification["params"]>;
    callerMayOmitParams: false;
  };
  "notifications/initialized": {
    params: NonNullable<T.InitializedNotification["params"]>;
    callerMayOmitParams: true;
  };
  "notifications/message": {
    params: NonNullable<T.LoggingMessageNotification["params"]>;
    callerMayOmitParams: false;
  };
  "notifications/progress": {
    params: NonNullable<T.ProgressNotification["params"]>;
    callerMayOmitParams: false;
  };
  "notifications/prompts/list_changed": {
    params: NonNullable<T.PromptListChangedNotification["params"]>;
    callerMayOmitParams: true;
  };
  "notifications/resources/list_changed": {
    params: NonNullable<T.ResourceListChangedNotification["params"]>;
    callerMayOmitParams: true;
  };
  "notifications/resources/updated": {
    params: NonNullable<T.ResourceUpdatedNotification["params"]>;
    callerMayOmitParams: false;
  };
  "notifications/roots/list_changed": {
    params: NonNullable<T.RootsListChangedNotification["params"]>;
    callerMayOmitParams: true;
  };
  "notifications/tasks/status": {
    params: NonNullable<T.TaskStatusNotification["params"]>;
    callerMayOmitParams: false;
  };
  "notifications/tools/list_changed": {
    params: NonNullable<T.ToolListChangedNotification["params"]>;
    callerMayOmitParams: true;
  };
}

export interface NotificationParams {
  _meta?: {
    [k: string]: unknown;
  };
}

export interface NumberSchema {
  default?: number;
  description?: string;
  maximum?: number;
  minimum?: number;
  title?: string;
  type: "integer" | "number";
}

export interface PaginatedRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: string;
  params?: PaginatedRequestParams;
}

export interface PaginatedRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  cursor?: string;
}

export interface PaginatedResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
}

export interface PingRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "ping";
  params?: RequestParams;
}

export type PrimitiveSchemaDefinition =
  | StringSchema
  | NumberSchema
  | BooleanSchema
  | UntitledSingleSelectEnumSchema
  | TitledSingleSelectEnumSchema
  | UntitledMultiSelectEnumSchema
  | TitledMultiSelectEnumSchema
  | LegacyTitledEnumSchema;

export interface ProgressNotification {
  jsonrpc: "2.0";
  method: "notifications/progress";
  params: ProgressNotificationParams;
}

export interface ProgressNotificationParams {
  _meta?: {
    [k: string]: unknown;
  };
  message?: string;
  progress: number;
  progressToken: ProgressToken;
  total?: number;
}

export type ProgressToken = string | number;

export interface Prompt {
  _meta?: {
    [k: string]: unknown;
  };
  arguments?: PromptArgument[];
  description?: string;
  icons?: Icon[];
  name: string;
  title?: string;
}

export interface PromptArgument {
  description?: string;
  name: string;
  required?: boolean;
  title?: string;
}

export interface PromptListChangedNotification {
  jsonrpc: "2.0";
  method: "notifications/prompts/list_changed";
  params?: NotificationParams;
}

export interface PromptMessage {
  content: ContentBlock;
  role: Role;
}

export interface PromptReference {
  name: string;
  title?: string;
  type: "ref/prompt";
}

export interface ReadResourceRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "resources/read";
  params: ReadResourceRequestParams;
}

export interface ReadResourceRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  uri: string;
}

export interface ReadResourceResult {
  _meta?: {
    [k: string]: unknown;
  };
  contents: (TextResourceContents | BlobResourceContents)[];
}

export interface RelatedTaskMetadata {
  taskId: string;
}

export interface Request {
  method: string;
  params?: {
    [k: string]: unknown;
  };
}

export type RequestId = string | number;

export interface RequestMap {
  "completion/complete": {
    params: NonNullable<T.CompleteRequest["params"]>;
    result: T.CompleteResult;
    wireResult: T.CompleteResult;
    callerMayOmitParams: false;
  };
  "elicitation/create": {
    params: NonNullable<T.ElicitRequest["params"]>;
    result: T.ElicitResult;
    wireResult: T.ElicitResult;
    callerMayOmitParams: true;
  };
  initialize: {
    params: NonNullable<T.InitializeRequest["params"]>;
    result: T.InitializeResult;
    wireResult: T.InitializeResult;
    callerMayOmitParams: false;
  };
  "logging/setLevel": {
    params: NonNullable<T.SetLevelRequest["params"]>;
    result: T.EmptyResult;
    wireResult: T.EmptyResult;
    callerMayOmitParams: false;
  };
  ping: {
    params: NonNullable<T.PingRequest["params"]>;
    result: T.EmptyResult;
    wireResult: T.EmptyResult;
    callerMayOmitParams: true;
  };
  "prompts/get": {
    params: NonNullable<T.GetPromptRequest["params"]>;
    result: T.GetPromptResult;
    wireResult: T.GetPromptResult;
    callerMayOmitParams: false;
  };
  "prompts/list": {
    params: NonNullable<T.ListPromptsRequest["params"]>;
    result: T.ListPromptsResult;
    wireResult: T.ListPromptsResult;
    callerMayOmitParams: true;
  };
  "resources/list": {
    params: NonNullable<T.ListResourcesRequest["params"]>;
    result: T.ListResourcesResult;
    wireResult: T.ListResourcesResult;
    callerMayOmitParams: true;
  };
  "resources/read": {
    params: NonNullable<T.ReadResourceRequest["params"]>;
    result: T.ReadResourceResult;
    wireResult: T.ReadResourceResult;
    callerMayOmitParams: false;
  };
  "resources/subscribe": {
    params: NonNullable<T.SubscribeRequest["params"]>;
    result: T.EmptyResult;
    wireResult: T.EmptyResult;
    callerMayOmitParams: false;
  };
  "resources/templates/list": {
    params: NonNullable<T.ListResourceTemplatesRequest["params"]>;
    result: T.ListResourceTemplatesResult;
    wireResult: T.ListResourceTemplatesResult;
    callerMayOmitParams: true;
  };
  "resources/unsubscribe": {
    params: NonNullable<T.UnsubscribeRequest["params"]>;
    result: T.EmptyResult;
    wireResult: T.EmptyResult;
    callerMayOmitParams: false;
  };
  "roots/list": {
    params: NonNullable<T.ListRootsRequest["params"]>;
    result: T.ListRootsResult;
    wireResult: T.ListRootsResult;
    callerMayOmitParams: true;
  };
  "sampling/createMessage": {
    params: NonNullable<T.CreateMessageRequest["params"]>;
    result: T.CreateMessageResult;
    wireResult: T.CreateMessageResult;
    callerMayOmitParams: false;
  };
  "tasks/cancel": {
    params: NonNullable<T.CancelTaskRequest["params"]>;
    result: T.CancelTaskResult;
    wireResult: T.CancelTaskResult;
    callerMayOmitParams: false;
  };
  "tasks/get": {
    params: NonNullable<T.GetTaskRequest["params"]>;
    result: T.GetTaskResult;
    wireResult: T.GetTaskResult;
    callerMayOmitParams: false;
  };
  "tasks/list": {
    params: NonNullable<T.ListTasksRequest["params"]>;
    result: T.ListTasksResult;
    wireResult: T.ListTasksResult;
    callerMayOmitParams: true;
  };
  "tasks/result": {
    params: NonNullable<T.GetTaskPayloadRequest["params"]>;
    result: T.GetTaskPayloadResult;
    wireResult: T.GetTaskPayloadResult;
    callerMayOmitParams: false;
  };
  "tools/call": {
    params: NonNullable<T.CallToolRequest["params"]>;
    result: T.CallToolResult;
    wireResult: T.CallToolResult;
    callerMayOmitParams: false;
  };
  "tools/list": {
    params: NonNullable<T.ListToolsRequest["params"]>;
    result: T.ListToolsResult;
    wireResult: T.ListToolsResult;
    callerMayOmitParams: true;
  };
}

export interface RequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
}

export interface Resource {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  description?: string;
  icons?: Icon[];
  mimeType?: string;
  name: string;
  size?: number;
  title?: string;
  uri: string;
}

export interface ResourceContents {
  _meta?: {
    [k: string]: unknown;
  };
  mimeType?: string;
  uri: string;
}

export interface ResourceLink {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  description?: string;
  icons?: Icon[];
  mimeType?: string;
  name: string;
  size?: number;
  title?: string;
  type: "resource_link";
  uri: string;
}

export interface ResourceListChangedNotification {
  jsonrpc: "2.0";
  method: "notifications/resources/list_changed";
  params?: NotificationParams;
}

export interface ResourceRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  uri: string;
}

export interface ResourceTemplate {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  description?: string;
  icons?: Icon[];
  mimeType?: string;
  name: string;
  title?: string;
  uriTemplate: string;
}

export interface ResourceTemplateReference {
  type: "ref/resource";
  uri: string;
}

export interface ResourceUpdatedNotification {
  jsonrpc: "2.0";
  method: "notifications/resources/updated";
  params: ResourceUpdatedNotificationParams;
}

export interface ResourceUpdatedNotificationParams {
  _meta?: {
    [k: string]: unknown;
  };
  uri: string;
}

export interface Result {
  _meta?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export type Role = "assistant" | "user";

export interface Root {
  _meta?: {
    [k: string]: unknown;
  };
  name?: string;
  uri: string;
}

export interface RootsListChangedNotification {
  jsonrpc: "2.0";
  method: "notifications/roots/list_changed";
  params?: NotificationParams;
}

export interface SamplingMessage {
  _meta?: {
    [k: string]: unknown;
  };
  content:
    TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent | SamplingMessageContentBlock[];
  role: Role;
}

export type SamplingMessageContentBlock =
  TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent;

export interface ServerCapabilities {
  completions?: {
    [k: string]: unknown;
  };
  experimental?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  logging?: {
    [k: string]: unknown;
  };
  prompts?: {
    listChanged?: boolean;
  };
  resources?: {
    listChanged?: boolean;
    subscribe?: boolean;
  };
  tasks?: {
    cancel?: {
      [k: string]: unknown;
    };
    list?: {
      [k: string]: unknown;
    };
    requests?: {
      tools?: {
        call?: {
          [k: string]: unknown;
        };
      };
    };
  };
  tools?: {
    listChanged?: boolean;
  };
}

export declare abstract class ServerHandlerMethods<Ctx> {
  abstract setRequestHandler<M extends keyof ServerRequestHandlers<Ctx>>(
    method: M,
    handler: ServerRequestHandlers<Ctx>[M],
  ): this;
  abstract setNotificationHandler<M extends keyof ServerNotificationHandlers<Ctx>>(
    method: M,
    handler: ServerNotificationHandlers<Ctx>[M],
  ): this;
  onComplete(handler: ServerRequestHandlers<Ctx>["completion/complete"]): this;
  onSetLevel(handler: ServerRequestHandlers<Ctx>["logging/setLevel"]): this;
  onPing(handler: ServerRequestHandlers<Ctx>["ping"]): this;
  onGetPrompt(handler: ServerRequestHandlers<Ctx>["prompts/get"]): this;
  onListPrompts(handler: ServerRequestHandlers<Ctx>["prompts/list"]): this;
  onListResources(handler: ServerRequestHandlers<Ctx>["resources/list"]): this;
  onReadResource(handler: ServerRequestHandlers<Ctx>["resources/read"]): this;
  onSubscribe(handler: ServerRequestHandlers<Ctx>["resources/subscribe"]): this;
  onListResourceTemplates(handler: ServerRequestHandlers<Ctx>["resources/templates/list"]): this;
  onUnsubscribe(handler: ServerRequestHandlers<Ctx>["resources/unsubscribe"]): this;
  onCancelTask(handler: ServerRequestHandlers<Ctx>["tasks/cancel"]): this;
  onGetTask(handler: ServerRequestHandlers<Ctx>["tasks/get"]): this;
  onListTasks(handler: ServerRequestHandlers<Ctx>["tasks/list"]): this;
  onGetTaskPayload(handler: ServerRequestHandlers<Ctx>["tasks/result"]): this;
  onCallTool(handler: ServerRequestHandlers<Ctx>["tools/call"]): this;
  onListTools(handler: ServerRequestHandlers<Ctx>["tools/list"]): this;
  onCancelled(handler: ServerNotificationHandlers<Ctx>["notifications/cancelled"]): this;
  onInitialized(handler: ServerNotificationHandlers<Ctx>["notifications/initialized"]): this;
  onProgress(handler: ServerNotificationHandlers<Ctx>["notifications/progress"]): this;
  onRootsListChanged(handler: ServerNotificationHandlers<Ctx>["notifications/roots/list_changed"]): this;
  onTaskStatus(handler: ServerNotificationHandlers<Ctx>["notifications/tasks/status"]): this;
}

export type ServerNotification =
  | CancelledNotification
  | ProgressNotification
  | ResourceListChangedNotification
  | ResourceUpdatedNotification
  | PromptListChangedNotification
  | ToolListChangedNotification
  | TaskStatusNotification
  | LoggingMessageNotification
  | ElicitationCompleteNotification;

export interface ServerNotificationHandlers<Ctx> {
  "notifications/cancelled": (
    params: NotificationMap["notifications/cancelled"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/initialized": (
    params: NotificationMap["notifications/initialized"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/progress": (
    params: NotificationMap["notifications/progress"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/roots/list_changed": (
    params: NotificationMap["notifications/roots/list_changed"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/tasks/status": (
    params: NotificationMap["notifications/tasks/status"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
}

export type ServerNotificationMethod =
  | "notifications/cancelled"
  | "notifications/elicitation/complete"
  | "notifications/message"
  | "notifications/progress"
  | "notifications/prompts/list_changed"
  | "notifications/resources/list_changed"
  | "notifications/resources/updated"
  | "notifications/tasks/status"
  | "notifications/tools/list_changed";

export type ServerRequest =
  | PingRequest
  | GetTaskRequest
  | GetTaskPayloadRequest
  | CancelTaskRequest
  | ListTasksRequest
  | CreateMessageRequest
  | ListRootsRequest
  | ElicitRequest;

export interface ServerRequestHandlers<Ctx> {
  "completion/complete": (
    params: RequestMap["completion/complete"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["completion/complete"]["wireResult"]>;
  "logging/setLevel": (
    params: RequestMap["logging/setLevel"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["logging/setLevel"]["wireResult"]>;
  ping: (params: RequestMap["ping"]["params"], ctx: Ctx) => MaybePromise<RequestMap["ping"]["wireResult"]>;
  "prompts/get": (
    params: RequestMap["prompts/get"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["prompts/get"]["wireResult"]>;
  "prompts/list": (
    params: RequestMap["prompts/list"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["prompts/list"]["wireResult"]>;
  "resources/list": (
    params: RequestMap["resources/list"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["resources/list"]["wireResult"]>;
  "resources/read": (
    params: RequestMap["resources/read"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["resources/read"]["wireResult"]>;
  "resources/subscribe": (
    params: RequestMap["resources/subscribe"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["resources/subscribe"]["wireResult"]>;
  "resources/templates/list": (
    params: RequestMap["resources/templates/list"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["resources/templates/list"]["wireResult"]>;
  "resources/unsubscribe": (
    params: RequestMap["resources/unsubscribe"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["resources/unsubscribe"]["wireResult"]>;
  "tasks/cancel": (
    params: RequestMap["tasks/cancel"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tasks/cancel"]["wireResult"]>;
  "tasks/get": (
    params: RequestMap["tasks/get"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tasks/get"]["wireResult"]>;
  "tasks/list": (
    params: RequestMap["tasks/list"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tasks/list"]["wireResult"]>;
  "tasks/result": (
    params: RequestMap["tasks/result"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tasks/result"]["wireResult"]>;
  "tools/call": (
    params: RequestMap["tools/call"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tools/call"]["wireResult"]>;
  "tools/list": (
    params: RequestMap["tools/list"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tools/list"]["wireResult"]>;
}

export type ServerRequestMethod =
  | "elicitation/create"
  | "ping"
  | "roots/list"
  | "sampling/createMessage"
  | "tasks/cancel"
  | "tasks/get"
  | "tasks/list"
  | "tasks/result";

export type ServerResult =
  | Result
  | InitializeResult
  | ListResourcesResult
  | ListResourceTemplatesResult
  | ReadResourceResult
  | ListPromptsResult
  | GetPromptResult
  | ListToolsResult
  | CallToolResult
  | GetTaskResult
  | GetTaskPayloadResult
  | CancelTaskResult
  | ListTasksResult
  | CompleteResult;

export declare abstract class ServerSessionMethods<Options> {
  abstract request<M extends ServerRequestMethod>(
    method: M,
    params?: CallerParams<RequestMap[M]["params"]>,
    options?: Options,
  ): Promise<RequestMap[M]["result"]>;
  abstract notify<M extends ServerNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
    options?: Options,
  ): Promise<void>;
  elicit(params?: CallerParams<RequestMap["elicitation/create"]["params"]>, options?: Options): Promise<T.ElicitResult>;
  ping(params?: CallerParams<RequestMap["ping"]["params"]>, options?: Options): Promise<T.EmptyResult>;
  listRoots(params?: CallerParams<RequestMap["roots/list"]["params"]>, options?: Options): Promise<T.ListRootsResult>;
  createMessage(
    params: CallerParams<RequestMap["sampling/createMessage"]["params"]>,
    options?: Options,
  ): Promise<T.CreateMessageResult>;
  cancelTask(
    params: CallerParams<RequestMap["tasks/cancel"]["params"]>,
    options?: Options,
  ): Promise<T.CancelTaskResult>;
  getTask(params: CallerParams<RequestMap["tasks/get"]["params"]>, options?: Options): Promise<T.GetTaskResult>;
  listTasks(params?: CallerParams<RequestMap["tasks/list"]["params"]>, options?: Options): Promise<T.ListTasksResult>;
  getTaskPayload(
    params: CallerParams<RequestMap["tasks/result"]["params"]>,
    options?: Options,
  ): Promise<T.GetTaskPayloadResult>;
  sendCancelled(
    params?: CallerParams<NotificationMap["notifications/cancelled"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendElicitationComplete(
    params: CallerParams<NotificationMap["notifications/elicitation/complete"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendLoggingMessage(
    params: CallerParams<NotificationMap["notifications/message"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendProgress(
    params: CallerParams<NotificationMap["notifications/progress"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendPromptListChanged(
    params?: CallerParams<NotificationMap["notifications/prompts/list_changed"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendResourceListChanged(
    params?: CallerParams<NotificationMap["notifications/resources/list_changed"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendResourceUpdated(
    params: CallerParams<NotificationMap["notifications/resources/updated"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendTaskStatus(
    params: CallerParams<NotificationMap["notifications/tasks/status"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendToolListChanged(
    params?: CallerParams<NotificationMap["notifications/tools/list_changed"]["params"]>,
    options?: Options,
  ): Promise<void>;
}

export interface SetLevelRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "logging/setLevel";
  params: SetLevelRequestParams;
}

export interface SetLevelRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  level: LoggingLevel;
}

export type SingleSelectEnumSchema = UntitledSingleSelectEnumSchema | TitledSingleSelectEnumSchema;

export interface StringSchema {
  default?: string;
  description?: string;
  format?: "date" | "date-time" | "email" | "uri";
  maxLength?: number;
  minLength?: number;
  title?: string;
  type: "string";
}

export interface SubscribeRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "resources/subscribe";
  params: SubscribeRequestParams;
}

export interface SubscribeRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  uri: string;
}

export interface Task {
  createdAt: string;
  lastUpdatedAt: string;
  pollInterval?: number;
  status: TaskStatus;
  statusMessage?: string;
  taskId: string;
  ttl: number | null;
}

export interface TaskAugmentedRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  task?: TaskMetadata;
}

export interface TaskMetadata {
  ttl?: number;
}

export type TaskStatus = "cancelled" | "completed" | "failed" | "input_required" | "working";

export interface TaskStatusNotification {
  jsonrpc: "2.0";
  method: "notifications/tasks/status";
  params: TaskStatusNotificationParams;
}

export type TaskStatusNotificationParams = NotificationParams & Task;

export interface TextContent {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  text: string;
  type: "text";
}

export interface TextResourceContents {
  _meta?: {
    [k: string]: unknown;
  };
  mimeType?: string;
  text: string;
  uri: string;
}

export interface TitledMultiSelectEnumSchema {
  default?: string[];
  description?: string;
  items: {
    anyOf: {
      const: string;
      title: string;
    }[];
  };
  maxItems?: number;
  minItems?: number;
  title?: string;
  type: "array";
}

export interface TitledSingleSelectEnumSchema {
  default?: string;
  description?: string;
  oneOf: {
    const: string;
    title: string;
  }[];
  title?: string;
  type: "string";
}

export interface Tool {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: ToolAnnotations;
  description?: string;
  execution?: ToolExecution;
  icons?: Icon[];
  inputSchema: {
    $schema?: string;
    properties?: {
      [k: string]: {
        [k: string]: unknown;
      };
    };
    required?: string[];
    type: "object";
  };
  name: string;
  outputSchema?: {
    $schema?: string;
    properties?: {
      [k: string]: {
        [k: string]: unknown;
      };
    };
    required?: string[];
    type: "object";
  };
  title?: string;
}

export interface ToolAnnotations {
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
  readOnlyHint?: boolean;
  title?: string;
}

export interface ToolChoice {
  mode?: "auto" | "none" | "required";
}

export interface ToolExecution {
  taskSupport?: "forbidden" | "optional" | "required";
}

export interface ToolListChangedNotification {
  jsonrpc: "2.0";
  method: "notifications/tools/list_changed";
  params?: NotificationParams;
}

export interface ToolResultContent {
  _meta?: {
    [k: string]: unknown;
  };
  content: ContentBlock[];
  isError?: boolean;
  structuredContent?: {
    [k: string]: unknown;
  };
  toolUseId: string;
  type: "tool_result";
}

export interface ToolUseContent {
  _meta?: {
    [k: string]: unknown;
  };
  id: string;
  input: {
    [k: string]: unknown;
  };
  name: string;
  type: "tool_use";
}

export interface URLElicitationRequiredError {
  error: Error & {
    code: -32042;
    data: {
      elicitations: ElicitRequestURLParams[];
      [k: string]: unknown;
    };
  };
  id?: RequestId;
  jsonrpc: "2.0";
}

export interface UnsubscribeRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "resources/unsubscribe";
  params: UnsubscribeRequestParams;
}

export interface UnsubscribeRequestParams {
  _meta?: {
    progressToken?: ProgressToken;
    [k: string]: unknown;
  };
  uri: string;
}

export interface UntitledMultiSelectEnumSchema {
  default?: string[];
  description?: string;
  items: {
    enum: string[];
    type: "string";
  };
  maxItems?: number;
  minItems?: number;
  title?: string;
  type: "array";
}

export interface UntitledSingleSelectEnumSchema {
  default?: string;
  description?: string;
  enum: string[];
  title?: string;
  type: "string";
}

export declare const clientHandlers: {
  readonly onElicit: "elicitation/create";
  readonly onPing: "ping";
  readonly onListRoots: "roots/list";
  readonly onCreateMessage: "sampling/createMessage";
  readonly onCancelTask: "tasks/cancel";
  readonly onGetTask: "tasks/get";
  readonly onListTasks: "tasks/list";
  readonly onGetTaskPayload: "tasks/result";
  readonly onCancelled: "notifications/cancelled";
  readonly onElicitationComplete: "notifications/elicitation/complete";
  readonly onLoggingMessage: "notifications/message";
  readonly onProgress: "notifications/progress";
  readonly onPromptListChanged: "notifications/prompts/list_changed";
  readonly onResourceListChanged: "notifications/resources/list_changed";
  readonly onResourceUpdated: "notifications/resources/updated";
  readonly onTaskStatus: "notifications/tasks/status";
  readonly onToolListChanged: "notifications/tools/list_changed";
};

export declare const clientNotifications: {
  readonly sendCancelled: "notifications/cancelled";
  readonly sendInitialized: "notifications/initialized";
  readonly sendProgress: "notifications/progress";
  readonly sendRootsListChanged: "notifications/roots/list_changed";
  readonly sendTaskStatus: "notifications/tasks/status";
};

export declare const clientRequests: {
  readonly complete: "completion/complete";
  readonly initialize: "initialize";
  readonly setLevel: "logging/setLevel";
  readonly ping: "ping";
  readonly getPrompt: "prompts/get";
  readonly listPrompts: "prompts/list";
  readonly listResources: "resources/list";
  readonly readResource: "resources/read";
  readonly subscribe: "resources/subscribe";
  readonly listResourceTemplates: "resources/templates/list";
  readonly unsubscribe: "resources/unsubscribe";
  readonly cancelTask: "tasks/cancel";
  readonly getTask: "tasks/get";
  readonly listTasks: "tasks/list";
  readonly getTaskPayload: "tasks/result";
  readonly callTool: "tools/call";
  readonly listTools: "tools/list";
};

export declare const notifications: {
  readonly "notifications/cancelled": {
    readonly method: "notifications/cancelled";
    readonly type: "CancelledNotification";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.CancelledNotification>;
    readonly params: import("../common.js").Validator<T.CancelledNotificationParams>;
    readonly paramsRequired: true;
  };
  readonly "notifications/elicitation/complete": {
    readonly method: "notifications/elicitation/complete";
    readonly type: "ElicitationCompleteNotification";
    readonly directions: readonly ["serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.ElicitationCompleteNotification>;
    readonly params: import("../common.js").Validator<{
      elicitationId: string;
    }>;
    readonly paramsRequired: true;
  };
  readonly "notifications/initialized": {
    readonly method: "notifications/initialized";
    readonly type: "InitializedNotification";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.InitializedNotification>;
    readonly params: import("../common.js").Validator<T.NotificationParams>;
    readonly paramsRequired: false;
  };
  readonly "notifications/message": {
    readonly method: "notifications/message";
    readonly type: "LoggingMessageNotification";
    readonly directions: readonly ["serverToClient"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["logging"];
    };
    readonly notification: import("../common.js").Validator<T.LoggingMessageNotification>;
    readonly params: import("../common.js").Validator<T.LoggingMessageNotificationParams>;
    readonly paramsRequired: true;
  };
  readonly "notifications/progress": {
    readonly method: "notifications/progress";
    readonly type: "ProgressNotification";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.ProgressNotification>;
    readonly params: import("../common.js").Validator<T.ProgressNotificationParams>;
    readonly paramsRequired: true;
  };
  readonly "notifications/prompts/list_changed": {
    readonly method: "notifications/prompts/list_changed";
    readonly type: "PromptListChangedNotification";
    readonly directions: readonly ["serverToClient"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["prompts", "listChanged"];
    };
    readonly notification: import("../common.js").Validator<T.PromptListChangedNotification>;
    readonly params: import("../common.js").Validator<T.NotificationParams>;
    readonly paramsRequired: false;
  };
  readonly "notifications/resources/list_changed": {
    readonly method: "notifications/resources/list_changed";
    readonly type: "ResourceListChangedNotification";
    readonly directions: readonly ["serverToClient"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["resources", "listChanged"];
    };
    readonly notification: import("../common.js").Validator<T.ResourceListChangedNotification>;
    readonly params: import("../common.js").Validator<T.NotificationParams>;
    readonly paramsRequired: false;
  };
  readonly "notifications/resources/updated": {
    readonly method: "notifications/resources/updated";
    readonly type: "ResourceUpdatedNotification";
    readonly directions: readonly ["serverToClient"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["resources", "subscribe"];
    };
    readonly notification: import("../common.js").Validator<T.ResourceUpdatedNotification>;
    readonly params: import("../common.js").Validator<T.ResourceUpdatedNotificationParams>;
    readonly paramsRequired: true;
  };
  readonly "notifications/roots/list_changed": {
    readonly method: "notifications/roots/list_changed";
    readonly type: "RootsListChangedNotification";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "client";
      readonly path: readonly ["roots", "listChanged"];
    };
    readonly notification: import("../common.js").Validator<T.RootsListChangedNotification>;
    readonly params: import("../common.js").Validator<T.NotificationParams>;
    readonly paramsRequired: false;
  };
  readonly "notifications/tasks/status": {
    readonly method: "notifications/tasks/status";
    readonly type: "TaskStatusNotification";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.TaskStatusNotification>;
    readonly params: import("../common.js").Validator<NonNullable<T.TaskStatusNotificationParams>>;
    readonly paramsRequired: true;
  };
  readonly "notifications/tools/list_changed": {
    readonly method: "notifications/tools/list_changed";
    readonly type: "ToolListChangedNotification";
    readonly directions: readonly ["serverToClient"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["tools", "listChanged"];
    };
    readonly notification: import("../common.js").Validator<T.ToolListChangedNotification>;
    readonly params: import("../common.js").Validator<T.NotificationParams>;
    readonly paramsRequired: false;
  };
};

export declare const requests: {
  readonly "completion/complete": {
    readonly method: "completion/complete";
    readonly type: "CompleteRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["completions"];
    };
    readonly request: import("../common.js").Validator<T.CompleteRequest>;
    readonly params: import("../common.js").Validator<T.CompleteRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CompleteResult>;
    readonly resultType: "CompleteResult";
    readonly sessionFields: readonly [];
  };
  readonly "elicitation/create": {
    readonly method: "elicitation/create";
    readonly type: "ElicitRequest";
    readonly directions: readonly ["serverToClient"];
    readonly capability: {
      readonly side: "client";
      readonly path: readonly ["elicitation"];
    };
    readonly request: import("../common.js").Validator<T.ElicitRequest>;
    readonly params: import("../common.js").Validator<NonNullable<T.ElicitRequestParams>>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.ElicitResult>;
    readonly resultType: "ElicitResult";
    readonly sessionFields: readonly [];
  };
  readonly initialize: {
    readonly method: "initialize";
    readonly type: "InitializeRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.InitializeRequest>;
    readonly params: import("../common.js").Validator<T.InitializeRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.InitializeResult>;
    readonly resultType: "InitializeResult";
    readonly sessionFields: readonly [];
  };
  readonly "logging/setLevel": {
    readonly method: "logging/setLevel";
    readonly type: "SetLevelRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["logging"];
    };
    readonly request: import("../common.js").Validator<T.SetLevelRequest>;
    readonly params: import("../common.js").Validator<T.SetLevelRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.Result>;
    readonly resultType: "EmptyResult";
    readonly sessionFields: readonly [];
  };
  readonly ping: {
    readonly method: "ping";
    readonly type: "PingRequest";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.PingRequest>;
    readonly params: import("../common.js").Validator<T.RequestParams>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.Result>;
    readonly resultType: "EmptyResult";
    readonly sessionFields: readonly [];
  };
  readonly "prompts/get": {
    readonly method: "prompts/get";
    readonly type: "GetPromptRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["prompts"];
    };
    readonly request: import("../common.js").Validator<T.GetPromptRequest>;
    readonly params: import("../common.js").Validator<T.GetPromptRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.GetPromptResult>;
    readonly resultType: "GetPromptResult";
    readonly sessionFields: readonly [];
  };
  readonly "prompts/list": {
    readonly method: "prompts/list";
    readonly type: "ListPromptsRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["prompts"];
    };
    readonly request: import("../common.js").Validator<T.ListPromptsRequest>;
    readonly params: import("../common.js").Validator<T.PaginatedRequestParams>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListPromptsResult>;
    readonly resultType: "ListPromptsResult";
    readonly sessionFields: readonly [];
  };
  readonly "resources/list": {
    readonly method: "resources/list";
    readonly type: "ListResourcesRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["resources"];
    };
    readonly request: import("../common.js").Validator<T.ListResourcesRequest>;
    readonly params: import("../common.js").Validator<T.PaginatedRequestParams>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListResourcesResult>;
    readonly resultType: "ListResourcesResult";
    readonly sessionFields: readonly [];
  };
  readonly "resources/read": {
    readonly method: "resources/read";
    readonly type: "ReadResourceRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["resources"];
    };
    readonly request: import("../common.js").Validator<T.ReadResourceRequest>;
    readonly params: import("../common.js").Validator<T.ReadResourceRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.ReadResourceResult>;
    readonly resultType: "ReadResourceResult";
    readonly sessionFields: readonly [];
  };
  readonly "resources/subscribe": {
    readonly method: "resources/subscribe";
    readonly type: "SubscribeRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["resources", "subscribe"];
    };
    readonly request: import("../common.js").Validator<T.SubscribeRequest>;
    readonly params: import("../common.js").Validator<T.SubscribeRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.Result>;
    readonly resultType: "EmptyResult";
    readonly sessionFields: readonly [];
  };
  readonly "resources/templates/list": {
    readonly method: "resources/templates/list";
    readonly type: "ListResourceTemplatesRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["resources"];
    };
    readonly request: import("../common.js").Validator<T.ListResourceTemplatesRequest>;
    readonly params: import("../common.js").Validator<T.PaginatedRequestParams>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListResourceTemplatesResult>;
    readonly resultType: "ListResourceTemplatesResult";
    readonly sessionFields: readonly [];
  };
  readonly "resources/unsubscribe": {
    readonly method: "resources/unsubscribe";
    readonly type: "UnsubscribeRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["resources", "subscribe"];
    };
    readonly request: import("../common.js").Validator<T.UnsubscribeRequest>;
    readonly params: import("../common.js").Validator<T.UnsubscribeRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.Result>;
    readonly resultType: "EmptyResult";
    readonly sessionFields: readonly [];
  };
  readonly "roots/list": {
    readonly method: "roots/list";
    readonly type: "ListRootsRequest";
    readonly directions: readonly ["serverToClient"];
    readonly capability: {
      readonly side: "client";
      readonly path: readonly ["roots"];
    };
    readonly request: import("../common.js").Validator<T.ListRootsRequest>;
    readonly params: import("../common.js").Validator<T.RequestParams>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListRootsResult>;
    readonly resultType: "ListRootsResult";
    readonly sessionFields: readonly [];
  };
  readonly "sampling/createMessage": {
    readonly method: "sampling/createMessage";
    readonly type: "CreateMessageRequest";
    readonly directions: readonly ["serverToClient"];
    readonly capability: {
      readonly side: "client";
      readonly path: readonly ["sampling"];
    };
    readonly request: import("../common.js").Validator<T.CreateMessageRequest>;
    readonly params: import("../common.js").Validator<T.CreateMessageRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CreateMessageResult>;
    readonly resultType: "CreateMessageResult";
    readonly sessionFields: readonly [];
  };
  readonly "tasks/cancel": {
    readonly method: "tasks/cancel";
    readonly type: "CancelTaskRequest";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.CancelTaskRequest>;
    readonly params: import("../common.js").Validator<{
      taskId: string;
    }>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CancelTaskResult>;
    readonly resultType: "CancelTaskResult";
    readonly sessionFields: readonly [];
  };
  readonly "tasks/get": {
    readonly method: "tasks/get";
    readonly type: "GetTaskRequest";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.GetTaskRequest>;
    readonly params: import("../common.js").Validator<{
      taskId: string;
    }>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.GetTaskResult>;
    readonly resultType: "GetTaskResult";
    readonly sessionFields: readonly [];
  };
  readonly "tasks/list": {
    readonly method: "tasks/list";
    readonly type: "ListTasksRequest";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.ListTasksRequest>;
    readonly params: import("../common.js").Validator<T.PaginatedRequestParams>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListTasksResult>;
    readonly resultType: "ListTasksResult";
    readonly sessionFields: readonly [];
  };
  readonly "tasks/result": {
    readonly method: "tasks/result";
    readonly type: "GetTaskPayloadRequest";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.GetTaskPayloadRequest>;
    readonly params: import("../common.js").Validator<{
      taskId: string;
    }>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.GetTaskPayloadResult>;
    readonly resultType: "GetTaskPayloadResult";
    readonly sessionFields: readonly [];
  };
  readonly "tools/call": {
    readonly method: "tools/call";
    readonly type: "CallToolRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["tools"];
    };
    readonly request: import("../common.js").Validator<T.CallToolRequest>;
    readonly params: import("../common.js").Validator<T.CallToolRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CallToolResult>;
    readonly resultType: "CallToolResult";
    readonly sessionFields: readonly [];
  };
  readonly "tools/list": {
    readonly method: "tools/list";
    readonly type: "ListToolsRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: {
      readonly side: "server";
      readonly path: readonly ["tools"];
    };
    readonly request: import("../common.js").Validator<T.ListToolsRequest>;
    readonly params: import("../common.js").Validator<T.PaginatedRequestParams>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListToolsResult>;
    readonly resultType: "ListToolsResult";
    readonly sessionFields: readonly [];
  };
};

export declare const revision: {
  readonly name: "2025-11-25";
  readonly sha256: "268a5f82ba70fd7e4b6dc4aa1e64f116f74b4d0edcb69dc046829c79dd4e97e7";
  readonly dialect: "2020-12";
  readonly stateful: true;
  readonly batching: false;
  readonly primingEvents: true;
  readonly envelope: {
    readonly request: "JSONRPCRequest";
    readonly notification: "JSONRPCNotification";
    readonly result: "JSONRPCResultResponse";
    readonly error: "JSONRPCErrorResponse";
  };
  readonly requests: typeof requests;
  readonly notifications: typeof notifications;
  readonly validators: typeof validators.exports;
};

export declare const serverHandlers: {
  readonly onComplete: "completion/complete";
  readonly onSetLevel: "logging/setLevel";
  readonly onPing: "ping";
  readonly onGetPrompt: "prompts/get";
  readonly onListPrompts: "prompts/list";
  readonly onListResources: "resources/list";
  readonly onReadResource: "resources/read";
  readonly onSubscribe: "resources/subscribe";
  readonly onListResourceTemplates: "resources/templates/list";
  readonly onUnsubscribe: "resources/unsubscribe";
  readonly onCancelTask: "tasks/cancel";
  readonly onGetTask: "tasks/get";
  readonly onListTasks: "tasks/list";
  readonly onGetTaskPayload: "tasks/result";
  readonly onCallTool: "tools/call";
  readonly onListTools: "tools/list";
  readonly onCancelled: "notifications/cancelled";
  readonly onInitialized: "notifications/initialized";
  readonly onProgress: "notifications/progress";
  readonly onRootsListChanged: "notifications/roots/list_changed";
  readonly onTaskStatus: "notifications/tasks/status";
};

export declare const serverNotifications: {
  readonly sendCancelled: "notifications/cancelled";
  readonly sendElicitationComplete: "notifications/elicitation/complete";
  readonly sendLoggingMessage: "notifications/message";
  readonly sendProgress: "notifications/progress";
  readonly sendPromptListChanged: "notifications/prompts/list_changed";
  readonly sendResourceListChanged: "notifications/resources/list_changed";
  readonly sendResourceUpdated: "notifications/resources/updated";
  readonly sendTaskStatus: "notifications/tasks/status";
  readonly sendToolListChanged: "notifications/tools/list_changed";
};

export declare const serverRequests: {
  readonly elicit: "elicitation/create";
  readonly ping: "ping";
  readonly listRoots: "roots/list";
  readonly createMessage: "sampling/createMessage";
  readonly cancelTask: "tasks/cancel";
  readonly getTask: "tasks/get";
  readonly listTasks: "tasks/list";
  readonly getTaskPayload: "tasks/result";
};

export declare const validators: LazyValidators<Readonly<Omit<typeof import("./validators.cjs"), "default">>>;
