import { ErrorCode } from "../../protocol/errors.js";
import type { RequestId } from "../../protocol/inbound.js";
import { responseIds } from "../../protocol/jsonrpc.js";
import type { EventStore } from "./event-store.js";
import { refuse, type HttpExchange } from "./exchange.js";
import { isPrimingRecord, type OutStream } from "./out-stream.js";

/** What a session taken over from another replica offers a stream of its previous owner. */
export interface OrphanHost {
  readonly id: string | undefined;
  /** Keeps the stream `streamId` here: as the standalone stream, or until `unanswered` are answered. */
  orphanStream(streamId: string, unanswered: RequestId[], standalone: boolean): OutStream;
}

/**
 * Resumes, on a session taken over from a replica that stopped, a stream that replica was sending:
 * the events it stored after the client's last one are replayed; a standalone stream then lives on
 * here, while each request a request stream carried and never answered (it died with its replica) is
 * answered with an error now, so that no client waits for an answer that cannot come.
 */
export async function resumeOrphan<R>(
  ex: HttpExchange<R>,
  host: OrphanHost,
  store: EventStore,
  streamId: string,
  replayed: readonly [string, unknown][],
  headers: Record<string, string>,
): Promise<R> {
  const first = await store.firstEvent?.(streamId);
  // Only a stream this session primed: an event id of another session's stream resumes nothing here.
  if (!first || !isPrimingRecord(first.message) || first.message.session !== host.id)
    return refuse(ex, 404, "Not found: no stream of this session to resume after that event");
  const requests = first.message.primed;
  const answered = new Set<RequestId>();
  await store.replayEventsAfter(first.id, (_id, message) => responseIds(message).forEach((id) => answered.add(id)));
  const unanswered = requests.filter((id) => !answered.has(id));
  const stream = host.orphanStream(streamId, unanswered, requests.length === 0);
  return ex.stream(200, headers, (sink) => {
    const detach = stream.resumeOn(sink, replayed);
    for (const id of unanswered) void stream.write(stopped(id), [id]);
    if (requests.length > 0 && unanswered.length === 0) stream.end();
    return detach;
  });
}

/** The error answering a request whose replica stopped before answering it. */
function stopped(id: RequestId) {
  return {
    jsonrpc: "2.0",
    id,
    error: {
      code: ErrorCode.InternalError,
      message: "Internal error: the server replica handling this request stopped before answering it; send it again",
    },
  };
}
