/** A request body read whole, or the HTTP status that refuses it. */
export type BodyOutcome = { text: string } | { status: 408 | 413 | 400; message: string };

/** What readBody reads: a fetch Request or Response. */
export type BodySource = Pick<Request, "headers" | "body">;

/**
 * Reads a request (or response) body up to `maxBytes`, refusing a larger one (413) as soon as it is
 * seen, and one that has not finished arriving after `timeoutMs` (408), so a slow or endless body
 * cannot hold a connection and memory.
 */
export async function readBody(request: BodySource, maxBytes: number, timeoutMs: number): Promise<BodyOutcome> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) return { status: 413, message: `Payload too large: the limit is ${maxBytes} bytes` };
  if (!request.body) return { text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(resolve, timeoutMs, "timeout")));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), timedOut]);
      if (next === "timeout") {
        void reader.cancel().catch(() => {});
        return { status: 408, message: `Request timeout: the body did not arrive within ${timeoutMs} ms` };
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => {});
        return { status: 413, message: `Payload too large: the limit is ${maxBytes} bytes` };
      }
      chunks.push(next.value);
    }
  } catch (error) {
    return { status: 400, message: `Bad request: the body could not be read (${(error as Error).message})` };
  } finally {
    clearTimeout(timer);
  }
  return { text: Buffer.concat(chunks).toString("utf8") };
}
