// API report for "mcpkit/types", made by scripts/api-report.ts from dist/: do not edit, run `npm run api`.

export interface Annotations {
  audience?: Role[];
  lastModified?: string;
  priority?: number;
}

export interface AudioContent {
  _meta?: MetaObject;
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
  _meta?: MetaObject;
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

export interface CacheableResult {
  _meta?: ResultMetaObject;
  cacheScope?: "private" | "public";
  resultType?: string;
  ttlMs?: number;
}

export interface CallToolRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tools/call";
  params: CallToolRequestParams;
}

export interface CallToolRequestParams {
  _meta: RequestMetaObject;
  arguments?: {
    [k: string]: unknown;
  };
  inputResponses?: InputResponses;
  name: string;
  requestState?: string;
}

export interface CallToolResult {
  _meta?: ResultMetaObject;
  content: ContentBlock[];
  isError?: boolean;
  resultType?: string;
  structuredContent?: unknown;
}

export interface CallToolResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: InputRequiredResult | CallToolResult;
}

export interface CancelledNotification {
  jsonrpc: "2.0";
  method: "notifications/cancelled";
  params: CancelledNotificationParams;
}

export interface CancelledNotificationParams {
  _meta?: NotificationMetaObject;
  reason?: string;
  requestId: RequestId;
}

export interface ClientCapabilities {
  elicitation?: {
    form?: JSONObject;
    url?: JSONObject;
  };
  experimental?: {
    [k: string]: JSONObject;
  };
  extensions?: {
    [k: string]: JSONObject;
  };
  roots?: {};
  sampling?: {
    context?: JSONObject;
    tools?: JSONObject;
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
  listResourceTemplates(
    params?: CallerParams<RequestMap["resources/templates/list"]["params"]>,
    options?: Options,
  ): Promise<T.ListResourceTemplatesResult>;
  discover(
    params?: CallerParams<RequestMap["server/discover"]["params"]>,
    options?: Options,
  ): Promise<T.DiscoverResult>;
  subscriptionsListen(
    params: CallerParams<RequestMap["subscriptions/listen"]["params"]>,
    options?: Options,
  ): Promise<T.SubscriptionsListenResult>;
  callTool(
    name: string,
    args?: CallerParams<RequestMap["tools/call"]["params"]>["arguments"],
    options?: Options,
  ): Promise<T.CallToolResult>;
  callTool(params: CallerParams<RequestMap["tools/call"]["params"]>, options?: Options): Promise<T.CallToolResult>;
  listTools(params?: CallerParams<RequestMap["tools/list"]["params"]>, options?: Options): Promise<T.ListToolsResult>;
  sendCancelled(
    params: CallerParams<NotificationMap["notifications/cancelled"]["params"]>,
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
  onCancelled(handler: ClientNotificationHandlers<Ctx>["notifications/cancelled"]): this;
  onLoggingMessage(handler: ClientNotificationHandlers<Ctx>["notifications/message"]): this;
  onProgress(handler: ClientNotificationHandlers<Ctx>["notifications/progress"]): this;
  onPromptListChanged(handler: ClientNotificationHandlers<Ctx>["notifications/prompts/list_changed"]): this;
  onResourceListChanged(handler: ClientNotificationHandlers<Ctx>["notifications/resources/list_changed"]): this;
  onResourceUpdated(handler: ClientNotificationHandlers<Ctx>["notifications/resources/updated"]): this;
  onSubscriptionsAcknowledged(
    handler: ClientNotificationHandlers<Ctx>["notifications/subscriptions/acknowledged"],
  ): this;
  onToolListChanged(handler: ClientNotificationHandlers<Ctx>["notifications/tools/list_changed"]): this;
}

export interface ClientNotification {
  jsonrpc: "2.0";
  method: "notifications/cancelled";
  params: CancelledNotificationParams;
}

export interface ClientNotificationHandlers<Ctx> {
  "notifications/cancelled": (
    params: NotificationMap["notifications/cancelled"]["params"],
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
  "notifications/subscriptions/acknowledged": (
    params: NotificationMap["notifications/subscriptions/acknowledged"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
  "notifications/tools/list_changed": (
    params: NotificationMap["notifications/tools/list_changed"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
}

export type ClientNotificationMethod = "notifications/cancelled";

export type ClientRequest =
  | DiscoverRequest
  | ListResourcesRequest
  | ListResourceTemplatesRequest
  | ReadResourceRequest
  | SubscriptionsListenRequest
  | ListPromptsRequest
  | GetPromptRequest
  | ListToolsRequest
  | CallToolRequest
  | CompleteRequest;

export interface ClientRequestHandlers<Ctx> {}

export type ClientRequestMethod =
  | "completion/complete"
  | "prompts/get"
  | "prompts/list"
  | "resources/list"
  | "resources/read"
  | "resources/templates/list"
  | "server/discover"
  | "subscriptions/listen"
  | "tools/call"
  | "tools/list";

export type ClientResult = Result;

export interface CompleteRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "completion/complete";
  params: CompleteRequestParams;
}

export interface CompleteRequestParams {
  _meta: RequestMetaObject;
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
  _meta?: ResultMetaObject;
  completion: {
    hasMore?: boolean;
    total?: number;
    values: string[];
  };
  resultType?: string;
}

export interface CompleteResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: CompleteResult;
}

export type ContentBlock = TextContent | ImageContent | AudioContent | ResourceLink | EmbeddedResource;

export interface CreateMessageRequest {
  method: "sampling/createMessage";
  params: CreateMessageRequestParams;
}

export interface CreateMessageRequestParams {
  includeContext?: "allServers" | "none" | "thisServer";
  maxTokens: number;
  messages: SamplingMessage[];
  metadata?: JSONObject;
  modelPreferences?: ModelPreferences;
  stopSequences?: string[];
  systemPrompt?: string;
  temperature?: number;
  toolChoice?: ToolChoice;
  tools?: Tool[];
}

export interface CreateMessageResult {
  _meta?: MetaObject;
  content:
    TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent | SamplingMessageContentBlock[];
  model: string;
  role: Role;
  stopReason?: string;
}

export type Cursor = string;

export interface Definitions {
  Annotations: Annotations;
  AudioContent: AudioContent;
  BaseMetadata: BaseMetadata;
  BlobResourceContents: BlobResourceContents;
  BooleanSchema: BooleanSchema;
  CacheableResult: CacheableResult;
  CallToolRequest: CallToolRequest;
  CallToolRequestParams: CallToolRequestParams;
  CallToolResult: CallToolResult;
  CallToolResultResponse: CallToolResultResponse;
  CancelledNotification: CancelledNotification;
  CancelledNotificationParams: CancelledNotificationParams;
  ClientCapabilities: ClientCapabilities;
  ClientNotification: ClientNotification;
  ClientRequest: ClientRequest;
  ClientResult: ClientResult;
  CompleteRequest: CompleteRequest;
  CompleteRequestParams: CompleteRequestParams;
  CompleteResult: CompleteResult;
  CompleteResultResponse: CompleteResultResponse;
  ContentBlock: ContentBlock;
  CreateMessageRequest: CreateMessageRequest;
  CreateMessageRequestParams: CreateMessageRequestParams;
  CreateMessageResult: CreateMessageResult;
  Cursor: Cursor;
  DiscoverRequest: DiscoverRequest;
  DiscoverResult: DiscoverResult;
  DiscoverResultResponse: DiscoverResultResponse;
  ElicitRequest: ElicitRequest;
  ElicitRequestFormParams: ElicitRequestFormParams;
  ElicitRequestParams: ElicitRequestParams;
  ElicitRequestURLParams: ElicitRequestURLParams;
  ElicitResult: ElicitResult;
  EmbeddedResource: EmbeddedResource;
  EmptyResult: EmptyResult;
  EnumSchema: EnumSchema;
  Error: Error;
  GetPromptRequest: GetPromptRequest;
  GetPromptRequestParams: GetPromptRequestParams;
  GetPromptResult: GetPromptResult;
  GetPromptResultResponse: GetPromptResultResponse;
  HeaderMismatchError: HeaderMismatchError;
  Icon: Icon;
  Icons: Icons;
  ImageContent: ImageContent;
  Implementation: Implementation;
  InputRequest: InputRequest;
  InputRequests: InputRequests;
  InputRequiredResult: InputRequiredResult;
  InputResponse: InputResponse;
  InputResponseRequestParams: InputResponseRequestParams;
  InputResponses: InputResponses;
  InternalError: InternalError;
  InvalidParamsError: InvalidParamsError;
  InvalidRequestError: InvalidRequestError;
  JSONArray: JSONArray;
  JSONObject: JSONObject;
  JSONRPCErrorResponse: JSONRPCErrorResponse;
  JSONRPCMessage: JSONRPCMessage;
  JSONRPCNotification: JSONRPCNotification;
  JSONRPCRequest: JSONRPCRequest;
  JSONRPCResponse: JSONRPCResponse;
  JSONRPCResultResponse: JSONRPCResultResponse;
  JSONValue: JSONValue;
  LegacyTitledEnumSchema: LegacyTitledEnumSchema;
  ListPromptsRequest: ListPromptsRequest;
  ListPromptsResult: ListPromptsResult;
  ListPromptsResultResponse: ListPromptsResultResponse;
  ListResourceTemplatesRequest: ListResourceTemplatesRequest;
  ListResourceTemplatesResult: ListResourceTemplatesResult;
  ListResourceTemplatesResultResponse: ListResourceTemplatesResultResponse;
  ListResourcesRequest: ListResourcesRequest;
  ListResourcesResult: ListResourcesResult;
  ListResourcesResultResponse: ListResourcesResultResponse;
  ListRootsRequest: ListRootsRequest;
  ListRootsResult: ListRootsResult;
  ListToolsRequest: ListToolsRequest;
  ListToolsResult: ListToolsResult;
  ListToolsResultResponse: ListToolsResultResponse;
  LoggingLevel: LoggingLevel;
  LoggingMessageNotification: LoggingMessageNotification;
  LoggingMessageNotificationParams: LoggingMessageNotificationParams;
  MetaObject: MetaObject;
  MethodNotFoundError: MethodNotFoundError;
  MissingRequiredClientCapabilityError: MissingRequiredClientCapabilityError;
  ModelHint: ModelHint;
  ModelPreferences: ModelPreferences;
  MultiSelectEnumSchema: MultiSelectEnumSchema;
  Notification: Notification;
  NotificationMetaObject: NotificationMetaObject;
  NotificationParams: NotificationParams;
  NumberSchema: NumberSchema;
  PaginatedRequest: PaginatedRequest;
  PaginatedRequestParams: PaginatedRequestParams;
  PaginatedResult: PaginatedResult;
  ParseError: ParseError;
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
  ReadResourceResultResponse: ReadResourceResultResponse;
  Request: Request;
  RequestId: RequestId;
  RequestMetaObject: RequestMetaObject;
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
  ResultMetaObject: ResultMetaObject;
  ResultType: ResultType;
  Role: Role;
  Root: Root;
  SamplingMessage: SamplingMessage;
  SamplingMessageContentBlock: SamplingMessageContentBlock;
  ServerCapabilities: ServerCapabilities;
  ServerNotification: ServerNotification;
  ServerResult: ServerResult;
  SingleSelectEnumSchema: SingleSelectEnumSchema;
  StringSchema: StringSchema;
  SubscriptionFilter: SubscriptionFilter;
  SubscriptionsAcknowledgedNotification: SubscriptionsAcknowledgedNotification;
  SubscriptionsAcknowledgedNotificationParams: SubscriptionsAcknowledgedNotificationParams;
  SubscriptionsListenRequest: SubscriptionsListenRequest;
  SubscriptionsListenRequestParams: SubscriptionsListenRequestParams;
  SubscriptionsListenResult: SubscriptionsListenResult;
  SubscriptionsListenResultMetaObject: SubscriptionsListenResultMetaObject;
  SubscriptionsListenResultResponse: SubscriptionsListenResultResponse;
  TextContent: TextContent;
  TextResourceContents: TextResourceContents;
  TitledMultiSelectEnumSchema: TitledMultiSelectEnumSchema;
  TitledSingleSelectEnumSchema: TitledSingleSelectEnumSchema;
  Tool: Tool;
  ToolAnnotations: ToolAnnotations;
  ToolChoice: ToolChoice;
  ToolListChangedNotification: ToolListChangedNotification;
  ToolResultContent: ToolResultContent;
  ToolUseContent: ToolUseContent;
  UnsupportedProtocolVersionError: UnsupportedProtocolVersionError;
  UntitledMultiSelectEnumSchema: UntitledMultiSelectEnumSchema;
  UntitledSingleSelectEnumSchema: UntitledSingleSelectEnumSchema;
}

export interface DiscoverRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "server/discover";
  params: RequestParams;
}

export interface DiscoverResult {
  _meta?: ResultMetaObject;
  cacheScope?: "private" | "public";
  capabilities: ServerCapabilities;
  instructions?: string;
  resultType?: string;
  supportedVersions: string[];
  ttlMs?: number;
}

export interface DiscoverResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: DiscoverResult;
}

export interface ElicitRequest {
  method: "elicitation/create";
  params: ElicitRequestParams;
}

export interface ElicitRequestFormParams {
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
}

export type ElicitRequestParams = ElicitRequestFormParams | ElicitRequestURLParams;

export interface ElicitRequestURLParams {
  message: string;
  mode: "url";
  url: string;
}

export interface ElicitResult {
  action: "accept" | "cancel" | "decline";
  content?: {
    [k: string]: string[] | string | number | boolean;
  };
}

export interface EmbeddedResource {
  _meta?: MetaObject;
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
  _meta: RequestMetaObject;
  arguments?: {
    [k: string]: string;
  };
  inputResponses?: InputResponses;
  name: string;
  requestState?: string;
}

export interface GetPromptResult {
  _meta?: ResultMetaObject;
  description?: string;
  messages: PromptMessage[];
  resultType?: string;
}

export interface GetPromptResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: InputRequiredResult | GetPromptResult;
}

export interface HeaderMismatchError {
  error: Error & {
    code: -32020;
  };
  id?: RequestId;
  jsonrpc: "2.0";
}

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
  _meta?: MetaObject;
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

export type InputRequest = CreateMessageRequest | ListRootsRequest | ElicitRequest;

export interface InputRequests {
  [k: string]: InputRequest;
}

export interface InputRequiredResult {
  _meta?: ResultMetaObject;
  inputRequests?: InputRequests;
  requestState?: string;
  resultType?: string;
}

export type InputResponse = CreateMessageResult | ListRootsResult | ElicitResult;

export interface InputResponseRequestParams {
  _meta: RequestMetaObject;
  inputResponses?: InputResponses;
  requestState?: string;
}

export interface InputResponses {
  [k: string]: InputResponse;
}

export interface InternalError {
  code: -32603;
  data?: unknown;
  message: string;
}

export interface InvalidParamsError {
  code: -32602;
  data?: unknown;
  message: string;
}

export interface InvalidRequestError {
  code: -32600;
  data?: unknown;
  message: string;
}

export type JSONArray = JSONValue[];

export interface JSONObject {
  [k: string]: JSONValue;
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

export type JSONValue = JSONObject | JSONValue[] | (string | number | boolean);

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
  params: PaginatedRequestParams;
}

export interface ListPromptsResult {
  _meta?: ResultMetaObject;
  cacheScope?: "private" | "public";
  nextCursor?: string;
  prompts: Prompt[];
  resultType?: string;
  ttlMs?: number;
}

export interface ListPromptsResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: ListPromptsResult;
}

export interface ListResourceTemplatesRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "resources/templates/list";
  params: PaginatedRequestParams;
}

export interface ListResourceTemplatesResult {
  _meta?: ResultMetaObject;
  cacheScope?: "private" | "public";
  nextCursor?: string;
  resourceTemplates: ResourceTemplate[];
  resultType?: string;
  ttlMs?: number;
}

export interface ListResourceTemplatesResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: ListResourceTemplatesResult;
}

export interface ListResourcesRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "resources/list";
  params: PaginatedRequestParams;
}

export interface ListResourcesResult {
  _meta?: ResultMetaObject;
  cacheScope?: "private" | "public";
  nextCursor?: string;
  resources: Resource[];
  resultType?: string;
  ttlMs?: number;
}

export interface ListResourcesResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: ListResourcesResult;
}

export interface ListRootsRequest {
  method: "roots/list";
  params?: {
    _meta?: MetaObject;
  };
}

export interface ListRootsResult {
  roots: Root[];
}

export interface ListToolsRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "tools/list";
  params: PaginatedRequestParams;
}

export interface ListToolsResult {
  _meta?: ResultMetaObject;
  cacheScope?: "private" | "public";
  nextCursor?: string;
  resultType?: string;
  tools: Tool[];
  ttlMs?: number;
}

export interface ListToolsResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: ListToolsResult;
}

export type LoggingLevel = "alert" | "critical" | "debug" | "emergency" | "error" | "info" | "notice" | "warning";

export interface LoggingMessageNotification {
  jsonrpc: "2.0";
  method: "notifications/message";
  params: LoggingMessageNotificationParams;
}

export interface LoggingMessageNotificationParams {
  _meta?: NotificationMetaObject;
  data: unknown;
  level: LoggingLevel;
  logger?: string;
}

export interface MetaObject {}

export interface MethodNotFoundError {
  code: -32601;
  data?: unknown;
  message: string;
}

export interface MissingRequiredClientCapabilityError {
  error: Error & {
    code: -32021;
    data: {
      requiredCapabilities: ClientCapabilities;
    };
  };
  id?: RequestId;
  jsonrpc: "2.0";
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
    callerMayOmitParams: false;
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
  "notifications/subscriptions/acknowledged": {
    params: NonNullable<T.SubscriptionsAcknowledgedNotification["params"]>;
    callerMayOmitParams: false;
  };
  "notifications/tools/list_changed": {
    params: NonNullable<T.ToolListChangedNotification["params"]>;
    callerMayOmitParams: true;
  };
}

export interface NotificationMetaObject {
  "io.modelcontextprotocol/subscriptionId"?: RequestId;
}

export interface NotificationParams {
  _meta?: NotificationMetaObject;
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
  params: PaginatedRequestParams;
}

export interface PaginatedRequestParams {
  _meta: RequestMetaObject;
  cursor?: string;
}

export interface PaginatedResult {
  _meta?: ResultMetaObject;
  nextCursor?: string;
  resultType?: string;
}

export interface ParseError {
  code: -32700;
  data?: unknown;
  message: string;
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
  _meta?: NotificationMetaObject;
  message?: string;
  progress: number;
  progressToken: ProgressToken;
  total?: number;
}

export type ProgressToken = string | number;

export interface Prompt {
  _meta?: MetaObject;
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
  _meta: RequestMetaObject;
  inputResponses?: InputResponses;
  requestState?: string;
  uri: string;
}

export interface ReadResourceResult {
  _meta?: ResultMetaObject;
  cacheScope?: "private" | "public";
  contents: (TextResourceContents | BlobResourceContents)[];
  resultType?: string;
  ttlMs?: number;
}

export interface ReadResourceResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: InputRequiredResult | ReadResourceResult;
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
    wireResult: T.CompleteResultResponse["result"];
    callerMayOmitParams: false;
  };
  "prompts/get": {
    params: NonNullable<T.GetPromptRequest["params"]>;
    result: T.GetPromptResult;
    wireResult: T.GetPromptResultResponse["result"];
    callerMayOmitParams: false;
  };
  "prompts/list": {
    params: NonNullable<T.ListPromptsRequest["params"]>;
    result: T.ListPromptsResult;
    wireResult: T.ListPromptsResultResponse["result"];
    callerMayOmitParams: true;
  };
  "resources/list": {
    params: NonNullable<T.ListResourcesRequest["params"]>;
    result: T.ListResourcesResult;
    wireResult: T.ListResourcesResultResponse["result"];
    callerMayOmitParams: true;
  };
  "resources/read": {
    params: NonNullable<T.ReadResourceRequest["params"]>;
    result: T.ReadResourceResult;
    wireResult: T.ReadResourceResultResponse["result"];
    callerMayOmitParams: false;
  };
  "resources/templates/list": {
    params: NonNullable<T.ListResourceTemplatesRequest["params"]>;
    result: T.ListResourceTemplatesResult;
    wireResult: T.ListResourceTemplatesResultResponse["result"];
    callerMayOmitParams: true;
  };
  "server/discover": {
    params: NonNullable<T.DiscoverRequest["params"]>;
    result: T.DiscoverResult;
    wireResult: T.DiscoverResultResponse["result"];
    callerMayOmitParams: true;
  };
  "subscriptions/listen": {
    params: NonNullable<T.SubscriptionsListenRequest["params"]>;
    result: T.SubscriptionsListenResult;
    wireResult: T.SubscriptionsListenResultResponse["result"];
    callerMayOmitParams: false;
  };
  "tools/call": {
    params: NonNullable<T.CallToolRequest["params"]>;
    result: T.CallToolResult;
    wireResult: T.CallToolResultResponse["result"];
    callerMayOmitParams: false;
  };
  "tools/list": {
    params: NonNullable<T.ListToolsRequest["params"]>;
    result: T.ListToolsResult;
    wireResult: T.ListToolsResultResponse["result"];
    callerMayOmitParams: true;
  };
}

export interface RequestMetaObject {
  "io.modelcontextprotocol/clientCapabilities": ClientCapabilities;
  "io.modelcontextprotocol/clientInfo"?: Implementation;
  "io.modelcontextprotocol/logLevel"?: LoggingLevel;
  "io.modelcontextprotocol/protocolVersion": string;
  progressToken?: ProgressToken;
}

export interface RequestParams {
  _meta: RequestMetaObject;
}

export interface Resource {
  _meta?: MetaObject;
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
  _meta?: MetaObject;
  mimeType?: string;
  uri: string;
}

export interface ResourceLink {
  _meta?: MetaObject;
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
  _meta: RequestMetaObject;
  uri: string;
}

export interface ResourceTemplate {
  _meta?: MetaObject;
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
  _meta?: NotificationMetaObject;
  uri: string;
}

export interface Result {
  _meta?: ResultMetaObject;
  resultType?: string;
  [k: string]: unknown;
}

export interface ResultMetaObject {
  "io.modelcontextprotocol/serverInfo"?: Implementation;
}

export type ResultType = string;

export type Role = "assistant" | "user";

export interface Root {
  _meta?: MetaObject;
  name?: string;
  uri: string;
}

export interface SamplingMessage {
  _meta?: MetaObject;
  content:
    TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent | SamplingMessageContentBlock[];
  role: Role;
}

export type SamplingMessageContentBlock =
  TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent;

export interface ServerCapabilities {
  completions?: JSONObject;
  experimental?: {
    [k: string]: JSONObject;
  };
  extensions?: {
    [k: string]: JSONObject;
  };
  logging?: JSONObject;
  prompts?: {
    listChanged?: boolean;
  };
  resources?: {
    listChanged?: boolean;
    subscribe?: boolean;
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
  onGetPrompt(handler: ServerRequestHandlers<Ctx>["prompts/get"]): this;
  onListPrompts(handler: ServerRequestHandlers<Ctx>["prompts/list"]): this;
  onListResources(handler: ServerRequestHandlers<Ctx>["resources/list"]): this;
  onReadResource(handler: ServerRequestHandlers<Ctx>["resources/read"]): this;
  onListResourceTemplates(handler: ServerRequestHandlers<Ctx>["resources/templates/list"]): this;
  onDiscover(handler: ServerRequestHandlers<Ctx>["server/discover"]): this;
  onSubscriptionsListen(handler: ServerRequestHandlers<Ctx>["subscriptions/listen"]): this;
  onCallTool(handler: ServerRequestHandlers<Ctx>["tools/call"]): this;
  onListTools(handler: ServerRequestHandlers<Ctx>["tools/list"]): this;
  onCancelled(handler: ServerNotificationHandlers<Ctx>["notifications/cancelled"]): this;
}

export type ServerNotification =
  | CancelledNotification
  | ProgressNotification
  | ResourceListChangedNotification
  | SubscriptionsAcknowledgedNotification
  | ResourceUpdatedNotification
  | PromptListChangedNotification
  | ToolListChangedNotification
  | LoggingMessageNotification;

export interface ServerNotificationHandlers<Ctx> {
  "notifications/cancelled": (
    params: NotificationMap["notifications/cancelled"]["params"],
    ctx: Ctx,
  ) => MaybePromise<void>;
}

export type ServerNotificationMethod =
  | "notifications/cancelled"
  | "notifications/message"
  | "notifications/progress"
  | "notifications/prompts/list_changed"
  | "notifications/resources/list_changed"
  | "notifications/resources/updated"
  | "notifications/subscriptions/acknowledged"
  | "notifications/tools/list_changed";

export interface ServerRequestHandlers<Ctx> {
  "completion/complete": (
    params: RequestMap["completion/complete"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["completion/complete"]["wireResult"]>;
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
  "resources/templates/list": (
    params: RequestMap["resources/templates/list"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["resources/templates/list"]["wireResult"]>;
  "server/discover": (
    params: RequestMap["server/discover"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["server/discover"]["wireResult"]>;
  "subscriptions/listen": (
    params: RequestMap["subscriptions/listen"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["subscriptions/listen"]["wireResult"]>;
  "tools/call": (
    params: RequestMap["tools/call"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tools/call"]["wireResult"]>;
  "tools/list": (
    params: RequestMap["tools/list"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["tools/list"]["wireResult"]>;
}

export type ServerRequestMethod = never;

export type ServerResult =
  | Result
  | InputRequiredResult
  | DiscoverResult
  | ListResourcesResult
  | ListResourceTemplatesResult
  | ReadResourceResult
  | SubscriptionsListenResult
  | ListPromptsResult
  | GetPromptResult
  | ListToolsResult
  | CallToolResult
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
  sendCancelled(
    params: CallerParams<NotificationMap["notifications/cancelled"]["params"]>,
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
  sendSubscriptionsAcknowledged(
    params: CallerParams<NotificationMap["notifications/subscriptions/acknowledged"]["params"]>,
    options?: Options,
  ): Promise<void>;
  sendToolListChanged(
    params?: CallerParams<NotificationMap["notifications/tools/list_changed"]["params"]>,
    options?: Options,
  ): Promise<void>;
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

export interface SubscriptionFilter {
  promptsListChanged?: boolean;
  resourceSubscriptions?: string[];
  resourcesListChanged?: boolean;
  toolsListChanged?: boolean;
}

export interface SubscriptionsAcknowledgedNotification {
  jsonrpc: "2.0";
  method: "notifications/subscriptions/acknowledged";
  params: SubscriptionsAcknowledgedNotificationParams;
}

export interface SubscriptionsAcknowledgedNotificationParams {
  _meta?: NotificationMetaObject;
  notifications: SubscriptionFilter;
}

export interface SubscriptionsListenRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: "subscriptions/listen";
  params: SubscriptionsListenRequestParams;
}

export interface SubscriptionsListenRequestParams {
  _meta: RequestMetaObject;
  notifications: SubscriptionFilter;
}

export interface SubscriptionsListenResult {
  _meta: SubscriptionsListenResultMetaObject;
  resultType?: string;
}

export interface SubscriptionsListenResultMetaObject {
  "io.modelcontextprotocol/serverInfo"?: Implementation;
  "io.modelcontextprotocol/subscriptionId": RequestId;
}

export interface SubscriptionsListenResultResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: SubscriptionsListenResult;
}

export interface TextContent {
  _meta?: MetaObject;
  annotations?: Annotations;
  text: string;
  type: "text";
}

export interface TextResourceContents {
  _meta?: MetaObject;
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
  _meta?: MetaObject;
  annotations?: ToolAnnotations;
  description?: string;
  icons?: Icon[];
  inputSchema: {
    $schema?: string;
    type: "object";
    [k: string]: unknown;
  };
  name: string;
  outputSchema?: {
    $schema?: string;
    [k: string]: unknown;
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

export interface ToolListChangedNotification {
  jsonrpc: "2.0";
  method: "notifications/tools/list_changed";
  params?: NotificationParams;
}

export interface ToolResultContent {
  _meta?: MetaObject;
  content: ContentBlock[];
  isError?: boolean;
  structuredContent?: unknown;
  toolUseId: string;
  type: "tool_result";
}

export interface ToolUseContent {
  _meta?: MetaObject;
  id: string;
  input: {
    [k: string]: unknown;
  };
  name: string;
  type: "tool_use";
}

export interface UnsupportedProtocolVersionError {
  error: Error & {
    code: -32022;
    data: {
      requested: string;
      supported: string[];
    };
  };
  id?: RequestId;
  jsonrpc: "2.0";
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
  readonly onCancelled: "notifications/cancelled";
  readonly onLoggingMessage: "notifications/message";
  readonly onProgress: "notifications/progress";
  readonly onPromptListChanged: "notifications/prompts/list_changed";
  readonly onResourceListChanged: "notifications/resources/list_changed";
  readonly onResourceUpdated: "notifications/resources/updated";
  readonly onSubscriptionsAcknowledged: "notifications/subscriptions/acknowledged";
  readonly onToolListChanged: "notifications/tools/list_changed";
};

export declare const clientNotifications: {
  readonly sendCancelled: "notifications/cancelled";
};

export declare const clientRequests: {
  readonly complete: "completion/complete";
  readonly getPrompt: "prompts/get";
  readonly listPrompts: "prompts/list";
  readonly listResources: "resources/list";
  readonly readResource: "resources/read";
  readonly listResourceTemplates: "resources/templates/list";
  readonly discover: "server/discover";
  readonly subscriptionsListen: "subscriptions/listen";
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
    readonly directions: readonly ["serverToClient"];
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
  readonly "notifications/subscriptions/acknowledged": {
    readonly method: "notifications/subscriptions/acknowledged";
    readonly type: "SubscriptionsAcknowledgedNotification";
    readonly directions: readonly ["serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.SubscriptionsAcknowledgedNotification>;
    readonly params: import("../common.js").Validator<T.SubscriptionsAcknowledgedNotificationParams>;
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
    readonly sessionFields: readonly ["resultType"];
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
    readonly result: import("../common.js").Validator<T.InputRequiredResult | T.GetPromptResult>;
    readonly resultType: "GetPromptResult";
    readonly sessionFields: readonly ["resultType"];
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
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.ListPromptsResult>;
    readonly resultType: "ListPromptsResult";
    readonly sessionFields: readonly ["cacheScope", "resultType", "ttlMs"];
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
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.ListResourcesResult>;
    readonly resultType: "ListResourcesResult";
    readonly sessionFields: readonly ["cacheScope", "resultType", "ttlMs"];
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
    readonly result: import("../common.js").Validator<T.InputRequiredResult | T.ReadResourceResult>;
    readonly resultType: "ReadResourceResult";
    readonly sessionFields: readonly ["cacheScope", "resultType", "ttlMs"];
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
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.ListResourceTemplatesResult>;
    readonly resultType: "ListResourceTemplatesResult";
    readonly sessionFields: readonly ["cacheScope", "resultType", "ttlMs"];
  };
  readonly "server/discover": {
    readonly method: "server/discover";
    readonly type: "DiscoverRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.DiscoverRequest>;
    readonly params: import("../common.js").Validator<T.RequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.DiscoverResult>;
    readonly resultType: "DiscoverResult";
    readonly sessionFields: readonly ["cacheScope", "resultType", "ttlMs"];
  };
  readonly "subscriptions/listen": {
    readonly method: "subscriptions/listen";
    readonly type: "SubscriptionsListenRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.SubscriptionsListenRequest>;
    readonly params: import("../common.js").Validator<T.SubscriptionsListenRequestParams>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.SubscriptionsListenResult>;
    readonly resultType: "SubscriptionsListenResult";
    readonly sessionFields: readonly ["resultType"];
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
    readonly result: import("../common.js").Validator<T.CallToolResult | T.InputRequiredResult>;
    readonly resultType: "CallToolResult";
    readonly sessionFields: readonly ["resultType"];
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
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.ListToolsResult>;
    readonly resultType: "ListToolsResult";
    readonly sessionFields: readonly ["cacheScope", "resultType", "ttlMs"];
  };
};

export declare const revision: {
  readonly name: "2026-07-28";
  readonly sha256: "ef70b61f99b6d2e5e3b46863822eab08dff6a45bedc7a08914e0e5b133f40203";
  readonly dialect: "2020-12";
  readonly stateful: false;
  readonly batching: false;
  readonly primingEvents: false;
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
  readonly onGetPrompt: "prompts/get";
  readonly onListPrompts: "prompts/list";
  readonly onListResources: "resources/list";
  readonly onReadResource: "resources/read";
  readonly onListResourceTemplates: "resources/templates/list";
  readonly onDiscover: "server/discover";
  readonly onSubscriptionsListen: "subscriptions/listen";
  readonly onCallTool: "tools/call";
  readonly onListTools: "tools/list";
  readonly onCancelled: "notifications/cancelled";
};

export declare const serverNotifications: {
  readonly sendCancelled: "notifications/cancelled";
  readonly sendLoggingMessage: "notifications/message";
  readonly sendProgress: "notifications/progress";
  readonly sendPromptListChanged: "notifications/prompts/list_changed";
  readonly sendResourceListChanged: "notifications/resources/list_changed";
  readonly sendResourceUpdated: "notifications/resources/updated";
  readonly sendSubscriptionsAcknowledged: "notifications/subscriptions/acknowledged";
  readonly sendToolListChanged: "notifications/tools/list_changed";
};

export declare const serverRequests: {};

export declare const validators: LazyValidators<Readonly<Omit<typeof import("./validators.cjs"), "default">>>;
