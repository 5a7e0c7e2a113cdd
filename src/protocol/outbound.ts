import type { Validator } from "../../generated/common.js";
import { toErrors } from "../validate/core.js";
import { ConnectionClosedError, InvalidResultError, McpError, RequestTimeoutError } from "./errors.js";

/** The params of a progress notification, as any revision sends them. */
export interface Progress {
  progressToken: string | number;
  progress: number;
  total?: number;
  message?: string;
  [key: string]: unknown;
}

/** Per-call options of an outbound request. */
export interface RequestOptions {
  /** Aborting it cancels the request: `notifications/cancelled` is sent and the call rejects with the reason. */
  signal?: AbortSignal;
  /** Milliseconds to wait for the answer (default: the session's `requestTimeout`, 60 s). */
  timeout?: number;
  /** A progress notification restarts the timeout (default true). */
  resetTimeoutOnProgress?: boolean;
  /** The absolute cap, however often progress resets the timeout (default: the session's `maxTotalTimeout`, 1 h). */
  maxTotalTimeout?: number;
  /** Asks the peer for progress (a progress token is sent in `_meta`) and receives each report. */
  onprogress?: (progress: Progress) => void;
  /** The inbound request this one is made for (a sampling request inside a tool call): HTTP sends it on that request's stream. */
  relatedRequestId?: string | number;
  /** Extra headers for this request: HTTP transports send them with it, others ignore them. */
  headers?: Record<string, string>;
  /** Told the JSON-RPC id the request goes out with, before it is sent (to match what the peer tags with it). */
  onRequestId?: (id: number) => void;
}

/** Timeouts a session applies when a call names none. */
export interface TimeoutDefaults {
  requestTimeout: number;
  maxTotalTimeout: number;
}

/** One request waiting for its answer. */
interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  result: Validator<unknown> | null;
  timer: NodeJS.Timeout | undefined;
  timeout: number;
  started: number;
  maxTotal: number;
  resetOnProgress: boolean;
  onprogress: ((progress: Progress) => void) | undefined;
  signal: AbortSignal | undefined;
  onabort: (() => void) | undefined;
}

/** What the table asks of its session: to tell the peer a request was given up. */
export interface CancelSink {
  cancel(id: number, reason: string): void;
}

/**
 * Outbound requests waiting for an answer: ids, correlation, timeouts (restarted on progress up to a
 * cap), cancellation through AbortSignal and result validation.
 */
export class PendingRequests {
  readonly #pending = new Map<number, Pending>();
  readonly #defaults: TimeoutDefaults;
  readonly #sink: CancelSink;
  #nextId = 0;

  constructor(defaults: TimeoutDefaults, sink: CancelSink) {
    this.#defaults = defaults;
    this.#sink = sink;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Allocates an id and starts tracking; `promise` settles with the validated result. */
  open(
    method: string,
    result: Validator<unknown> | null,
    options: RequestOptions | undefined,
  ): { id: number; promise: Promise<unknown> } {
    const id = this.#nextId++;
    let resolve!: (value: unknown) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const timeout = options?.timeout ?? this.#defaults.requestTimeout;
    const entry: Pending = {
      method,
      resolve,
      reject,
      result,
      timer: undefined,
      timeout,
      started: Date.now(),
      maxTotal: options?.maxTotalTimeout ?? this.#defaults.maxTotalTimeout,
      resetOnProgress: options?.resetTimeoutOnProgress ?? true,
      onprogress: options?.onprogress,
      signal: options?.signal,
      onabort: undefined,
    };
    if (Number.isFinite(timeout)) entry.timer = setTimeout(() => this.#expire(id, false), timeout);
    const signal = options?.signal;
    if (signal) {
      entry.onabort = () => this.#abort(id, signal.reason);
      signal.addEventListener("abort", entry.onabort, { once: true });
    }
    this.#pending.set(id, entry);
    return { id, promise };
  }

  /** Settles the request `id` with a response's result or error; false when no request has that id. */
  settle(id: unknown, message: Record<string, unknown>): boolean {
    const entry = typeof id === "number" ? this.#pending.get(id) : undefined;
    if (!entry) return false;
    this.#finish(id as number, entry);
    if ("error" in message) {
      entry.reject(McpError.fromWire(message.error));
    } else if (entry.result && !entry.result(message.result)) {
      entry.reject(new InvalidResultError(entry.method, toErrors(entry.result.errors, "/result")));
    } else {
      entry.resolve(message.result);
    }
    return true;
  }

  /** Routes a progress report to its request; restarts the timeout unless the cap is reached. */
  progress(params: Progress): boolean {
    const id = params.progressToken;
    const entry = typeof id === "number" ? this.#pending.get(id) : undefined;
    if (!entry?.onprogress) return false;
    if (entry.resetOnProgress && entry.timer) {
      if (Date.now() - entry.started >= entry.maxTotal) {
        this.#expire(id as number, true);
        return true;
      }
      entry.timer.refresh();
    }
    entry.onprogress(params);
    return true;
  }

  /** Rejects the request `id` without telling the peer (it could not be sent). */
  fail(id: number, error: unknown): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#finish(id, entry);
    entry.reject(error);
  }

  /** Rejects every waiting request: the connection is gone. */
  closeAll(cause?: Error): void {
    for (const [id, entry] of this.#pending) {
      this.#finish(id, entry);
      entry.reject(new ConnectionClosedError(`the connection closed before ${entry.method} was answered`, { cause }));
    }
  }

  #finish(id: number, entry: Pending): void {
    this.#pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.onabort) entry.signal?.removeEventListener("abort", entry.onabort);
  }

  #expire(id: number, total: boolean): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#finish(id, entry);
    const error = new RequestTimeoutError(entry.method, total ? entry.maxTotal : entry.timeout, total);
    this.#sink.cancel(id, error.message);
    entry.reject(error);
  }

  #abort(id: number, reason: unknown): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#finish(id, entry);
    this.#sink.cancel(id, reason instanceof Error ? reason.message : String(reason ?? "aborted"));
    entry.reject(reason ?? new Error("aborted"));
  }
}
