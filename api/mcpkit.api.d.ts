// API report for "mcpkit", made by scripts/api-report.ts from dist/: do not edit, run `npm run api`.

export interface AttachWebSocketOptions extends WebSocketServerTransportOptions {
  path?: string;
  onConnection(transport: WebSocketServerTransport, request: IncomingMessage): void | Promise<void>;
  admit?(request: IncomingMessage): Promise<
    | {
        status: number;
        headers: Readonly<Record<string, string>>;
        body: string;
      }
    | undefined
  >;
  maxPayload?: number;
  security?: TransportSecuritySettings;
  verifyOrigin?(origin: string | undefined, host: string | undefined): boolean;
  logger?: Logger;
}

export interface AuthChallenge {
  scheme: string;
  params: Readonly<Record<string, string>>;
  token68?: string;
  resourceMetadata?: string;
  scope?: string;
  error?: string;
  errorDescription?: string;
  algs?: string[];
}

export interface AuthorizationDiscovery {
  challenge: AuthChallenge | undefined;
  resourceMetadata: ProtectedResourceMetadata | undefined;
  resourceMetadataUrl: URL | undefined;
  resource: string | undefined;
  issuer: string;
  authorizationServer: AuthorizationServerMetadata;
  defaultEndpoints: boolean;
  scope: string | undefined;
  requests: number;
}

export interface AuthorizationDiscoveryOptions extends DiscoveryFetchOptions {
  challenge?: string | AuthChallenge | null;
  legacyFallback?: boolean;
  fetcher?: MetadataFetcher;
}

export type AuthorizationServerMetadata = oauth.AuthorizationServer;

export declare class CapabilityError extends McpError {
  constructor(method: string, side: "server" | "client", path: readonly string[]);
}

export interface CapabilityGate {
  readonly side: "server" | "client";
  readonly path: readonly string[];
}

export type ClientAuthOption = OAuthClientProvider | OAuthClientAuth;

export type ClientCapabilities = RequestMap["initialize"]["params"]["capabilities"];

export type ClientCredentialsAuth =
  | {
      clientSecret: string;
      method?: "client_secret_basic" | "client_secret_post";
    }
  | {
      privateKey: CryptoKey | string;
      algorithm?: string;
      kid?: string;
    };

export declare class ClientRequestContext extends InboundRequest {
  readonly session: ClientSession;
  constructor(id: RequestId, method: string, params: unknown, session: ClientSession);
}

export interface ClientRequestOptions extends RequestOptions {
  cache?: boolean;
  logLevel?: LoggingLevel;
}

export declare class ClientSession extends ClientMethods<ClientRequestOptions, ClientRequestContext> {
  #private;
  constructor(transport: Transport, options?: ClientSessionOptions);
  get isOpen(): boolean;
  get pendingRequests(): number;
  start(): Promise<void>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
  onClose(listener: (error?: Error) => void): () => void;
  get protocolVersion(): Revision | undefined;
  get mode(): "stateless" | "stateful" | undefined;
  get serverCapabilities(): ServerCapabilities | undefined;
  get serverInfo(): Implementation | undefined;
  get instructions(): string | undefined;
  get capabilities(): ClientCapabilities;
  initialize(options?: RequestOptions): Promise<ServerDescription>;
  request<M extends ClientRequestMethod>(
    method: M,
    params?: CallerParams<RequestMap[M]["params"]>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<M>>;
  callToolTask(name: string, args?: Record<string, unknown>, options?: ClientRequestOptions): Promise<TaskStart>;
  task(taskId: string, signal?: AbortSignal): Promise<TaskHandle>;
  notify<M extends ClientNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
  ): Promise<void>;
  subscribe(filter: SubscriptionFilter): Subscription;
  subscribe(
    params: CallerParams<RequestMap["resources/subscribe"]["params"]>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<"resources/subscribe">>;
  setRequestHandler<M extends keyof ClientRequestHandlers<ClientRequestContext>>(
    method: M,
    handler: ClientRequestHandlers<ClientRequestContext>[M],
  ): this;
  setNotificationHandler<M extends keyof ClientNotificationHandlers<ClientRequestContext>>(
    method: M,
    handler: (params: NotificationMap[M]["params"]) => void | Promise<void>,
  ): this;
  listAllTools(options?: ClientRequestOptions): Promise<Tool[]>;
  listAllResources(options?: ClientRequestOptions): Promise<Resource[]>;
  listAllResourceTemplates(options?: ClientRequestOptions): Promise<ResourceTemplate[]>;
  listSkills(options?: ClientRequestOptions): Promise<Skill[]>;
  getSkill(uri: string, options?: ClientRequestOptions): Promise<Skill>;
  loadSkill(skill: string | Skill, options?: ClientRequestOptions): Promise<LoadedSkill>;
  listAllPrompts(options?: ClientRequestOptions): Promise<Prompt[]>;
}

export declare class ClientSessionGroup {
  #private;
  constructor(options?: ClientSessionGroupOptions);
  get tools(): Readonly<Record<string, Tool>>;
  get resources(): Readonly<Record<string, Resource>>;
  get prompts(): Readonly<Record<string, Prompt>>;
  get sessions(): ClientSession[];
  connectToServer(params: ServerParameters, options?: ClientSessionOptions): Promise<ClientSession>;
  labelOf(session: ClientSession): string | undefined;
  listSkills(options?: RequestOptions): Promise<GroupSkill[]>;
  getSkill(server: string, uri: string, options?: RequestOptions): Promise<Skill>;
  loadSkill(server: string, skill: string | Skill, options?: RequestOptions): Promise<LoadedSkill>;
  disconnectFromServer(session: ClientSession): Promise<void>;
  callTool(
    name: string,
    args?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<RequestResult<"tools/call">>;
  readResource(name: string, options?: RequestOptions): Promise<RequestResult<"resources/read">>;
  getPrompt(
    name: string,
    args?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<RequestResult<"prompts/get">>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface ClientSessionGroupOptions {
  onCollision?: CollisionHook;
  session?: ClientSessionOptions;
}

export interface ClientSessionOptions extends SessionOptions {
  clientInfo?: Implementation;
  capabilities?: ClientCapabilities;
  protocolVersion?: Revision | (string & {});
  revisions?: readonly RevisionSpec[];
  discoverTimeout?: number;
  logLevel?: LoggingLevel;
  maxInputRounds?: number;
  tasks?:
    | boolean
    | {
        pollIntervalMs?: number;
      };
}

export interface ClientSigningKey {
  key: CryptoKey;
  kid?: string;
}

export type CollisionHook = (name: string, server: Implementation, kind: ComponentKind) => string;

export type ComponentKind = "tools" | "resources" | "prompts";

export interface ConfidentialClient {
  clientId: string;
  auth: ClientCredentialsAuth;
}

export declare class ConnectionClosedError extends Error {
  constructor(reason?: string, options?: ErrorOptions);
}

export type DPoPAlgorithm = "ES256" | "ES384" | "ES512" | "RS256" | "PS256" | "EdDSA";

export interface DPoPFetchOptions {
  fetch?: typeof globalThis.fetch;
  applies?: (url: URL, method: string) => boolean;
}

export interface DPoPKey {
  alg: DPoPAlgorithm;
  keyPair: {
    privateKey: CryptoKey;
    publicKey: CryptoKey;
  };
}

export declare class DPoPProver {
  #private;
  constructor(
    key:
      | DPoPKey
      | {
          privateKey: CryptoKey;
          publicKey: CryptoKey;
        },
  );
  publicJwk(): Promise<JWK>;
  thumbprint(): Promise<string>;
  proof(method: string, url: string | URL, accessToken?: string): Promise<string>;
  rememberNonce(
    url: string | URL,
    headers: {
      get(name: string): string | null;
    },
  ): boolean;
  nonceFor(url: string | URL): string | undefined;
}

export type DiscoverResult = RequestMap["server/discover"]["result"];

export interface DiscoveryFetchOptions {
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  maxBodyBytes?: number;
  maxRequests?: number;
  signal?: AbortSignal;
}

export interface EnterpriseIdentityProvider {
  tokenEndpoint: string;
  issuer?: string;
  clientId: string;
  clientSecret?: string;
  idToken: Supplied<string>;
}

export interface EnterpriseManagedOptions {
  idp: EnterpriseIdentityProvider;
  client: ConfidentialClient;
}

export declare const ErrorCode: {
  readonly HeaderMismatch: -32020;
  readonly InternalError: -32603;
  readonly InvalidParams: -32602;
  readonly InvalidRequest: -32600;
  readonly MethodNotFound: -32601;
  readonly MissingRequiredClientCapability: -32021;
  readonly ParseError: -32700;
  readonly URLElicitationRequired: -32042;
  readonly UnsupportedProtocolVersion: -32022;
};

export interface GrantContext {
  issuer: string;
  authorizationServer: AuthorizationServerMetadata;
  resource: string | undefined;
  scope: string | undefined;
  fetch: typeof globalThis.fetch;
  signal?: AbortSignal;
}

export interface GroupSkill {
  server: string;
  uri: string;
  entry: Skill;
}

export type HeadersOption = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export interface HttpClientOptions {
  fetch?: typeof fetch;
  headers?: HeadersOption;
  auth?: ClientAuthOption;
  maxMessageSize?: number;
}

export type Implementation = InitializeResult["serverInfo"];

export type InitializeResult = RequestMap["initialize"]["result"];

export declare class InputRequiredError extends Error {
  readonly method: string;
  constructor(method: string, message: string, options?: ErrorOptions);
}

export declare class InvalidResultError extends Error {
  readonly method: string;
  readonly errors: readonly {
    path: string;
    message: string;
  }[];
  constructor(
    method: string,
    errors: readonly {
      path: string;
      message: string;
    }[],
  );
}

export type InvalidateScope = "all" | "client" | "tokens" | "verifier";

export declare const LATEST: "2026-07-28";

export declare const LATEST_STATEFUL: Revision;

export declare class LoadedSkill {
  #private;
  readonly entry: Skill;
  readonly skillFile: SkillFile;
  constructor(entry: Skill, skillFile: SkillFile, calls: SkillCalls);
  get files(): string[];
  get content(): string;
  read(file: string, options?: ClientRequestOptions): Promise<SkillFile>;
}

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export type LoggingLevel = RequestMap["logging/setLevel"]["params"]["level"];

export declare const MCP_SUBPROTOCOL = "mcp";

export declare class McpError extends Error {
  readonly code: number;
  readonly data: unknown;
  readonly [BRAND] = true;
  static [Symbol.hasInstance](value: unknown): boolean;
  constructor(code: number, message: string, data?: unknown, options?: ErrorOptions);
  toWire(): WireError;
  static fromWire(error: unknown): McpError;
}

export declare class MemoryOAuthClientProvider implements OAuthClientProvider {
  #private;
  readonly redirectUrl: string | URL | undefined;
  readonly clientMetadata: OAuthClientMetadata;
  readonly clientMetadataUrl?: string;
  constructor(options: MemoryOAuthClientProviderOptions);
  clientInformation(issuer: string): OAuthClientInformation | undefined;
  saveClientInformation(issuer: string, information: OAuthClientInformation): void;
  tokens(): OAuthTokens | undefined;
  saveTokens(tokens: OAuthTokens): void;
  saveCodeVerifier(verifier: string): void;
  codeVerifier(): string | undefined;
  authorize(url: URL): Promise<URL>;
  clientSigningKey(issuer: string): ClientSigningKey | undefined;
  invalidate(scope: InvalidateScope, issuer?: string): void;
}

export interface MemoryOAuthClientProviderOptions {
  redirectUrl?: string | URL;
  clientMetadata: OAuthClientMetadata;
  clientMetadataUrl?: string;
  clients?: Record<string, OAuthClientInformation>;
  signingKeys?: Record<string, ClientSigningKey>;
  authorize: (url: URL) => Promise<URL>;
}

export interface MemoryPairOptions {
  serialize?: boolean;
}

export declare class MemoryTransport implements Transport {
  #private;
  private constructor();
  static pair(options?: MemoryPairOptions): [MemoryTransport, MemoryTransport];
  start(events: TransportEvents): void;
  send(message: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface NdjsonOptions {
  maxMessageSize?: number;
}

export type NoUserGrant = (context: GrantContext) => Promise<OAuthTokens>;

export declare class NodeOAuthProvider implements OAuthClientProvider {
  #private;
  readonly grant?: NoUserGrant;
  private constructor();
  static open(serverUrl: string | URL, options?: NodeOAuthProviderOptions): Promise<NodeOAuthProvider>;
  get path(): string;
  get redirectUrl(): string | undefined;
  get clientMetadata(): OAuthClientMetadata;
  clientInformation(issuer: string): OAuthClientInformation | undefined;
  saveClientInformation(issuer: string, information: OAuthClientInformation): Promise<void>;
  tokens(): OAuthTokens | undefined;
  saveTokens(given: OAuthTokens): Promise<void>;
  saveCodeVerifier(verifier: string): Promise<void>;
  codeVerifier(): string | undefined;
  authorize(url: URL): Promise<URL>;
  invalidate(scope: InvalidateScope, issuer?: string): Promise<void>;
  dpopKeyPair(): Promise<
    | {
        privateKey: import("jose").CryptoKey;
        publicKey: import("jose").CryptoKey;
      }
    | undefined
  >;
  status(): StoredAuthStatus;
  clear(): Promise<boolean>;
  close(): Promise<void>;
}

export interface NodeOAuthProviderOptions {
  directory?: string;
  clientId?: string;
  clientSecret?: string;
  clientCredentials?: boolean;
  dpop?: boolean;
  clientName?: string;
  browserCommand?: string;
  authorizationTimeoutMs?: number;
  listen?: boolean;
  onStep?: (line: string) => void;
}

export interface NotificationSpec {
  readonly method: string;
  readonly type: string;
  readonly directions: readonly Direction[];
  readonly capability: CapabilityGate | null;
  readonly notification: Validator<unknown>;
  readonly params: Validator<unknown> | null;
  readonly paramsRequired: boolean;
}

export declare class OAuthClientAuth {
  #private;
  constructor(serverUrl: string | URL, provider: OAuthClientProvider, options?: OAuthClientAuthOptions);
  get provider(): OAuthClientProvider;
  get maxStepUps(): number;
  mayAuthorize(url: URL): boolean;
  get presenter(): TokenPresenter;
  headers(
    request: PresentedRequest,
    options?: {
      wait?: boolean;
    },
  ): Promise<Record<string, string>>;
  login(options?: { scope?: string }): Promise<void>;
  accepted(): void;
  unauthorized(wwwAuthenticate: string | null, sent: string | undefined): Promise<void>;
  forbidden(wwwAuthenticate: string | null, sent: string | undefined): Promise<boolean>;
}

export interface OAuthClientAuthOptions extends DiscoveryFetchOptions {
  legacyFallback?: boolean;
  maxStepUps?: number;
  refreshSkewSeconds?: number;
  presenter?: TokenPresenter;
  scope?: string;
  onStep?: (step: OAuthFlowStep, detail: string) => void;
}

export interface OAuthClientInformation {
  client_id: string;
  client_secret?: string;
  client_secret_expires_at?: number;
  client_id_issued_at?: number;
  token_endpoint_auth_method?: TokenEndpointAuthMethod | string;
  [member: string]: unknown;
}

export interface OAuthClientMetadata {
  redirect_uris: string[];
  client_name?: string;
  client_uri?: string;
  logo_uri?: string;
  application_type?: "native" | "web";
  grant_types?: string[];
  response_types?: string[];
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
  scope?: string;
  jwks_uri?: string;
  jwks?: {
    keys: Record<string, unknown>[];
  };
  software_id?: string;
  software_version?: string;
  [member: string]: unknown;
}

export interface OAuthClientProvider {
  readonly redirectUrl: string | URL | undefined;
  readonly clientMetadata: OAuthClientMetadata;
  readonly clientMetadataUrl?: string;
  clientInformation(issuer: string): OAuthClientInformation | undefined | Promise<OAuthClientInformation | undefined>;
  saveClientInformation(issuer: string, information: OAuthClientInformation): void | Promise<void>;
  tokens(): OAuthTokens | undefined | Promise<OAuthTokens | undefined>;
  saveTokens(tokens: OAuthTokens): void | Promise<void>;
  saveCodeVerifier(verifier: string): void | Promise<void>;
  codeVerifier(): string | undefined | Promise<string | undefined>;
  authorize(url: URL): Promise<URL>;
  invalidate?(scope: InvalidateScope, issuer?: string): void | Promise<void>;
  clientSigningKey?(issuer: string): ClientSigningKey | undefined | Promise<ClientSigningKey | undefined>;
  dpopKeyPair?(): CryptoKeyPair | undefined | Promise<CryptoKeyPair | undefined>;
  grant?(context: GrantContext): Promise<OAuthTokens>;
}

export declare class OAuthFlowError extends Error {
  readonly step: OAuthFlowStep;
  readonly reason: string;
  readonly url: string | undefined;
  readonly oauthError: string | undefined;
  constructor(
    step: OAuthFlowStep,
    reason: string,
    options?: {
      url?: string;
      cause?: unknown;
      oauthError?: string;
    },
  );
}

export type OAuthFlowStep =
  | "www-authenticate"
  | "protected-resource-metadata"
  | "authorization-server-metadata"
  | "registration"
  | "authorization-request"
  | "authorization-response"
  | "token-request"
  | "refresh"
  | "authorized-request"
  | "step-up";

export interface OAuthTokens {
  access_token: string;
  token_type: string;
  refresh_token?: string;
  scope?: string;
  expires_at?: number;
  obtained_at?: number;
  issuer: string;
  resource?: string;
}

export interface PresentedRequest {
  method: string;
  url: URL;
}

export interface Progress {
  progressToken: string | number;
  progress: number;
  total?: number;
  message?: string;
  [key: string]: unknown;
}

export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[];
  [member: string]: unknown;
}

export declare const REQUEST_TIMEOUT = -32001;

export declare const REVISIONS: readonly ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

export interface ReconnectionOptions {
  initialDelay: number;
  maxDelay: number;
  growFactor: number;
  maxRetries: number;
}

export declare class RejectedToolError extends Error {
  readonly tool: string;
  constructor(tool: string, reason: string);
}

export interface RemoteServerParameters {
  url: string | URL;
  kind?: "streamable-http" | "sse" | "websocket";
  headers?: Record<string, string>;
  auth?: ClientAuthOption;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  resetTimeoutOnProgress?: boolean;
  maxTotalTimeout?: number;
  onprogress?: (progress: Progress) => void;
  relatedRequestId?: string | number;
  headers?: Record<string, string>;
  onRequestId?: (id: number) => void;
}

export interface RequestSpec {
  readonly method: string;
  readonly type: string;
  readonly directions: readonly Direction[];
  readonly capability: CapabilityGate | null;
  readonly request: Validator<unknown>;
  readonly params: Validator<unknown> | null;
  readonly paramsRequired: boolean;
  readonly result: Validator<unknown>;
  readonly resultType: string;
  readonly sessionFields: readonly string[];
}

export declare class RequestTimeoutError extends McpError {
  readonly method: string;
  readonly timeoutMs: number;
  constructor(method: string, timeoutMs: number, total?: boolean);
}

export type Revision = (typeof REVISIONS)[number];

export interface RevisionDefinitions {
  "2024-11-05": D_2024_11_05;
  "2025-03-26": D_2025_03_26;
  "2025-06-18": D_2025_06_18;
  "2025-11-25": D_2025_11_25;
  "2026-07-28": D_2026_07_28;
}

export declare class RevisionSet {
  #private;
  static readonly BUILT_IN: RevisionSet;
  readonly all: readonly RevisionSpec[];
  readonly stateful: readonly RevisionSpec[];
  readonly stateless: readonly RevisionSpec[];
  readonly supported: readonly string[];
  static of(given: readonly RevisionSpec[] | undefined): RevisionSet;
  private constructor();
  spec(name: unknown): RevisionSpec | undefined;
  get latestStateful(): RevisionSpec;
  get latestStateless(): RevisionSpec;
  negotiateStateful(requested: unknown): RevisionSpec;
  pick(supported: unknown, among?: readonly RevisionSpec[]): RevisionSpec | undefined;
}

export interface RevisionSpec {
  readonly name: string;
  readonly sha256: string;
  readonly dialect: "draft-07" | "2020-12";
  readonly stateful: boolean;
  readonly batching: boolean;
  readonly primingEvents: boolean;
  readonly envelope: EnvelopeSpec | null;
  readonly requests: Readonly<Record<string, RequestSpec>>;
  readonly notifications: Readonly<Record<string, NotificationSpec>>;
  readonly validators: Readonly<Record<string, Validator<unknown>>>;
}

export declare const SKILLS_EXTENSION_ID: "io.modelcontextprotocol/skills";

export declare const STATEFUL_REVISIONS: readonly Revision[];

export type ServerCapabilities = InitializeResult["capabilities"] | DiscoverResult["capabilities"];

export type ServerDescription =
  | {
      mode: "stateful";
      protocolVersion: Revision;
      capabilities: ServerCapabilities;
      serverInfo: Implementation;
      instructions?: string;
      result: InitializeResult;
    }
  | {
      mode: "stateless";
      protocolVersion: Revision;
      capabilities: ServerCapabilities;
      serverInfo?: Implementation;
      instructions?: string;
      result: DiscoverResult;
    };

export declare class ServerExitedError extends ConnectionClosedError {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: readonly string[];
  constructor(command: string, exitCode: number | null, signal: NodeJS.Signals | null, stderr: readonly string[]);
}

export type ServerParameters = (
  | StdioServerParameters
  | RemoteServerParameters
  | {
      transport: Transport;
    }
) & {
  label?: string;
};

export declare class SessionExpiredError extends Error {
  readonly sessionId: string;
  constructor(sessionId: string);
}

export interface SessionOptions {
  logger?: Logger;
  requestTimeout?: number;
  maxTotalTimeout?: number;
  validateOutbound?: boolean;
}

export interface Skill {
  uri: string;
  frontmatter: SkillFrontmatter;
  resources: SkillResource[] | "dynamic";
}

export interface SkillFile {
  readonly uri: string;
  readonly mimeType?: string;
  readonly bytes: Uint8Array;
  readonly text?: string;
}

export interface SkillResource {
  uri: string;
  digest: string;
  size: number;
}

export declare class SkillVerificationError extends Error {
  readonly reason: SkillVerificationReason;
  readonly skill: string;
  readonly uri: string;
  constructor(reason: SkillVerificationReason, skill: string, uri: string, message: string);
}

export type SkillVerificationReason =
  "size" | "digest" | "frontmatter" | "unlisted" | "invalid-entry" | "limits" | "unreadable";

export type SseClientOptions = HttpClientOptions;

export declare class SseClientTransport implements Transport {
  #private;
  constructor(url: string | URL, options?: SseClientOptions);
  get endpoint(): URL | undefined;
  start(events: TransportEvents): Promise<void>;
  send(message: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface StdioClientOptions extends NdjsonOptions {
  maxMessageSize?: number;
  closeTimeout?: number;
  logger?: Logger;
}

export declare class StdioClientTransport implements Transport {
  #private;
  constructor(params: StdioServerParameters, options?: StdioClientOptions);
  get pid(): number | undefined;
  get process(): ChildProcess | undefined;
  start(events: TransportEvents): Promise<void>;
  send(message: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface StdioServerOptions extends NdjsonOptions {
  maxMessageSize?: number;
  stdin?: NodeJS.ReadableStream | Readable;
  stdout?: Writable;
}

export interface StdioServerParameters {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  stderr?: "inherit" | "pipe" | "ignore" | ((line: string) => void);
}

export interface StoredAuthStatus {
  server: string;
  file: string;
  issuers: string[];
  clientIds: Record<string, string>;
  tokens?: {
    issuer: string;
    tokenType: string;
    scope?: string;
    expiresAt?: number;
    refreshable: boolean;
  };
  dpop: boolean;
}

export interface StoredDPoPKey {
  alg: DPoPAlgorithm;
  privateJwk: JWK;
  publicJwk: JWK;
}

export declare class StreamTransport implements Transport {
  #private;
  constructor(readable: NodeJS.ReadableStream | Readable, writable: Writable, options?: StreamTransportOptions);
  get closed(): boolean;
  start(events: TransportEvents): void;
  send(message: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface StreamTransportOptions extends NdjsonOptions {
  endOnClose?: boolean;
}

export interface StreamableHttpClientOptions extends HttpClientOptions {
  fetch?: typeof fetch;
  agent?: Agent;
  reconnection?: Partial<ReconnectionOptions>;
  sessionId?: string;
  openStandaloneStream?: boolean;
  fallbackToSse?: boolean;
  logger?: Logger;
}

export declare class StreamableHttpClientTransport implements Transport {
  #private;
  readonly mirrorsHeaders = true;
  constructor(url: string | URL, options?: StreamableHttpClientOptions);
  get sessionId(): string | undefined;
  get protocolVersion(): string | undefined;
  get usingSse(): boolean;
  setProtocolVersion(version: string): void;
  start(events: TransportEvents): void;
  send(message: unknown, options?: SendOptions): Promise<void>;
  close(): Promise<void>;
}

export declare class Subscription implements AsyncIterable<SubscriptionNotification> {
  #private;
  constructor(feed: SubscriptionFeed, close: () => Promise<void>);
  get id(): RequestId | undefined;
  get acknowledged(): Promise<SubscriptionFilter>;
  get closed(): boolean;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
  [Symbol.asyncIterator](): AsyncIterator<SubscriptionNotification>;
}

export interface SubscriptionFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  resourceSubscriptions?: string[];
}

export interface SubscriptionNotification {
  method:
    | "notifications/tools/list_changed"
    | "notifications/prompts/list_changed"
    | "notifications/resources/list_changed"
    | "notifications/resources/updated";
  params: Record<string, unknown>;
}

export type Supplied<T> = T | (() => T | Promise<T>);

export declare const TASKS_EXTENSION_ID: "io.modelcontextprotocol/tasks";

export declare class TaskCancelledError extends Error {
  readonly taskId: string;
  constructor(taskId: string);
}

export declare class TaskClient {
  #private;
  constructor(send: TaskSend, options?: TaskClientOptions);
  start(method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<TaskStart>;
  call(method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>>;
  handle(created: TaskState): TaskHandle;
  follow(created: TaskState, signal?: AbortSignal): Promise<Record<string, unknown>>;
  resume(taskId: string, signal?: AbortSignal): Promise<TaskHandle>;
}

export interface TaskClientOptions {
  answer?: InputAnswerer;
  pollIntervalMs?: number;
  minPollIntervalMs?: number;
}

export declare class TaskHandle {
  #private;
  readonly taskId: string;
  constructor(seed: TaskState, send: TaskSend, options?: TaskClientOptions);
  get state(): TaskState;
  get status(): TaskStatus;
  refresh(signal?: AbortSignal): Promise<TaskState>;
  update(inputResponses: Record<string, unknown>, signal?: AbortSignal): Promise<void>;
  cancel(signal?: AbortSignal): Promise<void>;
  result(signal?: AbortSignal): Promise<Record<string, unknown>>;
}

export type TaskSend = (method: string, params: Record<string, unknown>, signal?: AbortSignal) => Promise<unknown>;

export type TaskStart =
  | {
      task: TaskHandle;
      result?: undefined;
    }
  | {
      task?: undefined;
      result: Record<string, unknown>;
    };

export interface TaskState {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: number | null;
  pollIntervalMs?: number;
  inputRequests?: Record<
    string,
    {
      method: string;
      params?: unknown;
    }
  >;
  result?: Record<string, unknown>;
  error?: {
    code: number;
    message: string;
    data?: unknown;
  };
  [key: string]: unknown;
}

export type TaskStatus = "working" | "input_required" | "completed" | "failed" | "cancelled";

export type TokenEndpointAuthMethod = "none" | "client_secret_basic" | "client_secret_post" | "private_key_jwt";

export interface TokenPresenter {
  headers(tokens: OAuthTokens, request: PresentedRequest): Promise<Record<string, string>>;
  retryWithoutFlow?(
    response: {
      status: number;
      headers: {
        get(name: string): string | null;
      };
    },
    request: PresentedRequest,
  ): boolean;
}

export interface Transport {
  start(events: TransportEvents): void | Promise<void>;
  send(message: unknown, options?: SendOptions): void | Promise<void>;
  close(): Promise<void>;
  readonly mirrorsHeaders?: boolean;
  closeRequestStream?(requestId: string | number): boolean;
}

export interface TransportEvents {
  message(message: unknown, info?: MessageInfo): void;
  malformed(reason: string): void;
  close(error?: Error): void;
}

export declare class UnsupportedMethodError extends McpError {
  constructor(method: string, revision: string, why?: string);
}

export declare class UpgradeRefusedError extends Error {
  readonly status: number;
  readonly headers: {
    get(name: string): string | null;
  };
  constructor(message: string, response: IncomingMessage);
  discard(): Promise<void>;
}

export interface ValidationError {
  path: string;
  message: string;
}

export type ValidationResult<T> =
  | {
      valid: true;
      value: T;
    }
  | {
      valid: false;
      errors: ValidationError[];
    };

export interface Validator<T> {
  (data: unknown): data is T;
  errors?: ValidatorIssue[] | null;
}

export interface WebSocketAttachment {
  readonly connections: number;
  close(): Promise<void>;
}

export interface WebSocketClientOptions extends WebSocketTransportOptions {
  headers?: Record<string, string>;
  maxPayload?: number;
  handshakeTimeout?: number;
  WebSocket?: typeof WebSocket;
  auth?: ClientAuthOption;
}

export declare class WebSocketClientTransport implements Transport {
  #private;
  constructor(url: string | URL, options?: WebSocketClientOptions);
  get socket(): WebSocket | undefined;
  start(events: TransportEvents): Promise<void>;
  send(message: unknown): Promise<void>;
  close(): Promise<void>;
}

export declare class WebSocketServerTransport implements Transport {
  #private;
  readonly socket: WebSocket;
  constructor(socket: WebSocket, options?: WebSocketServerTransportOptions);
  start(events: TransportEvents): void;
  send(message: unknown): Promise<void>;
  close(code?: number, reason?: string): Promise<void>;
}

export interface WebSocketServerTransportOptions extends WebSocketTransportOptions {
  heartbeatInterval?: number;
}

export interface WebSocketTransportOptions {
  highWaterMark?: number;
}

export interface WireError {
  code: number;
  message: string;
  data?: unknown;
}

export interface WorkloadIdentityOptions {
  clientId: string;
  assertion: Supplied<string>;
}

export declare function attachWebSocket(server: HttpServer, options: AttachWebSocketOptions): WebSocketAttachment;

export declare function clientAuthFor(
  auth: ClientAuthOption,
  url: string | URL,
  options?: OAuthClientAuthOptions,
): OAuthClientAuth;

export declare function clientCredentialsGrant(client: ConfidentialClient): NoUserGrant;

export declare function configDirectory(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string;

export declare function discoverAuthorization(
  serverUrl: string | URL,
  options?: AuthorizationDiscoveryOptions,
): Promise<AuthorizationDiscovery>;

export declare function dpopFetch(prover: DPoPProver, options?: DPoPFetchOptions): typeof globalThis.fetch;

export declare function dpopPresenter(key: KeySource): TokenPresenter;

export declare function enterpriseManagedGrant(options: EnterpriseManagedOptions): NoUserGrant;

export declare function exportDPoPKey(key: DPoPKey): Promise<StoredDPoPKey>;

export declare const extensions: {
  readonly "ext-tasks": typeof x_ext_tasks;
  readonly "ext-skills": typeof x_ext_skills;
};

export declare function generateDPoPKey(alg?: DPoPAlgorithm): Promise<DPoPKey>;

export declare function getDefaultEnvironment(): Record<string, string>;

export declare function importDPoPKey(stored: StoredDPoPKey): Promise<DPoPKey>;

export declare function isCreateTaskResult(result: unknown): result is TaskState;

export declare function memoryPair(options?: MemoryPairOptions): [MemoryTransport, MemoryTransport];

// export * as ndjson (a module)

export declare function parseWwwAuthenticate(header: string | null | undefined): AuthChallenge[];

export declare function readSkillFile(
  session: SkillRequester,
  entry: Skill,
  uri: string,
  options?: ClientRequestOptions,
): Promise<SkillFile>;

export declare const revisions: {
  readonly "2024-11-05": typeof r_2024_11_05;
  readonly "2025-03-26": typeof r_2025_03_26;
  readonly "2025-06-18": typeof r_2025_06_18;
  readonly "2025-11-25": typeof r_2025_11_25;
  readonly "2026-07-28": typeof r_2026_07_28;
};

export declare function selectChallenge(
  challenges: readonly AuthChallenge[],
  schemes?: readonly ("Bearer" | "DPoP")[],
): AuthChallenge;

export declare const silentLogger: Logger;

export declare function skillBinding(entry: Skill): string | undefined;

export declare function sseClient(url: string | URL, options?: SseClientOptions): SseClientTransport;

export declare const stderrLogger: Logger;

export declare function stdioClient(params: StdioServerParameters, options?: StdioClientOptions): StdioClientTransport;

export declare function stdioServer(options?: StdioServerOptions): StreamTransport;

export declare function streamTransport(
  readable: NodeJS.ReadableStream | Readable,
  writable: Writable,
  options?: StreamTransportOptions,
): StreamTransport;

export declare function streamableHttpClient(
  url: string | URL,
  options?: StreamableHttpClientOptions,
): StreamableHttpClientTransport;

// export * as surface (a module)

export declare function validate<
  R extends Revision = typeof LATEST,
  T extends keyof RevisionDefinitions[R] & string = keyof RevisionDefinitions[R] & string,
>(value: unknown, options: ValidateOptions<R, T>): ValidationResult<RevisionDefinitions[R][T]>;

export declare function validateMessage(
  message: unknown,
  options?: MessageOptions & {
    revision?: Revision;
  },
): ValidationResult<unknown>;

export declare function websocketClient(url: string | URL, options?: WebSocketClientOptions): WebSocketClientTransport;

export declare function websocketServer(
  socket: WebSocket,
  options?: WebSocketServerTransportOptions,
): WebSocketServerTransport;

export declare function withTasksCapability<C extends Record<string, unknown>>(capabilities: C): C;

export declare function workloadIdentityGrant(options: WorkloadIdentityOptions): NoUserGrant;

// Reached from the exports above, but not exported by any entry point:

// generated/2024-11-05/index.d.ts

export declare const revision: {
  readonly name: "2024-11-05";
  readonly sha256: "61cea2392d4f284092d09bc84b9ac488c0d5618ac2b38a56942fc5b99fd960ce";
  readonly dialect: "draft-07";
  readonly stateful: true;
  readonly batching: false;
  readonly primingEvents: false;
  readonly envelope: {
    readonly request: "JSONRPCRequest";
    readonly notification: "JSONRPCNotification";
    readonly result: "JSONRPCResponse";
    readonly error: "JSONRPCError";
  };
  readonly requests: typeof requests;
  readonly notifications: typeof notifications;
  readonly validators: typeof validators.exports;
};

// generated/2024-11-05/methods.d.ts

export declare const notifications: {
  readonly "notifications/cancelled": {
    readonly method: "notifications/cancelled";
    readonly type: "CancelledNotification";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.CancelledNotification>;
    readonly params: import("../common.js").Validator<{
      reason?: string;
      requestId: T.RequestId;
    }>;
    readonly paramsRequired: true;
  };
  readonly "notifications/initialized": {
    readonly method: "notifications/initialized";
    readonly type: "InitializedNotification";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.InitializedNotification>;
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      data: unknown;
      level: T.LoggingLevel;
      logger?: string;
    }>;
    readonly paramsRequired: true;
  };
  readonly "notifications/progress": {
    readonly method: "notifications/progress";
    readonly type: "ProgressNotification";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.ProgressNotification>;
    readonly params: import("../common.js").Validator<{
      progress: number;
      progressToken: T.ProgressToken;
      total?: number;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
    readonly paramsRequired: false;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
    readonly paramsRequired: false;
  };
};

export declare const requests: {
  readonly "completion/complete": {
    readonly method: "completion/complete";
    readonly type: "CompleteRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.CompleteRequest>;
    readonly params: import("../common.js").Validator<{
      argument: {
        name: string;
        value: string;
      };
      ref: T.PromptReference | T.ResourceReference;
    }>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CompleteResult>;
    readonly resultType: "CompleteResult";
    readonly sessionFields: readonly [];
  };
  readonly initialize: {
    readonly method: "initialize";
    readonly type: "InitializeRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.InitializeRequest>;
    readonly params: import("../common.js").Validator<{
      capabilities: T.ClientCapabilities;
      clientInfo: T.Implementation;
      protocolVersion: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      level: T.LoggingLevel;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        progressToken?: T.ProgressToken;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      arguments?: {
        [k: string]: string;
      };
      name: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        progressToken?: T.ProgressToken;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      includeContext?: "allServers" | "none" | "thisServer";
      maxTokens: number;
      messages: T.SamplingMessage[];
      metadata?: {
        [k: string]: unknown;
      };
      modelPreferences?: T.ModelPreferences;
      stopSequences?: string[];
      systemPrompt?: string;
      temperature?: number;
    }>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CreateMessageResult>;
    readonly resultType: "CreateMessageResult";
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
    readonly params: import("../common.js").Validator<{
      arguments?: {
        [k: string]: unknown;
      };
      name: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListToolsResult>;
    readonly resultType: "ListToolsResult";
    readonly sessionFields: readonly [];
  };
};

// generated/2024-11-05/types.d.ts

export interface Annotated {
  annotations?: {
    audience?: Role[];
    priority?: number;
  };
}

export interface BlobResourceContents {
  blob: string;
  mimeType?: string;
  uri: string;
}

export interface CallToolRequest {
  method: "tools/call";
  params: {
    arguments?: {
      [k: string]: unknown;
    };
    name: string;
  };
}

export interface CallToolResult {
  _meta?: {
    [k: string]: unknown;
  };
  content: (TextContent | ImageContent | EmbeddedResource)[];
  isError?: boolean;
}

export interface CancelledNotification {
  method: "notifications/cancelled";
  params: {
    reason?: string;
    requestId: RequestId;
  };
}

export interface ClientCapabilities {
  experimental?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  roots?: {
    listChanged?: boolean;
  };
  sampling?: {
    [k: string]: unknown;
  };
}

export type ClientNotification =
  CancelledNotification | InitializedNotification | ProgressNotification | RootsListChangedNotification;

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
  | SetLevelRequest
  | CompleteRequest;

export type ClientResult = Result | CreateMessageResult | ListRootsResult;

export interface CompleteRequest {
  method: "completion/complete";
  params: {
    argument: {
      name: string;
      value: string;
    };
    ref: PromptReference | ResourceReference;
  };
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

export interface CreateMessageRequest {
  method: "sampling/createMessage";
  params: {
    includeContext?: "allServers" | "none" | "thisServer";
    maxTokens: number;
    messages: SamplingMessage[];
    metadata?: {
      [k: string]: unknown;
    };
    modelPreferences?: ModelPreferences;
    stopSequences?: string[];
    systemPrompt?: string;
    temperature?: number;
  };
}

export interface CreateMessageResult {
  _meta?: {
    [k: string]: unknown;
  };
  content: TextContent | ImageContent;
  model: string;
  role: Role;
  stopReason?: string;
}

export type Cursor = string;

export interface Definitions {
  Annotated: Annotated;
  BlobResourceContents: BlobResourceContents;
  CallToolRequest: CallToolRequest;
  CallToolResult: CallToolResult;
  CancelledNotification: CancelledNotification;
  ClientCapabilities: ClientCapabilities;
  ClientNotification: ClientNotification;
  ClientRequest: ClientRequest;
  ClientResult: ClientResult;
  CompleteRequest: CompleteRequest;
  CompleteResult: CompleteResult;
  CreateMessageRequest: CreateMessageRequest;
  CreateMessageResult: CreateMessageResult;
  Cursor: Cursor;
  EmbeddedResource: EmbeddedResource;
  EmptyResult: EmptyResult;
  GetPromptRequest: GetPromptRequest;
  GetPromptResult: GetPromptResult;
  ImageContent: ImageContent;
  Implementation: Implementation;
  InitializeRequest: InitializeRequest;
  InitializeResult: InitializeResult;
  InitializedNotification: InitializedNotification;
  JSONRPCError: JSONRPCError;
  JSONRPCMessage: JSONRPCMessage;
  JSONRPCNotification: JSONRPCNotification;
  JSONRPCRequest: JSONRPCRequest;
  JSONRPCResponse: JSONRPCResponse;
  ListPromptsRequest: ListPromptsRequest;
  ListPromptsResult: ListPromptsResult;
  ListResourceTemplatesRequest: ListResourceTemplatesRequest;
  ListResourceTemplatesResult: ListResourceTemplatesResult;
  ListResourcesRequest: ListResourcesRequest;
  ListResourcesResult: ListResourcesResult;
  ListRootsRequest: ListRootsRequest;
  ListRootsResult: ListRootsResult;
  ListToolsRequest: ListToolsRequest;
  ListToolsResult: ListToolsResult;
  LoggingLevel: LoggingLevel;
  LoggingMessageNotification: LoggingMessageNotification;
  ModelHint: ModelHint;
  ModelPreferences: ModelPreferences;
  Notification: Notification;
  PaginatedRequest: PaginatedRequest;
  PaginatedResult: PaginatedResult;
  PingRequest: PingRequest;
  ProgressNotification: ProgressNotification;
  ProgressToken: ProgressToken;
  Prompt: Prompt;
  PromptArgument: PromptArgument;
  PromptListChangedNotification: PromptListChangedNotification;
  PromptMessage: PromptMessage;
  PromptReference: PromptReference;
  ReadResourceRequest: ReadResourceRequest;
  ReadResourceResult: ReadResourceResult;
  Request: Request;
  RequestId: RequestId;
  Resource: Resource;
  ResourceContents: ResourceContents;
  ResourceListChangedNotification: ResourceListChangedNotification;
  ResourceReference: ResourceReference;
  ResourceTemplate: ResourceTemplate;
  ResourceUpdatedNotification: ResourceUpdatedNotification;
  Result: Result;
  Role: Role;
  Root: Root;
  RootsListChangedNotification: RootsListChangedNotification;
  SamplingMessage: SamplingMessage;
  ServerCapabilities: ServerCapabilities;
  ServerNotification: ServerNotification;
  ServerRequest: ServerRequest;
  ServerResult: ServerResult;
  SetLevelRequest: SetLevelRequest;
  SubscribeRequest: SubscribeRequest;
  TextContent: TextContent;
  TextResourceContents: TextResourceContents;
  Tool: Tool;
  ToolListChangedNotification: ToolListChangedNotification;
  UnsubscribeRequest: UnsubscribeRequest;
}

export interface EmbeddedResource {
  annotations?: {
    audience?: Role[];
    priority?: number;
  };
  resource: TextResourceContents | BlobResourceContents;
  type: "resource";
}

export type EmptyResult = Result;

export interface GetPromptRequest {
  method: "prompts/get";
  params: {
    arguments?: {
      [k: string]: string;
    };
    name: string;
  };
}

export interface GetPromptResult {
  _meta?: {
    [k: string]: unknown;
  };
  description?: string;
  messages: PromptMessage[];
}

export interface ImageContent {
  annotations?: {
    audience?: Role[];
    priority?: number;
  };
  data: string;
  mimeType: string;
  type: "image";
}

export interface Implementation {
  name: string;
  version: string;
}

export interface InitializeRequest {
  method: "initialize";
  params: {
    capabilities: ClientCapabilities;
    clientInfo: Implementation;
    protocolVersion: string;
  };
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
  method: "notifications/initialized";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface JSONRPCError {
  error: {
    code: number;
    data?: unknown;
    message: string;
  };
  id: RequestId;
  jsonrpc: "2.0";
}

export type JSONRPCMessage = JSONRPCRequest | JSONRPCNotification | JSONRPCResponse | JSONRPCError;

export interface JSONRPCNotification {
  jsonrpc: "2.0";
  method: string;
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface JSONRPCRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: string;
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
    };
    [k: string]: unknown;
  };
}

export interface JSONRPCResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: Result;
}

export interface ListPromptsRequest {
  method: "prompts/list";
  params?: {
    cursor?: string;
  };
}

export interface ListPromptsResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  prompts: Prompt[];
}

export interface ListResourceTemplatesRequest {
  method: "resources/templates/list";
  params?: {
    cursor?: string;
  };
}

export interface ListResourceTemplatesResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  resourceTemplates: ResourceTemplate[];
}

export interface ListResourcesRequest {
  method: "resources/list";
  params?: {
    cursor?: string;
  };
}

export interface ListResourcesResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  resources: Resource[];
}

export interface ListRootsRequest {
  method: "roots/list";
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
    };
    [k: string]: unknown;
  };
}

export interface ListRootsResult {
  _meta?: {
    [k: string]: unknown;
  };
  roots: Root[];
}

export interface ListToolsRequest {
  method: "tools/list";
  params?: {
    cursor?: string;
  };
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
  method: "notifications/message";
  params: {
    data: unknown;
    level: LoggingLevel;
    logger?: string;
  };
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

export interface Notification {
  method: string;
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface PaginatedRequest {
  method: string;
  params?: {
    cursor?: string;
  };
}

export interface PaginatedResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
}

export interface PingRequest {
  method: "ping";
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
    };
    [k: string]: unknown;
  };
}

export interface ProgressNotification {
  method: "notifications/progress";
  params: {
    progress: number;
    progressToken: ProgressToken;
    total?: number;
  };
}

export type ProgressToken = string | number;

export interface Prompt {
  arguments?: PromptArgument[];
  description?: string;
  name: string;
}

export interface PromptArgument {
  description?: string;
  name: string;
  required?: boolean;
}

export interface PromptListChangedNotification {
  method: "notifications/prompts/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface PromptMessage {
  content: TextContent | ImageContent | EmbeddedResource;
  role: Role;
}

export interface PromptReference {
  name: string;
  type: "ref/prompt";
}

export interface ReadResourceRequest {
  method: "resources/read";
  params: {
    uri: string;
  };
}

export interface ReadResourceResult {
  _meta?: {
    [k: string]: unknown;
  };
  contents: (TextResourceContents | BlobResourceContents)[];
}

export interface Request {
  method: string;
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
    };
    [k: string]: unknown;
  };
}

export type RequestId = string | number;

export interface Resource {
  annotations?: {
    audience?: Role[];
    priority?: number;
  };
  description?: string;
  mimeType?: string;
  name: string;
  size?: number;
  uri: string;
}

export interface ResourceContents {
  mimeType?: string;
  uri: string;
}

export interface ResourceListChangedNotification {
  method: "notifications/resources/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface ResourceReference {
  type: "ref/resource";
  uri: string;
}

export interface ResourceTemplate {
  annotations?: {
    audience?: Role[];
    priority?: number;
  };
  description?: string;
  mimeType?: string;
  name: string;
  uriTemplate: string;
}

export interface ResourceUpdatedNotification {
  method: "notifications/resources/updated";
  params: {
    uri: string;
  };
}

export interface Result {
  _meta?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export type Role = "assistant" | "user";

export interface Root {
  name?: string;
  uri: string;
}

export interface RootsListChangedNotification {
  method: "notifications/roots/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface SamplingMessage {
  content: TextContent | ImageContent;
  role: Role;
}

export interface ServerCapabilities {
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
  tools?: {
    listChanged?: boolean;
  };
}

export type ServerNotification =
  | CancelledNotification
  | ProgressNotification
  | ResourceListChangedNotification
  | ResourceUpdatedNotification
  | PromptListChangedNotification
  | ToolListChangedNotification
  | LoggingMessageNotification;

export type ServerRequest = PingRequest | CreateMessageRequest | ListRootsRequest;

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
  | CompleteResult;

export interface SetLevelRequest {
  method: "logging/setLevel";
  params: {
    level: LoggingLevel;
  };
}

export interface SubscribeRequest {
  method: "resources/subscribe";
  params: {
    uri: string;
  };
}

export interface TextContent {
  annotations?: {
    audience?: Role[];
    priority?: number;
  };
  text: string;
  type: "text";
}

export interface TextResourceContents {
  mimeType?: string;
  text: string;
  uri: string;
}

export interface Tool {
  description?: string;
  inputSchema: {
    properties?: {
      [k: string]: {
        [k: string]: unknown;
      };
    };
    required?: string[];
    type: "object";
  };
  name: string;
}

export interface ToolListChangedNotification {
  method: "notifications/tools/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface UnsubscribeRequest {
  method: "resources/unsubscribe";
  params: {
    uri: string;
  };
}

// generated/2025-03-26/index.d.ts

export declare const revision: {
  readonly name: "2025-03-26";
  readonly sha256: "e720669548c8100a4282c49e580efd6ddf7f28899ea786fc8db251dbdb356131";
  readonly dialect: "draft-07";
  readonly stateful: true;
  readonly batching: true;
  readonly primingEvents: false;
  readonly envelope: {
    readonly request: "JSONRPCRequest";
    readonly notification: "JSONRPCNotification";
    readonly result: "JSONRPCResponse";
    readonly error: "JSONRPCError";
  };
  readonly requests: typeof requests;
  readonly notifications: typeof notifications;
  readonly validators: typeof validators.exports;
};

// generated/2025-03-26/methods.d.ts

export declare const notifications: {
  readonly "notifications/cancelled": {
    readonly method: "notifications/cancelled";
    readonly type: "CancelledNotification";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.CancelledNotification>;
    readonly params: import("../common.js").Validator<{
      reason?: string;
      requestId: T.RequestId;
    }>;
    readonly paramsRequired: true;
  };
  readonly "notifications/initialized": {
    readonly method: "notifications/initialized";
    readonly type: "InitializedNotification";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.InitializedNotification>;
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      data: unknown;
      level: T.LoggingLevel;
      logger?: string;
    }>;
    readonly paramsRequired: true;
  };
  readonly "notifications/progress": {
    readonly method: "notifications/progress";
    readonly type: "ProgressNotification";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.ProgressNotification>;
    readonly params: import("../common.js").Validator<{
      message?: string;
      progress: number;
      progressToken: T.ProgressToken;
      total?: number;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
    readonly paramsRequired: false;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      argument: {
        name: string;
        value: string;
      };
      ref: T.PromptReference | T.ResourceReference;
    }>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CompleteResult>;
    readonly resultType: "CompleteResult";
    readonly sessionFields: readonly [];
  };
  readonly initialize: {
    readonly method: "initialize";
    readonly type: "InitializeRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.InitializeRequest>;
    readonly params: import("../common.js").Validator<{
      capabilities: T.ClientCapabilities;
      clientInfo: T.Implementation;
      protocolVersion: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      level: T.LoggingLevel;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        progressToken?: T.ProgressToken;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      arguments?: {
        [k: string]: string;
      };
      name: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        progressToken?: T.ProgressToken;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      includeContext?: "allServers" | "none" | "thisServer";
      maxTokens: number;
      messages: T.SamplingMessage[];
      metadata?: {
        [k: string]: unknown;
      };
      modelPreferences?: T.ModelPreferences;
      stopSequences?: string[];
      systemPrompt?: string;
      temperature?: number;
    }>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CreateMessageResult>;
    readonly resultType: "CreateMessageResult";
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
    readonly params: import("../common.js").Validator<{
      arguments?: {
        [k: string]: unknown;
      };
      name: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListToolsResult>;
    readonly resultType: "ListToolsResult";
    readonly sessionFields: readonly [];
  };
};

// generated/2025-03-26/types.d.ts

export interface Annotations {
  audience?: Role[];
  priority?: number;
}

export interface AudioContent {
  annotations?: Annotations;
  data: string;
  mimeType: string;
  type: "audio";
}

export interface BlobResourceContents {
  blob: string;
  mimeType?: string;
  uri: string;
}

export interface CallToolRequest {
  method: "tools/call";
  params: {
    arguments?: {
      [k: string]: unknown;
    };
    name: string;
  };
}

export interface CallToolResult {
  _meta?: {
    [k: string]: unknown;
  };
  content: (TextContent | ImageContent | AudioContent | EmbeddedResource)[];
  isError?: boolean;
}

export interface CancelledNotification {
  method: "notifications/cancelled";
  params: {
    reason?: string;
    requestId: RequestId;
  };
}

export interface ClientCapabilities {
  experimental?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  roots?: {
    listChanged?: boolean;
  };
  sampling?: {
    [k: string]: unknown;
  };
}

export type ClientNotification =
  CancelledNotification | InitializedNotification | ProgressNotification | RootsListChangedNotification;

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
  | SetLevelRequest
  | CompleteRequest;

export type ClientResult = Result | CreateMessageResult | ListRootsResult;

export interface CompleteRequest {
  method: "completion/complete";
  params: {
    argument: {
      name: string;
      value: string;
    };
    ref: PromptReference | ResourceReference;
  };
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

export interface CreateMessageRequest {
  method: "sampling/createMessage";
  params: {
    includeContext?: "allServers" | "none" | "thisServer";
    maxTokens: number;
    messages: SamplingMessage[];
    metadata?: {
      [k: string]: unknown;
    };
    modelPreferences?: ModelPreferences;
    stopSequences?: string[];
    systemPrompt?: string;
    temperature?: number;
  };
}

export interface CreateMessageResult {
  _meta?: {
    [k: string]: unknown;
  };
  content: TextContent | ImageContent | AudioContent;
  model: string;
  role: Role;
  stopReason?: string;
}

export type Cursor = string;

export interface Definitions {
  Annotations: Annotations;
  AudioContent: AudioContent;
  BlobResourceContents: BlobResourceContents;
  CallToolRequest: CallToolRequest;
  CallToolResult: CallToolResult;
  CancelledNotification: CancelledNotification;
  ClientCapabilities: ClientCapabilities;
  ClientNotification: ClientNotification;
  ClientRequest: ClientRequest;
  ClientResult: ClientResult;
  CompleteRequest: CompleteRequest;
  CompleteResult: CompleteResult;
  CreateMessageRequest: CreateMessageRequest;
  CreateMessageResult: CreateMessageResult;
  Cursor: Cursor;
  EmbeddedResource: EmbeddedResource;
  EmptyResult: EmptyResult;
  GetPromptRequest: GetPromptRequest;
  GetPromptResult: GetPromptResult;
  ImageContent: ImageContent;
  Implementation: Implementation;
  InitializeRequest: InitializeRequest;
  InitializeResult: InitializeResult;
  InitializedNotification: InitializedNotification;
  JSONRPCBatchRequest: JSONRPCBatchRequest;
  JSONRPCBatchResponse: JSONRPCBatchResponse;
  JSONRPCError: JSONRPCError;
  JSONRPCMessage: JSONRPCMessage;
  JSONRPCNotification: JSONRPCNotification;
  JSONRPCRequest: JSONRPCRequest;
  JSONRPCResponse: JSONRPCResponse;
  ListPromptsRequest: ListPromptsRequest;
  ListPromptsResult: ListPromptsResult;
  ListResourceTemplatesRequest: ListResourceTemplatesRequest;
  ListResourceTemplatesResult: ListResourceTemplatesResult;
  ListResourcesRequest: ListResourcesRequest;
  ListResourcesResult: ListResourcesResult;
  ListRootsRequest: ListRootsRequest;
  ListRootsResult: ListRootsResult;
  ListToolsRequest: ListToolsRequest;
  ListToolsResult: ListToolsResult;
  LoggingLevel: LoggingLevel;
  LoggingMessageNotification: LoggingMessageNotification;
  ModelHint: ModelHint;
  ModelPreferences: ModelPreferences;
  Notification: Notification;
  PaginatedRequest: PaginatedRequest;
  PaginatedResult: PaginatedResult;
  PingRequest: PingRequest;
  ProgressNotification: ProgressNotification;
  ProgressToken: ProgressToken;
  Prompt: Prompt;
  PromptArgument: PromptArgument;
  PromptListChangedNotification: PromptListChangedNotification;
  PromptMessage: PromptMessage;
  PromptReference: PromptReference;
  ReadResourceRequest: ReadResourceRequest;
  ReadResourceResult: ReadResourceResult;
  Request: Request;
  RequestId: RequestId;
  Resource: Resource;
  ResourceContents: ResourceContents;
  ResourceListChangedNotification: ResourceListChangedNotification;
  ResourceReference: ResourceReference;
  ResourceTemplate: ResourceTemplate;
  ResourceUpdatedNotification: ResourceUpdatedNotification;
  Result: Result;
  Role: Role;
  Root: Root;
  RootsListChangedNotification: RootsListChangedNotification;
  SamplingMessage: SamplingMessage;
  ServerCapabilities: ServerCapabilities;
  ServerNotification: ServerNotification;
  ServerRequest: ServerRequest;
  ServerResult: ServerResult;
  SetLevelRequest: SetLevelRequest;
  SubscribeRequest: SubscribeRequest;
  TextContent: TextContent;
  TextResourceContents: TextResourceContents;
  Tool: Tool;
  ToolAnnotations: ToolAnnotations;
  ToolListChangedNotification: ToolListChangedNotification;
  UnsubscribeRequest: UnsubscribeRequest;
}

export interface EmbeddedResource {
  annotations?: Annotations;
  resource: TextResourceContents | BlobResourceContents;
  type: "resource";
}

export type EmptyResult = Result;

export interface GetPromptRequest {
  method: "prompts/get";
  params: {
    arguments?: {
      [k: string]: string;
    };
    name: string;
  };
}

export interface GetPromptResult {
  _meta?: {
    [k: string]: unknown;
  };
  description?: string;
  messages: PromptMessage[];
}

export interface ImageContent {
  annotations?: Annotations;
  data: string;
  mimeType: string;
  type: "image";
}

export interface Implementation {
  name: string;
  version: string;
}

export interface InitializeRequest {
  method: "initialize";
  params: {
    capabilities: ClientCapabilities;
    clientInfo: Implementation;
    protocolVersion: string;
  };
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
  method: "notifications/initialized";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export type JSONRPCBatchRequest = (JSONRPCRequest | JSONRPCNotification)[];

export type JSONRPCBatchResponse = (JSONRPCResponse | JSONRPCError)[];

export interface JSONRPCError {
  error: {
    code: number;
    data?: unknown;
    message: string;
  };
  id: RequestId;
  jsonrpc: "2.0";
}

export type JSONRPCMessage =
  | JSONRPCRequest
  | JSONRPCNotification
  | (JSONRPCRequest | JSONRPCNotification)[]
  | JSONRPCResponse
  | JSONRPCError
  | (JSONRPCResponse | JSONRPCError)[];

export interface JSONRPCNotification {
  jsonrpc: "2.0";
  method: string;
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface JSONRPCRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: string;
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
    };
    [k: string]: unknown;
  };
}

export interface JSONRPCResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: Result;
}

export interface ListPromptsRequest {
  method: "prompts/list";
  params?: {
    cursor?: string;
  };
}

export interface ListPromptsResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  prompts: Prompt[];
}

export interface ListResourceTemplatesRequest {
  method: "resources/templates/list";
  params?: {
    cursor?: string;
  };
}

export interface ListResourceTemplatesResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  resourceTemplates: ResourceTemplate[];
}

export interface ListResourcesRequest {
  method: "resources/list";
  params?: {
    cursor?: string;
  };
}

export interface ListResourcesResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  resources: Resource[];
}

export interface ListRootsRequest {
  method: "roots/list";
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
    };
    [k: string]: unknown;
  };
}

export interface ListRootsResult {
  _meta?: {
    [k: string]: unknown;
  };
  roots: Root[];
}

export interface ListToolsRequest {
  method: "tools/list";
  params?: {
    cursor?: string;
  };
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
  method: "notifications/message";
  params: {
    data: unknown;
    level: LoggingLevel;
    logger?: string;
  };
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

export interface Notification {
  method: string;
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface PaginatedRequest {
  method: string;
  params?: {
    cursor?: string;
  };
}

export interface PaginatedResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
}

export interface PingRequest {
  method: "ping";
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
    };
    [k: string]: unknown;
  };
}

export interface ProgressNotification {
  method: "notifications/progress";
  params: {
    message?: string;
    progress: number;
    progressToken: ProgressToken;
    total?: number;
  };
}

export type ProgressToken = string | number;

export interface Prompt {
  arguments?: PromptArgument[];
  description?: string;
  name: string;
}

export interface PromptArgument {
  description?: string;
  name: string;
  required?: boolean;
}

export interface PromptListChangedNotification {
  method: "notifications/prompts/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface PromptMessage {
  content: TextContent | ImageContent | AudioContent | EmbeddedResource;
  role: Role;
}

export interface PromptReference {
  name: string;
  type: "ref/prompt";
}

export interface ReadResourceRequest {
  method: "resources/read";
  params: {
    uri: string;
  };
}

export interface ReadResourceResult {
  _meta?: {
    [k: string]: unknown;
  };
  contents: (TextResourceContents | BlobResourceContents)[];
}

export interface Request {
  method: string;
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
    };
    [k: string]: unknown;
  };
}

export type RequestId = string | number;

export interface Resource {
  annotations?: Annotations;
  description?: string;
  mimeType?: string;
  name: string;
  size?: number;
  uri: string;
}

export interface ResourceContents {
  mimeType?: string;
  uri: string;
}

export interface ResourceListChangedNotification {
  method: "notifications/resources/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface ResourceReference {
  type: "ref/resource";
  uri: string;
}

export interface ResourceTemplate {
  annotations?: Annotations;
  description?: string;
  mimeType?: string;
  name: string;
  uriTemplate: string;
}

export interface ResourceUpdatedNotification {
  method: "notifications/resources/updated";
  params: {
    uri: string;
  };
}

export interface Result {
  _meta?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export type Role = "assistant" | "user";

export interface Root {
  name?: string;
  uri: string;
}

export interface RootsListChangedNotification {
  method: "notifications/roots/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface SamplingMessage {
  content: TextContent | ImageContent | AudioContent;
  role: Role;
}

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
  tools?: {
    listChanged?: boolean;
  };
}

export type ServerNotification =
  | CancelledNotification
  | ProgressNotification
  | ResourceListChangedNotification
  | ResourceUpdatedNotification
  | PromptListChangedNotification
  | ToolListChangedNotification
  | LoggingMessageNotification;

export type ServerRequest = PingRequest | CreateMessageRequest | ListRootsRequest;

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
  | CompleteResult;

export interface SetLevelRequest {
  method: "logging/setLevel";
  params: {
    level: LoggingLevel;
  };
}

export interface SubscribeRequest {
  method: "resources/subscribe";
  params: {
    uri: string;
  };
}

export interface TextContent {
  annotations?: Annotations;
  text: string;
  type: "text";
}

export interface TextResourceContents {
  mimeType?: string;
  text: string;
  uri: string;
}

export interface Tool {
  annotations?: ToolAnnotations;
  description?: string;
  inputSchema: {
    properties?: {
      [k: string]: {
        [k: string]: unknown;
      };
    };
    required?: string[];
    type: "object";
  };
  name: string;
}

export interface ToolAnnotations {
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
  readOnlyHint?: boolean;
  title?: string;
}

export interface ToolListChangedNotification {
  method: "notifications/tools/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface UnsubscribeRequest {
  method: "resources/unsubscribe";
  params: {
    uri: string;
  };
}

// generated/2025-06-18/index.d.ts

export declare const revision: {
  readonly name: "2025-06-18";
  readonly sha256: "af845e7e5b9d27107d1690f0936022546177a1403e63ffb11470135b296a2e01";
  readonly dialect: "draft-07";
  readonly stateful: true;
  readonly batching: false;
  readonly primingEvents: false;
  readonly envelope: {
    readonly request: "JSONRPCRequest";
    readonly notification: "JSONRPCNotification";
    readonly result: "JSONRPCResponse";
    readonly error: "JSONRPCError";
  };
  readonly requests: typeof requests;
  readonly notifications: typeof notifications;
  readonly validators: typeof validators.exports;
};

// generated/2025-06-18/methods.d.ts

export declare const notifications: {
  readonly "notifications/cancelled": {
    readonly method: "notifications/cancelled";
    readonly type: "CancelledNotification";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.CancelledNotification>;
    readonly params: import("../common.js").Validator<{
      reason?: string;
      requestId: T.RequestId;
    }>;
    readonly paramsRequired: true;
  };
  readonly "notifications/initialized": {
    readonly method: "notifications/initialized";
    readonly type: "InitializedNotification";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.InitializedNotification>;
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      data: unknown;
      level: T.LoggingLevel;
      logger?: string;
    }>;
    readonly paramsRequired: true;
  };
  readonly "notifications/progress": {
    readonly method: "notifications/progress";
    readonly type: "ProgressNotification";
    readonly directions: readonly ["clientToServer", "serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.ProgressNotification>;
    readonly params: import("../common.js").Validator<{
      message?: string;
      progress: number;
      progressToken: T.ProgressToken;
      total?: number;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
    readonly paramsRequired: false;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      argument: {
        name: string;
        value: string;
      };
      context?: {
        arguments?: {
          [k: string]: string;
        };
      };
      ref: T.PromptReference | T.ResourceTemplateReference;
    }>;
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
    readonly params: import("../common.js").Validator<{
      message: string;
      requestedSchema: {
        properties: {
          [k: string]: T.PrimitiveSchemaDefinition;
        };
        required?: string[];
        type: "object";
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      capabilities: T.ClientCapabilities;
      clientInfo: T.Implementation;
      protocolVersion: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      level: T.LoggingLevel;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        progressToken?: T.ProgressToken;
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      arguments?: {
        [k: string]: string;
      };
      name: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      uri: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      [k: string]: unknown;
      _meta?: {
        progressToken?: T.ProgressToken;
        [k: string]: unknown;
      };
    }>;
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
    readonly params: import("../common.js").Validator<{
      includeContext?: "allServers" | "none" | "thisServer";
      maxTokens: number;
      messages: T.SamplingMessage[];
      metadata?: {
        [k: string]: unknown;
      };
      modelPreferences?: T.ModelPreferences;
      stopSequences?: string[];
      systemPrompt?: string;
      temperature?: number;
    }>;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CreateMessageResult>;
    readonly resultType: "CreateMessageResult";
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
    readonly params: import("../common.js").Validator<{
      arguments?: {
        [k: string]: unknown;
      };
      name: string;
    }>;
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
    readonly params: import("../common.js").Validator<{
      cursor?: string;
    }>;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListToolsResult>;
    readonly resultType: "ListToolsResult";
    readonly sessionFields: readonly [];
  };
};

// generated/2025-06-18/types.d.ts

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
  method: "tools/call";
  params: {
    arguments?: {
      [k: string]: unknown;
    };
    name: string;
  };
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

export interface CancelledNotification {
  method: "notifications/cancelled";
  params: {
    reason?: string;
    requestId: RequestId;
  };
}

export interface ClientCapabilities {
  elicitation?: {
    [k: string]: unknown;
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
    [k: string]: unknown;
  };
}

export type ClientNotification =
  CancelledNotification | InitializedNotification | ProgressNotification | RootsListChangedNotification;

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
  | SetLevelRequest
  | CompleteRequest;

export type ClientResult = Result | CreateMessageResult | ListRootsResult | ElicitResult;

export interface CompleteRequest {
  method: "completion/complete";
  params: {
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
  };
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
  method: "sampling/createMessage";
  params: {
    includeContext?: "allServers" | "none" | "thisServer";
    maxTokens: number;
    messages: SamplingMessage[];
    metadata?: {
      [k: string]: unknown;
    };
    modelPreferences?: ModelPreferences;
    stopSequences?: string[];
    systemPrompt?: string;
    temperature?: number;
  };
}

export interface CreateMessageResult {
  _meta?: {
    [k: string]: unknown;
  };
  content: TextContent | ImageContent | AudioContent;
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
  CallToolRequest: CallToolRequest;
  CallToolResult: CallToolResult;
  CancelledNotification: CancelledNotification;
  ClientCapabilities: ClientCapabilities;
  ClientNotification: ClientNotification;
  ClientRequest: ClientRequest;
  ClientResult: ClientResult;
  CompleteRequest: CompleteRequest;
  CompleteResult: CompleteResult;
  ContentBlock: ContentBlock;
  CreateMessageRequest: CreateMessageRequest;
  CreateMessageResult: CreateMessageResult;
  Cursor: Cursor;
  ElicitRequest: ElicitRequest;
  ElicitResult: ElicitResult;
  EmbeddedResource: EmbeddedResource;
  EmptyResult: EmptyResult;
  EnumSchema: EnumSchema;
  GetPromptRequest: GetPromptRequest;
  GetPromptResult: GetPromptResult;
  ImageContent: ImageContent;
  Implementation: Implementation;
  InitializeRequest: InitializeRequest;
  InitializeResult: InitializeResult;
  InitializedNotification: InitializedNotification;
  JSONRPCError: JSONRPCError;
  JSONRPCMessage: JSONRPCMessage;
  JSONRPCNotification: JSONRPCNotification;
  JSONRPCRequest: JSONRPCRequest;
  JSONRPCResponse: JSONRPCResponse;
  ListPromptsRequest: ListPromptsRequest;
  ListPromptsResult: ListPromptsResult;
  ListResourceTemplatesRequest: ListResourceTemplatesRequest;
  ListResourceTemplatesResult: ListResourceTemplatesResult;
  ListResourcesRequest: ListResourcesRequest;
  ListResourcesResult: ListResourcesResult;
  ListRootsRequest: ListRootsRequest;
  ListRootsResult: ListRootsResult;
  ListToolsRequest: ListToolsRequest;
  ListToolsResult: ListToolsResult;
  LoggingLevel: LoggingLevel;
  LoggingMessageNotification: LoggingMessageNotification;
  ModelHint: ModelHint;
  ModelPreferences: ModelPreferences;
  Notification: Notification;
  NumberSchema: NumberSchema;
  PaginatedRequest: PaginatedRequest;
  PaginatedResult: PaginatedResult;
  PingRequest: PingRequest;
  PrimitiveSchemaDefinition: PrimitiveSchemaDefinition;
  ProgressNotification: ProgressNotification;
  ProgressToken: ProgressToken;
  Prompt: Prompt;
  PromptArgument: PromptArgument;
  PromptListChangedNotification: PromptListChangedNotification;
  PromptMessage: PromptMessage;
  PromptReference: PromptReference;
  ReadResourceRequest: ReadResourceRequest;
  ReadResourceResult: ReadResourceResult;
  Request: Request;
  RequestId: RequestId;
  Resource: Resource;
  ResourceContents: ResourceContents;
  ResourceLink: ResourceLink;
  ResourceListChangedNotification: ResourceListChangedNotification;
  ResourceTemplate: ResourceTemplate;
  ResourceTemplateReference: ResourceTemplateReference;
  ResourceUpdatedNotification: ResourceUpdatedNotification;
  Result: Result;
  Role: Role;
  Root: Root;
  RootsListChangedNotification: RootsListChangedNotification;
  SamplingMessage: SamplingMessage;
  ServerCapabilities: ServerCapabilities;
  ServerNotification: ServerNotification;
  ServerRequest: ServerRequest;
  ServerResult: ServerResult;
  SetLevelRequest: SetLevelRequest;
  StringSchema: StringSchema;
  SubscribeRequest: SubscribeRequest;
  TextContent: TextContent;
  TextResourceContents: TextResourceContents;
  Tool: Tool;
  ToolAnnotations: ToolAnnotations;
  ToolListChangedNotification: ToolListChangedNotification;
  UnsubscribeRequest: UnsubscribeRequest;
}

export interface ElicitRequest {
  method: "elicitation/create";
  params: {
    message: string;
    requestedSchema: {
      properties: {
        [k: string]: PrimitiveSchemaDefinition;
      };
      required?: string[];
      type: "object";
    };
  };
}

export interface ElicitResult {
  _meta?: {
    [k: string]: unknown;
  };
  action: "accept" | "cancel" | "decline";
  content?: {
    [k: string]: string | number | boolean;
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

export interface EnumSchema {
  description?: string;
  enum: string[];
  enumNames?: string[];
  title?: string;
  type: "string";
}

export interface GetPromptRequest {
  method: "prompts/get";
  params: {
    arguments?: {
      [k: string]: string;
    };
    name: string;
  };
}

export interface GetPromptResult {
  _meta?: {
    [k: string]: unknown;
  };
  description?: string;
  messages: PromptMessage[];
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
  name: string;
  title?: string;
  version: string;
}

export interface InitializeRequest {
  method: "initialize";
  params: {
    capabilities: ClientCapabilities;
    clientInfo: Implementation;
    protocolVersion: string;
  };
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
  method: "notifications/initialized";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface JSONRPCError {
  error: {
    code: number;
    data?: unknown;
    message: string;
  };
  id: RequestId;
  jsonrpc: "2.0";
}

export type JSONRPCMessage = JSONRPCRequest | JSONRPCNotification | JSONRPCResponse | JSONRPCError;

export interface JSONRPCNotification {
  jsonrpc: "2.0";
  method: string;
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface JSONRPCRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: string;
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface JSONRPCResponse {
  id: RequestId;
  jsonrpc: "2.0";
  result: Result;
}

export interface ListPromptsRequest {
  method: "prompts/list";
  params?: {
    cursor?: string;
  };
}

export interface ListPromptsResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  prompts: Prompt[];
}

export interface ListResourceTemplatesRequest {
  method: "resources/templates/list";
  params?: {
    cursor?: string;
  };
}

export interface ListResourceTemplatesResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  resourceTemplates: ResourceTemplate[];
}

export interface ListResourcesRequest {
  method: "resources/list";
  params?: {
    cursor?: string;
  };
}

export interface ListResourcesResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
  resources: Resource[];
}

export interface ListRootsRequest {
  method: "roots/list";
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface ListRootsResult {
  _meta?: {
    [k: string]: unknown;
  };
  roots: Root[];
}

export interface ListToolsRequest {
  method: "tools/list";
  params?: {
    cursor?: string;
  };
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
  method: "notifications/message";
  params: {
    data: unknown;
    level: LoggingLevel;
    logger?: string;
  };
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

export interface Notification {
  method: string;
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface NumberSchema {
  description?: string;
  maximum?: number;
  minimum?: number;
  title?: string;
  type: "integer" | "number";
}

export interface PaginatedRequest {
  method: string;
  params?: {
    cursor?: string;
  };
}

export interface PaginatedResult {
  _meta?: {
    [k: string]: unknown;
  };
  nextCursor?: string;
}

export interface PingRequest {
  method: "ping";
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export type PrimitiveSchemaDefinition = StringSchema | NumberSchema | BooleanSchema | EnumSchema;

export interface ProgressNotification {
  method: "notifications/progress";
  params: {
    message?: string;
    progress: number;
    progressToken: ProgressToken;
    total?: number;
  };
}

export type ProgressToken = string | number;

export interface Prompt {
  _meta?: {
    [k: string]: unknown;
  };
  arguments?: PromptArgument[];
  description?: string;
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
  method: "notifications/prompts/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
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
  method: "resources/read";
  params: {
    uri: string;
  };
}

export interface ReadResourceResult {
  _meta?: {
    [k: string]: unknown;
  };
  contents: (TextResourceContents | BlobResourceContents)[];
}

export interface Request {
  method: string;
  params?: {
    _meta?: {
      progressToken?: ProgressToken;
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export type RequestId = string | number;

export interface Resource {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  description?: string;
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
  mimeType?: string;
  name: string;
  size?: number;
  title?: string;
  type: "resource_link";
  uri: string;
}

export interface ResourceListChangedNotification {
  method: "notifications/resources/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface ResourceTemplate {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: Annotations;
  description?: string;
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
  method: "notifications/resources/updated";
  params: {
    uri: string;
  };
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
  method: "notifications/roots/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface SamplingMessage {
  content: TextContent | ImageContent | AudioContent;
  role: Role;
}

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
  tools?: {
    listChanged?: boolean;
  };
}

export type ServerNotification =
  | CancelledNotification
  | ProgressNotification
  | ResourceListChangedNotification
  | ResourceUpdatedNotification
  | PromptListChangedNotification
  | ToolListChangedNotification
  | LoggingMessageNotification;

export type ServerRequest = PingRequest | CreateMessageRequest | ListRootsRequest | ElicitRequest;

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
  | CompleteResult;

export interface SetLevelRequest {
  method: "logging/setLevel";
  params: {
    level: LoggingLevel;
  };
}

export interface StringSchema {
  description?: string;
  format?: "date" | "date-time" | "email" | "uri";
  maxLength?: number;
  minLength?: number;
  title?: string;
  type: "string";
}

export interface SubscribeRequest {
  method: "resources/subscribe";
  params: {
    uri: string;
  };
}

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

export interface Tool {
  _meta?: {
    [k: string]: unknown;
  };
  annotations?: ToolAnnotations;
  description?: string;
  inputSchema: {
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

export interface ToolListChangedNotification {
  method: "notifications/tools/list_changed";
  params?: {
    _meta?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
}

export interface UnsubscribeRequest {
  method: "resources/unsubscribe";
  params: {
    uri: string;
  };
}

// generated/ext-skills/index.d.ts

export declare const revision: {
  readonly name: "ext-skills";
  readonly sha256: "035cfc7f74ac6d9edf12f8cd97601a0ebae92eafa4325ee0ccea9c504e6fe74a";
  readonly dialect: "2020-12";
  readonly stateful: false;
  readonly batching: false;
  readonly primingEvents: false;
  readonly envelope: null;
  readonly requests: typeof requests;
  readonly notifications: typeof notifications;
  readonly validators: typeof validators.exports;
};

// generated/ext-skills/methods.d.ts

export declare const notifications: {};

export declare const requests: {
  readonly "resources/directory/read": {
    readonly method: "resources/directory/read";
    readonly type: "ReadResourceDirectoryRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.ReadResourceDirectoryRequest>;
    readonly params: import("../common.js").Validator<
      NonNullable<
        {
          [k: string]: unknown;
        } & {
          uri: string;
          cursor?: string;
        }
      >
    >;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.ReadResourceDirectoryResult>;
    readonly resultType: "ReadResourceDirectoryResult";
    readonly sessionFields: readonly ["resultType"];
  };
  readonly "skills/get": {
    readonly method: "skills/get";
    readonly type: "GetSkillRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.GetSkillRequest>;
    readonly params: import("../common.js").Validator<
      NonNullable<
        {
          [k: string]: unknown;
        } & {
          uri: string;
        }
      >
    >;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.GetSkillResult>;
    readonly resultType: "GetSkillResult";
    readonly sessionFields: readonly ["resultType", "ttlMs", "cacheScope"];
  };
  readonly "skills/list": {
    readonly method: "skills/list";
    readonly type: "ListSkillsRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.ListSkillsRequest>;
    readonly params: import("../common.js").Validator<
      {
        [k: string]: unknown;
      } & {
        cursor?: string;
      }
    >;
    readonly paramsRequired: false;
    readonly result: import("../common.js").Validator<T.ListSkillsResult>;
    readonly resultType: "ListSkillsResult";
    readonly sessionFields: readonly ["resultType", "ttlMs", "cacheScope"];
  };
};

// generated/ext-skills/types.d.ts

export interface Annotations {
  audience?: Role[];
  lastModified?: string;
  priority?: number;
}

export type GetSkillRequest = JSONRPCRequest & {
  method: "skills/get";
  params: {
    uri: string;
  };
};

export type GetSkillResult = Result & {
  resultType: "complete";
  skill: Skill;
  ttlMs: number;
  cacheScope: "private" | "public";
};

export interface Icon {
  mimeType?: string;
  sizes?: string[];
  src: string;
  theme?: "dark" | "light";
}

export interface Implementation {
  description?: string;
  icons?: Icon[];
  name: string;
  title?: string;
  version: string;
  websiteUrl?: string;
}

export interface JSONRPCRequest {
  id: RequestId;
  jsonrpc: "2.0";
  method: string;
  params?: {
    [k: string]: unknown;
  };
}

export type ListSkillsRequest = JSONRPCRequest & {
  method: "skills/list";
  params?: {
    cursor?: string;
  };
};

export type ListSkillsResult = Result & {
  resultType: "complete";
  skills: Skill[];
  nextCursor?: string;
  ttlMs: number;
  cacheScope: "private" | "public";
};

export interface MetaObject {}

export type ReadResourceDirectoryRequest = JSONRPCRequest & {
  method: "resources/directory/read";
  params: {
    uri: string;
    cursor?: string;
  };
};

export type ReadResourceDirectoryResult = Result & {
  resultType: "complete";
  resources: Resource[];
  nextCursor?: string;
};

export type RequestId = string | number;

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

export interface Result {
  _meta?: ResultMetaObject;
  resultType?: string;
  [k: string]: unknown;
}

export interface ResultMetaObject {
  "io.modelcontextprotocol/serverInfo"?: Implementation;
}

export type Role = "assistant" | "user";

// generated/ext-tasks/index.d.ts

export declare const revision: {
  readonly name: "ext-tasks";
  readonly sha256: "10933a5003097bbccb03d964e6a5f7a2819cc4d7a1d07e27c6765cbf5da35c5c";
  readonly dialect: "2020-12";
  readonly stateful: false;
  readonly batching: false;
  readonly primingEvents: false;
  readonly envelope: null;
  readonly requests: typeof requests;
  readonly notifications: typeof notifications;
  readonly validators: typeof validators.exports;
};

// generated/ext-tasks/methods.d.ts

export declare const notifications: {
  readonly "notifications/tasks": {
    readonly method: "notifications/tasks";
    readonly type: "TaskStatusNotification";
    readonly directions: readonly ["serverToClient"];
    readonly capability: null;
    readonly notification: import("../common.js").Validator<T.TaskStatusNotification>;
    readonly params: import("../common.js").Validator<
      NonNullable<
        (
          | {
              [k: string]: unknown;
            }
          | undefined
        ) &
          (T.NotificationParams &
            ((
              | {
                  taskId: string;
                  status: "working";
                  statusMessage?: string;
                  createdAt: string;
                  lastUpdatedAt: string;
                  ttlMs: number | null;
                  pollIntervalMs?: number;
                }
              | {
                  taskId: string;
                  status: "input_required";
                  statusMessage?: string;
                  createdAt: string;
                  lastUpdatedAt: string;
                  ttlMs: number | null;
                  pollIntervalMs?: number;
                  inputRequests: T.InputRequests;
                }
              | {
                  taskId: string;
                  status: "completed";
                  statusMessage?: string;
                  createdAt: string;
                  lastUpdatedAt: string;
                  ttlMs: number | null;
                  pollIntervalMs?: number;
                  result: {
                    [k: string]: unknown;
                  };
                }
              | {
                  taskId: string;
                  status: "failed";
                  statusMessage?: string;
                  createdAt: string;
                  lastUpdatedAt: string;
                  ttlMs: number | null;
                  pollIntervalMs?: number;
                  error: T.Error;
                }
              | {
                  taskId: string;
                  status: "cancelled";
                  statusMessage?: string;
                  createdAt: string;
                  lastUpdatedAt: string;
                  ttlMs: number | null;
                  pollIntervalMs?: number;
                }
            ) & {
              [k: string]: unknown;
            }))
      >
    >;
    readonly paramsRequired: true;
  };
};

export declare const requests: {
  readonly "tasks/cancel": {
    readonly method: "tasks/cancel";
    readonly type: "CancelTaskRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.CancelTaskRequest>;
    readonly params: import("../common.js").Validator<
      NonNullable<
        {
          [k: string]: unknown;
        } & {
          taskId: string;
        }
      >
    >;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.CancelTaskResult>;
    readonly resultType: "CancelTaskResult";
    readonly sessionFields: readonly ["resultType"];
  };
  readonly "tasks/get": {
    readonly method: "tasks/get";
    readonly type: "GetTaskRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.GetTaskRequest>;
    readonly params: import("../common.js").Validator<
      NonNullable<
        {
          [k: string]: unknown;
        } & {
          taskId: string;
        }
      >
    >;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.GetTaskResult>;
    readonly resultType: "GetTaskResult";
    readonly sessionFields: readonly ["resultType"];
  };
  readonly "tasks/update": {
    readonly method: "tasks/update";
    readonly type: "UpdateTaskRequest";
    readonly directions: readonly ["clientToServer"];
    readonly capability: null;
    readonly request: import("../common.js").Validator<T.UpdateTaskRequest>;
    readonly params: import("../common.js").Validator<
      NonNullable<
        {
          [k: string]: unknown;
        } & {
          taskId: string;
          inputResponses: T.InputResponses;
        }
      >
    >;
    readonly paramsRequired: true;
    readonly result: import("../common.js").Validator<T.UpdateTaskResult>;
    readonly resultType: "UpdateTaskResult";
    readonly sessionFields: readonly ["resultType"];
  };
};

// generated/ext-tasks/types.d.ts

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

export type CancelTaskRequest = JSONRPCRequest & {
  method: "tasks/cancel";
  params: {
    taskId: string;
  };
};

export type CancelTaskResult = Result & {
  resultType: "complete";
};

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

export interface Error {
  code: number;
  data?: unknown;
  message: string;
}

export type GetTaskRequest = JSONRPCRequest & {
  method: "tasks/get";
  params: {
    taskId: string;
  };
};

export type GetTaskResult = Result &
  (
    | {
        taskId: string;
        status: "working";
        statusMessage?: string;
        createdAt: string;
        lastUpdatedAt: string;
        ttlMs: number | null;
        pollIntervalMs?: number;
      }
    | {
        taskId: string;
        status: "input_required";
        statusMessage?: string;
        createdAt: string;
        lastUpdatedAt: string;
        ttlMs: number | null;
        pollIntervalMs?: number;
        inputRequests: InputRequests;
      }
    | {
        taskId: string;
        status: "completed";
        statusMessage?: string;
        createdAt: string;
        lastUpdatedAt: string;
        ttlMs: number | null;
        pollIntervalMs?: number;
        result: {
          [k: string]: unknown;
        };
      }
    | {
        taskId: string;
        status: "failed";
        statusMessage?: string;
        createdAt: string;
        lastUpdatedAt: string;
        ttlMs: number | null;
        pollIntervalMs?: number;
        error: Error;
      }
    | {
        taskId: string;
        status: "cancelled";
        statusMessage?: string;
        createdAt: string;
        lastUpdatedAt: string;
        ttlMs: number | null;
        pollIntervalMs?: number;
      }
  ) & {
    resultType: "complete";
  };

export interface Icon {
  mimeType?: string;
  sizes?: string[];
  src: string;
  theme?: "dark" | "light";
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

export type InputResponse = CreateMessageResult | ListRootsResult | ElicitResult;

export interface InputResponses {
  [k: string]: InputResponse;
}

export interface JSONObject {
  [k: string]: JSONValue;
}

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

export type JSONValue = JSONObject | JSONValue[] | (string | number | boolean);

export interface LegacyTitledEnumSchema {
  default?: string;
  description?: string;
  enum: string[];
  enumNames?: string[];
  title?: string;
  type: "string";
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

export interface MetaObject {}

export interface ModelHint {
  name?: string;
}

export interface ModelPreferences {
  costPriority?: number;
  hints?: ModelHint[];
  intelligencePriority?: number;
  speedPriority?: number;
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

export type PrimitiveSchemaDefinition =
  | StringSchema
  | NumberSchema
  | BooleanSchema
  | UntitledSingleSelectEnumSchema
  | TitledSingleSelectEnumSchema
  | UntitledMultiSelectEnumSchema
  | TitledMultiSelectEnumSchema
  | LegacyTitledEnumSchema;

export type RequestId = string | number;

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

export interface Result {
  _meta?: ResultMetaObject;
  resultType?: string;
  [k: string]: unknown;
}

export interface ResultMetaObject {
  "io.modelcontextprotocol/serverInfo"?: Implementation;
}

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

export interface StringSchema {
  default?: string;
  description?: string;
  format?: "date" | "date-time" | "email" | "uri";
  maxLength?: number;
  minLength?: number;
  title?: string;
  type: "string";
}

export type TaskStatusNotification = JSONRPCNotification & {
  method: "notifications/tasks";
  params: NotificationParams &
    (
      | {
          taskId: string;
          status: "working";
          statusMessage?: string;
          createdAt: string;
          lastUpdatedAt: string;
          ttlMs: number | null;
          pollIntervalMs?: number;
        }
      | {
          taskId: string;
          status: "input_required";
          statusMessage?: string;
          createdAt: string;
          lastUpdatedAt: string;
          ttlMs: number | null;
          pollIntervalMs?: number;
          inputRequests: InputRequests;
        }
      | {
          taskId: string;
          status: "completed";
          statusMessage?: string;
          createdAt: string;
          lastUpdatedAt: string;
          ttlMs: number | null;
          pollIntervalMs?: number;
          result: {
            [k: string]: unknown;
          };
        }
      | {
          taskId: string;
          status: "failed";
          statusMessage?: string;
          createdAt: string;
          lastUpdatedAt: string;
          ttlMs: number | null;
          pollIntervalMs?: number;
          error: Error;
        }
      | {
          taskId: string;
          status: "cancelled";
          statusMessage?: string;
          createdAt: string;
          lastUpdatedAt: string;
          ttlMs: number | null;
          pollIntervalMs?: number;
        }
    ) & {
      [k: string]: unknown;
    };
};

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

export type UpdateTaskRequest = JSONRPCRequest & {
  method: "tasks/update";
  params: {
    taskId: string;
    inputResponses: InputResponses;
  };
};

export type UpdateTaskResult = Result & {
  resultType: "complete";
};

// generated/surface/client.d.ts

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
  ): Promise<T4.CompleteResult>;
  setLevel(params: CallerParams<RequestMap["logging/setLevel"]["params"]>, options?: Options): Promise<T3.EmptyResult>;
  ping(params?: CallerParams<RequestMap["ping"]["params"]>, options?: Options): Promise<T3.EmptyResult>;
  getPrompt(
    name: string,
    args?: CallerParams<RequestMap["prompts/get"]["params"]>["arguments"],
    options?: Options,
  ): Promise<T4.GetPromptResult>;
  getPrompt(params: CallerParams<RequestMap["prompts/get"]["params"]>, options?: Options): Promise<T4.GetPromptResult>;
  listPrompts(
    params?: CallerParams<RequestMap["prompts/list"]["params"]>,
    options?: Options,
  ): Promise<T4.ListPromptsResult>;
  listResources(
    params?: CallerParams<RequestMap["resources/list"]["params"]>,
    options?: Options,
  ): Promise<T4.ListResourcesResult>;
  readResource(uri: string, options?: Options): Promise<T4.ReadResourceResult>;
  readResource(
    params: CallerParams<RequestMap["resources/read"]["params"]>,
    options?: Options,
  ): Promise<T4.ReadResourceResult>;
  subscribe(
    params: CallerParams<RequestMap["resources/subscribe"]["params"]>,
    options?: Options,
  ): Promise<T3.EmptyResult>;
  listResourceTemplates(
    params?: CallerParams<RequestMap["resources/templates/list"]["params"]>,
    options?: Options,
  ): Promise<T4.ListResourceTemplatesResult>;
  unsubscribe(
    params: CallerParams<RequestMap["resources/unsubscribe"]["params"]>,
    options?: Options,
  ): Promise<T3.EmptyResult>;
  discover(
    params?: CallerParams<RequestMap["server/discover"]["params"]>,
    options?: Options,
  ): Promise<T4.DiscoverResult>;
  subscriptionsListen(
    params: CallerParams<RequestMap["subscriptions/listen"]["params"]>,
    options?: Options,
  ): Promise<T4.SubscriptionsListenResult>;
  cancelTask(
    params: CallerParams<RequestMap["tasks/cancel"]["params"]>,
    options?: Options,
  ): Promise<T3.CancelTaskResult>;
  getTask(params: CallerParams<RequestMap["tasks/get"]["params"]>, options?: Options): Promise<T3.GetTaskResult>;
  listTasks(params?: CallerParams<RequestMap["tasks/list"]["params"]>, options?: Options): Promise<T3.ListTasksResult>;
  getTaskPayload(
    params: CallerParams<RequestMap["tasks/result"]["params"]>,
    options?: Options,
  ): Promise<T3.GetTaskPayloadResult>;
  callTool(
    name: string,
    args?: CallerParams<RequestMap["tools/call"]["params"]>["arguments"],
    options?: Options,
  ): Promise<T4.CallToolResult>;
  callTool(params: CallerParams<RequestMap["tools/call"]["params"]>, options?: Options): Promise<T4.CallToolResult>;
  listTools(params?: CallerParams<RequestMap["tools/list"]["params"]>, options?: Options): Promise<T4.ListToolsResult>;
  sendCancelled(
    params: CallerParams<NotificationMap["notifications/cancelled"]["params"]>,
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
  onSubscriptionsAcknowledged(
    handler: ClientNotificationHandlers<Ctx>["notifications/subscriptions/acknowledged"],
  ): this;
  onTaskStatus(handler: ClientNotificationHandlers<Ctx>["notifications/tasks/status"]): this;
  onToolListChanged(handler: ClientNotificationHandlers<Ctx>["notifications/tools/list_changed"]): this;
}

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
  "notifications/subscriptions/acknowledged": (
    params: NotificationMap["notifications/subscriptions/acknowledged"]["params"],
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

// generated/surface/methods.d.ts

export type ClientNotificationMethod =
  | "notifications/cancelled"
  | "notifications/initialized"
  | "notifications/progress"
  | "notifications/roots/list_changed"
  | "notifications/tasks/status";

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
  | "server/discover"
  | "subscriptions/listen"
  | "tasks/cancel"
  | "tasks/get"
  | "tasks/list"
  | "tasks/result"
  | "tools/call"
  | "tools/list";

export interface NotificationMap {
  "notifications/cancelled": M4.NotificationMap["notifications/cancelled"];
  "notifications/elicitation/complete": M3.NotificationMap["notifications/elicitation/complete"];
  "notifications/initialized": M3.NotificationMap["notifications/initialized"];
  "notifications/message": M4.NotificationMap["notifications/message"];
  "notifications/progress": M4.NotificationMap["notifications/progress"];
  "notifications/prompts/list_changed": M4.NotificationMap["notifications/prompts/list_changed"];
  "notifications/resources/list_changed": M4.NotificationMap["notifications/resources/list_changed"];
  "notifications/resources/updated": M4.NotificationMap["notifications/resources/updated"];
  "notifications/roots/list_changed": M3.NotificationMap["notifications/roots/list_changed"];
  "notifications/subscriptions/acknowledged": M4.NotificationMap["notifications/subscriptions/acknowledged"];
  "notifications/tasks/status": M3.NotificationMap["notifications/tasks/status"];
  "notifications/tools/list_changed": M4.NotificationMap["notifications/tools/list_changed"];
}

export interface RequestMap {
  "completion/complete": M4.RequestMap["completion/complete"];
  "elicitation/create": M3.RequestMap["elicitation/create"];
  initialize: M3.RequestMap["initialize"];
  "logging/setLevel": M3.RequestMap["logging/setLevel"];
  ping: M3.RequestMap["ping"];
  "prompts/get": M4.RequestMap["prompts/get"];
  "prompts/list": M4.RequestMap["prompts/list"];
  "resources/list": M4.RequestMap["resources/list"];
  "resources/read": M4.RequestMap["resources/read"];
  "resources/subscribe": M3.RequestMap["resources/subscribe"];
  "resources/templates/list": M4.RequestMap["resources/templates/list"];
  "resources/unsubscribe": M3.RequestMap["resources/unsubscribe"];
  "roots/list": M3.RequestMap["roots/list"];
  "sampling/createMessage": M3.RequestMap["sampling/createMessage"];
  "server/discover": M4.RequestMap["server/discover"];
  "subscriptions/listen": M4.RequestMap["subscriptions/listen"];
  "tasks/cancel": M3.RequestMap["tasks/cancel"];
  "tasks/get": M3.RequestMap["tasks/get"];
  "tasks/list": M3.RequestMap["tasks/list"];
  "tasks/result": M3.RequestMap["tasks/result"];
  "tools/call": M4.RequestMap["tools/call"];
  "tools/list": M4.RequestMap["tools/list"];
}

// src/auth/client/dpop.d.ts

type KeySource =
  | {
      privateKey: CryptoKey;
      publicKey: CryptoKey;
    }
  | (() =>
      | {
          privateKey: CryptoKey;
          publicKey: CryptoKey;
        }
      | undefined
      | Promise<
          | {
              privateKey: CryptoKey;
              publicKey: CryptoKey;
            }
          | undefined
        >);

// src/auth/client/metadata-fetch.d.ts

export declare class MetadataFetcher {
  #private;
  constructor(options?: DiscoveryFetchOptions);
  get sent(): number;
  get(url: URL, step: OAuthFlowStep): Promise<MetadataResponse>;
  endpointFetch(step: OAuthFlowStep): (url: string, init: RequestInit) => Promise<Response>;
}

export interface MetadataResponse {
  status: number;
  url: URL;
  headers: Headers;
  body: string;
}

// src/client/client-session-group.d.ts

type Prompt = RequestMap["prompts/list"]["result"]["prompts"][number];

type Resource = RequestMap["resources/list"]["result"]["resources"][number];

type Tool = RequestMap["tools/list"]["result"]["tools"][number];

// src/client/input-required.d.ts

export type InputAnswerer = (method: string, params: unknown, key: string, request: string) => Promise<unknown>;

// src/client/skills.d.ts

export interface SkillCalls {
  call(method: string, params: Record<string, unknown> | undefined, options?: ClientRequestOptions): Promise<unknown>;
  serverCapabilities(): unknown;
}

export interface SkillRequester {
  request(method: never, params?: never, options?: ClientRequestOptions): Promise<unknown>;
}

// src/client/subscriptions.d.ts

export declare class SubscriptionFeed {
  id: RequestId | undefined;
  readonly queue: SubscriptionNotification[];
  readonly waiting: {
    resolve(r: IteratorResult<SubscriptionNotification>): void;
    reject(e: unknown): void;
  }[];
  ended:
    | {
        error?: unknown;
      }
    | undefined;
  acknowledge: (filter: SubscriptionFilter) => void;
  refuse: (error: unknown) => void;
  readonly acknowledged: Promise<SubscriptionFilter>;
  constructor();
  deliver(notification: SubscriptionNotification): void;
  end(error?: unknown): void;
}

// src/client/types.d.ts

export type Prompt = RequestMap["prompts/list"]["result"]["prompts"][number];

export type RequestResult<M extends ClientRequestMethod> = RequestMap[M]["result"];

export type Resource = RequestMap["resources/list"]["result"]["resources"][number];

export type ResourceTemplate = RequestMap["resources/templates/list"]["result"]["resourceTemplates"][number];

export type Tool = RequestMap["tools/list"]["result"]["tools"][number];

// src/protocol/inbound.d.ts

export interface BaseContext {
  readonly requestId: RequestId;
  readonly method: string;
  readonly signal: AbortSignal;
  readonly meta: Readonly<Record<string, unknown>> | undefined;
}

export declare class InboundRequest implements BaseContext {
  #private;
  readonly requestId: RequestId;
  readonly method: string;
  readonly meta: Readonly<Record<string, unknown>> | undefined;
  constructor(requestId: RequestId, method: string, params: unknown);
  get signal(): AbortSignal;
  get cancelled(): boolean;
  get answered(): boolean;
  markAnswered(): void;
  cancel(reason: string): void;
}

export type RequestId = string | number;

// src/protocol/transport.d.ts

export interface MessageInfo {
  readonly auth?: AuthInfo;
  readonly headers?: HttpHeaders;
}

export interface SendOptions {
  relatedRequestId?: string | number;
  headers?: Record<string, string>;
}
