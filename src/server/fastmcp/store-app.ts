import { randomUUID } from "node:crypto";
import type { Logger } from "../../protocol/logger.js";
import type { NotificationBus, ServerStore, SharedNotification } from "../stores.js";
import type { TaskManager } from "../tasks/tasks.js";
import type { AuthSettings } from "./auth-app.js";
import type { HttpRunOptions } from "./http-app.js";
import type { RequestStateSealer } from "./input-required.js";

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

/**
 * Turns on each store `options.store` has: an explicit `eventStore` option, DPoP `replayCache` or
 * `nonceSecret`, or requestState `secret` wins over the store's.
 */
export async function applyStore(
  options: FastHttpRunOptions,
  auth: AuthSettings | undefined,
  tasks: TaskManager,
  notifications: NotificationSharing,
  sealer: RequestStateSealer,
): Promise<StoreApplied> {
  const { store, ...rest } = options;
  if (!store) return { options: rest, auth, stop: async () => {} };
  const events = {
    ...rest,
    ...(store.eventStore && rest.eventStore === undefined ? { eventStore: store.eventStore } : {}),
    ...(store.sessions && rest.sessions === undefined ? { sessions: store.sessions } : {}),
  };
  const http = withStoreReadiness(events, store);
  const settings = await withStoreDpop(auth, store);
  if (store.secret && !sealer.hasSecret) sealer.shareSecret(await store.secret("request-state"));
  if (store.replayCache) sealer.shareReplayCache(store.replayCache);
  const announce = store.notifications ? (task: Record<string, unknown>) => notifications.publish({ task }) : undefined;
  const stopTasks = store.tasks ? await tasks.share(store.tasks, announce) : async () => {};
  const stopNotifications = store.notifications ? await notifications.share(store.notifications) : async () => {};
  const stop = async () => {
    await Promise.allSettled([stopTasks(), stopNotifications()]);
  };
  return { options: http, auth: settings, stop };
}

/** The auth settings with DPoP's replay cache and nonce secret taken from the store where none is given. */
async function withStoreDpop(auth: AuthSettings | undefined, store: ServerStore): Promise<AuthSettings | undefined> {
  if (!auth?.dpop) return auth;
  const dpop = { ...(auth.dpop === true ? {} : auth.dpop) };
  if (dpop.replayCache === undefined && store.replayCache) dpop.replayCache = store.replayCache;
  if (dpop.nonces && dpop.nonceSecret === undefined && store.secret)
    dpop.nonceSecret = await store.secret("dpop-nonce");
  return { ...auth, dpop };
}

/** The options with the store's readiness added to the readiness probe's, when probes are on and the store tells. */
function withStoreReadiness(options: HttpRunOptions, store: ServerStore): HttpRunOptions {
  const { health } = options;
  const storeReady = store.ready?.bind(store);
  if (!health || !storeReady) return options;
  const own = health === true ? {} : health;
  const appReady = own.ready;
  const ready = async () => (await storeReady()) && (appReady ? await appReady() : true);
  return { ...options, health: { ...own, ready } };
}

/** What one notification carries, without its origin. */
export type NotificationBody = SharedNotification extends infer N
  ? N extends unknown
    ? Omit<N, "origin">
    : never
  : never;

/**
 * A FastMCP server's list changes and resource updates shared with the other replicas: each raised
 * here is delivered here at once and published; each published elsewhere is delivered here.
 */
export class NotificationSharing {
  readonly #deliver: (notification: NotificationBody) => void;
  readonly #logger: Logger | undefined;
  #active: { bus: NotificationBus; origin: string } | undefined;

  constructor(deliver: (notification: NotificationBody) => void, logger: Logger | undefined) {
    this.#deliver = deliver;
    this.#logger = logger;
  }

  /** Starts sharing through `bus`; resolves once listening, with the function that stops. */
  async share(bus: NotificationBus): Promise<() => Promise<void>> {
    const active = { bus, origin: randomUUID() };
    const stop = await bus.listen((notification) => {
      if (notification.origin === active.origin) return;
      const { origin: _, ...body } = notification;
      this.#deliver(body as NotificationBody);
    });
    this.#active = active;
    return async () => {
      if (this.#active === active) this.#active = undefined;
      await stop();
    };
  }

  /** Publishes a notification raised here (already delivered here); a bus that fails is logged at debug (it reports its own outage). */
  publish(notification: NotificationBody): void {
    const active = this.#active;
    if (!active) return;
    active.bus.publish({ ...notification, origin: active.origin } as SharedNotification).catch((error: unknown) => {
      this.#logger?.debug("a notification was not shared with the other replicas", error);
    });
  }
}
