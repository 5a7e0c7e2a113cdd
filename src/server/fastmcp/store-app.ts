import type { ServerStore } from "../stores.js";
import type { TaskManager } from "../tasks/tasks.js";
import type { AuthSettings } from "./auth-app.js";
import type { HttpRunOptions } from "./http-app.js";

/** Options of `FastMCP.runHttp`: those of the HTTP server, and the stores shared with other replicas. */
export interface FastHttpRunOptions extends HttpRunOptions {
  /**
   * The stores this replica shares with the others (`redisStore({ url })` from `mcpkit/redis`): SSE
   * events, tasks and DPoP replays. Without it everything stays in this process's memory. The store
   * is the caller's to close, after the server.
   */
  store?: ServerStore;
}

/** What `runHttp` serves with once the store is applied, and how to stop using it. */
export interface StoreApplied {
  readonly options: HttpRunOptions;
  readonly auth: AuthSettings | undefined;
  readonly stop: () => Promise<void>;
}

/** Turns on each store `options.store` has: an explicit `eventStore` option or DPoP `replayCache` wins over the store's. */
export async function applyStore(
  options: FastHttpRunOptions,
  auth: AuthSettings | undefined,
  tasks: TaskManager,
): Promise<StoreApplied> {
  const { store, ...rest } = options;
  if (!store) return { options: rest, auth, stop: async () => {} };
  const http = store.eventStore && rest.eventStore === undefined ? { ...rest, eventStore: store.eventStore } : rest;
  let settings = auth;
  if (auth?.dpop && store.replayCache) {
    const dpop = auth.dpop === true ? {} : auth.dpop;
    settings = { ...auth, dpop: { replayCache: store.replayCache, ...dpop } };
  }
  const stop = store.tasks ? await tasks.share(store.tasks) : async () => {};
  return { options: http, auth: settings, stop };
}
