import type { AuthInfo } from "../../protocol/auth-info.js";

/**
 * What replicas share of one stateful session (2025-11-25 and earlier): which replica owns it, and
 * enough to re-create it elsewhere should that replica be gone.
 */
export interface SessionRecord {
  /** The replica serving the session (its {@link SessionSharing.replica}). */
  readonly owner: string;
  /** The principal whose token opened the session: only it may use the session, on any replica. */
  readonly principal?: string;
  /** The negotiated revision. */
  readonly revision: string;
  /** The client's initialize params (capabilities, clientInfo, offered revision). */
  readonly client?: unknown;
  /** The level the client last set with logging/setLevel. */
  readonly logLevel?: string;
  /** The resources the client subscribed to with resources/subscribe. */
  readonly subscriptions?: readonly string[];
}

/** What a session's requests change of its record. */
export type SessionChanges = Pick<SessionRecord, "logLevel" | "subscriptions">;

/**
 * What a session re-created from another replica's record keeps: the client's initialize params,
 * log level and resource subscriptions, and the principal that opened it.
 */
export interface RestoredSession {
  readonly client?: unknown;
  readonly logLevel?: string | undefined;
  readonly subscriptions?: readonly string[] | undefined;
  readonly principal?: string | undefined;
}

/** A request forwarded to the replica owning its session, as the receiving replica read it. */
export interface ForwardedRequest {
  readonly method: string;
  /** The request's headers by lower-case name (hop-by-hop ones left out). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body of a POST, read within the receiving replica's limits. */
  readonly body?: string;
  /** The caller, as the receiving replica's guard checked it. */
  readonly auth?: AuthInfo;
}

/** The parts of an answer to a forwarded request, sent and received in order. */
export interface AnswerParts {
  /** A complete answer. */
  reply(status: number, headers: Record<string, string>, body?: string): void;
  /** The head of a streamed answer; `data` and `end` follow. */
  head(status: number, headers: Record<string, string>): void;
  data(text: string): void;
}

/** How a forwarded request's answer comes back (on the receiving replica). */
export interface ForwardedAnswer extends AnswerParts {
  /** The streamed answer is over; `gone` when the owner stopped before finishing it. */
  end(gone: boolean): void;
}

/** How the owner answers a request forwarded to it. */
export interface OwnerAnswer extends AnswerParts {
  end(): void;
  /** Calls `listener` once if the receiving replica or its client goes away first. */
  onAbort(listener: () => void): void;
}

/** An open forward: `abort` tells the owner the client went away. */
export interface Forward {
  abort(): void;
}

/**
 * The session registry and the relay between replicas: `FastMCP.runHttp({ store })` takes it from a
 * shared store (`redisStore` has one). Every method rejects while the shared store cannot be reached.
 */
export interface SessionSharing {
  /** This replica's id, unique to this process. */
  readonly replica: string;
  /** Records (or replaces) a session this replica owns; it expires after `ttlMs` unless refreshed. */
  register(sessionId: string, record: SessionRecord, ttlMs: number): Promise<void>;
  /** Updates what the client set (log level, subscriptions) of a session this replica owns. */
  update(sessionId: string, changes: SessionChanges): Promise<void>;
  /** Keeps a session this replica owns for another `ttlMs`. */
  refresh(sessionId: string, ttlMs: number): Promise<void>;
  lookup(sessionId: string): Promise<SessionRecord | undefined>;
  /** Takes the session over if `from` still owns it: true when this replica owns it now. */
  claim(sessionId: string, from: string, ttlMs: number): Promise<boolean>;
  /** Records `record` again if it is missing (the store lost it), unless another replica took the session: false then. */
  reassert(sessionId: string, record: SessionRecord, ttlMs: number): Promise<boolean>;
  remove(sessionId: string): Promise<void>;
  /**
   * Forwards a request to `owner`; resolves with undefined at once when `owner` no longer listens (it
   * is gone), else with the open forward, whose answer comes to `answer`.
   */
  forward(owner: string, request: ForwardedRequest, answer: ForwardedAnswer): Promise<Forward | undefined>;
  /**
   * Serves the requests forwarded to this replica, and calls `reconnected` when the shared store is
   * reachable again after an outage; resolves once listening, with the function that stops.
   */
  serve(
    handler: (request: ForwardedRequest, answer: OwnerAnswer) => void,
    reconnected: () => void,
  ): Promise<() => Promise<void>>;
}
