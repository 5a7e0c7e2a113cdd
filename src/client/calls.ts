import type { RevisionSpec, Validator } from "../../generated/common.js";
import { own } from "../validate/core.js";
import { ErrorCode, McpError } from "../protocol/errors.js";
import { isObject } from "../protocol/jsonrpc.js";
import type { Logger } from "../protocol/logger.js";
import type { RevisionSet } from "../protocol/negotiation.js";
import { ResultCache } from "./cache.js";
import {
  lenient,
  statelessCapabilities,
  pickVersion,
  supportedVersions,
  withRequestMeta,
  type ClientMeta,
} from "./stateless.js";
import { INPUT_METHODS, InputRequiredError, withInputRounds, type InputAnswerer } from "./input-required.js";
import { SubscriptionHub, type StatefulCall, type Subscription, type SubscriptionFilter } from "./subscriptions.js";
import { RejectedToolError, ToolHeaders } from "./tool-headers.js";
import type { ClientCapabilities, ClientRequestOptions, Implementation, LoggingLevel } from "./types.js";

type Params = Record<string, unknown> | undefined;

/** What the pipeline asks of the session it serves. */
export interface CallHost {
  readonly logger: Logger;
  /** The transport mirrors request fields into headers (Streamable HTTP). */
  readonly mirrors: boolean;
  readonly clientInfo: Implementation;
  readonly logLevel: LoggingLevel | undefined;
  readonly maxRounds: number;
  /** The capabilities declared now. */
  capabilities(): ClientCapabilities;
  /** The negotiated revision, and whether it is a stateless one. */
  negotiated(): { revision: RevisionSpec; stateless: boolean };
  /** Switches the session to another stateless revision (after -32022). */
  adopt(revision: RevisionSpec): void;
  /** The revisions the session speaks (a -32022's `supported` is read against them). */
  readonly known: RevisionSet;
  /** The session's sendRequest. */
  send(
    revision: RevisionSpec,
    method: string,
    params: unknown,
    options: ClientRequestOptions | undefined,
    result?: Validator<unknown>,
  ): Promise<unknown>;
  /** The handler registered for an input request's method, if any. */
  handler(method: string): ((params: unknown, ctx: never) => unknown) | undefined;
  /** The context handed to that handler. */
  context(key: string, method: string, params: unknown): unknown;
}

/**
 * The way a ClientSession's requests travel once the mode is settled: through the ttl cache, and on a
 * stateless session with the per-request `_meta`, the mirrored tool headers, the -32022 and -32020
 * retries, and the input-required rounds. It also keeps the session's subscriptions.
 */
export class CallPipeline {
  readonly #host: CallHost;
  readonly #cache = new ResultCache();
  readonly #tools = new ToolHeaders();
  readonly #hub: SubscriptionHub;

  constructor(host: CallHost) {
    this.#host = host;
    this.#hub = new SubscriptionHub(host.logger);
  }

  /** The per-request `_meta` fields of a stateless request under `revision`. */
  meta(revision: RevisionSpec, options?: ClientRequestOptions): ClientMeta {
    const logLevel = options?.logLevel ?? this.#host.logLevel;
    return {
      protocolVersion: revision.name,
      clientCapabilities: statelessCapabilities(this.#host.capabilities() as Record<string, unknown>),
      clientInfo: this.#host.clientInfo,
      ...(logLevel === undefined ? {} : { logLevel }),
    };
  }

  /** One call: from the ttl cache, or sent (stateless: through the input rounds); tools/list checked for header annotations. */
  async call(method: string, params: Params, options?: ClientRequestOptions): Promise<unknown> {
    if (options?.cache !== false) {
      const hit = this.#cache.get(method, params);
      if (hit !== undefined) return hit;
    }
    const { revision, stateless } = this.#host.negotiated();
    const mirrored = stateless && this.#host.mirrors;
    const rejected = mirrored && method === "tools/call" ? this.#tools.rejection(String(params?.name)) : undefined;
    if (rejected) throw new RejectedToolError(String(params?.name), rejected);
    let result: unknown;
    let rounds = 1;
    if (!stateless) result = await this.#host.send(revision, method, params, options);
    else if (!INPUT_METHODS.has(method)) result = await this.#exchange(method, params, options);
    else {
      const send = (p: Params) => this.#exchange(method, p, options);
      ({ result, rounds } = await withInputRounds(method, params, send, this.answer, this.#host.maxRounds));
    }
    if (mirrored && method === "tools/list") result = this.#tools.admit(result, this.#host.logger);
    if (rounds === 1) this.#cache.put(method, params, result);
    return result;
  }

  /**
   * One request of a stateless session: per-request `_meta` and mirrored tool headers added; retried
   * once after -32022 with a version the server lists, and (tools/call) once after -32020 with the
   * tool list read afresh, since the tool's `x-mcp-header` parameters may have changed.
   */
  async #exchange(method: string, params: Params, options?: ClientRequestOptions): Promise<unknown> {
    let versionRetried = false;
    let relisted = false;
    for (;;) {
      const { revision } = this.#host.negotiated();
      const sent = withRequestMeta(params, this.meta(revision, options));
      const headers =
        method === "tools/call" && this.#host.mirrors ? this.#tools.headers(sent.name, sent.arguments) : undefined;
      const spec = own(revision.requests, method);
      const validator = spec && !("task" in sent) ? lenient(spec.result) : undefined;
      try {
        const withHeaders = headers ? { ...options, headers: { ...options?.headers, ...headers } } : options;
        return await this.#host.send(revision, method, sent, withHeaders, validator);
      } catch (error) {
        const next = versionRetried ? undefined : pickVersion(supportedVersions(error), this.#host.known);
        if (next) {
          versionRetried = true;
          this.#host.adopt(next);
          continue;
        }
        const mismatch = error instanceof McpError && error.code === ErrorCode.HeaderMismatch;
        if (relisted || !mismatch || method !== "tools/call" || !this.#host.mirrors) throw error;
        relisted = true;
        await this.#relistTools(options);
      }
    }
  }

  /** Fulfils one input request (of an input-required request, or of a task) with the handler registered for its method. */
  readonly answer: InputAnswerer = async (method, params, key, request) => {
    const handler = this.#host.handler(method);
    if (!handler)
      throw new InputRequiredError(
        request,
        `the server asked for ${method} (input "${key}"), and no handler is registered for it`,
      );
    const result = await handler(params, this.#host.context(key, method, params) as never);
    if (!isObject(result)) throw new InputRequiredError(request, `the ${method} handler returned no result`);
    return result;
  };

  /** Reads every page of tools/list afresh, so the header parameters of each tool are current. */
  async #relistTools(options: ClientRequestOptions | undefined): Promise<void> {
    let cursor: string | undefined;
    const seen = new Set<string>();
    do {
      const page = (await this.call("tools/list", cursor ? { cursor } : undefined, {
        cache: false,
        signal: options?.signal,
      })) as { nextCursor?: string };
      cursor = page.nextCursor;
      if (cursor !== undefined && seen.has(cursor)) return;
      if (cursor !== undefined) seen.add(cursor);
    } while (cursor !== undefined);
  }

  /**
   * Opens a subscription: `subscriptions/listen` on a stateless session, else the legacy stand-in over
   * the list_changed notifications `capabilities` declares and `resources/subscribe`.
   */
  subscribe(filter: SubscriptionFilter, capabilities: unknown, stateful: StatefulCall): Subscription {
    if (this.#host.negotiated().stateless)
      return this.#hub.listen(filter, (params, options) => this.#exchange("subscriptions/listen", params, options));
    return this.#hub.emulate(filter, capabilities, stateful);
  }

  /** A notification arrived: stale cache entries go, and the subscriptions it belongs to get it. */
  notified(method: string, params: unknown): void {
    this.#cache.invalidate(method, params);
    this.#hub.route(method, params);
  }

  /** The connection ended. */
  closed(error: Error): void {
    this.#cache.clear();
    this.#hub.endAll(error);
  }
}
