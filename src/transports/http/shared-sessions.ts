import { principalOf } from "../../protocol/auth-info.js";
import { ErrorCode } from "../../protocol/errors.js";
import type { Logger } from "../../protocol/logger.js";
import type { RevisionSet } from "../../protocol/negotiation.js";
import { refuse, type HttpExchange } from "./exchange.js";
import { forwardExchange, forwardedRequest, ownerExchange } from "./relay.js";
import type { HttpSession } from "./session.js";
import type { SessionChanges, SessionRecord, SessionSharing } from "./session-sharing.js";
import { isObject } from "../../protocol/jsonrpc.js";

/** What {@link SharedSessions} needs of its endpoint. */
export interface SharingHost {
  readonly logger: Logger;
  readonly revisions: RevisionSet;
  /** Whether this replica serves the session now. */
  has(sessionId: string): boolean;
  /** Re-creates here a session whose replica is gone. */
  adopt(sessionId: string, record: SessionRecord): Promise<void>;
  /** Serves a request forwarded here (it is never forwarded again). */
  serveHere(ex: HttpExchange<void>): Promise<void>;
  /** Closes the session here without forgetting it: another replica owns it now. */
  release(sessionId: string): void;
}

/** How many times a request chases its session's owner (taken over by a third replica meanwhile) before 404. */
const ATTEMPTS = 3;

/** Times the records of this replica's sessions are written again after an outage before giving up. */
const REASSERT_ATTEMPTS = 30;

/** A session's record is kept this long after its last use when sessions never time out (0). */
const NO_TIMEOUT_TTL = 24 * 60 * 60_000;

/**
 * The sessions of one endpoint as replicas share them: each is recorded when initialized (owner,
 * revision, caller, client params, log level); a request for a session another replica owns is
 * forwarded there and answered with what comes back; if that replica is gone, the session is taken
 * over and re-created here. Requests forwarded here are served as if received here.
 */
export class SharedSessions {
  readonly #sharing: SessionSharing;
  readonly #host: SharingHost;
  readonly #ttl: number;
  readonly #body: { maxBytes: number; timeoutMs: number };
  // The records of the sessions this replica owns, to write again should the store lose them.
  readonly #owned = new Map<string, SessionRecord>();
  readonly #refreshed = new WeakMap<HttpSession, number>();
  readonly #listening: Promise<(() => Promise<void>) | undefined>;
  #closing = false;

  constructor(
    sharing: SessionSharing,
    host: SharingHost,
    options: { idleTimeoutMs: number; maxBodyBytes: number; bodyTimeoutMs: number },
  ) {
    this.#sharing = sharing;
    this.#host = host;
    this.#ttl = options.idleTimeoutMs > 0 ? options.idleTimeoutMs : NO_TIMEOUT_TTL;
    this.#body = { maxBytes: options.maxBodyBytes, timeoutMs: options.bodyTimeoutMs };
    this.#listening = sharing
      .serve(
        (request, answer) => void host.serveHere(ownerExchange(request, answer)),
        () => void this.#reassert(),
      )
      .catch((error: unknown) => {
        host.logger.error("sessions cannot be shared: listening for forwarded requests failed", error);
        return undefined;
      });
  }

  /**
   * Routes a request naming a session this replica does not serve: `answer` when it was answered
   * (forwarded, or refused), else the exchange to serve here (its body already read) — the session
   * was taken over, or is unknown (404 follows).
   */
  async route<R>(ex: HttpExchange<R>): Promise<{ answer: R } | { ex: HttpExchange<R> } | undefined> {
    const id = ex.header("mcp-session-id");
    if (id === null || this.#host.has(id) || this.#closing) return undefined;
    const version = ex.header("mcp-protocol-version");
    if (version !== null && !this.#host.revisions.spec(version.trim())?.stateful) return undefined;
    let here = ex;
    let body: string | undefined;
    if (ex.method === "POST") {
      const outcome = await ex.body(this.#body.maxBytes, this.#body.timeoutMs);
      if ("status" in outcome)
        return {
          answer: refuse(ex, outcome.status, outcome.message, ErrorCode.InvalidRequest, { connection: "close" }),
        };
      body = outcome.text;
      here = { ...ex, body: async () => outcome };
    }
    try {
      // Answers come back on this replica's channel: not before it is subscribed.
      if (!(await this.#listening)) throw new Error("this replica does not listen for answers");
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const record = await this.#sharing.lookup(id);
        if (!record || record.principal !== principalOf(ex.auth)) return { ex: here };
        if (record.owner !== this.#sharing.replica) {
          const forwarded = await forwardExchange(here, this.#sharing, record.owner, forwardedRequest(ex, body));
          if (forwarded) return forwarded;
        }
        if (await this.#sharing.claim(id, record.owner, this.#ttl)) {
          this.#host.logger.info(`took over session ${id}: its replica ${record.owner} is gone`);
          this.#owned.set(id, { ...record, owner: this.#sharing.replica });
          await this.#host.adopt(id, record);
          return { ex: here };
        }
      }
      return { ex: here };
    } catch (error) {
      this.#host.logger.debug(`session ${id}: the shared registry cannot be reached`, error);
      return { answer: refuse(ex, 503, "Service unavailable: the shared session registry cannot be reached", -32603) };
    }
  }

  /** Records a session initialized here; false if the registry cannot be reached. */
  async share(session: HttpSession, client: unknown): Promise<boolean> {
    const record: SessionRecord = {
      owner: this.#sharing.replica,
      revision: session.revision!,
      ...(session.owner === undefined ? {} : { principal: session.owner }),
      ...(client === undefined ? {} : { client }),
    };
    try {
      if (!(await this.#listening)) return false;
      await this.#sharing.register(session.id!, record, this.#ttl);
    } catch (error) {
      this.#host.logger.error(`session ${session.id} was refused: the shared registry cannot be reached`, error);
      return false;
    }
    this.#owned.set(session.id!, record);
    this.#refreshed.set(session, Date.now());
    return true;
  }

  /** Notes what requests served here change of a session: its log level, its resource subscriptions. */
  requested(session: HttpSession, requests: readonly { method: string; params?: unknown }[]): void {
    const record = this.#owned.get(session.id!);
    if (!record) return;
    const changes = sessionChanges(record, requests);
    if (!changes) return;
    this.#owned.set(session.id!, { ...record, ...changes });
    this.#sharing.update(session.id!, changes).catch((error: unknown) => {
      this.#host.logger.debug(`session ${session.id}: a change was not shared`, error);
    });
  }

  /** A session was used: its record is kept longer (at most every tenth of the TTL, not at every request). */
  touched(session: HttpSession): void {
    const last = this.#refreshed.get(session);
    if (last === undefined || Date.now() - last < this.#ttl / 10) return;
    this.#refreshed.set(session, Date.now());
    this.#sharing.refresh(session.id!, this.#ttl).catch((error: unknown) => {
      this.#host.logger.debug(`session ${session.id}: its record was not refreshed`, error);
    });
  }

  /** A session closed here: its record goes too, unless it is being handed over (shutdown, or taken over). */
  forgotten(session: HttpSession): void {
    if (!this.#owned.delete(session.id!) || this.#closing) return;
    this.#sharing.remove(session.id!).catch((error: unknown) => {
      this.#host.logger.debug(`session ${session.id}: its record was not removed (it expires)`, error);
    });
  }

  /** Stops serving forwarded requests: from then on, other replicas take this one's sessions over. */
  async close(): Promise<void> {
    this.#closing = true;
    const stop = await this.#listening;
    await stop?.();
  }

  /** The store is back after an outage: each session owned here is recorded again if it was lost, or let go if taken. */
  async #reassert(attempt = 1): Promise<void> {
    let failed = false;
    for (const [id, record] of [...this.#owned]) {
      try {
        if (await this.#sharing.reassert(id, record, this.#ttl)) continue;
        this.#owned.delete(id);
        this.#host.release(id);
      } catch (error) {
        failed = true;
        this.#host.logger.debug(`session ${id}: not recorded again (attempt ${attempt})`, error);
      }
    }
    // The store went away again meanwhile: tried again shortly, a bounded number of times.
    if (failed && attempt < REASSERT_ATTEMPTS && !this.#closing)
      setTimeout(() => void this.#reassert(attempt + 1), 1000).unref();
  }
}

/** Subscriptions recorded per session, at most (more are kept on the owner, not restored elsewhere). */
const MAX_RECORDED_SUBSCRIPTIONS = 1000;

/** What `requests` change of a session's record (logging/setLevel, resources/subscribe and unsubscribe), if anything. */
function sessionChanges(
  record: SessionRecord,
  requests: readonly { method: string; params?: unknown }[],
): SessionChanges | undefined {
  let logLevel: string | undefined;
  let subscriptions: Set<string> | undefined;
  for (const { method, params } of requests) {
    if (!isObject(params)) continue;
    if (method === "logging/setLevel" && typeof params.level === "string") logLevel = params.level;
    else if (
      (method === "resources/subscribe" || method === "resources/unsubscribe") &&
      typeof params.uri === "string"
    ) {
      subscriptions ??= new Set(record.subscriptions);
      if (method === "resources/unsubscribe") subscriptions.delete(params.uri);
      else if (subscriptions.size < MAX_RECORDED_SUBSCRIPTIONS) subscriptions.add(params.uri);
    }
  }
  if (logLevel === undefined && subscriptions === undefined) return undefined;
  return {
    ...(logLevel === undefined ? {} : { logLevel }),
    ...(subscriptions === undefined ? {} : { subscriptions: [...subscriptions] }),
  };
}
