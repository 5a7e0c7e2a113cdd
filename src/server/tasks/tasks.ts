import { randomUUID } from "node:crypto";
import type { Validator } from "../../../generated/common.js";
import { extensions } from "../../../generated/index.js";
import { ErrorCode, McpError } from "../../protocol/errors.js";
import { isObject } from "../../protocol/jsonrpc.js";
import type { Logger } from "../../protocol/logger.js";
import { TASKS, TASKS_EXTENSION_ID } from "../../protocol/extensions.js";
import type { ServerExtension } from "../extensions.js";
import { principalOf } from "../../protocol/auth-info.js";
import type { ServerRequestContext } from "../request-context.js";
import type { Server } from "../server.js";
import { TaskChannel } from "./task-channel.js";
import { isTerminalStatus, type SharedTaskStore, type TaskCommand, type TaskRecord } from "./shared-tasks.js";

/**
 * The tasks extension (`io.modelcontextprotocol/tasks`, 2026-07-28): a `tools/call` answered with a
 * task handle at once, its work running on; the client polls `tasks/get`, answers the task's questions
 * with `tasks/update` and may `tasks/cancel` it. Tasks live in this process's memory until their TTL,
 * and with {@link TaskManager.share} in a store every replica of the server reads too.
 */

export { TASKS_EXTENSION_ID };

/** Where a task stands. */
export type TaskStatus = "working" | "input_required" | "completed" | "failed" | "cancelled";

/** The JSON-RPC error a failed task carries. */
export interface TaskError {
  code: number;
  message: string;
  data?: unknown;
}

type Outcome =
  { status: "completed"; result: unknown } | { status: "failed"; error: TaskError } | { status: "cancelled" };

/**
 * The params check of `tasks/update`: the generated one, with each answer left to be checked against
 * the method of the request it answers when it answers one (see {@link TaskChannel.answer}), since the
 * spec has servers ignore answers under keys that are not outstanding, whatever they hold. The generated
 * one is read at the first call: reading it loads the extension's validators, which importing must not.
 */
const updateParams = ((params: unknown) => {
  const generated = extensions["ext-tasks"].requests["tasks/update"].params;
  const shell = isObject(params) && isObject(params.inputResponses) ? { ...params, inputResponses: {} } : params;
  const ok = generated(shell);
  updateParams.errors = generated.errors;
  return ok;
}) as Validator<unknown>;

/** The tasks extension as a server serves it: under 2026-07-28, `tools/call` may answer a CreateTaskResult. */
export const TASKS_EXTENSION: ServerExtension = { ...TASKS, params: { "tasks/update": updateParams } };

/** How long tasks live and how often clients are asked to poll. */
export interface TaskTiming {
  /** Milliseconds from creation the task is kept, `null` for no limit (default 3,600,000: an hour). */
  ttlMs?: number | null;
  /** Suggested milliseconds between polls (default 500). */
  pollIntervalMs?: number;
}

/** One task: its identity, its status and outcome, its questions, and the signal its work watches. */
export class Task {
  readonly taskId: string = randomUUID();
  readonly owner: string | undefined;
  readonly createdAt = new Date();
  readonly ttlMs: number | null;
  readonly pollIntervalMs: number | undefined;
  readonly inputs: TaskChannel;
  readonly #controller = new AbortController();
  readonly #changed: (task: Task) => void;
  #outcome: Outcome | undefined;
  #statusMessage: string | undefined;
  #lastUpdatedAt = this.createdAt;
  #announcing = false;

  constructor(
    owner: string | undefined,
    capabilities: Readonly<Record<string, unknown>>,
    timing: Required<TaskTiming>,
    changed: (task: Task) => void,
  ) {
    this.owner = owner;
    this.ttlMs = timing.ttlMs;
    this.pollIntervalMs = timing.pollIntervalMs;
    this.#changed = changed;
    this.inputs = new TaskChannel(capabilities, () => this.#touch());
  }

  /** Its outcome's status once it ended; before, `input_required` while a question waits, else `working`. */
  get status(): TaskStatus {
    return this.#outcome?.status ?? (this.inputs.waiting ? "input_required" : "working");
  }

  /** Completed, failed or cancelled: nothing changes it any more. */
  get terminal(): boolean {
    return this.#outcome !== undefined;
  }

  /** Aborted when the task is cancelled or expires. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** When `createdAt + ttlMs` has passed. */
  get expired(): boolean {
    return this.ttlMs !== null && Date.now() >= this.createdAt.getTime() + this.ttlMs;
  }

  /** Ends the task `completed` with the request's result (a tool error included); false if it had ended. */
  complete(result: unknown): boolean {
    return this.#end({ status: "completed", result });
  }

  /** Ends the task `failed` with a JSON-RPC error; false if it had ended. */
  fail(error: TaskError): boolean {
    return this.#end({ status: "failed", error }, error.message);
  }

  /** Ends the task `cancelled` and aborts its work; false if it had ended. */
  cancel(reason = "The task was cancelled"): boolean {
    return this.#end({ status: "cancelled" }, reason);
  }

  #end(outcome: Outcome, message?: string): boolean {
    if (this.#outcome) return false;
    this.#outcome = outcome;
    if (message !== undefined) this.#statusMessage = message;
    const reason = new McpError(ErrorCode.InvalidRequest, `the task is ${outcome.status}`);
    this.inputs.close(reason);
    if (outcome.status !== "completed") this.#controller.abort(reason);
    this.#touch();
    return true;
  }

  /** Stops the work of an expired task, without another status. */
  discard(): void {
    this.inputs.close(new McpError(ErrorCode.InvalidRequest, "the task has expired"));
    this.#controller.abort(new Error("the task has expired"));
  }

  #touch(): void {
    this.#lastUpdatedAt = new Date();
    if (this.#announcing) return;
    this.#announcing = true;
    queueMicrotask(() => {
      this.#announcing = false;
      this.#changed(this);
    });
  }

  /** The Task fields every shape of it shares. */
  #fields(): Record<string, unknown> {
    return {
      taskId: this.taskId,
      status: this.status,
      ...(this.#statusMessage === undefined ? {} : { statusMessage: this.#statusMessage }),
      createdAt: this.createdAt.toISOString(),
      lastUpdatedAt: this.#lastUpdatedAt.toISOString(),
      ttlMs: this.ttlMs,
      ...(this.pollIntervalMs === undefined ? {} : { pollIntervalMs: this.pollIntervalMs }),
    };
  }

  /** The CreateTaskResult a request is answered with: the flat Task and `resultType: "task"`. */
  created(): Record<string, unknown> {
    return { resultType: "task", ...this.#fields() };
  }

  /** The DetailedTask `tasks/get` and `notifications/tasks` carry: the status's own payload inlined. */
  detailed(): Record<string, unknown> {
    const out = this.#fields();
    const outcome = this.#outcome;
    if (outcome?.status === "completed") out.result = outcome.result;
    else if (outcome?.status === "failed") out.error = outcome.error;
    else if (!outcome && this.inputs.waiting) out.inputRequests = this.inputs.inputRequests();
    return out;
  }
}

/** The largest delay a timer takes. */
const MAX_TIMER = 2 ** 31 - 1;

/** The tasks of one server, by id, each kept until its TTL has passed. */
export class TaskStore {
  readonly #tasks = new Map<string, Task>();

  /** How many tasks are kept. */
  get size(): number {
    return this.#tasks.size;
  }

  /** Keeps `task` until its TTL has passed. */
  add(task: Task): void {
    this.#tasks.set(task.taskId, task);
    this.#schedule(task);
  }

  /** The task with this id if `owner` owns it (tasks made with no owner: any caller with the id) and it has not expired. */
  find(taskId: string, owner: string | undefined): Task | undefined {
    const task = this.#tasks.get(taskId);
    if (!task || task.owner !== owner) return undefined;
    if (task.expired) {
      this.#drop(task);
      return undefined;
    }
    return task;
  }

  #schedule(task: Task): void {
    if (task.ttlMs === null) return;
    const left = task.createdAt.getTime() + task.ttlMs - Date.now();
    const timer = setTimeout(() => (task.expired ? this.#drop(task) : this.#schedule(task)), Math.min(left, MAX_TIMER));
    timer.unref();
  }

  #drop(task: Task): void {
    if (this.#tasks.get(task.taskId) !== task) return;
    this.#tasks.delete(task.taskId);
    task.discard();
  }

  /** Forgets every task, stopping the work of those still running. */
  clear(): void {
    for (const task of [...this.#tasks.values()]) this.#drop(task);
  }
}

/** Options of a TaskManager. */
export interface TaskManagerOptions extends TaskTiming {
  /**
   * Who a request comes from, for scoping tasks: a task is visible only to requests with the same
   * owner. By default the principal of the request's verified token ({@link principalOf}: issuer and
   * subject), so one user's task is not found by another; without a token (an unprotected server)
   * undefined, which leaves the unguessable task id as the only credential.
   */
  owner?: (request: ServerRequestContext) => string | undefined;
  logger?: Logger;
}

/** Task ids of one listen request looked up in the shared store, at most (a listen request is bounded anyway). */
const MAX_REMOTE_LOOKUPS = 100;

const expired = (record: TaskRecord) => record.expiresAt != null && Date.now() >= record.expiresAt;

const notFound = () => new McpError(ErrorCode.InvalidParams, "Failed to retrieve task: Task not found");
const unreachable = () =>
  new McpError(ErrorCode.InternalError, "Internal error: the shared task store cannot be reached");

type Validators = Readonly<Record<string, Validator<unknown>>>;

/** Sharing tasks with other replicas: the store, this replica's name in it, and how changes reach the others' listen streams. */
interface Sharing {
  readonly store: SharedTaskStore;
  readonly replica: string;
  readonly announce: ((detailed: Record<string, unknown>) => void) | undefined;
}

/** Creates tasks, answers `tasks/get`, `tasks/update` and `tasks/cancel`, and announces status changes. */
export class TaskManager {
  readonly store = new TaskStore();
  readonly #server: Server;
  readonly #options: TaskManagerOptions;
  #shared: Sharing | undefined;
  /** The validators of the revision each task was made under, for answers another replica forwards. */
  readonly #validators = new WeakMap<Task, Validators>();

  constructor(server: Server, options: TaskManagerOptions = {}) {
    this.#server = server;
    this.#options = options;
  }

  /**
   * Creates a task for `request` (which must declare the extension) and returns it; `tasks/get` finds
   * it at once. The caller runs the work and ends the task with {@link settle}.
   */
  create(request: ServerRequestContext, timing: TaskTiming = {}): Task {
    const capabilities = (request.clientCapabilities ?? {}) as Record<string, unknown>;
    const resolved = {
      ttlMs: timing.ttlMs !== undefined ? timing.ttlMs : (this.#options.ttlMs ?? 3_600_000),
      pollIntervalMs: timing.pollIntervalMs ?? this.#options.pollIntervalMs ?? 500,
    };
    const task = new Task(this.#ownerOf(request), capabilities, resolved, (t) => this.#announce(t));
    this.store.add(task);
    if (this.#shared) this.#validators.set(task, request.revision.validators);
    return task;
  }

  /**
   * The CreateTaskResult `task` is answered with; when tasks are shared, once the store holds the task
   * (so that the client's first `tasks/get` finds it on any replica). If the store cannot be reached,
   * the task is cancelled and the request fails -32603.
   */
  created(task: Task): Record<string, unknown> | Promise<Record<string, unknown>> {
    const shared = this.#shared;
    if (!shared) return task.created();
    return shared.store.save(this.#record(task, shared)).then(
      () => task.created(),
      (error: unknown) => {
        this.#options.logger?.debug(`task ${task.taskId}: the shared task store cannot be reached`, error);
        task.cancel("The shared task store cannot be reached");
        throw unreachable();
      },
    );
  }

  /**
   * Shares this manager's tasks with the other replicas using `store`: their state is saved there at
   * each change, and `tasks/get`, `tasks/update` and `tasks/cancel` for a task another replica runs are
   * answered from there and forwarded to it. `announce` sends a task's changes to the other replicas,
   * whose `subscriptions/listen` streams following it deliver them ({@link deliverRemote}). Resolves
   * once this replica listens, with the function that stops sharing.
   */
  async share(
    store: SharedTaskStore,
    announce?: (detailed: Record<string, unknown>) => void,
  ): Promise<() => Promise<void>> {
    const sharing = { store, replica: randomUUID(), announce };
    const stop = await store.listen(sharing.replica, (command) => this.#obey(command));
    this.#shared = sharing;
    return async () => {
      if (this.#shared === sharing) this.#shared = undefined;
      await stop();
    };
  }

  /** Ends `task` with what its work came to: a result completes it, a thrown McpError fails it, anything else fails it -32603. */
  settle(task: Task, outcome: { result: unknown } | { error: unknown }): void {
    if ("result" in outcome) {
      task.complete(outcome.result);
      return;
    }
    const { error } = outcome;
    if (error instanceof McpError) {
      task.fail({
        code: error.code,
        message: error.message,
        ...(error.data === undefined ? {} : { data: error.data }),
      });
      return;
    }
    if (task.terminal) return;
    this.#options.logger?.error(`task ${task.taskId} failed`, error);
    task.fail({ code: ErrorCode.InternalError, message: "Internal error" });
  }

  /** The handlers of the extension's methods, for {@link Server.useExtension}. */
  handlers() {
    return {
      "tasks/get": (params: { taskId: string }, request: ServerRequestContext) => {
        const task = this.#find(params, request);
        return task ? task.detailed() : this.#remote(params, request).then((record) => record.task);
      },
      "tasks/update": (
        params: { taskId: string; inputResponses: Record<string, unknown> },
        request: ServerRequestContext,
      ) => {
        const task = this.#find(params, request);
        if (!task) return this.#forward(params, request, { inputResponses: params.inputResponses });
        if (!task.terminal) task.inputs.answer(params.inputResponses, request.revision.validators);
        return {};
      },
      "tasks/cancel": (params: { taskId: string }, request: ServerRequestContext) => {
        const task = this.#find(params, request);
        if (!task) return this.#forward(params, request, { cancel: true });
        task.cancel("The task was cancelled by the client");
        return {};
      },
    };
  }

  /** Of `ids`, those of tasks `request` may see: what a `subscriptions/listen` for them is agreed to. */
  visible(ids: readonly string[], request: ServerRequestContext): string[] | Promise<string[]> {
    const owner = this.#ownerOf(request);
    const here = ids.filter((id) => this.store.find(id, owner) !== undefined);
    const shared = this.#shared;
    if (!shared || here.length === ids.length) return here;
    // Tasks other replicas run: followed if the shared store holds them for this caller.
    const elsewhere = ids.filter((id) => !here.includes(id)).slice(0, MAX_REMOTE_LOOKUPS);
    return Promise.all(
      elsewhere.map((id) =>
        shared.store.load(id).then(
          (record) => (record && record.owner === owner && !expired(record) ? id : undefined),
          () => undefined,
        ),
      ),
    ).then((found) => [...here, ...found.filter((id): id is string => id !== undefined)]);
  }

  /** Sends a change of a task another replica runs to this replica's listen streams that follow it. */
  deliverRemote(detailed: Record<string, unknown>): void {
    for (const session of this.#server.sessions) void session.publish("notifications/tasks", detailed);
  }

  /** The task if this replica runs it; else undefined when tasks are shared (another may), else -32602. */
  #find(params: { taskId: string }, request: ServerRequestContext): Task | undefined {
    const task = this.store.find(params.taskId, this.#ownerOf(request));
    if (!task && !this.#shared) throw notFound();
    return task;
  }

  /** The shared record of a task another replica runs, if `request` may see it. */
  async #remote(params: { taskId: string }, request: ServerRequestContext): Promise<TaskRecord> {
    let record: TaskRecord | undefined;
    try {
      record = await this.#shared?.store.load(params.taskId);
    } catch (error) {
      this.#options.logger?.debug("tasks: the shared task store cannot be reached", error);
      throw unreachable();
    }
    if (!record || expired(record) || record.owner !== this.#ownerOf(request)) throw notFound();
    return record;
  }

  /**
   * Sends a cancel or the client's answers to the replica running a task. When that replica is gone,
   * so is the task's work: the task is recorded cancelled (asked to be) or failed (it waited for answers).
   */
  async #forward(
    params: { taskId: string },
    request: ServerRequestContext,
    what: { cancel: true } | { inputResponses: Record<string, unknown> },
  ): Promise<Record<string, never>> {
    const record = await this.#remote(params, request);
    if (isTerminalStatus(record.task.status)) return {};
    const { store } = this.#shared!;
    try {
      if (await store.send(record.replica, { taskId: record.taskId, owner: record.owner, ...what })) return {};
      const now = new Date().toISOString();
      const ended =
        "cancel" in what
          ? { status: "cancelled", statusMessage: "The task was cancelled by the client" }
          : {
              status: "failed",
              error: { code: ErrorCode.InternalError, message: "The server running the task is gone" },
            };
      const { inputRequests: _, ...task } = record.task;
      await store.save({ ...record, task: { ...task, ...ended, lastUpdatedAt: now } });
    } catch (error) {
      this.#options.logger?.debug("tasks: the shared task store cannot be reached", error);
      throw unreachable();
    }
    return {};
  }

  /** Does what another replica forwarded for a task this one runs. */
  #obey(command: TaskCommand): void {
    const task = this.store.find(command.taskId, command.owner);
    if (!task || task.terminal) return;
    if ("cancel" in command) {
      task.cancel("The task was cancelled by the client");
      return;
    }
    try {
      task.inputs.answer(command.inputResponses, this.#validators.get(task) ?? {});
    } catch (error) {
      this.#options.logger?.warn(`task ${task.taskId}: answers forwarded by another replica refused`, error);
    }
  }

  #record(task: Task, shared: Sharing): TaskRecord {
    const expiresAt = task.ttlMs === null ? null : task.createdAt.getTime() + task.ttlMs;
    return { taskId: task.taskId, owner: task.owner, replica: shared.replica, task: task.detailed(), expiresAt };
  }

  /** Sends the task's current state on every `subscriptions/listen` stream that asked for it. */
  #ownerOf(request: ServerRequestContext): string | undefined {
    const owner = this.#options.owner;
    return owner ? owner(request) : principalOf(request.auth);
  }

  #announce(task: Task): void {
    const detailed = task.detailed();
    const publish = () => {
      for (const session of this.#server.sessions) void session.publish("notifications/tasks", detailed);
    };
    const shared = this.#shared;
    if (!shared) return publish();
    // Saved first, so that a client told of the change finds it on whichever replica it asks.
    const announced = () => (publish(), shared.announce?.(detailed));
    shared.store.save(this.#record(task, shared)).then(announced, (error: unknown) => {
      this.#options.logger?.debug(`task ${task.taskId}: the shared task store cannot be reached`, error);
      announced();
    });
  }
}
