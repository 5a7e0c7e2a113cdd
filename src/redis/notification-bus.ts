import { isObject } from "../protocol/jsonrpc.js";
import type { Logger } from "../protocol/logger.js";
import type { NotificationBus, SharedNotification } from "../server/stores.js";
import type { RedisClient } from "./client.js";

const LISTS = new Set(["tools", "resources", "prompts"]);

/** A NotificationBus on one Redis pub/sub channel, `<prefix>notifications`. */
export class RedisNotificationBus implements NotificationBus {
  readonly #client: RedisClient;
  readonly #channel: string;
  readonly #logger: Logger | undefined;

  constructor(client: RedisClient, options: { prefix?: string; logger?: Logger } = {}) {
    this.#client = client;
    this.#channel = `${options.prefix ?? "mcpkit:"}notifications`;
    this.#logger = options.logger;
  }

  async publish(notification: SharedNotification): Promise<void> {
    await this.#client.publish(this.#channel, JSON.stringify(notification));
  }

  async listen(handler: (notification: SharedNotification) => void): Promise<() => Promise<void>> {
    const subscriber = this.#client.duplicate();
    subscriber.on("error", (error: unknown) => this.#logger?.debug("redis: the notification subscriber failed", error));
    await subscriber.connect();
    await subscriber.subscribe(this.#channel, (message: string) => {
      let notification: unknown;
      try {
        notification = JSON.parse(message);
      } catch {
        notification = undefined;
      }
      if (isNotification(notification)) handler(notification);
      else this.#logger?.warn("redis: a malformed shared notification was ignored");
    });
    return async () => {
      await subscriber.close().catch(() => subscriber.destroy());
    };
  }
}

function isNotification(value: unknown): value is SharedNotification {
  if (!isObject(value) || typeof value.origin !== "string") return false;
  if ("list" in value) return typeof value.list === "string" && LISTS.has(value.list);
  if ("task" in value) return isObject(value.task) && typeof value.task.taskId === "string";
  return typeof value.uri === "string" && (value.principal === undefined || typeof value.principal === "string");
}
