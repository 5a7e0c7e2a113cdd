import { InvalidResultError, McpError } from "../protocol/errors.js";
import { TASKS_EXTENSION_ID } from "../protocol/extensions.js";
import { isObject } from "../protocol/jsonrpc.js";
import { InputRequiredError, type InputAnswerer } from "./input-required.js";

/**
 * The client side of the tasks extension (`io.modelcontextprotocol/tasks`, 2026-07-28): a request
 * the server answers with a CreateTaskResult is followed by polling `tasks/get` at the interval the
 * server suggests, answering the task's input requests with `tasks/update`, until the task ends;
 * either transparently (the call resolves with the final result) or through a handle the caller drives.
 */

export { TASKS_EXTENSION_ID };

/** Client capabilities with the tasks extension declared. */
export function withTasksCapability<C extends Record<string, unknown>>(capabilities: C): C {
  const extensions = isObject(capabilities.extensions) ? capabilities.extensions : {};
  return { ...capabilities, extensions: { ...extensions, [TASKS_EXTENSION_ID]: {} } };
}

/**
 * Sends one request with the session's per-request `_meta` (whose client capabilities declare the
 * extension) and resolves with its result as sent.
 */
export type TaskSend = (method: string, params: Record<string, unknown>, signal?: AbortSignal) => Promise<unknown>;

/** Where a task stands. */
export type TaskStatus = "working" | "input_required" | "completed" | "failed" | "cancelled";

/** A task as `tasks/get` and `notifications/tasks` describe it (DetailedTask), or as a CreateTaskResult seeds it. */
export interface TaskState {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: number | null;
  pollIntervalMs?: number;
  inputRequests?: Record<string, { method: string; params?: unknown }>;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
  [key: string]: unknown;
}

/** Options of the task client. */
export interface TaskClientOptions {
  /** Answers a task's input requests (elicitation, sampling, roots): the session's registered handlers. */
  answer?: InputAnswerer;
  /** Milliseconds between polls when the server suggests none (default 1,000). */
  pollIntervalMs?: number;
  /** The shortest wait between polls, whatever the server suggests (default 10). */
  minPollIntervalMs?: number;
}

/** A task that ended `cancelled`, where its result was awaited. */
export class TaskCancelledError extends Error {
  constructor(readonly taskId: string) {
    super(`task ${taskId} was cancelled`);
    this.name = "TaskCancelledError";
  }
}

const TERMINAL: ReadonlySet<string> = new Set(["completed", "failed", "cancelled"]);

/** Whether a result is a CreateTaskResult (`resultType: "task"` with a task id). */
export function isCreateTaskResult(result: unknown): result is TaskState {
  return isObject(result) && result.resultType === "task" && typeof result.taskId === "string";
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/** A task the server made: its last known state, and polling, answering and cancelling it. */
export class TaskHandle {
  readonly taskId: string;
  readonly #send: TaskSend;
  readonly #options: TaskClientOptions;
  readonly #answered = new Set<string>();
  #state: TaskState;

  constructor(seed: TaskState, send: TaskSend, options: TaskClientOptions = {}) {
    this.taskId = seed.taskId;
    this.#state = seed;
    this.#send = send;
    this.#options = options;
  }

  /** The last state seen (the CreateTaskResult until the first poll). */
  get state(): TaskState {
    return this.#state;
  }

  get status(): TaskStatus {
    return this.#state.status;
  }

  /** Polls once (`tasks/get`). */
  async refresh(signal?: AbortSignal): Promise<TaskState> {
    const state = await this.#send("tasks/get", { taskId: this.taskId }, signal);
    if (!isObject(state) || state.taskId !== this.taskId || typeof state.status !== "string")
      throw new InvalidResultError("tasks/get", [{ path: "/result", message: `/result is not task ${this.taskId}` }]);
    return (this.#state = state as TaskState);
  }

  /** Answers some of the task's input requests (`tasks/update`). */
  async update(inputResponses: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
    await this.#send("tasks/update", { taskId: this.taskId, inputResponses }, signal);
    for (const key of Object.keys(inputResponses)) this.#answered.add(key);
  }

  /** Asks the server to cancel the task (`tasks/cancel`); it may still end otherwise. */
  async cancel(signal?: AbortSignal): Promise<void> {
    await this.#send("tasks/cancel", { taskId: this.taskId }, signal);
  }

  /**
   * Polls until the task ends, answering its input requests with `answer` (each key once), and
   * resolves with its result: a failed task rejects with its McpError, a cancelled one with
   * TaskCancelledError. Aborting `signal` stops the polling (not the task).
   */
  async result(signal?: AbortSignal): Promise<Record<string, unknown>> {
    let state = this.#state;
    // A CreateTaskResult may already say the task ended, but never carries its result or error.
    if (!TERMINAL.has(state.status) || !hasOutcome(state)) state = await this.refresh(signal);
    while (!TERMINAL.has(state.status)) {
      if (state.status === "input_required" && (await this.#answerInputs(state, signal))) {
        state = await this.refresh(signal);
        continue;
      }
      await wait(this.#interval(state), signal);
      state = await this.refresh(signal);
    }
    return this.#outcome(state);
  }

  #interval(state: TaskState): number {
    const suggested = state.pollIntervalMs ?? this.#options.pollIntervalMs ?? 1000;
    return Math.max(suggested, this.#options.minPollIntervalMs ?? 10);
  }

  /** Answers the input requests not answered yet; false when there were none. */
  async #answerInputs(state: TaskState, signal: AbortSignal | undefined): Promise<boolean> {
    const fresh = Object.entries(state.inputRequests ?? {}).filter(([key]) => !this.#answered.has(key));
    if (fresh.length === 0) return false;
    const answer = this.#options.answer;
    if (!answer)
      throw new InputRequiredError("tasks/get", `task ${this.taskId} asks for input, and no handler is registered`);
    const answers = await Promise.all(
      fresh.map(async ([key, request]) => {
        if (!isObject(request) || typeof request.method !== "string")
          throw new InputRequiredError("tasks/get", `input request "${key}" of task ${this.taskId} names no method`);
        return [key, await answer(request.method, request.params ?? {}, key, "tools/call")] as const;
      }),
    );
    await this.update(Object.fromEntries(answers), signal);
    return true;
  }

  #outcome(state: TaskState): Record<string, unknown> {
    if (state.status === "completed") {
      if (!isObject(state.result))
        throw new InvalidResultError("tasks/get", [{ path: "/result/result", message: "/result/result is required" }]);
      return state.result;
    }
    if (state.status === "cancelled") throw new TaskCancelledError(this.taskId);
    const error: Record<string, unknown> = isObject(state.error) ? state.error : {};
    throw new McpError(
      typeof error.code === "number" ? error.code : -32603,
      typeof error.message === "string" ? error.message : `task ${this.taskId} failed`,
      error.data,
    );
  }
}

/** What a call through {@link TaskClient.start} came to: a task to drive, or the result at once. */
export type TaskStart =
  { task: TaskHandle; result?: undefined } | { task?: undefined; result: Record<string, unknown> };

/**
 * Calls that the server may answer with a task. `call` hides the task (it resolves with the final
 * result); `start` hands it over; `resume` takes up a task by id (persisted across a restart).
 */
export class TaskClient {
  readonly #send: TaskSend;
  readonly #options: TaskClientOptions;

  constructor(send: TaskSend, options: TaskClientOptions = {}) {
    this.#send = send;
    this.#options = options;
  }

  /** Sends `method` and resolves with a handle if the server made a task of it, else with its result. */
  async start(method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<TaskStart> {
    const answer = await this.#send(method, params, signal);
    if (isCreateTaskResult(answer)) return { task: new TaskHandle(answer, this.#send, this.#options) };
    if (!isObject(answer))
      throw new InvalidResultError(method, [{ path: "/result", message: "/result must be object" }]);
    return { result: answer };
  }

  /** Sends `method` and resolves with its final result, polling the task to its end if the server made one. */
  async call(method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const started = await this.start(method, params, signal);
    return started.task ? started.task.result(signal) : started.result;
  }

  /** A handle on a task the server made (its CreateTaskResult). */
  handle(created: TaskState): TaskHandle {
    return new TaskHandle(created, this.#send, this.#options);
  }

  /** Follows a task the server made to its end, and resolves with its result. */
  follow(created: TaskState, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.handle(created).result(signal);
  }

  /** A handle on a task known by id, its state read from the server. */
  async resume(taskId: string, signal?: AbortSignal): Promise<TaskHandle> {
    const seed: TaskState = { taskId, status: "working", createdAt: "", lastUpdatedAt: "", ttlMs: null };
    const handle = new TaskHandle(seed, this.#send, this.#options);
    await handle.refresh(signal);
    return handle;
  }
}

/** Whether an ended task's state carries what it ended with (a `tasks/get` answer does; a CreateTaskResult does not). */
function hasOutcome(state: TaskState): boolean {
  if (state.status === "completed") return isObject(state.result);
  if (state.status === "failed") return isObject(state.error);
  return true;
}
