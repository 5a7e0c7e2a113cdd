import type { Context, TaskStarter } from "../fastmcp/context.js";
import { isObject } from "../../protocol/jsonrpc.js";
import { declaresExtension, type SubscriptionTopic } from "../extensions.js";
import { missingExtension } from "../stateless.js";
import type { Server } from "../server.js";
import {
  TASKS_EXTENSION,
  TASKS_EXTENSION_ID,
  TaskManager,
  type Task,
  type TaskManagerOptions,
  type TaskTiming,
} from "./tasks.js";

/** Whether a tool's calls may become tasks: "optional" (also runs as a plain call), or "required". */
export type TaskSupport = "optional" | "required";

/** How a tool's calls become tasks (tasks extension, 2026-07-28). */
export interface TaskToolOptions extends TaskTiming {
  support: TaskSupport;
  /**
   * When the task begins: "immediate" (default), before the handler runs, so the call is answered
   * with the task at once; or "handler", when the handler calls `ctx.startTask()`, so the questions it
   * asks before that are input-required requests of the call itself.
   */
  start?: "immediate" | "handler";
}

/** The task options of a tool, from the shorthand or the full form; undefined when its calls never become tasks. */
export function taskToolOptions(option: TaskSupport | TaskToolOptions | undefined): TaskToolOptions | undefined {
  const options = typeof option === "string" ? { support: option } : option;
  if (options && options.support !== "optional" && options.support !== "required")
    throw new TypeError(
      `mcpkit: a tool's task support is "optional" or "required", not ${JSON.stringify(options.support)}`,
    );
  return options;
}

/** One tool call that may become a task: the task once it begins, and the answer it makes of the call. */
class TaskCall implements TaskStarter {
  readonly #manager: TaskManager;
  readonly #ctx: Context;
  readonly #options: TaskToolOptions;
  readonly #answer: (created: Record<string, unknown> | Promise<Record<string, unknown>>) => void;
  task: Task | undefined;

  constructor(
    manager: TaskManager,
    ctx: Context,
    options: TaskToolOptions,
    answer: (created: Record<string, unknown> | Promise<Record<string, unknown>>) => void,
  ) {
    this.#manager = manager;
    this.#ctx = ctx;
    this.#options = options;
    this.#answer = answer;
  }

  start(): boolean {
    if (this.task) return true;
    const { ttlMs, pollIntervalMs } = this.#options;
    this.task = this.#manager.create(this.#ctx.request, {
      ...(ttlMs === undefined ? {} : { ttlMs }),
      ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
    });
    this.#ctx.redirectInputs(this.task.inputs);
    this.#answer(this.#manager.created(this.task));
    return true;
  }

  get signal(): AbortSignal | undefined {
    return this.task?.signal;
  }
}

/**
 * Server-directed tasks for FastMCP's tools: a call of a task tool whose request declares the
 * extension is answered with a CreateTaskResult and its handler runs on in the background, its outcome
 * becoming the task's; without the extension an optional tool runs as a plain call and a required one
 * is refused with -32021.
 */
export class TaskTools {
  readonly manager: TaskManager;
  readonly #server: Server;
  #enabled = false;

  constructor(server: Server, options: TaskManagerOptions = {}) {
    this.#server = server;
    this.manager = new TaskManager(server, options);
  }

  /** Serves the extension's methods and declares it (once the first task tool is registered). */
  enable(): void {
    if (this.#enabled) return;
    this.#enabled = true;
    const topic: SubscriptionTopic = {
      key: "taskIds",
      notification: "notifications/tasks",
      idOf: (params) => (isObject(params) ? params.taskId : undefined),
      agree: (ids, request) => this.manager.visible(ids, request),
    };
    this.#server.useExtension({ ...TASKS_EXTENSION, topics: [topic] }, this.manager.handlers());
  }

  /** Runs one call of a tool whose task options are `options` (undefined: never a task). */
  call(options: TaskToolOptions | undefined, ctx: Context, run: () => Promise<unknown>): Promise<unknown> {
    if (!options) return run();
    const request = ctx.request;
    const applies = this.#enabled && TASKS_EXTENSION.revisions.includes(request.revision.name);
    if (!applies || !declaresExtension(request.clientCapabilities, TASKS_EXTENSION_ID)) {
      if (options.support === "optional") return run();
      return Promise.reject(
        missingExtension(
          TASKS_EXTENSION_ID,
          `Missing required client capability: this tool runs only as a task (extension ${TASKS_EXTENSION_ID})`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const call = new TaskCall(this.manager, ctx, options, resolve);
      ctx.bindTask(call);
      if (options.start !== "handler") call.start();
      let running: Promise<unknown>;
      try {
        running = run();
      } catch (error) {
        running = Promise.reject(error);
      }
      running.then(
        (result) => (call.task ? this.manager.settle(call.task, { result }) : resolve(result)),
        (error: unknown) => (call.task ? this.manager.settle(call.task, { error }) : reject(error)),
      );
    });
  }
}
