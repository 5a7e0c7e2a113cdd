import { metaVersion, standardHeaders } from "../../protocol/mcp-headers.js";
import { isObject, isRequest } from "../../protocol/jsonrpc.js";
import type { RequestId } from "../../protocol/inbound.js";

/** A request of a stateless (2026-07-28 and later) session: its id, and the version its `_meta` names. */
export interface StatelessRequest {
  readonly id: RequestId;
  readonly version: string;
}

/** The request `message` is, when it carries its protocol version in `params._meta` (a stateless request). */
export function statelessRequest(message: unknown): StatelessRequest | undefined {
  if (!isRequest(message)) return undefined;
  const version = metaVersion(message);
  return version === undefined ? undefined : { id: message.id, version };
}

/**
 * The headers of a stateless request's POST: `MCP-Protocol-Version` equal to its `_meta` version,
 * `Mcp-Method`, `Mcp-Name` where the method has one, and the session's extra ones (`Mcp-Param-{Name}`),
 * which never replace the standard ones.
 */
export function statelessHeaders(
  request: StatelessRequest,
  message: { method: string; params?: unknown },
  extra: Record<string, string> | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  return {
    ...headers,
    ...standardHeaders(message.method, message.params),
    "mcp-protocol-version": request.version,
  };
}

/**
 * Stateless requests in flight, each with its own AbortController: on 2026-07-28 Streamable HTTP a
 * request is cancelled by closing its response stream, not by POSTing `notifications/cancelled`.
 */
export class StatelessInflight {
  readonly #controllers = new Map<RequestId, AbortController>();

  /** Starts tracking `id`; the signal aborts with the transport's or when the request is cancelled. */
  open(id: RequestId, transport: AbortSignal): AbortSignal {
    const controller = new AbortController();
    this.#controllers.set(id, controller);
    return AbortSignal.any([transport, controller.signal]);
  }

  /** The request was answered (or given up): nothing left to abort. */
  done(id: RequestId): void {
    this.#controllers.delete(id);
  }

  /**
   * When `message` is `notifications/cancelled` for a stateless request in flight: aborts that request's
   * fetch and returns its id (the notification itself is not sent). Otherwise undefined.
   */
  cancel(message: unknown): RequestId | undefined {
    if (!isObject(message) || message.method !== "notifications/cancelled" || !isObject(message.params)) return;
    const id = message.params.requestId;
    const controller = typeof id === "string" || typeof id === "number" ? this.#controllers.get(id) : undefined;
    if (!controller) return undefined;
    this.#controllers.delete(id as RequestId);
    controller.abort(new Error(typeof message.params.reason === "string" ? message.params.reason : "cancelled"));
    return id as RequestId;
  }
}

/** One logical event stream: the answer to a POST (resumed by GET), or the standalone GET stream. */
export interface EventStream {
  readonly standalone: boolean;
  /** The answer to a stateless (2026-07-28) request: such streams are never resumed. */
  readonly stateless: boolean;
  /** Requests of the POST whose answers are still to come on this stream. */
  readonly awaiting: Set<RequestId>;
  lastEventId: string | undefined;
  retry: number | undefined;
  /** Reconnections in a row that failed or brought nothing. */
  failures: number;
}

/** A new event stream record, for the answer to a POST (`stateless` when it answers a stateless request) or the GET stream. */
export function eventStream(standalone: boolean, ids: RequestId[], stateless = false): EventStream {
  return { standalone, stateless, awaiting: new Set(ids), lastEventId: undefined, retry: undefined, failures: 0 };
}
