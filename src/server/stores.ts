import type { ReplayCache } from "../auth/server/replay-cache.js";
import type { EventStore } from "../transports/http/event-store.js";
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
  /** Where DPoP proofs' `jti`s are remembered, with the `auth` option's `dpop`. */
  readonly replayCache?: ReplayCache;
}
