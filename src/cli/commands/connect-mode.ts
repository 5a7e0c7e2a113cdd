import type { ClientRequestOptions, ClientSession, LoggingLevel } from "../../client/client-session.js";
import type { Subscription } from "../../client/subscriptions.js";
import type { RequestOptions } from "../../protocol/outbound.js";
import { CliError, reason } from "../target.js";

/** The log levels, lowest first, as `level` takes them. */
export const LEVELS: readonly LoggingLevel[] = [
  "debug",
  "info",
  "notice",
  "warning",
  "error",
  "critical",
  "alert",
  "emergency",
];

/**
 * The `mcp client connect` commands whose wire form depends on the mode. A stateful session (2025-11-25
 * and older) has logging/setLevel, ping and resources/subscribe, and sends list changes unasked. A
 * stateless one (2026-07-28) has none of them: the log level travels on every request, a
 * round trip is a server/discover, and change notifications come only on a subscription.
 */
export class ModeAdapter {
  readonly #session: ClientSession;
  readonly #report: (text: string) => void;
  // Stateful servers send every level until logging/setLevel says otherwise; asking for debug keeps that.
  #level: LoggingLevel = "debug";
  #lists: Subscription | undefined;
  readonly #resources = new Map<string, Subscription>();

  /** `report` prints a subscription that the server ended, or that failed, while it was wanted. */
  constructor(session: ClientSession, report: (text: string) => void) {
    this.#session = session;
    this.#report = report;
  }

  get #stateless(): boolean {
    return this.#session.mode === "stateless";
  }

  /** A command's request options: on a stateless session they also ask for the current log level. */
  options(base: RequestOptions): ClientRequestOptions {
    return this.#stateless ? { ...base, logLevel: this.#level } : base;
  }

  /** `level <L>`: logging/setLevel, or (stateless) the level every later request asks for. Says which. */
  async setLevel(level: LoggingLevel, options: RequestOptions): Promise<string> {
    if (!this.#stateless) {
      await this.#session.setLevel({ level }, options);
      return `logging level ${level}`;
    }
    this.#level = level;
    return `logging level ${level} (asked for on every request from now on)`;
  }

  /** `ping`: the milliseconds of a ping, or (stateless, which has none) of a server/discover. */
  async ping(options: RequestOptions): Promise<number> {
    const started = Date.now();
    if (this.#stateless) await this.#session.discover(undefined, { ...options, cache: false });
    else await this.#session.ping(undefined, options);
    return Date.now() - started;
  }

  /**
   * Stateless sessions: opens a subscription to the list changes the server declares, so that they
   * arrive as they do unasked on a stateful session (the session's list_changed handlers fire for both).
   * Resolves once the server acknowledges it, or reports why it did not; nothing to do on a stateful session.
   */
  async followLists(options: RequestOptions): Promise<void> {
    const caps = this.#session.serverCapabilities ?? {};
    if (!this.#stateless || this.#lists) return;
    const filter = {
      ...(caps.tools?.listChanged ? { toolsListChanged: true } : {}),
      ...(caps.prompts?.listChanged ? { promptsListChanged: true } : {}),
      ...(caps.resources?.listChanged ? { resourcesListChanged: true } : {}),
    };
    if (Object.keys(filter).length === 0) return;
    const subscription = (this.#lists = this.#session.subscribe(filter));
    this.#drain(subscription, "list changes", () => {
      if (this.#lists !== subscription) return false;
      this.#lists = undefined;
      return true;
    });
    await settle(subscription.acknowledged, options.signal).catch((error: unknown) => {
      this.#report(`[subscription failed] list changes: ${reason(error)}`);
    });
  }

  /** `subscribe <uri>`: resources/subscribe, or (stateless) one subscription for the URI's updates. */
  async subscribe(uri: string, options: RequestOptions): Promise<void> {
    if (!this.#stateless) return void (await this.#session.subscribe({ uri }, options));
    if (this.#resources.has(uri)) return;
    const subscription = this.#session.subscribe({ resourceSubscriptions: [uri] });
    this.#resources.set(uri, subscription);
    this.#drain(subscription, uri, () => this.#resources.get(uri) === subscription && this.#resources.delete(uri));
    try {
      const agreed = await settle(subscription.acknowledged, options.signal);
      if (!agreed.resourceSubscriptions?.includes(uri))
        throw new CliError(`the server does not send updates of ${uri}`);
    } catch (error) {
      this.#resources.delete(uri);
      await subscription.close();
      throw error;
    }
  }

  /** `unsubscribe <uri>`: resources/unsubscribe, or (stateless) the end of the URI's subscription. */
  async unsubscribe(uri: string, options: RequestOptions): Promise<void> {
    if (!this.#stateless) return void (await this.#session.unsubscribe({ uri }, options));
    const subscription = this.#resources.get(uri);
    if (!subscription) throw new CliError(`not subscribed to ${uri}`);
    this.#resources.delete(uri);
    await subscription.close();
  }

  /** Ends every subscription, quietly. */
  async close(): Promise<void> {
    const open = [...this.#resources.values(), ...(this.#lists ? [this.#lists] : [])];
    this.#resources.clear();
    this.#lists = undefined;
    await Promise.all(open.map((subscription) => subscription.close().catch(() => {})));
  }

  /**
   * Takes a subscription's notifications (the session's handlers print them) so that none pile up,
   * and reports its end when it was still wanted: `forget` drops it, and says whether it was still held.
   */
  #drain(subscription: Subscription, what: string, forget: () => boolean): void {
    void (async () => {
      let failure = "";
      try {
        for await (const _ of subscription);
      } catch (error) {
        failure = `: ${reason(error)}`;
      }
      if (forget()) this.#report(`[subscription ended] ${what}${failure}`);
    })();
  }
}

/** `promise`, or the reason of `signal` (a command's deadline or Ctrl-C) if it aborts first. */
function settle<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}
