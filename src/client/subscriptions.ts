import type { RequestId } from "../protocol/inbound.js";
import { isObject } from "../protocol/jsonrpc.js";
import type { Logger } from "../protocol/logger.js";
import { META } from "../protocol/mcp-headers.js";
import { hasCapability } from "../protocol/negotiation.js";
import type { RequestOptions } from "../protocol/outbound.js";

/**
 * Change-notification subscriptions (basic/patterns/subscriptions). On a stateless session each is one
 * `subscriptions/listen` request, and the notifications tagged with its id are its own. On a stateful
 * session the same object is built from what the older revisions have: the list_changed notifications
 * the server declared, and `resources/subscribe` for the URIs asked for.
 */

/** Which change notifications a subscription asks for. */
export interface SubscriptionFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  resourceSubscriptions?: string[];
}

/** One change notification delivered to a subscription. */
export interface SubscriptionNotification {
  method:
    | "notifications/tools/list_changed"
    | "notifications/prompts/list_changed"
    | "notifications/resources/list_changed"
    | "notifications/resources/updated";
  params: Record<string, unknown>;
}

const ACKNOWLEDGED = "notifications/subscriptions/acknowledged";

/** The queue behind one subscription: what the hub feeds and the iterator drains. */
export class SubscriptionFeed {
  /** The id of the listen request, once sent (stateless sessions). */
  id: RequestId | undefined;
  /** Notifications delivered and not yet taken by the iterator. */
  readonly queue: SubscriptionNotification[] = [];
  /** Iterator calls waiting for the next notification. */
  readonly waiting: { resolve(r: IteratorResult<SubscriptionNotification>): void; reject(e: unknown): void }[] = [];
  /** Set once the subscription has ended, with the error that ended it, if any. */
  ended: { error?: unknown } | undefined;
  /** Resolves `acknowledged` with the filter the server agreed to. */
  acknowledge!: (filter: SubscriptionFilter) => void;
  /** Rejects `acknowledged` (the subscription ended first). */
  refuse!: (error: unknown) => void;
  /** The filter the server agreed to. */
  readonly acknowledged = new Promise<SubscriptionFilter>((resolve, reject) => {
    this.acknowledge = resolve;
    this.refuse = reject;
  });

  constructor() {
    // Nobody need await the acknowledgement; a refusal must not become an unhandled rejection.
    this.acknowledged.catch(() => {});
  }

  /** Hands a notification to the iterator, or queues it. */
  deliver(notification: SubscriptionNotification): void {
    if (this.ended) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve({ value: notification, done: false });
    else this.queue.push(notification);
  }

  /** Ends the subscription: waiting iterator calls finish (or reject with `error`). */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = error === undefined ? {} : { error };
    this.refuse(error ?? new Error("the subscription ended before it was acknowledged"));
    for (const waiter of this.waiting.splice(0)) {
      if (error === undefined) waiter.resolve({ value: undefined, done: true });
      else waiter.reject(error);
    }
  }
}

/**
 * One subscription: an async iterable of the change notifications it receives, the filter the server
 * agreed to (`acknowledged`), and `close()`. Iteration ends when it is closed or the server ends it
 * gracefully, and throws when the connection fails under it.
 */
export class Subscription implements AsyncIterable<SubscriptionNotification> {
  readonly #feed: SubscriptionFeed;
  readonly #close: () => Promise<void>;

  /** Made by ClientSession.subscribe. */
  constructor(feed: SubscriptionFeed, close: () => Promise<void>) {
    this.#feed = feed;
    this.#close = close;
  }

  /** The subscription's id: the JSON-RPC id of its `subscriptions/listen` request (stateless sessions). */
  get id(): RequestId | undefined {
    return this.#feed.id;
  }

  /** The notification types the server agreed to send; rejects if the subscription ends before that. */
  get acknowledged(): Promise<SubscriptionFilter> {
    return this.#feed.acknowledged;
  }

  /** Whether the subscription has ended. */
  get closed(): boolean {
    return this.#feed.ended !== undefined;
  }

  /** Ends the subscription (cancels its listen request); iteration then ends. */
  async close(): Promise<void> {
    if (this.#feed.ended) return;
    this.#feed.end();
    await this.#close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionNotification> {
    const feed = this.#feed;
    return {
      next: () => {
        const value = feed.queue.shift();
        if (value) return Promise.resolve({ value, done: false });
        if (feed.ended)
          return feed.ended.error === undefined
            ? Promise.resolve({ value: undefined, done: true })
            : Promise.reject(feed.ended.error);
        return new Promise((resolve, reject) => feed.waiting.push({ resolve, reject }));
      },
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }
}

/** Sends `subscriptions/listen` with `params` (the session adds `_meta`). */
export type ListenSend = (params: { notifications: SubscriptionFilter }, options: RequestOptions) => Promise<unknown>;

/** Sends a stateful `resources/subscribe` or `resources/unsubscribe`. */
export type StatefulCall = (method: "resources/subscribe" | "resources/unsubscribe", uri: string) => Promise<unknown>;

interface StatefulEntry {
  readonly feed: SubscriptionFeed;
  readonly filter: SubscriptionFilter;
}

/** A session's subscriptions, and the routing of change notifications to them. */
export class SubscriptionHub {
  readonly #stateless = new Map<RequestId, SubscriptionFeed>();
  readonly #stateful = new Set<StatefulEntry>();
  readonly #uris = new Map<string, number>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Hands a notification to the subscriptions it belongs to. */
  route(method: string, params: unknown): void {
    const meta = isObject(params) && isObject(params._meta) ? params._meta : undefined;
    const id = meta?.[META.subscriptionId];
    const p = isObject(params) ? params : {};
    if (typeof id === "string" || typeof id === "number") {
      const feed = this.#stateless.get(id);
      if (!feed) return this.#logger.debug(`ignored ${method} for unknown subscription ${JSON.stringify(id)}`);
      if (method === ACKNOWLEDGED) feed.acknowledge(isObject(p.notifications) ? p.notifications : {});
      else feed.deliver({ method, params: p } as SubscriptionNotification);
      return;
    }
    for (const { feed, filter } of this.#stateful)
      if (wants(filter, method, p)) feed.deliver({ method, params: p } as SubscriptionNotification);
  }

  /** Opens a stateless subscription: one long-lived `subscriptions/listen` request. */
  listen(filter: SubscriptionFilter, send: ListenSend): Subscription {
    const feed = new SubscriptionFeed();
    const controller = new AbortController();
    const subscription = new Subscription(feed, async () => controller.abort(new Error("the subscription was closed")));
    let id: RequestId | undefined;
    const options: RequestOptions = {
      signal: controller.signal,
      timeout: Infinity,
      onRequestId: (sent) => {
        id = sent;
        feed.id = sent;
        this.#stateless.set(sent, feed);
      },
    };
    void send({ notifications: filter }, options)
      .then(
        () => feed.end(),
        (error: unknown) => feed.end(controller.signal.aborted ? undefined : error),
      )
      .finally(() => id !== undefined && this.#stateless.delete(id));
    return subscription;
  }

  /**
   * Opens a stateful stand-in: the list_changed kinds `capabilities` declare are honoured as they
   * arrive, and each resource URI is subscribed with `resources/subscribe` (once, however many
   * subscriptions share it) when the server declares `resources.subscribe`.
   */
  emulate(filter: SubscriptionFilter, capabilities: unknown, call: StatefulCall): Subscription {
    const feed = new SubscriptionFeed();
    const acked: SubscriptionFilter = {};
    const entry: StatefulEntry = { feed, filter: acked };
    const declared = (path: string[]) => hasCapability(capabilities, path);
    if (filter.toolsListChanged && declared(["tools", "listChanged"])) acked.toolsListChanged = true;
    if (filter.promptsListChanged && declared(["prompts", "listChanged"])) acked.promptsListChanged = true;
    if (filter.resourcesListChanged && declared(["resources", "listChanged"])) acked.resourcesListChanged = true;
    this.#stateful.add(entry);
    const uris = declared(["resources", "subscribe"]) ? [...new Set(filter.resourceSubscriptions ?? [])] : [];
    const subscribing = Promise.all(uris.map((uri) => this.#hold(uri, call))).then((held) => {
      const kept = uris.filter((_, i) => held[i]);
      if (filter.resourceSubscriptions) acked.resourceSubscriptions = kept;
      feed.acknowledge({ ...acked });
      return kept;
    });
    return new Subscription(feed, async () => {
      this.#stateful.delete(entry);
      for (const uri of await subscribing) await this.#release(uri, call);
    });
  }

  /** Ends every stateful stand-in (the connection is gone); stateless ones end with their listen requests. */
  endAll(error?: Error): void {
    for (const { feed } of this.#stateful) feed.end(error);
    this.#stateful.clear();
  }

  async #hold(uri: string, call: StatefulCall): Promise<boolean> {
    const count = this.#uris.get(uri) ?? 0;
    if (count === 0) {
      try {
        this.#uris.set(uri, 1);
        await call("resources/subscribe", uri);
        return true;
      } catch (error) {
        this.#uris.delete(uri);
        this.#logger.warn(`resources/subscribe ${uri} failed; left out of the subscription`, error);
        return false;
      }
    }
    this.#uris.set(uri, count + 1);
    return true;
  }

  async #release(uri: string, call: StatefulCall): Promise<void> {
    const count = (this.#uris.get(uri) ?? 1) - 1;
    if (count > 0) return void this.#uris.set(uri, count);
    this.#uris.delete(uri);
    await call("resources/unsubscribe", uri).catch((error: unknown) =>
      this.#logger.debug(`resources/unsubscribe ${uri} failed`, error),
    );
  }
}

function wants(filter: SubscriptionFilter, method: string, params: Record<string, unknown>): boolean {
  if (method === "notifications/tools/list_changed") return filter.toolsListChanged === true;
  if (method === "notifications/prompts/list_changed") return filter.promptsListChanged === true;
  if (method === "notifications/resources/list_changed") return filter.resourcesListChanged === true;
  if (method === "notifications/resources/updated")
    return typeof params.uri === "string" && (filter.resourceSubscriptions ?? []).includes(params.uri);
  return false;
}
