import type { RequestSpec, RevisionSpec, Validator } from "../../generated/common.js";
import { orAlternate, toErrors } from "../validate/core.js";
import type { SendOptions } from "./transport.js";
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
  /** When the request times out (Date.now() milliseconds; Infinity for never): never past the cap. */
  deadline: number;
  /** Whether `deadline` is the cap (started + maxTotal) rather than the timeout: it then says "in all". */
  capped: boolean;
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

/** The longest delay a Node timer takes; a later deadline is reached in steps. */
const TIMER_MAX = 2 ** 31 - 1;

/**
 * Outbound requests waiting for an answer: ids, correlation, timeouts (restarted on progress up to a
 * cap), cancellation through AbortSignal and result validation.
 *
 * Timeouts share one timer, armed for the earliest deadline: most requests of a session have the
 * same timeout, so a new one rarely moves it, and a request that is answered costs no timer work at
 * all (a timer per request was an eighth of the in-memory round trip). When it fires, it expires what
 * is due and re-arms for the next deadline; it holds the process open only while requests wait.
 */
export class PendingRequests {
  readonly #pending = new Map<number, Pending>();
  #timer: NodeJS.Timeout | undefined;
  /** The deadline the timer is armed for. */
  #armedFor = Infinity;
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
    const maxTotal = options?.maxTotalTimeout ?? this.#defaults.maxTotalTimeout;
    const now = Date.now();
    const finite = Number.isFinite(timeout);
    const entry: Pending = {
      method,
      resolve,
      reject,
      result,
      deadline: finite ? now + Math.min(timeout, maxTotal) : Infinity,
      capped: finite && maxTotal < timeout,
      timeout,
      started: now,
      maxTotal,
      resetOnProgress: options?.resetTimeoutOnProgress ?? true,
      onprogress: options?.onprogress,
      signal: options?.signal,
      onabort: undefined,
    };
    this.#watch(entry.deadline, now);
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
    if (entry.resetOnProgress && entry.deadline !== Infinity) {
      const now = Date.now();
      if (now - entry.started >= entry.maxTotal) {
        this.#expire(id as number, true);
        return true;
      }
      // A later deadline, but never past the cap: the timer, armed for an earlier one, finds it when it fires.
      const cap = entry.started + entry.maxTotal;
      entry.capped = cap < now + entry.timeout;
      entry.deadline = entry.capped ? cap : now + entry.timeout;
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
      // The cause's message is part of this one: why the connection closed (a server's exit code and
      // last stderr lines) reaches whoever prints only `message`.
      const why = cause ? `: ${cause.message}` : "";
      entry.reject(
        new ConnectionClosedError(`the connection closed before ${entry.method} was answered${why}`, { cause }),
      );
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedFor = Infinity;
  }

  /** Makes sure the timer fires by `deadline`, and holds the process open while requests wait. */
  #watch(deadline: number, now: number): void {
    const timer = this.#timer;
    if (deadline < this.#armedFor) {
      if (timer) clearTimeout(timer);
      this.#armedFor = deadline;
      this.#timer = setTimeout(this.#sweep, Math.min(deadline - now, TIMER_MAX));
    } else if (timer && !timer.hasRef()) {
      timer.ref();
    }
  }

  /** Expires every request that is due, then arms the timer for the earliest deadline left. */
  readonly #sweep = (): void => {
    this.#timer = undefined;
    this.#armedFor = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const [id, entry] of this.#pending) {
      if (entry.deadline <= now) this.#expire(id, entry.capped);
      else if (entry.deadline < next) next = entry.deadline;
    }
    if (next !== Infinity) this.#watch(next, Date.now());
  };

  #finish(id: number, entry: Pending): void {
    this.#pending.delete(id);
    // Nothing waits: the timer may still fire (and find nothing), but must not keep the process up.
    if (this.#pending.size === 0) this.#timer?.unref();
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

/** What the transport is told about an outbound request: the request it belongs to, and extra headers. */
export function sendOptions(options: RequestOptions | undefined): SendOptions | undefined {
  const related = options?.relatedRequestId;
  const headers = options?.headers;
  if (related === undefined && headers === undefined) return undefined;
  return { ...(related === undefined ? {} : { relatedRequestId: related }), ...(headers ? { headers } : {}) };
}

/** `params` with `extra` merged into its `_meta`, copied rather than changed. */
export function withMeta(params: unknown, extra: Record<string, unknown>): Record<string, unknown> {
  const base = (params ?? {}) as Record<string, unknown>;
  return { ...base, _meta: { ...(base._meta as Record<string, unknown> | undefined), ...extra } };
}

/**
 * The validator of a request's answer. A task-augmented request (params carry `task`, in the revisions
 * that have the tasks utility) may be answered with CreateTaskResult instead, or, by a receiver that
 * does not do tasks, with the method's own result.
 */
export function resultValidator(revision: RevisionSpec, spec: RequestSpec, params: unknown): Validator<unknown> {
  const task = (params as { task?: unknown } | undefined)?.task;
  return task === undefined ? spec.result : orAlternate(spec.result, revision.validators);
}
