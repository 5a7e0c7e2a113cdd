import { principalOf, type AuthInfo } from "../../protocol/auth-info.js";
import type { ServerRequestContext } from "../request-context.js";
import type { ServerSession } from "../server-session.js";

/** Whom a resource update is for: a caller (as `ctx.auth` gives it), or its principal ({@link principalOf}). */
export type UpdateAudience = AuthInfo | string;

/**
 * The resources/subscribe subscriptions of a FastMCP server's sessions, each with the principal that
 * made it, and the sending of notifications/resources/updated to them and to `subscriptions/listen`
 * streams, to everyone or only to one principal's.
 */
export class ResourceSubscribers {
  readonly #bySession = new WeakMap<ServerSession, { uris: Set<string>; principal: string | undefined }>();

  /** Serves resources/subscribe (`on`) and resources/unsubscribe. */
  subscribe(request: ServerRequestContext, uri: string, on: boolean): Record<string, never> {
    let entry = this.#bySession.get(request.session);
    if (!entry) this.#bySession.set(request.session, (entry = { uris: new Set(), principal: undefined }));
    entry.principal = principalOf(request.auth);
    if (on) entry.uris.add(uri);
    else entry.uris.delete(uri);
    return {};
  }

  /** Subscribes a session re-created from another replica's record to what its client had subscribed to there. */
  restore(session: ServerSession, uris: readonly string[], principal: string | undefined): void {
    this.#bySession.set(session, { uris: new Set(uris), principal });
  }

  /** Sends the update of `uri` to the sessions and listen streams that asked for it (only `to`'s, when given). */
  async notify(sessions: Iterable<ServerSession>, uri: string, to?: UpdateAudience): Promise<void> {
    const principal = to === undefined ? undefined : typeof to === "string" ? to : principalOf(to);
    const sends = [...sessions].map((session) => {
      const entry = this.#bySession.get(session);
      if (entry?.uris.has(uri))
        return to === undefined || entry.principal === principal ? session.sendResourceUpdated({ uri }) : undefined;
      return session.publish("notifications/resources/updated", { uri }, principal);
    });
    await Promise.allSettled(sends);
  }
}
