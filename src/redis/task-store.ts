import { isObject } from "../protocol/jsonrpc.js";
import type { Logger } from "../protocol/logger.js";
import type { SharedTaskStore, TaskCommand, TaskRecord } from "../server/tasks/shared-tasks.js";
import type { RedisClient } from "./client.js";

/** Options of {@link RedisTaskStore}. */
export interface RedisTaskStoreOptions {
  /** Prefix of its keys and channels (default `mcpkit:`). */
  prefix?: string;
  /** Milliseconds a task with no TTL of its own (`ttlMs: null`) is kept at most (default 86,400,000: a day). */
  maxTaskTtlMs?: number;
  logger?: Logger;
}

/**
 * Tasks shared by replicas in Redis: each task's latest state a key expiring with the task's TTL, and
 * a pub/sub channel per replica for the commands other replicas forward to it.
 */
export class RedisTaskStore implements SharedTaskStore {
  readonly #client: RedisClient;
  readonly #prefix: string;
  readonly #maxTtl: number;
  readonly #logger: Logger | undefined;

  constructor(client: RedisClient, options: RedisTaskStoreOptions = {}) {
    this.#client = client;
    this.#prefix = options.prefix ?? "mcpkit:";
    this.#maxTtl = options.maxTaskTtlMs ?? 86_400_000;
    this.#logger = options.logger;
  }

  async save(record: TaskRecord): Promise<void> {
    const left = record.expiresAt === null ? this.#maxTtl : Math.min(this.#maxTtl, record.expiresAt - Date.now());
    const key = `${this.#prefix}task:${record.taskId}`;
    if (left <= 0) await this.#client.del(key);
    else await this.#client.set(key, JSON.stringify(record), { expiration: { type: "PX", value: Math.ceil(left) } });
  }

  async load(taskId: string): Promise<TaskRecord | undefined> {
    const stored = await this.#client.get(`${this.#prefix}task:${taskId}`);
    if (typeof stored !== "string") return undefined;
    const record: unknown = JSON.parse(stored);
    return isRecord(record) && record.taskId === taskId ? record : undefined;
  }

  async send(replica: string, command: TaskCommand): Promise<boolean> {
    return (await this.#client.publish(this.#channel(replica), JSON.stringify(command))) > 0;
  }

  async listen(replica: string, handler: (command: TaskCommand) => void): Promise<() => Promise<void>> {
    const subscriber = this.#client.duplicate();
    subscriber.on("error", (error: unknown) => this.#logger?.debug("redis: the task command subscriber failed", error));
    await subscriber.connect();
    await subscriber.subscribe(this.#channel(replica), (message: string) => {
      let command: unknown;
      try {
        command = JSON.parse(message);
      } catch {
        command = undefined;
      }
      if (isCommand(command)) handler(command);
      else this.#logger?.warn("redis: a malformed task command was ignored");
    });
    return async () => {
      await subscriber.close().catch(() => subscriber.destroy());
    };
  }

  #channel(replica: string): string {
    return `${this.#prefix}replica:${replica}:tasks`;
  }
}

function isRecord(value: unknown): value is TaskRecord {
  return (
    isObject(value) &&
    typeof value.taskId === "string" &&
    typeof value.replica === "string" &&
    (value.owner === undefined || typeof value.owner === "string") &&
    isObject(value.task) &&
    (value.expiresAt === null || typeof value.expiresAt === "number")
  );
}

function isCommand(value: unknown): value is TaskCommand {
  if (!isObject(value) || typeof value.taskId !== "string") return false;
  if (value.owner !== undefined && typeof value.owner !== "string") return false;
  return value.cancel === true || isObject(value.inputResponses);
}
