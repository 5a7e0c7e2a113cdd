import type { CallerParams, RevisionSpec } from "../../generated/common.js";
import type { Revision } from "../../generated/index.js";
import type { NotificationMap, RequestMap, ServerNotificationMethod } from "../../generated/surface/methods.js";
import type { AuthInfo } from "../protocol/auth-info.js";
import type { HttpHeaders, MessageInfo } from "../protocol/transport.js";
import { InboundRequest, type RequestId } from "../protocol/inbound.js";
import { META } from "../protocol/mcp-headers.js";
import { requestCapabilities } from "./stateless.js";
import type { ServerSession } from "./server-session.js";

/** A logging severity, as logging/setLevel and notifications/message name them. */
export type LoggingLevel = NotificationMap["notifications/message"]["params"]["level"];
type LoggingParams = NotificationMap["notifications/message"]["params"];
/** What a client declares it can do (at initialize, or on each request from 2026-07-28 on). */
export type ClientCapabilities = RequestMap["initialize"]["params"]["capabilities"];
/** A client's name and version. */
export type ClientInfo = RequestMap["initialize"]["params"]["clientInfo"];

const SEVERITY: Record<LoggingLevel, number> = {
  debug: 0,
  info: 1,
  notice: 2,
  warning: 3,
  error: 4,
  critical: 5,
  alert: 6,
  emergency: 7,
};

/** Whether a message at `level` passes a client's `threshold` (none: everything passes). */
export function passesLevel(level: LoggingLevel, threshold: LoggingLevel | undefined): boolean {
  return threshold === undefined || SEVERITY[level] >= SEVERITY[threshold];
}

/** Whether `value` names a logging level. */
export const isLevel = (value: unknown): value is LoggingLevel =>
  typeof value === "string" && Object.hasOwn(SEVERITY, value);

/**
 * What a handler of a client-to-server request is told: the request, the revision it is read under,
 * and what the client declared, per request on the stateless revisions and per session before them.
 */
export class ServerRequestContext extends InboundRequest {
  readonly session: ServerSession;
  /** The revision this request is read under. */
  readonly revision: RevisionSpec;
  /** The caller, when the server checks tokens: what the verified access token of this request says. */
  readonly auth: AuthInfo | undefined;
  /**
   * The headers of the HTTP request that carried this request (of the upgrade, on WebSocket) by
   * lower-case name; undefined on other transports. `authorization` holds the token: never log it.
   */
  readonly headers: HttpHeaders | undefined;

  constructor(
    id: RequestId,
    method: string,
    params: unknown,
    session: ServerSession,
    revision: RevisionSpec,
    info?: MessageInfo,
  ) {
    super(id, method, params);
    this.session = session;
    this.revision = revision;
    this.auth = info?.auth;
    this.headers = info?.headers;
  }

  /** The revision this request is read under. */
  get protocolVersion(): Revision {
    return this.revision.name as Revision;
  }

  /** The request is stateless (2026-07-28 on): its client declared itself in `_meta`, and there is no session to ask back. */
  get stateless(): boolean {
    return !this.revision.stateful;
  }

  /** What the client declared it can do: on this request (stateless revisions), else at initialize. */
  get clientCapabilities(): ClientCapabilities | undefined {
    return this.stateless ? (requestCapabilities(this.meta) as ClientCapabilities) : this.session.clientCapabilities;
  }

  /** The client's name and version, as it gave them (on this request, or at initialize). */
  get clientInfo(): ClientInfo | undefined {
    if (!this.stateless) return this.session.clientInfo;
    return this.meta?.[META.clientInfo] as ClientInfo | undefined;
  }

  /**
   * The least severe level the client wants log messages of: from this request's `_meta` (stateless
   * revisions; absent means none at all), else what logging/setLevel set (unset means every level).
   */
  get logLevel(): LoggingLevel | undefined {
    if (!this.stateless) return this.session.logLevel;
    const level = this.meta?.[META.logLevel];
    return isLevel(level) ? level : undefined;
  }

  /** The progress token the client sent, if it asked for progress. */
  get progressToken(): string | number | undefined {
    const token = this.meta?.progressToken;
    return typeof token === "string" || typeof token === "number" ? token : undefined;
  }

  /**
   * Sends a notification that belongs to this request (on its own response stream where the transport
   * has one). On the stateless revisions a request's notifications end with its response: later ones
   * are dropped, as no stream is left to carry them.
   */
  notify<M extends ServerNotificationMethod>(
    method: M,
    params?: CallerParams<NotificationMap[M]["params"]>,
  ): Promise<void> {
    if (this.stateless && this.answered) {
      this.session.dropped(method, this.requestId);
      return Promise.resolve();
    }
    return this.session.notifyUnder(this.revision, method, params, { relatedRequestId: this.requestId });
  }

  /** Reports progress on this request; does nothing when the client asked for none. */
  async reportProgress(progress: number, total?: number, message?: string): Promise<void> {
    const progressToken = this.progressToken;
    if (progressToken === undefined || this.cancelled) return;
    const params = {
      progressToken,
      progress,
      ...(total === undefined ? {} : { total }),
      ...(message === undefined ? {} : { message }),
    };
    await this.notify("notifications/progress", params);
  }

  /**
   * Sends a log message about this request, unless the client does not want it: below its level, or,
   * on the stateless revisions, because the request named no level at all.
   */
  async log(params: CallerParams<LoggingParams>): Promise<void> {
    if (this.cancelled) return;
    if (this.stateless && this.logLevel === undefined) return;
    if (!passesLevel(params.level, this.logLevel)) return;
    await this.notify("notifications/message", params);
  }

  /**
   * Closes the HTTP connection of this request's SSE stream before the answer is ready, so the client
   * reconnects (after the priming event's `retry`) with Last-Event-ID and is sent the rest, the answer
   * included, on the resumed stream: SSE polling (2025-11-25), which frees the connection during long
   * work. False, and nothing happens, when the request has no resumable SSE stream (another transport,
   * a JSON answer, no event store, a stateless revision, or a revision before 2025-11-25).
   */
  closeSseStream(): boolean {
    return this.session.closeRequestStream(this.requestId);
  }
}
