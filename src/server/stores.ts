import type { ReplayCache } from "../auth/server/replay-cache.js";
import type { EventStore } from "../transports/http/event-store.js";
import type { SessionSharing } from "../transports/http/session-sharing.js";
import type { SharedTaskStore } from "./tasks/shared-tasks.js";

/**
 * The stores several replicas of a server share, given at once to `FastMCP.runHttp({ store })`
 * (`redisStore({ url })` from `mcpkit/redis` makes one on Redis). Each is optional: what is missing
 * stays in this process's memory, as without a store.
 */
export interface ServerStore {
  /** Where SSE events are kept for Last-Event-ID (else `runHttp`'s `eventStore`, by default in memory). */
  readonly eventStore?: EventStore;
  /** Where the tasks of task tools are shared (see {@link TaskManager.share}). */
  readonly tasks?: SharedTaskStore;
  /**
   * The registry of stateful sessions (2025-11-25 and earlier) and the relay between replicas: a
   * session's requests are forwarded to the replica serving it, or it is taken over if that one is gone.
   */
  readonly sessions?: SessionSharing;
  /** Where DPoP proofs' `jti`s are remembered, with the `auth` option's `dpop`. */
  readonly replayCache?: ReplayCache;
  /** How list changes and resource updates raised on one replica reach the clients of every other. */
  readonly notifications?: NotificationBus;
  /** Whether the store can be reached now: `runHttp`'s readiness probe (`health`) answers 503 while it cannot. */
  ready?(): Promise<boolean>;
  /**
   * The secret named `name`: 32 random bytes, the same for every replica sharing the store (the first
   * to ask draws it). `runHttp` keys the requestState and DPoP nonce HMACs with it when no secret is given.
   */
  secret?(name: string): Promise<Uint8Array>;
}

/**
 * A notification every replica delivers to its own clients: a list change, a resource update
 * (only to one principal's subscriptions when `principal` is set), or a task's new state (a
 * DetailedTask, to the `subscriptions/listen` streams following it, agreed only for its owner). `origin` names the replica that
 * raised it, which delivered it itself already.
 */
export type SharedNotification =
  | { readonly origin: string; readonly list: "tools" | "resources" | "prompts" }
  | { readonly origin: string; readonly uri: string; readonly principal?: string }
  | { readonly origin: string; readonly task: Readonly<Record<string, unknown>> };

/** Notifications shared by replicas. Both methods reject when the bus cannot be reached. */
export interface NotificationBus {
  /** Sends `notification` to every replica listening (its origin included, which ignores it). */
  publish(notification: SharedNotification): Promise<void>;
  /** Calls `handler` with each notification any replica publishes, until the returned function is called. */
  listen(handler: (notification: SharedNotification) => void): Promise<() => Promise<void>>;
}
