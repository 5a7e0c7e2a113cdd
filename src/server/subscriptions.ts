import type { RequestMap } from "../../generated/surface/methods.js";
import type { RequestId } from "../protocol/inbound.js";
import { principalOf } from "../protocol/auth-info.js";
import { isObject } from "../protocol/jsonrpc.js";
import { META } from "../protocol/mcp-headers.js";
import type { ServerRequestContext } from "./request-context.js";

/** What a client opts in to on a `subscriptions/listen` stream. */
export type SubscriptionFilter = RequestMap["subscriptions/listen"]["params"]["notifications"];

/** The filter flag that opts in to each list-changed notification, and the capability that offers it. */
const LIST_CHANGED = {
  "notifications/tools/list_changed": ["toolsListChanged", "tools"],
  "notifications/prompts/list_changed": ["promptsListChanged", "prompts"],
  "notifications/resources/list_changed": ["resourcesListChanged", "resources"],
} as const;

const flag = (caps: object, top: string, name: string) => {
  const node = (caps as Record<string, unknown>)[top];
  return isObject(node) && node[name] === true;
};

/**
 * The part of a requested filter this server honours: list changes it declares `listChanged` for,
 * and resource updates when it declares `resources.subscribe`. What it does not offer is left out.
 */
export function agreedFilter(requested: SubscriptionFilter, caps: object): SubscriptionFilter {
  const agreed: SubscriptionFilter = {};
  for (const [key, top] of Object.values(LIST_CHANGED))
    if (requested[key] === true && flag(caps, top, "listChanged")) agreed[key] = true;
  if (requested.resourceSubscriptions && flag(caps, "resources", "subscribe"))
    agreed.resourceSubscriptions = [...requested.resourceSubscriptions];
  return agreed;
}

/** Whether a notification is one a filter opted in to. */
export function wanted(filter: SubscriptionFilter, method: string, params: unknown): boolean {
  if (Object.hasOwn(LIST_CHANGED, method)) return filter[LIST_CHANGED[method as keyof typeof LIST_CHANGED][0]] === true;
  if (method !== "notifications/resources/updated") return false;
  const uri = isObject(params) ? params.uri : undefined;
  return typeof uri === "string" && (filter.resourceSubscriptions?.includes(uri) ?? false);
}

interface Open {
  filter: SubscriptionFilter;
  ctx: ServerRequestContext;
  end: () => void;
}

/**
 * The `subscriptions/listen` streams open on one connection. Each is a request left unanswered: it
 * is acknowledged first, then carries the notifications its filter names, each tagged with the
 * subscription's id (the listen request's id), until the client cancels it or the server ends it.
 */
export class Subscriptions {
  readonly #open = new Map<RequestId, Open>();
  readonly #alsoWanted: ((filter: SubscriptionFilter, method: string, params: unknown) => boolean) | undefined;

  /** @param alsoWanted what else a filter opts in to (extensions' notifications) */
  constructor(alsoWanted?: (filter: SubscriptionFilter, method: string, params: unknown) => boolean) {
    this.#alsoWanted = alsoWanted;
  }

  get size(): number {
    return this.#open.size;
  }

  /** Serves one listen request: resolves (the graceful end) only when the server ends the subscription. */
  async listen(filter: SubscriptionFilter, ctx: ServerRequestContext): Promise<Record<string, unknown>> {
    const id = ctx.requestId;
    const tag = { [META.subscriptionId]: id };
    const acknowledged = ctx.notify("notifications/subscriptions/acknowledged", { _meta: tag, notifications: filter });
    const ended = new Promise<Record<string, unknown>>((resolve) => {
      const end = () => {
        if (this.#open.get(id)?.ctx !== ctx) return;
        this.#open.delete(id);
        resolve({ _meta: tag });
      };
      this.#open.set(id, { filter, ctx, end });
      ctx.signal.addEventListener("abort", end, { once: true });
    });
    await acknowledged;
    return ended;
  }

  /** Sends a notification on every subscription whose filter wants it (only `principal`'s, when given). */
  async publish(method: string, params: unknown, principal?: string): Promise<void> {
    if (this.#open.size === 0) return;
    const base = isObject(params) ? params : {};
    const meta = isObject(base._meta) ? base._meta : {};
    const sends: Promise<void>[] = [];
    for (const [id, open] of this.#open) {
      if (!wanted(open.filter, method, params) && !this.#alsoWanted?.(open.filter, method, params)) continue;
      if (principal !== undefined && principalOf(open.ctx.auth) !== principal) continue;
      const tagged = { ...base, _meta: { ...meta, [META.subscriptionId]: id } };
      sends.push(open.ctx.notify(method as never, tagged as never));
    }
    await Promise.allSettled(sends);
  }

  /** Ends every subscription gracefully: each listen request is answered, which closes its stream. */
  endAll(): void {
    for (const open of [...this.#open.values()]) open.end();
  }
}
