// API report for "mcpkit/server", made by scripts/api-report.ts from dist/: do not edit, run `npm run api`.

export type AskOptions = RequestOptions & {
  inputKey?: string;
};

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

export interface AuthInfo {
  readonly token: string;
  readonly tokenType: "Bearer" | "DPoP";
  readonly subject?: string;
  readonly clientId?: string;
  readonly scopes: readonly string[];
  readonly expiresAt?: number;
  readonly audience: readonly string[];
  readonly claims: Readonly<Record<string, unknown>>;
}

export interface AuthSettings {
  issuer?: string;
  resource?: string;
  authorizationServers?: readonly string[];
  requiredScopes?: readonly string[];
  scopesSupported?: readonly string[];
  resourceName?: string;
  verifier: TokenVerifier;
  dpop?: boolean | DpopOptions;
}

export type AuthorizationOutcome =
  | {
      readonly subject: string;
      readonly scopes?: readonly string[];
    }
  | {
      readonly error: "access_denied" | "login_required" | "consent_required";
      readonly description?: string;
    }
  | Response;

export interface AuthorizationRequest {
  readonly client: OAuthClient;
  readonly redirectUri: string;
  readonly redirectUriSent: boolean;
  readonly state?: string;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
  readonly resource: string;
}

export declare class AuthorizationServer {
  #private;
  readonly issuer: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  constructor(options: AuthorizationServerOptions);
  routes(): readonly AuthorizationServerRoute[];
  mount(app: { route(method: string, path: string, handler: AuthorizationServerRoute["handler"]): unknown }): void;
  handle(request: Request): Response | Promise<Response> | undefined;
  verifier(): TokenVerifier;
  jwks(): ReturnType<TokenSigner["jwks"]>;
  approve(request: AuthorizationRequest, subject: string, scopes?: readonly string[]): Promise<Response>;
}

export interface AuthorizationServerOptions {
  issuer: string;
  provider: AuthorizationServerProvider;
  resources: readonly string[];
  scopesSupported?: readonly string[];
  signingKey?: JWK;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  codeTtlSeconds?: number;
  tokenEndpointAuthMethods?: readonly ClientAuthMethod[];
  registration?: RegistrationOptions | false;
  clientIdMetadataDocuments?: ClientMetadataDocumentOptions | false;
}

export interface AuthorizationServerProvider {
  getClient(clientId: string): Promise<OAuthClient | undefined>;
  registerClient?(client: OAuthClient): Promise<void>;
  authorize(request: AuthorizationRequest, http: Request): Promise<AuthorizationOutcome>;
  routes?(finish: FinishAuthorization): readonly ProviderRoute[];
  saveCode(hash: string, record: CodeRecord): Promise<void>;
  useCode(hash: string): Promise<UsedRecord<CodeRecord> | undefined>;
  saveRefreshToken(hash: string, record: RefreshRecord): Promise<void>;
  useRefreshToken(hash: string): Promise<UsedRecord<RefreshRecord> | undefined>;
  peekRefreshToken(hash: string): Promise<RefreshRecord | undefined>;
  revokeGrant(grantId: string, until: number): Promise<void>;
  revokeAccessToken(jti: string, until: number): Promise<void>;
  isRevoked(jti: string, grantId: string | undefined): Promise<boolean>;
}

export interface AuthorizationServerRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: (request: Request) => Response | Promise<Response>;
}

export interface BearerGuardOptions {
  resource: string;
  resourceMetadataUrl: string;
  requiredScopes?: readonly string[];
  verifier: TokenVerifier;
  dpop?: DpopVerifier;
  logger?: Logger;
}

export interface CacheHints {
  ttlMs?: number;
  cacheScope?: "public" | "private";
}

export type CapabilityContributor = (revision: RevisionSpec, capabilities: ServerCapabilities) => ServerCapabilities;

export type ClientAuthMethod = "none" | "client_secret_basic" | "client_secret_post" | "private_key_jwt";

export type ClientCapabilities = RequestMap["initialize"]["params"]["capabilities"];

export type ClientInfo = RequestMap["initialize"]["params"]["clientInfo"];

export interface ClientMetadataDocumentOptions extends RemoteFetchOptions {
  cacheTtlMs?: number;
  maxEntries?: number;
}

export interface CodeRecord {
  readonly grantId: string;
  readonly clientId: string;
  readonly subject: string;
  readonly redirectUri: string;
  readonly redirectUriSent: boolean;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
  readonly resource: string;
  readonly expiresAt: number;
}

export type Completer = (
  value: string,
  context: {
    arguments: Record<string, string>;
    auth?: AuthInfo | undefined;
    headers?: HttpHeaders | undefined;
  },
) => string[] | Promise<string[]>;

export type ConnectSession = (
  transport: Transport,
  options?: {
    preinitialized?: string;
    stateless?: boolean;
    restored?: RestoredSession;
  },
) => Promise<unknown>;

export declare class Context {
  #private;
  constructor(request: ServerRequestContext, host: ContextHost, channel?: InputChannel);
  redirectInputs(channel: InputChannel): void;
  bindTask(starter: TaskStarter): void;
  startTask(): Promise<boolean>;
  get request(): ServerRequestContext;
  get requestId(): string | number;
  get signal(): AbortSignal;
  get session(): ServerSession;
  get meta(): Readonly<Record<string, unknown>> | undefined;
  get clientCapabilities(): ClientCapabilities | undefined;
  get clientInfo(): ClientInfo | undefined;
  get auth(): AuthInfo | undefined;
  get headers(): ServerRequestContext["headers"];
  get protocolVersion(): ServerRequestContext["protocolVersion"];
  reportProgress(progress: number, total?: number, message?: string): Promise<void>;
  closeSseStream(): boolean;
  get log(): ContextLog;
  readResource(uri: string): Promise<RequestMap["resources/read"]["result"]>;
  sample(
    messages: string | SamplingMessage[],
    options?: SampleOptions,
  ): Promise<RequestMap["sampling/createMessage"]["result"]>;
  elicit<S extends SchemaInput>(message: string, schema: S, options?: AskOptions): Promise<ElicitOutcome<Infer<S>>>;
  elicitUrl(
    message: string,
    url: string,
    elicitationId?: string,
    options?: AskOptions,
  ): Promise<RequestMap["elicitation/create"]["result"]>;
  listRoots(options?: AskOptions): Promise<RequestMap["roots/list"]["result"]["roots"]>;
}

export interface ContextLog {
  debug(message: string, data?: Record<string, unknown>): Promise<void>;
  info(message: string, data?: Record<string, unknown>): Promise<void>;
  notice(message: string, data?: Record<string, unknown>): Promise<void>;
  warning(message: string, data?: Record<string, unknown>): Promise<void>;
  error(message: string, data?: Record<string, unknown>): Promise<void>;
}

export declare const DEFAULT_DPOP_ALGORITHMS: readonly string[];

export declare const DEFAULT_JWT_ALGORITHMS: readonly string[];

export interface DpopFailure {
  readonly error: "invalid_dpop_proof" | "use_dpop_nonce";
  readonly description: string;
  readonly nonce?: string;
}

export interface DpopOptions {
  required?: boolean;
  algorithms?: readonly string[];
  maxAgeSec?: number;
  clockToleranceSec?: number;
  maxReplayEntries?: number;
  replayCache?: ReplayCache;
  nonces?: boolean;
  nonceLifetimeSec?: number;
  nonceSecret?: string | Uint8Array;
}

export interface DpopRequest {
  readonly method: string;
  readonly url: string;
  readonly proof: string | readonly string[] | undefined;
  readonly token: string;
}

export declare class DpopVerifier {
  #private;
  readonly required: boolean;
  readonly algorithms: readonly string[];
  constructor(options?: DpopOptions);
  nonce(now?: number): string;
  check(request: DpopRequest): Promise<
    | {
        jkt: string;
      }
    | DpopFailure
  >;
}

export interface DynamicSkill {
  path: string;
  description: string;
  frontmatter?: Record<string, unknown>;
  files?: readonly string[];
  read(file: string, ctx: Context): string | Uint8Array | Promise<string | Uint8Array>;
}

export type ElicitOutcome<T> =
  | {
      action: "accept";
      content: T;
    }
  | {
      action: "decline" | "cancel";
    };

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

export interface EventStore {
  storeEvent(streamId: string, message: unknown): string | Promise<string>;
  replayEventsAfter(
    lastEventId: string,
    send: (eventId: string, message: unknown) => void,
  ): string | undefined | Promise<string | undefined>;
  forgetStream?(streamId: string): void;
  firstEvent?(streamId: string):
    | {
        id: string;
        message: unknown;
      }
    | undefined
    | Promise<
        | {
            id: string;
            message: unknown;
          }
        | undefined
      >;
}

export interface FastHttpRunOptions extends HttpRunOptions {
  store?: ServerStore;
}

export declare class FastMCP {
  #private;
  readonly server: Server;
  readonly name: string;
  readonly fetch: (request: Request) => Promise<Response>;
  constructor(name: string, options?: FastMCPOptions);
  tool<
    I extends SchemaInput | StandardSchemaV1 | undefined = undefined,
    O extends SchemaInput | StandardSchemaV1 | undefined = undefined,
  >(
    name: string,
    options: ToolOptions<I, O> & {
      input?: NoBareShape<I>;
      output?: NoBareShape<O>;
    },
    handler: ToolHandler<I, O>,
  ): this;
  tool(name: string, handler: ToolHandler<undefined, undefined>): this;
  removeTool(name: string): boolean;
  resource<const T extends string>(uriOrTemplate: T, options: ResourceOptions<T>, handler: ResourceHandler<T>): this;
  resource<const T extends string>(uriOrTemplate: T, handler: ResourceHandler<T>): this;
  removeResource(uriOrTemplate: string): boolean;
  prompt<const A extends Record<string, PromptArgument> = Record<never, PromptArgument>>(
    name: string,
    options: PromptOptions<A>,
    handler: PromptHandler<A>,
  ): this;
  prompt(name: string, handler: PromptHandler<Record<never, PromptArgument>>): this;
  removePrompt(name: string): boolean;
  notifyResourceUpdated(
    uri: string,
    options?: {
      to?: UpdateAudience;
    },
  ): Promise<void>;
  use(middleware: Middleware): this;
  connect(transport: Transport, options?: InitializationOptions): Promise<ServerSession>;
  runStdio(): Promise<void>;
  runHttp(options?: FastHttpRunOptions): Promise<HttpApp>;
  handler(options?: McpHandlerOptions): McpHandler;
  runSse(options?: SseRunOptions): Promise<SseApp>;
  runWebSocket(options?: WebSocketRunOptions): Promise<WebSocketApp>;
  get(path: string, handler: WebHandler): this;
  post(path: string, handler: WebHandler): this;
  put(path: string, handler: WebHandler): this;
  patch(path: string, handler: WebHandler): this;
  delete(path: string, handler: WebHandler): this;
  route(
    method: string,
    path: string,
    handler: WebHandler,
    options?: {
      auth?: boolean;
    },
  ): this;
  skills(folder: string, options?: SkillsOptions): this;
  close(): Promise<void>;
  readResource(uri: string, ctx: Context): Promise<RequestMap["resources/read"]["result"]>;
}

export interface FastMCPOptions {
  version?: string;
  title?: string;
  instructions?: string;
  icons?: Implementation["icons"];
  websiteUrl?: string;
  logger?: Logger;
  requestTimeout?: number;
  cache?: Partial<Record<"tools" | "prompts" | "resources" | "discover", CacheHints>>;
  requestState?: RequestStateOptions;
  tasks?: Omit<TaskManagerOptions, "logger">;
  revisions?: readonly RevisionSpec[];
  auth?: AuthSettings;
}

export type FinishAuthorization = (
  request: AuthorizationRequest,
  outcome: Exclude<AuthorizationOutcome, Response>,
) => Promise<Response>;

export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";

export type GuardOutcome =
  | {
      readonly auth: AuthInfo;
    }
  | {
      readonly refusal: GuardRefusal;
    };

export interface GuardRefusal {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type GuardRequest = Omit<TokenRequest, "resource">;

export type HandledRequestMethod = keyof Handlers;

export interface HealthOptions {
  livePath?: string;
  readyPath?: string;
  ready?: () => boolean | Promise<boolean>;
}

export interface HttpApp extends HttpListener {
  readonly endpointUrl: string;
  readonly endpoint: StreamableHttpServer;
  close(options?: HttpCloseOptions): Promise<void>;
}

export interface HttpCloseOptions {
  timeoutMs?: number;
}

export type HttpHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface HttpListener {
  readonly server: NodeServer;
  readonly url: string;
  close(): Promise<void>;
}

export interface HttpRunOptions extends StreamableHttpServerOptions {
  port?: number;
  host?: string;
  path?: string;
  health?: boolean | HealthOptions;
}

export declare const INSUFFICIENT_SCOPE = -32003;

export type Implementation = RequestMap["initialize"]["result"]["serverInfo"];

export declare class InMemoryEventStore implements EventStore {
  #private;
  constructor(options?: InMemoryEventStoreOptions);
  storeEvent(streamId: string, message: unknown): string;
  replayEventsAfter(lastEventId: string, send: (eventId: string, message: unknown) => void): string | undefined;
  forgetStream(streamId: string): void;
  firstEvent(streamId: string):
    | {
        id: string;
        message: unknown;
      }
    | undefined;
  get size(): number;
}

export interface InMemoryEventStoreOptions {
  maxEventsPerStream?: number;
  maxStreams?: number;
}

export declare class InMemoryProvider implements AuthorizationServerProvider {
  #private;
  readonly registerClient?: (client: OAuthClient) => Promise<void>;
  constructor(options: InMemoryProviderOptions);
  getClient(clientId: string): Promise<OAuthClient | undefined>;
  authorize(request: AuthorizationRequest, http: Request): Promise<AuthorizationOutcome>;
  saveCode(hash: string, record: CodeRecord): Promise<void>;
  useCode(hash: string): Promise<UsedRecord<CodeRecord> | undefined>;
  saveRefreshToken(hash: string, record: RefreshRecord): Promise<void>;
  useRefreshToken(hash: string): Promise<UsedRecord<RefreshRecord> | undefined>;
  peekRefreshToken(hash: string): Promise<RefreshRecord | undefined>;
  revokeGrant(grantId: string, until: number): Promise<void>;
  revokeAccessToken(jti: string, until: number): Promise<void>;
  isRevoked(jti: string, grantId: string | undefined): Promise<boolean>;
}

export interface InMemoryProviderOptions {
  clients?: readonly OAuthClient[];
  login?: LoginHandler;
  registration?: boolean;
  maxClients?: number;
  clientTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export declare class InMemoryReplayCache implements ReplayCache {
  #private;
  constructor(maxEntries?: number);
  remember(key: string, untilSec: number): boolean;
}

export type Infer<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : string extends keyof S
    ? Record<string, unknown>
    : S extends {
          readonly type: "object";
        }
      ? FromJsonSchema<S>
      : Record<string, unknown>;

export interface InitializationOptions {
  serverInfo?: InitializeResult["serverInfo"];
  instructions?: string;
  capabilities?: InitializeResult["capabilities"];
  preinitialized?: string;
  restored?: RestoredSession;
  stateless?: boolean;
}

export interface InputAsk {
  method: InputMethod;
  params: unknown;
  key?: string;
}

export interface InputChannel {
  ask(input: InputAsk): Promise<unknown>;
}

export declare class InputRequiredSignal extends Error {
  readonly key: string;
  constructor(key: string);
}

export declare class IntrospectionError extends Error {
  readonly name = "IntrospectionError";
  constructor(message: string, options?: ErrorOptions);
}

export interface IntrospectionVerifierOptions {
  endpoint: string | URL;
  clientId?: string;
  clientSecret?: string;
  authenticate?: (headers: Headers, body: URLSearchParams) => void | Promise<void>;
  audience?: string;
  timeoutMs?: number;
  cacheTtlMs?: number;
  maxCacheEntries?: number;
  fetch?: typeof globalThis.fetch;
}

export declare class InvalidTokenError extends Error {
  readonly name = "InvalidTokenError";
  constructor(message: string, options?: ErrorOptions);
}

export interface JwtVerifierOptions {
  issuer: string;
  audience?: string;
  jwksUrl?: string | URL;
  jwks?: JSONWebKeySet;
  algorithms?: readonly string[];
  clockToleranceSec?: number;
  jwksCooldownMs?: number;
  jwksTimeoutMs?: number;
  jwksCacheMaxAgeMs?: number;
  cacheTtlMs?: number;
  maxCacheEntries?: number;
}

export type LoggingLevel = NotificationMap["notifications/message"]["params"]["level"];

export type LoginHandler = (
  request: AuthorizationRequest,
  http: Request,
) => AuthorizationOutcome | Promise<AuthorizationOutcome>;

export declare class McpError extends Error {
  readonly code: number;
  readonly data: unknown;
  readonly [BRAND] = true;
  static [Symbol.hasInstance](value: unknown): boolean;
  constructor(code: number, message: string, data?: unknown, options?: ErrorOptions);
  toWire(): WireError;
  static fromWire(error: unknown): McpError;
}

export interface McpHandler {
  (request: Request, ...platform: unknown[]): Promise<Response>;
  (req: NodeRequest, res: ServerResponse, third?: unknown): Promise<void>;
  readonly endpoint: StreamableHttpServer;
  close(): Promise<void>;
}

export interface McpHandlerOptions extends StreamableHttpServerOptions {
  path?: string;
}

export type Middleware = (
  params: Readonly<Record<string, unknown>>,
  request: ServerRequestContext,
  next: () => Promise<unknown>,
) => unknown;

export type NodeRequest = IncomingMessage & {
  body?: unknown;
  originalUrl?: string;
};

export interface NotificationOptions {
  toolsChanged?: boolean;
  resourcesChanged?: boolean;
  promptsChanged?: boolean;
}

export interface OAuthClient {
  readonly client_id: string;
  readonly client_secret?: string;
  readonly client_secret_expires_at?: number;
  readonly client_id_issued_at?: number;
  readonly redirect_uris: readonly string[];
  readonly token_endpoint_auth_method: ClientAuthMethod;
  readonly grant_types: readonly GrantType[];
  readonly response_types?: readonly string[];
  readonly scope?: string;
  readonly jwks?: {
    readonly keys: readonly Record<string, unknown>[];
  };
  readonly jwks_uri?: string;
  readonly client_name?: string;
  readonly client_uri?: string;
  readonly logo_uri?: string;
  readonly application_type?: "native" | "web";
  readonly software_id?: string;
  readonly software_version?: string;
}

export declare class OAuthError extends Error {
  readonly error: string;
  readonly description: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly name = "OAuthError";
  constructor(error: string, description: string, status?: number, headers?: Readonly<Record<string, string>>);
}

export type PromptArgs<A extends Record<string, PromptArgument>> = {
  [
    K in keyof A as A[K] extends {
      required: true;
    }
      ? K
      : never
  ]: string;
} & {
  [
    K in keyof A as A[K] extends {
      required: true;
    }
      ? never
      : K
  ]?: string;
};

export interface PromptArgument {
  title?: string;
  description?: string;
  required?: boolean;
  complete?: Completer;
}

export type PromptHandler<A extends Record<string, PromptArgument>> = (args: PromptArgs<A>, ctx: Context) => unknown;

export interface PromptOptions<A extends Record<string, PromptArgument> = Record<string, PromptArgument>> {
  title?: string;
  description?: string;
  arguments?: A & Record<string, PromptArgument>;
  icons?: Prompt["icons"];
  _meta?: Prompt["_meta"];
  replace?: boolean;
  scopes?: readonly string[];
}

export declare class ProtectedResource {
  #private;
  readonly resource: string;
  readonly metadataUrl: string;
  constructor(settings: AuthSettings, endpointUrl: string, logger?: Logger);
  insufficientScope(scopes: readonly string[]): GuardRefusal;
  metadataRoute(pathname: string): WebHandler | undefined;
  guardNode(req: IncomingMessage, res: ServerResponse): Promise<AuthInfo | undefined>;
  guardWeb(request: Request): Promise<AuthInfo | Response>;
  guardUpgrade(req: IncomingMessage): Promise<GuardOutcome>;
}

export interface ProviderRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: (request: Request) => Response | Promise<Response>;
}

export declare class ProxyProvider implements AuthorizationServerProvider {
  #private;
  readonly registerClient?: (client: OAuthClient) => Promise<void>;
  constructor(options: ProxyProviderOptions);
  authorize(request: AuthorizationRequest): Promise<AuthorizationOutcome>;
  routes(finish: FinishAuthorization): readonly ProviderRoute[];
  getClient(clientId: string): Promise<OAuthClient | undefined>;
  saveCode(hash: string, record: CodeRecord): Promise<void>;
  useCode(hash: string): Promise<UsedRecord<CodeRecord> | undefined>;
  saveRefreshToken(hash: string, record: RefreshRecord): Promise<void>;
  useRefreshToken(hash: string): Promise<UsedRecord<RefreshRecord> | undefined>;
  peekRefreshToken(hash: string): Promise<RefreshRecord | undefined>;
  revokeGrant(grantId: string, until: number): Promise<void>;
  revokeAccessToken(jti: string, until: number): Promise<void>;
  isRevoked(jti: string, grantId: string | undefined): Promise<boolean>;
}

export interface ProxyProviderOptions {
  upstream: UpstreamProvider;
  callbackUrl: string;
  store: AuthorizationServerProvider;
  identify?: (tokens: Readonly<Record<string, unknown>>) => Promise<Exclude<AuthorizationOutcome, Response>>;
  loginTimeoutMs?: number;
  maxPending?: number;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export declare const RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource";

export interface RefreshRecord {
  readonly grantId: string;
  readonly clientId: string;
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly resource: string;
  readonly expiresAt: number;
}

export interface RegistrationOptions {
  redirectUri?: (uri: string) => boolean;
  clientSecretTtlSeconds?: number;
}

export interface RemoteFetchOptions {
  allowUrl?: (url: URL) => boolean;
  timeoutMs?: number;
  maxBytes?: number;
  fetch?: typeof globalThis.fetch;
}

export interface ReplayCache {
  remember(key: string, untilSec: number): boolean | Promise<boolean>;
}

export interface RequestStateOptions {
  secret?: string | Uint8Array;
  ttlMs?: number;
  singleUse?: boolean;
  replayCache?: ReplayCache;
}

export type ResourceHandler<T extends string> = (variables: ResourceVariables<T>, ctx: Context) => unknown;

export interface ResourceMetadataOptions {
  resource: string;
  authorizationServers: readonly string[];
  scopesSupported?: readonly string[];
  resourceName?: string;
  resourceDocumentation?: string;
  dpop?: {
    algorithms: readonly string[];
    required: boolean;
  };
}

export interface ResourceOptions<T extends string = string> {
  name?: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  annotations?: Resource["annotations"];
  icons?: Resource["icons"];
  _meta?: Resource["_meta"];
  complete?: Partial<Record<TemplateVariables<T>, Completer>>;
  replace?: boolean;
  scopes?: readonly string[];
}

export type ResourceVariables<T extends string> = {
  [S in TemplateSpecs<T> as S["name"]]: S["explode"] extends true ? string[] : string;
};

export declare const SKILLS_EXTENSION_ID: "io.modelcontextprotocol/skills";

export type SampleOptions = Partial<Omit<CreateMessageParams, "messages">> & {
  request?: AskOptions;
};

export interface ScanLimits {
  maxSkills?: number;
  maxDepth?: number;
  maxFiles?: number;
}

export type SchemaInput = StandardSchemaWithJson | JsonSchemaLiteral;

export declare class Server extends ServerHandlerMethods<ServerRequestContext> {
  #private;
  readonly info: Implementation;
  readonly instructions: string | undefined;
  readonly revisions: RevisionSet;
  constructor(info: Implementation, options?: ServerOptions);
  setRequestHandler<M extends HandledRequestMethod>(method: M, handler: Handlers[M]): this;
  use(middleware: Middleware): this;
  setNotificationHandler<M extends keyof NotificationHandlers>(method: M, handler: NotificationHandlers[M]): this;
  removeRequestHandler(method: HandledRequestMethod): this;
  contributeCapabilities(contributor: CapabilityContributor): this;
  useExtension(extension: ServerExtension, handlers: Record<string, AnyRequestHandler<ServerRequestContext>>): this;
  setCacheHints(method: string, hints: CacheHints): this;
  get capabilities(): ServerCapabilities;
  capabilitiesFor(revision: RevisionSpec): ServerCapabilities;
  get sessions(): ReadonlySet<ServerSession>;
  connect(transport: Transport, options?: InitializationOptions): Promise<ServerSession>;
  run(transport: Transport, options?: InitializationOptions): Promise<void>;
  broadcast<M extends ServerNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
  ): Promise<void>;
  close(): Promise<void>;
  endSubscriptions(): Promise<void>;
}

export type ServerCapabilities = RequestMap["initialize"]["result"]["capabilities"];

export interface ServerExtension extends ExtensionSpec {
  readonly settings?: Record<string, unknown>;
  readonly topics?: readonly SubscriptionTopic[];
  readonly requiresDeclaration?: boolean;
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
  onDiscover(handler: ServerRequestHandlers<Ctx>["server/discover"]): this;
  onSubscriptionsListen(handler: ServerRequestHandlers<Ctx>["subscriptions/listen"]): this;
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

export interface ServerOptions extends SessionOptions {
  instructions?: string;
  capabilities?: ServerCapabilities;
  notificationOptions?: NotificationOptions;
  logging?: boolean;
  cacheHints?: Partial<Record<string, CacheHints>>;
  revisions?: readonly RevisionSpec[];
}

export declare class ServerRequestContext extends InboundRequest {
  readonly session: ServerSession;
  readonly revision: RevisionSpec;
  readonly auth: AuthInfo | undefined;
  readonly headers: HttpHeaders | undefined;
  constructor(
    id: RequestId,
    method: string,
    params: unknown,
    session: ServerSession,
    revision: RevisionSpec,
    info?: MessageInfo,
  );
  get protocolVersion(): Revision;
  get stateless(): boolean;
  get clientCapabilities(): ClientCapabilities | undefined;
  get clientInfo(): ClientInfo | undefined;
  get logLevel(): LoggingLevel | undefined;
  get progressToken(): string | number | undefined;
  notify<M extends ServerNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
  ): Promise<void>;
  reportProgress(progress: number, total?: number, message?: string): Promise<void>;
  log(params: CallerParams<LoggingParams>): Promise<void>;
  closeSseStream(): boolean;
}

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
  "server/discover": (
    params: RequestMap["server/discover"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["server/discover"]["wireResult"]>;
  "subscriptions/listen": (
    params: RequestMap["subscriptions/listen"]["params"],
    ctx: Ctx,
  ) => MaybePromise<RequestMap["subscriptions/listen"]["wireResult"]>;
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

export declare class ServerSession extends ServerSessionMethods<RequestOptions> {
  #private;
  constructor(transport: Transport, server: ServerRuntime, options?: SessionOptions & InitializationOptions);
  get protocolVersion(): Revision | undefined;
  get clientParams(): InitializeParams | undefined;
  get clientCapabilities(): InitializeParams["capabilities"] | undefined;
  get clientInfo(): InitializeParams["clientInfo"] | undefined;
  get initialized(): boolean;
  get logLevel(): LoggingLevel | undefined;
  request<M extends ServerRequestMethod>(
    method: M,
    params?: CallerParams<RequestMap[M]["params"]>,
    options?: RequestOptions,
  ): Promise<RequestMap[M]["result"]>;
  notify<M extends ServerNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
    options?: SendOptions,
  ): Promise<void>;
  dropped(method: string, requestId: RequestId): void;
  notifyUnder(revision: RevisionSpec, method: string, params: unknown, options?: SendOptions): Promise<void>;
  sendLoggingMessage(params: CallerParams<LoggingParams>, options?: SendOptions): Promise<void>;
  publish(method: string, params: unknown, principal?: string): Promise<void>;
  endSubscriptions(): void;
  closeRequestStream(requestId: RequestId): boolean;
  get isOpen(): boolean;
  get pendingRequests(): number;
  start(): Promise<void>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
  onClose(listener: (error?: Error) => void): () => void;
}

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
  elicit(
    params?: CallerParams<RequestMap["elicitation/create"]["params"]>,
    options?: Options,
  ): Promise<T3.ElicitResult>;
  ping(params?: CallerParams<RequestMap["ping"]["params"]>, options?: Options): Promise<T3.EmptyResult>;
  listRoots(params?: CallerParams<RequestMap["roots/list"]["params"]>, options?: Options): Promise<T3.ListRootsResult>;
  createMessage(
    params: CallerParams<RequestMap["sampling/createMessage"]["params"]>,
    options?: Options,
  ): Promise<T3.CreateMessageResult>;
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
  sendCancelled(
    params: CallerParams<NotificationMap["notifications/cancelled"]["params"]>,
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
  sendSubscriptionsAcknowledged(
    params: CallerParams<NotificationMap["notifications/subscriptions/acknowledged"]["params"]>,
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

export interface ServerStore {
  readonly eventStore?: EventStore;
  readonly tasks?: SharedTaskStore;
  readonly sessions?: SessionSharing;
  readonly replayCache?: ReplayCache;
  readonly notifications?: NotificationBus;
  ready?(): Promise<boolean>;
  secret?(name: string): Promise<Uint8Array>;
}

export interface SharedTaskStore {
  save(record: TaskRecord): Promise<void>;
  load(taskId: string): Promise<TaskRecord | undefined>;
  send(replica: string, command: TaskCommand): Promise<boolean>;
  listen(replica: string, handler: (command: TaskCommand) => void): Promise<() => Promise<void>>;
}

export interface Skill {
  uri: string;
  frontmatter: SkillFrontmatter;
  resources: SkillResource[] | "dynamic";
}

export declare class SkillFolderError extends Error {
  constructor(message: string, options?: ErrorOptions);
}

export interface SkillFrontmatter {
  name: string;
  description: string;
  [k: string]: unknown;
}

export interface SkillResource {
  uri: string;
  digest: string;
  size: number;
}

export interface SkillsOptions extends ScanLimits {
  directoryRead?: boolean;
  pageSize?: number;
  watch?: boolean;
  cache?: CacheHints;
  dynamic?: readonly DynamicSkill[];
}

export declare class SkillsProvider {
  #private;
  constructor(folder: string, options: SkillsOptions, changed: () => void, logger?: Logger);
  register(server: Server): void;
  get skills(): readonly Skill[];
  list(cursor?: string): {
    skills: Skill[];
    nextCursor?: string;
  };
  get(uri: string): {
    skill: Skill;
  };
  readDirectory(
    uri: string,
    cursor?: string,
  ): {
    resources: Resource[];
    nextCursor?: string;
  };
  resources(): Resource[];
  owns(uri: string): boolean;
  read(uri: string, ctx: Context): Promise<ReadResourceResult>;
  reload(): boolean;
  close(): void;
}

export interface SseApp extends HttpListener {
  readonly endpointUrl: string;
  readonly endpoint: SseServer;
}

export interface SseRunOptions extends SseServerOptions {
  port?: number;
  host?: string;
}

export declare class SseServer {
  #private;
  constructor(connect: (transport: Transport) => Promise<unknown>, options?: SseServerOptions);
  get sessionCount(): number;
  serves(pathname: string): boolean;
  handle(request: Request, auth?: AuthInfo): Promise<Response>;
  close(): Promise<void>;
}

export interface SseServerOptions {
  ssePath?: string;
  messagesPath?: string;
  maxBodyBytes?: number;
  bodyTimeout?: number;
  security?: TransportSecuritySettings;
  logger?: Logger;
  admit?: AdmitMessages;
}

export declare class StreamableHttpServer {
  #private;
  readonly logger: Logger;
  readonly revisions: RevisionSet;
  constructor(connect: ConnectSession, options?: StreamableHttpServerOptions);
  get sessionCount(): number;
  handle(request: Request, auth?: AuthInfo): Promise<Response>;
  handleNode(
    req: IncomingMessage,
    res: ServerResponse,
    auth?: AuthInfo,
    parsed?: {
      body: unknown;
    },
  ): Promise<void>;
  serve<R>(ex: HttpExchange<R>): Promise<R>;
  close(): Promise<void>;
  forget(session: HttpSession): void;
  shareSession(session: HttpSession, client: unknown): Promise<boolean>;
  requested(
    session: HttpSession,
    requests: readonly {
      method: string;
      params?: unknown;
    }[],
  ): void;
  touched(session: HttpSession): void;
}

export interface StreamableHttpServerOptions {
  stateless?: boolean;
  jsonResponse?: boolean;
  sessions?: SessionSharing;
  eventStore?: EventStore | null;
  maxBodyBytes?: number;
  bodyTimeout?: number;
  sessionIdleTimeout?: number;
  maxSessions?: number;
  maxAbandonedStreams?: number;
  retryInterval?: number;
  security?: TransportSecuritySettings;
  toolHeaders?: ToolHeaders;
  admit?: AdmitMessages;
  keepAlive?: number;
  logger?: Logger;
  revisions?: readonly RevisionSpec[];
}

export type SubscriptionFilter = RequestMap["subscriptions/listen"]["params"]["notifications"];

export interface SubscriptionTopic {
  readonly key: string;
  readonly notification: string;
  readonly idOf: (params: unknown) => unknown;
  readonly agree: (ids: readonly string[], request: ServerRequestContext) => string[] | Promise<string[]>;
}

export declare const TASKS_EXTENSION: ServerExtension;

export declare const TASKS_EXTENSION_ID: "io.modelcontextprotocol/tasks";

export declare class Task {
  #private;
  readonly taskId: string;
  readonly owner: string | undefined;
  readonly createdAt: Date;
  readonly ttlMs: number | null;
  readonly pollIntervalMs: number | undefined;
  readonly inputs: TaskChannel;
  constructor(
    owner: string | undefined,
    capabilities: Readonly<Record<string, unknown>>,
    timing: Required<TaskTiming>,
    changed: (task: Task) => void,
  );
  get status(): TaskStatus;
  get terminal(): boolean;
  get signal(): AbortSignal;
  get expired(): boolean;
  complete(result: unknown): boolean;
  fail(error: TaskError): boolean;
  cancel(reason?: string): boolean;
  discard(): void;
  created(): Record<string, unknown>;
  detailed(): Record<string, unknown>;
}

export type TaskCommand =
  | {
      readonly taskId: string;
      readonly owner: string | undefined;
      readonly cancel: true;
    }
  | {
      readonly taskId: string;
      readonly owner: string | undefined;
      readonly inputResponses: Readonly<Record<string, unknown>>;
    };

export interface TaskError {
  code: number;
  message: string;
  data?: unknown;
}

export declare class TaskManager {
  #private;
  readonly store: TaskStore;
  constructor(server: Server, options?: TaskManagerOptions);
  create(request: ServerRequestContext, timing?: TaskTiming): Task;
  created(task: Task): Record<string, unknown> | Promise<Record<string, unknown>>;
  share(store: SharedTaskStore, announce?: (detailed: Record<string, unknown>) => void): Promise<() => Promise<void>>;
  settle(
    task: Task,
    outcome:
      | {
          result: unknown;
        }
      | {
          error: unknown;
        },
  ): void;
  handlers(): {
    "tasks/get": (
      params: {
        taskId: string;
      },
      request: ServerRequestContext,
    ) => Record<string, unknown> | Promise<Readonly<Record<string, unknown>>>;
    "tasks/update": (
      params: {
        taskId: string;
        inputResponses: Record<string, unknown>;
      },
      request: ServerRequestContext,
    ) => {};
    "tasks/cancel": (
      params: {
        taskId: string;
      },
      request: ServerRequestContext,
    ) => {};
  };
  visible(ids: readonly string[], request: ServerRequestContext): string[] | Promise<string[]>;
  deliverRemote(detailed: Record<string, unknown>): void;
}

export interface TaskManagerOptions extends TaskTiming {
  owner?: (request: ServerRequestContext) => string | undefined;
  logger?: Logger;
}

export interface TaskRecord {
  readonly taskId: string;
  readonly owner: string | undefined;
  readonly replica: string;
  readonly task: Readonly<Record<string, unknown>>;
  readonly expiresAt: number | null;
}

export interface TaskStarter {
  start(): boolean;
  readonly signal: AbortSignal | undefined;
}

export type TaskStatus = "working" | "input_required" | "completed" | "failed" | "cancelled";

export declare class TaskStore {
  #private;
  get size(): number;
  add(task: Task): void;
  find(taskId: string, owner: string | undefined): Task | undefined;
  clear(): void;
}

export type TaskSupport = "optional" | "required";

export interface TaskTiming {
  ttlMs?: number | null;
  pollIntervalMs?: number;
}

export interface TaskToolOptions extends TaskTiming {
  support: TaskSupport;
  start?: "immediate" | "handler";
}

export type TemplateVariables<T extends string> = TemplateSpecs<T>["name"];

export interface TokenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly resource: string;
}

export interface TokenVerifier {
  verify(token: string, request: TokenRequest): Promise<AuthInfo>;
}

export type ToolArgs<I> = I extends SchemaInput ? Infer<I> : Record<string, unknown>;

export type ToolHandler<I, O> = (
  args: ToolArgs<I>,
  ctx: Context,
) =>
  | (O extends SchemaInput ? Infer<O> | CallToolResult : unknown)
  | Promise<O extends SchemaInput ? Infer<O> | CallToolResult : unknown>;

export interface ToolOptions<
  I extends SchemaInput | StandardSchemaV1 | undefined = undefined,
  O extends SchemaInput | StandardSchemaV1 | undefined = undefined,
> {
  title?: string;
  description?: string;
  input?: I;
  output?: O;
  annotations?: Tool["annotations"];
  icons?: Tool["icons"];
  _meta?: Tool["_meta"];
  task?: TaskSupport | TaskToolOptions;
  replace?: boolean;
  scopes?: readonly string[];
}

export interface TransportSecuritySettings {
  dnsRebindingProtection?: boolean;
  allowedHosts?: string[];
  allowedOrigins?: string[];
}

export type UpdateAudience = AuthInfo | string;

export interface UpstreamProvider {
  issuer?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  clientSecret?: string;
  scopes?: readonly string[];
}

export interface UsedRecord<T> {
  readonly record: T;
  readonly reused: boolean;
}

export type WebHandler = (request: Request) => Response | Promise<Response>;

export interface WebSocketApp extends HttpListener {
  readonly endpointUrl: string;
  readonly endpoint: WebSocketAttachment;
}

export interface WebSocketAttachment {
  readonly connections: number;
  close(): Promise<void>;
}

export interface WebSocketRunOptions extends Omit<AttachWebSocketOptions, "onConnection" | "logger" | "admit"> {
  port?: number;
  host?: string;
}

export declare function acceptableRedirectUri(uri: string): boolean;

export declare function approveAtOnce(subject?: string): LoginHandler;

export declare function attachWebSocket(server: HttpServer, options: AttachWebSocketOptions): WebSocketAttachment;

export declare function audio(data: Uint8Array | string, mimeType: string, extras?: BlockExtras): AudioContent;

export declare function bearerGuard(options: BearerGuardOptions): (request: GuardRequest) => Promise<GuardOutcome>;

export declare function boundThumbprint(claims: Readonly<Record<string, unknown>>): string | undefined;

export declare function bytes(data: Uint8Array, mimeType: string, uri?: string): Bytes;

export declare function embedded(contents: ResourceContents, extras?: BlockExtras): EmbeddedResource;

export declare function image(data: Uint8Array | string, mimeType: string, extras?: BlockExtras): ImageContent;

export declare function introspectionVerifier(options: IntrospectionVerifierOptions): TokenVerifier;

export declare function jwtVerifier(options: JwtVerifierOptions): TokenVerifier;

export declare function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  options: {
    port?: number;
    host?: string;
  },
): Promise<HttpListener>;

export declare function loadYaml(): Promise<Yaml>;

export declare function loopbackRedirectUri(uri: string): boolean;

export declare function memoryPair(options?: MemoryPairOptions): [MemoryTransport, MemoryTransport];

export declare function principalOf(auth: AuthInfo | undefined): string | undefined;

export declare function publicHttpsUrl(url: URL): boolean;

export declare function redirectUriMatches(registered: string, presented: string): boolean;

export declare function resourceLink(link: Omit<ResourceLink, "type">): ResourceLink;

export declare function resourceMetadata(options: ResourceMetadataOptions): Record<string, unknown>;

export declare function resourceMetadataHandler(options: ResourceMetadataOptions): (request: Request) => Response;

export declare function resourceMetadataPaths(resource: string): string[];

export declare function resourceMetadataUrl(resource: string): string;

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
  readonly onDiscover: "server/discover";
  readonly onSubscriptionsListen: "subscriptions/listen";
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
  readonly sendSubscriptionsAcknowledged: "notifications/subscriptions/acknowledged";
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

export declare function stdioServer(options?: StdioServerOptions): StreamTransport;

export declare function text(value: string, extras?: BlockExtras): TextContent;

export declare function toNodeListener(
  handler: WebHandler,
  logger?: Logger,
): (req: IncomingMessage, res: ServerResponse) => void;

// Reached from the exports above, but not exported by any entry point:

// generated/surface/methods.d.ts

export type ServerNotificationMethod =
  | "notifications/cancelled"
  | "notifications/elicitation/complete"
  | "notifications/message"
  | "notifications/progress"
  | "notifications/prompts/list_changed"
  | "notifications/resources/list_changed"
  | "notifications/resources/updated"
  | "notifications/subscriptions/acknowledged"
  | "notifications/tasks/status"
  | "notifications/tools/list_changed";

export type ServerRequestMethod =
  | "elicitation/create"
  | "ping"
  | "roots/list"
  | "sampling/createMessage"
  | "tasks/cancel"
  | "tasks/get"
  | "tasks/list"
  | "tasks/result";

// src/auth/server/as/tokens.d.ts

export interface AccessTokenClaims {
  readonly subject: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly resource: string;
  readonly grantId: string;
  readonly ttlSeconds: number;
}

export interface MintedToken {
  readonly token: string;
  readonly jti: string;
  readonly expiresAt: number;
}

export declare class TokenSigner {
  #private;
  readonly issuer: string;
  constructor(issuer: string, signingKey?: JWK);
  jwks(): Promise<JSONWebKeySet>;
  alg(): Promise<string>;
  mint(claims: AccessTokenClaims): Promise<MintedToken>;
  read(token: string): Promise<JWTPayload | undefined>;
  verifier(provider: AuthorizationServerProvider): TokenVerifier;
}

// src/protocol/connection.d.ts

export type AnyNotificationHandler = (params: any) => unknown;

export type AnyRequestHandler<Ctx> = (params: any, ctx: Ctx) => unknown;

// src/protocol/extensions.d.ts

export interface ExtensionSpec {
  readonly id: string;
  readonly spec: RevisionSpec;
  readonly revisions: readonly string[];
  readonly alternateResults?: Readonly<Record<string, string>>;
  readonly params?: Readonly<Record<string, Validator<unknown>>>;
}

// src/protocol/mcp-headers.d.ts

export interface HeaderParam {
  readonly path: readonly string[];
  readonly name: string;
}

// src/protocol/yaml.d.ts

export type Yaml = typeof import("yaml");

// src/server/fastmcp/content.d.ts

type AudioContent = Extract<
  ContentBlock,
  {
    type: "audio";
  }
>;

export type BlockExtras = Pick<TextContent, "annotations" | "_meta">;

export interface Bytes {
  readonly data: Uint8Array;
  readonly mimeType: string;
  readonly uri?: string;
}

type CallToolResult = RequestMap["tools/call"]["result"];

export type ContentBlock = CallToolResult["content"][number];

type EmbeddedResource = Extract<
  ContentBlock,
  {
    type: "resource";
  }
>;

type ImageContent = Extract<
  ContentBlock,
  {
    type: "image";
  }
>;

type ReadResourceResult = RequestMap["resources/read"]["result"];

type ResourceContents = ReadResourceResult["contents"][number];

type ResourceLink = Extract<
  ContentBlock,
  {
    type: "resource_link";
  }
>;

type TextContent = Extract<
  ContentBlock,
  {
    type: "text";
  }
>;

// src/server/fastmcp/context.d.ts

export interface ContextHost {
  readonly name: string;
  readResource(uri: string, ctx: Context): Promise<RequestMap["resources/read"]["result"]>;
}

type CreateMessageParams = CallerParams<RequestMap["sampling/createMessage"]["params"]>;

type SamplingMessage = CreateMessageParams["messages"][number];

// src/server/fastmcp/input-required.d.ts

export type InputMethod = "elicitation/create" | "sampling/createMessage" | "roots/list";

// src/server/fastmcp/json-schema-type.d.ts

type Deeper<D extends unknown[]> = [...D, unknown];

type Flat<T> = {
  [K in keyof T]: T[K];
};

export type FromJsonSchema<S> = Read<S, []>;

type ObjectOf<S, D extends unknown[]> = S extends {
  readonly properties: infer P;
}
  ? Flat<
      {
        -readonly [K in keyof P as K extends RequiredOf<S> ? K : never]: Read<P[K], D>;
      } & {
        -readonly [K in keyof P as K extends RequiredOf<S> ? never : K]?: Read<P[K], D>;
      } & Rest<S, D>
    >
  : Flat<Rest<S, D>>;

type Read<S, D extends unknown[]> = D["length"] extends 8
  ? unknown
  : S extends {
        readonly const: infer C;
      }
    ? C
    : S extends {
          readonly enum: readonly (infer E)[];
        }
      ? E
      : S extends {
            readonly anyOf: readonly (infer A)[];
          }
        ? Read<A, Deeper<D>>
        : S extends {
              readonly oneOf: readonly (infer A)[];
            }
          ? Read<A, Deeper<D>>
          : S extends {
                readonly type: readonly (infer T)[];
              }
            ? Typed<S, T, D>
            : S extends {
                  readonly type: infer T;
                }
              ? Typed<S, T, D>
              : unknown;

type RequiredOf<S> = S extends {
  readonly required: readonly (infer R)[];
}
  ? R
  : never;

type Rest<S, D extends unknown[]> = S extends {
  readonly additionalProperties: false;
}
  ? unknown
  : S extends {
        readonly additionalProperties: infer A extends object;
      }
    ? {
        [key: string]: Read<A, D> | undefined;
      }
    : {
        [key: string]: unknown;
      };

type Typed<S, T, D extends unknown[]> = T extends "object"
  ? ObjectOf<S, Deeper<D>>
  : T extends "array"
    ? S extends {
        readonly items: infer I;
      }
      ? Read<I, Deeper<D>>[]
      : unknown[]
    : T extends "string"
      ? string
      : T extends "number" | "integer"
        ? number
        : T extends "boolean"
          ? boolean
          : T extends "null"
            ? null
            : unknown;

// src/server/fastmcp/prompts.d.ts

type Prompt = RequestMap["prompts/list"]["result"]["prompts"][number];

// src/server/fastmcp/resources.d.ts

type Resource = RequestMap["resources/list"]["result"]["resources"][number];

// src/server/fastmcp/schema-input.d.ts

export type BareShapeRefusal =
  "mcpkit: a bare shape { a: z.number() } is not a schema; wrap it: z.object({ a: z.number() })";

export type JsonSchemaLiteral = {
  readonly "~standard"?: never;
  readonly [keyword: string]: unknown;
};

export type NoBareShape<S> = S extends StandardSchemaV1
  ? S extends StandardJSONSchemaV1
    ? unknown
    : {
        readonly "~standard": {
          readonly jsonSchema: S extends {
            readonly _def: unknown;
          }
            ? Zod3Refusal
            : NoJsonSchemaRefusal;
        };
      }
  : S extends undefined
    ? unknown
    : {
        readonly [K in keyof S]: S[K] extends StandardSchemaV1 ? BareShapeRefusal : unknown;
      };

export type NoJsonSchemaRefusal =
  "mcpkit: this Standard Schema cannot give its JSON Schema; use zod 4, arktype, or wrap valibot with toStandardJsonSchema()";

export type StandardSchemaWithJson = StandardSchemaV1 & StandardJSONSchemaV1;

export type Zod3Refusal = "mcpkit: zod 3 schemas cannot give their JSON Schema; use zod 4 (npm install zod@4)";

// src/server/fastmcp/template-variables.d.ts

type ExpressionSpecs<E extends string> = E extends `${Operator}${infer Rest}` ? Specs<Rest> : Specs<E>;

type Operator = "+" | "#" | "." | "/" | ";" | "?" | "&";

type Spec<S extends string> = S extends `${infer N}*`
  ? {
      name: N;
      explode: true;
    }
  : S extends `${infer N}:${string}`
    ? {
        name: N;
        explode: false;
      }
    : {
        name: S;
        explode: false;
      };

type Specs<E extends string> = E extends `${infer A},${infer B}` ? Specs<A> | Specs<B> : Spec<E>;

type TemplateSpecs<T extends string> = T extends `${string}{${infer E}}${infer Rest}`
  ? ExpressionSpecs<E> | TemplateSpecs<Rest>
  : never;

// src/server/fastmcp/tools.d.ts

type CallToolResult = RequestMap["tools/call"]["result"];

type Tool = RequestMap["tools/list"]["result"]["tools"][number];

// src/server/request-context.d.ts

type LoggingParams = NotificationMap["notifications/message"]["params"];

// src/server/runtime.d.ts

type InitializeResult = RequestMap["initialize"]["result"];

export interface ServerRuntime {
  readonly info: InitializeResult["serverInfo"];
  readonly revisions: RevisionSet;
  readonly instructions: string | undefined;
  readonly capabilities: InitializeResult["capabilities"];
  capabilitiesFor(revision: RevisionSpec): InitializeResult["capabilities"];
  withExtensions(revision: RevisionSpec): RevisionSpec;
  handles(revision: RevisionSpec, method: string): boolean;
  extensionOf(revision: RevisionSpec, method: string): ServerExtension | undefined;
  agreeTopics(
    requested: Record<string, unknown>,
    request: ServerRequestContext,
    agreed: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  topicWanted(filter: Record<string, unknown>, method: string, params: unknown): boolean;
  cacheHints(method: string): CacheHints | undefined;
  requestHandler(method: string): AnyRequestHandler<ServerRequestContext> | undefined;
  around(handler: AnyRequestHandler<ServerRequestContext>): AnyRequestHandler<ServerRequestContext>;
  notificationHandler(method: string): AnyNotificationHandler | undefined;
  ended(session: object): void;
}

// src/server/server-session.d.ts

type InitializeParams = RequestMap["initialize"]["params"];

type InitializeResult = RequestMap["initialize"]["result"];

type LoggingParams = NotificationMap["notifications/message"]["params"];

// src/server/server.d.ts

type Handlers = ServerRequestHandlers<ServerRequestContext>;

type NotificationHandlers = ServerNotificationHandlers<ServerRequestContext>;

// src/server/skills/skills.d.ts

type ReadResourceResult = RequestMap["resources/read"]["result"];

type Resource = RequestMap["resources/list"]["result"]["resources"][number];

// src/server/stores.d.ts

export interface NotificationBus {
  publish(notification: SharedNotification): Promise<void>;
  listen(handler: (notification: SharedNotification) => void): Promise<() => Promise<void>>;
}

export type SharedNotification =
  | {
      readonly origin: string;
      readonly list: "tools" | "resources" | "prompts";
    }
  | {
      readonly origin: string;
      readonly uri: string;
      readonly principal?: string;
    }
  | {
      readonly origin: string;
      readonly task: Readonly<Record<string, unknown>>;
    };

// src/server/tasks/task-channel.d.ts

export declare class TaskChannel implements InputChannel {
  #private;
  constructor(capabilities: Readonly<Record<string, unknown>>, changed: () => void);
  ask(input: InputAsk): Promise<unknown>;
  get waiting(): boolean;
  inputRequests(): Record<string, TaskInputRequest>;
  answer(
    responses: Readonly<Record<string, unknown>>,
    validators: Readonly<Record<string, Validator<unknown>>>,
  ): number;
  close(reason: Error): void;
}

export interface TaskInputRequest {
  method: InputMethod;
  params: unknown;
}

// src/transports/http/body.d.ts

export type BodyOutcome =
  | {
      text: string;
    }
  | {
      status: 408 | 413 | 400;
      message: string;
    };

// src/transports/http/exchange.d.ts

export type AdmitMessages = (messages: readonly unknown[], auth: AuthInfo | undefined) => HttpRefusal | undefined;

export interface HttpExchange<R> {
  readonly method: string;
  readonly auth?: AuthInfo;
  header(name: string): string | null;
  readonly headers: HttpHeaders;
  body(maxBytes: number, timeoutMs: number): Promise<BodyOutcome>;
  reply(status: number, headers: Record<string, string>, body?: string): R;
  stream(status: number, headers: Record<string, string>, start: (sink: SseSink) => () => void): R;
  onAbort(listener: () => void): void;
}

export interface HttpRefusal {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface SseSink {
  write(chunk: Uint8Array): void;
  end(): void;
}

// src/transports/http/orphan-stream.d.ts

export interface OrphanHost {
  readonly id: string | undefined;
  orphanStream(streamId: string, unanswered: RequestId[], standalone: boolean): OutStream;
}

// src/transports/http/out-stream.d.ts

export declare class OutStream {
  #private;
  readonly id: string;
  readonly pending: Set<RequestId>;
  constructor(id: string, pending: Iterable<RequestId>, store: EventStore | undefined, owner: StreamOwner);
  attach(sink: SseSink, retry?: number): () => void;
  openJson(batch: boolean): Promise<unknown>;
  get resumable(): boolean;
  get connected(): boolean;
  get sse(): boolean;
  write(message: unknown, answers: RequestId[]): Promise<void>;
  get awaitingResume(): boolean;
  replay(eventId: string, message: unknown): void;
  hold(): void;
  release(): void;
  resumeOn(sink: SseSink, replayed: readonly (readonly [string, unknown])[]): () => void;
  detach(): void;
  closeConnection(): void;
  end(forget?: boolean): void;
}

export interface StreamOwner {
  readonly id: string | undefined;
  streamEnded(stream: OutStream): void;
  streamDetached(stream: OutStream): void;
  storeFailed(stream: OutStream, error: unknown): void;
}

// src/transports/http/session-sharing.d.ts

export interface AnswerParts {
  reply(status: number, headers: Record<string, string>, body?: string): void;
  head(status: number, headers: Record<string, string>): void;
  data(text: string): void;
}

export interface Forward {
  abort(): void;
}

export interface ForwardedAnswer extends AnswerParts {
  end(gone: boolean): void;
}

export interface ForwardedRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly auth?: AuthInfo;
}

export interface OwnerAnswer extends AnswerParts {
  end(): void;
  onAbort(listener: () => void): void;
}

export interface RestoredSession {
  readonly client?: unknown;
  readonly logLevel?: string | undefined;
  readonly subscriptions?: readonly string[] | undefined;
  readonly principal?: string | undefined;
}

export type SessionChanges = Pick<SessionRecord, "logLevel" | "subscriptions">;

export interface SessionRecord {
  readonly owner: string;
  readonly principal?: string;
  readonly revision: string;
  readonly client?: unknown;
  readonly logLevel?: string;
  readonly subscriptions?: readonly string[];
}

export interface SessionSharing {
  readonly replica: string;
  register(sessionId: string, record: SessionRecord, ttlMs: number): Promise<void>;
  update(sessionId: string, changes: SessionChanges): Promise<void>;
  refresh(sessionId: string, ttlMs: number): Promise<void>;
  lookup(sessionId: string): Promise<SessionRecord | undefined>;
  claim(sessionId: string, from: string, ttlMs: number): Promise<boolean>;
  reassert(sessionId: string, record: SessionRecord, ttlMs: number): Promise<boolean>;
  remove(sessionId: string): Promise<void>;
  forward(owner: string, request: ForwardedRequest, answer: ForwardedAnswer): Promise<Forward | undefined>;
  serve(
    handler: (request: ForwardedRequest, answer: OwnerAnswer) => void,
    reconnected: () => void,
  ): Promise<() => Promise<void>>;
}

// src/transports/http/session.d.ts

export declare class HttpSession implements Transport, StreamOwner, OrphanHost {
  #private;
  readonly id: string | undefined;
  readonly restored: boolean;
  readonly owner: string | undefined;
  constructor(
    id: string | undefined,
    host: SessionHost,
    store: EventStore | undefined,
    options: HttpSessionOptions,
    owner?: string,
    restored?: string,
  );
  get revision(): string | undefined;
  start(events: TransportEvents): void;
  touch(): void;
  post<R>(ex: HttpExchange<R>, body: unknown, messages: unknown[], version: string | null): Promise<R>;
  get<R>(ex: HttpExchange<R>, lastEventId: string | null): Promise<R>;
  send(message: unknown, options?: SendOptions): Promise<void>;
  closeRequestStream(requestId: RequestId): boolean;
  close(handOver?: boolean): Promise<void>;
  orphanStream(streamId: string, unanswered: RequestId[], standalone: boolean): OutStream;
  streamEnded(stream: OutStream): void;
  storeFailed(stream: OutStream, error: unknown): void;
  streamDetached(stream: OutStream): void;
}

export interface HttpSessionOptions {
  jsonResponse?: boolean;
  sessionIdleTimeout?: number;
  retryInterval?: number;
  maxAbandonedStreams?: number;
}

export interface SessionHost {
  readonly logger: Logger;
  readonly revisions: RevisionSet;
  forget(session: HttpSession): void;
  shareSession?(session: HttpSession, client: unknown): Promise<boolean>;
  requested?(
    session: HttpSession,
    requests: readonly {
      method: string;
      params?: unknown;
    }[],
  ): void;
  touched?(session: HttpSession): void;
}

// src/transports/http/streamable-http-stateless.d.ts

export type ToolHeaders = (tool: string) => readonly HeaderParam[] | undefined;
