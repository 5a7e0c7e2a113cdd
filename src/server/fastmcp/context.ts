import type { AuthInfo } from "../../protocol/auth-info.js";
import type { CallerParams } from "../../../generated/common.js";
import type { NotificationMap, RequestMap } from "../../../generated/surface/methods.js";
import { ErrorCode, McpError } from "../../protocol/errors.js";
import type { RequestOptions } from "../../protocol/outbound.js";
import type { InputChannel, InputMethod } from "./input-required.js";
import type { ClientCapabilities, ClientInfo, LoggingLevel, ServerRequestContext } from "../request-context.js";
import { compileSchema, formatIssues, type Infer, type SchemaInput } from "./schema-input.js";
import type { ServerSession } from "../server-session.js";

type CreateMessageParams = CallerParams<RequestMap["sampling/createMessage"]["params"]>;
type SamplingMessage = CreateMessageParams["messages"][number];
type LogData = NotificationMap["notifications/message"]["params"]["data"];

/**
 * How one question to the client is sent: as a server-to-client request (stateful revisions; its
 * timeout, signal and progress), or as one input request of an input-required request (2026-07-28 on)
 * named `inputKey` (by default one numbered in the order the handler asks).
 */
export type AskOptions = RequestOptions & { inputKey?: string };

/** Options of `ctx.sample`: everything createMessage takes but the messages; maxTokens defaults to 1,000. */
export type SampleOptions = Partial<Omit<CreateMessageParams, "messages">> & { request?: AskOptions };

/** What a form elicitation resolves with: the typed content when the user accepted, else how they declined. */
export type ElicitOutcome<T> = { action: "accept"; content: T } | { action: "decline" | "cancel" };

/** How a handler's call becomes a task (tasks extension): set by FastMCP on calls of task tools. */
export interface TaskStarter {
  /** Begins the task (the call is answered with it), or does nothing once it has begun; false when the call cannot become one. */
  start(): boolean;
  /** The task's cancellation signal, once it has begun. */
  readonly signal: AbortSignal | undefined;
}

/** What FastMCP lets a handler reach besides its session: reading its own resources. */
export interface ContextHost {
  readonly name: string;
  readResource(uri: string, ctx: Context): Promise<RequestMap["resources/read"]["result"]>;
}

/** Logging at each severity, sent as notifications/message and dropped below the client's setLevel. */
export interface ContextLog {
  debug(message: string, data?: Record<string, unknown>): Promise<void>;
  info(message: string, data?: Record<string, unknown>): Promise<void>;
  notice(message: string, data?: Record<string, unknown>): Promise<void>;
  warning(message: string, data?: Record<string, unknown>): Promise<void>;
  error(message: string, data?: Record<string, unknown>): Promise<void>;
}

/**
 * What every FastMCP handler is given: the request (id, cancellation signal), its session and the
 * client's identity, and the ways back to the client: progress, logging, sampling, elicitation, roots.
 * The same calls work on every revision: before 2026-07-28 they are server-to-client requests; from it
 * on, the request is answered with an InputRequiredResult and the handler runs again with the answers.
 */
export class Context {
  readonly #request: ServerRequestContext;
  readonly #host: ContextHost;
  #channel: InputChannel | undefined;
  #task: TaskStarter | undefined;
  #log: ContextLog | undefined;

  constructor(request: ServerRequestContext, host: ContextHost, channel?: InputChannel) {
    this.#request = request;
    this.#host = host;
    this.#channel = channel;
  }

  /** @internal Sends this handler's later questions to the client through `channel` (a task's, for instance). */
  redirectInputs(channel: InputChannel): void {
    this.#channel = channel;
  }

  /** @internal Lets this call become a task through `starter` (see {@link startTask}). */
  bindTask(starter: TaskStarter): void {
    this.#task = starter;
  }

  /**
   * Turns this call into a task (a tool registered with a `task` option, on a request that declares
   * the tasks extension): the call is answered with the task at once and this handler runs on; from
   * then on its questions park the task in `input_required` until `tasks/update` answers them, `signal`
   * is the task's, and progress and log messages are not sent. Questions asked before are multi
   * round-trip requests of the call. Idempotent; resolves false when this call cannot become a task.
   */
  startTask(): Promise<boolean> {
    return Promise.resolve(this.#task?.start() ?? false);
  }

  /** The protocol-level request this context serves. */
  get request(): ServerRequestContext {
    return this.#request;
  }

  get requestId(): string | number {
    return this.#request.requestId;
  }

  /** Aborted when the client cancels the request or disconnects. */
  get signal(): AbortSignal {
    return this.#task?.signal ?? this.#request.signal;
  }

  get session(): ServerSession {
    return this.#request.session;
  }

  /** The request's `_meta`. */
  get meta(): Readonly<Record<string, unknown>> | undefined {
    return this.#request.meta;
  }

  /** What the client declared it can do (on this request from 2026-07-28 on, else at initialize). */
  get clientCapabilities(): ClientCapabilities | undefined {
    return this.#request.clientCapabilities;
  }

  get clientInfo(): ClientInfo | undefined {
    return this.#request.clientInfo;
  }

  /** The caller, when the server checks tokens (the `auth` option): what its verified access token says. */
  get auth(): AuthInfo | undefined {
    return this.#request.auth;
  }

  /**
   * The headers of the HTTP request that carried this request (of the upgrade, on WebSocket) by
   * lower-case name; undefined on stdio and other non-HTTP transports. Never log `authorization`.
   */
  get headers(): ServerRequestContext["headers"] {
    return this.#request.headers;
  }

  /** The revision this request is read under. */
  get protocolVersion(): ServerRequestContext["protocolVersion"] {
    return this.#request.protocolVersion;
  }

  /** Reports progress on this request; nothing is sent when the client asked for none. */
  reportProgress(progress: number, total?: number, message?: string): Promise<void> {
    if (this.#task?.signal) return Promise.resolve();
    return this.#request.reportProgress(progress, total, message);
  }

  /**
   * Closes the connection of this request's SSE stream now; the client reconnects and is sent the
   * rest, the result included (SSE polling, 2025-11-25). False when there is no resumable stream to
   * close. See {@link ServerRequestContext.closeSseStream}.
   */
  closeSseStream(): boolean {
    return this.#request.closeSseStream();
  }

  get log(): ContextLog {
    this.#log ??= {
      debug: (message, data) => this.#send("debug", message, data),
      info: (message, data) => this.#send("info", message, data),
      notice: (message, data) => this.#send("notice", message, data),
      warning: (message, data) => this.#send("warning", message, data),
      error: (message, data) => this.#send("error", message, data),
    };
    return this.#log;
  }

  /** Reads one of this server's own resources, as a client would. */
  readResource(uri: string): Promise<RequestMap["resources/read"]["result"]> {
    return this.#host.readResource(uri, this);
  }

  /** Asks the client's model for a completion (sampling/createMessage); a string is one user message. */
  sample(
    messages: string | SamplingMessage[],
    options: SampleOptions = {},
  ): Promise<RequestMap["sampling/createMessage"]["result"]> {
    const { request, ...params } = options;
    const list: SamplingMessage[] =
      typeof messages === "string" ? [{ role: "user", content: { type: "text", text: messages } }] : messages;
    return this.#ask("sampling/createMessage", { maxTokens: 1000, ...params, messages: list }, request) as never;
  }

  /**
   * Asks the user to fill in a form (elicitation/create, form mode) described by any schema FastMCP
   * takes; accepted content is validated against it and typed.
   */
  async elicit<S extends SchemaInput>(
    message: string,
    schema: S,
    options?: AskOptions,
  ): Promise<ElicitOutcome<Infer<S>>> {
    const compiled = compileSchema(schema, "elicitation schema");
    const answer = (await this.#ask(
      "elicitation/create",
      { mode: "form", message, requestedSchema: compiled.jsonSchema },
      options,
    )) as RequestMap["elicitation/create"]["result"];
    if (answer.action !== "accept") return { action: answer.action };
    const checked = await compiled.validate(answer.content ?? {});
    if ("issues" in checked)
      throw new McpError(
        ErrorCode.InvalidParams,
        `the client's elicitation answer is invalid: ${formatIssues(checked.issues)}`,
      );
    return { action: "accept", content: checked.value };
  }

  /**
   * Sends the user to a URL (elicitation/create, URL mode) and resolves with their answer. The
   * `elicitationId` exists on 2025-11-25 only; from 2026-07-28 on the retry itself says the user is back.
   */
  elicitUrl(
    message: string,
    url: string,
    elicitationId: string = crypto.randomUUID(),
    options?: AskOptions,
  ): Promise<RequestMap["elicitation/create"]["result"]> {
    const params = this.#request.stateless
      ? { mode: "url", message, url }
      : { mode: "url", message, url, elicitationId };
    return this.#ask("elicitation/create", params, options) as never;
  }

  /** The client's roots (roots/list). */
  async listRoots(options?: AskOptions): Promise<RequestMap["roots/list"]["result"]["roots"]> {
    const answer = (await this.#ask("roots/list", undefined, options)) as RequestMap["roots/list"]["result"];
    return answer.roots;
  }

  /** One question to the client: an input request of this round or task, else a server-to-client request. */
  #ask(method: InputMethod, params: unknown, options: AskOptions = {}): Promise<unknown> {
    const { inputKey, ...request } = options;
    if (this.#channel)
      return this.#channel.ask({ method, params: params ?? {}, ...(inputKey === undefined ? {} : { key: inputKey }) });
    return this.session.request(method, params as never, this.#related(request));
  }

  /** Outbound requests made while handling this one are cancelled with it. */
  #related(options: RequestOptions = {}): RequestOptions {
    const signals = options.signal ? [options.signal, this.signal] : [this.signal];
    return {
      relatedRequestId: this.requestId,
      ...options,
      signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals),
    };
  }

  #send(level: LoggingLevel, message: string, data?: Record<string, unknown>): Promise<void> {
    if (this.#task?.signal) return Promise.resolve();
    const payload: LogData = data === undefined ? message : { message, ...data };
    return this.#request.log({ level, logger: this.#host.name, data: payload });
  }
}
