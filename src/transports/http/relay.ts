import type { HttpExchange, SseSink } from "./exchange.js";
import type { ForwardedRequest, OwnerAnswer, SessionSharing } from "./session-sharing.js";

const encoder = new TextEncoder();

/** Headers that describe one connection, not the request: never forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "te"]);

/** What of a request the owner needs: method, headers, body and caller. */
export function forwardedRequest(ex: HttpExchange<unknown>, body: string | undefined): ForwardedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(ex.headers))
    if (value !== undefined && !HOP_BY_HOP.has(name))
      headers[name] = typeof value === "string" ? value : value.join(", ");
  return {
    method: ex.method,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(ex.auth === undefined ? {} : { auth: ex.auth }),
  };
}

/**
 * Forwards `ex` to `owner` and answers it with what comes back, streamed as it comes: resolves with
 * the answer, or undefined when `owner` is gone (nothing was answered then; an answer itself may be
 * undefined, as node:http's are, hence the wrapper). A streamed answer the
 * owner leaves unfinished (it stopped) is ended, so its client resumes elsewhere with Last-Event-ID.
 */
export async function forwardExchange<R>(
  ex: HttpExchange<R>,
  sharing: SessionSharing,
  owner: string,
  request: ForwardedRequest,
): Promise<{ answer: R } | undefined> {
  let settle: (answer: R) => void = () => {};
  const answered = new Promise<R>((resolve) => (settle = resolve));
  let sink: SseSink | undefined;
  let early: string[] | undefined = [];
  let ended = false;
  let headed = false;
  const forward = await sharing.forward(owner, request, {
    reply: (status, headers, body) => settle(ex.reply(status, headers, body)),
    head: (status, headers) => {
      headed = true;
      settle(
        ex.stream(status, headers, (opened) => {
          sink = opened;
          for (const text of early ?? []) opened.write(encoder.encode(text));
          early = undefined;
          if (ended) opened.end();
          return () => forward?.abort();
        }),
      );
    },
    data: (text) => (sink ? sink.write(encoder.encode(text)) : early?.push(text)),
    end: (gone) => {
      ended = true;
      sink?.end();
      // Gone before a head: the client is told the request was not served, rather than left waiting.
      if (gone && !headed) settle(ex.reply(503, { "content-type": "application/json" }, GONE_BODY));
    },
  });
  if (!forward) return undefined;
  ex.onAbort(() => forward.abort());
  return { answer: await answered };
}

const GONE_BODY = JSON.stringify({
  jsonrpc: "2.0",
  id: null,
  error: { code: -32603, message: "Service unavailable: the replica serving this session stopped; retry" },
});

/** The exchange the owner serves a forwarded request as: its answer goes back through `answer`. */
export function ownerExchange(request: ForwardedRequest, answer: OwnerAnswer): HttpExchange<void> {
  const decoder = new TextDecoder();
  const { headers } = request;
  return {
    method: request.method,
    headers,
    ...(request.auth === undefined ? {} : { auth: request.auth }),
    header: (name) => headers[name] ?? null,
    body: async (maxBytes) => {
      const text = request.body ?? "";
      return Buffer.byteLength(text) > maxBytes
        ? { status: 413, message: `Payload too large: the limit is ${maxBytes} bytes` }
        : { text };
    },
    reply: (status, replyHeaders, body) => answer.reply(status, replyHeaders, body),
    stream: (status, streamHeaders, start) => {
      answer.head(status, streamHeaders);
      let open = true;
      const cancel = start({
        write: (chunk) => void (open && answer.data(decoder.decode(chunk))),
        end: () => {
          if (!open) return;
          open = false;
          answer.end();
        },
      });
      answer.onAbort(() => {
        if (!open) return;
        open = false;
        cancel();
      });
    },
    onAbort: (listener) => answer.onAbort(listener),
  };
}
