import { createParser } from "eventsource-parser";
import fc from "fast-check";
import { IdSource, message, messageOrBatch } from "./support.js";

/** What an HTTP exchange came back with: status, content type, session header and the JSON-RPC messages of its body. */
export interface Exchange {
  status: number;
  type: string;
  sessionId: string | null;
  messages: unknown[];
  /** Body text that was neither JSON nor an event stream of JSON (for the failure message). */
  unparsed?: string;
}

/** The JSON values of an event stream's data fields (empty data, as a priming event's, is skipped). */
export function eventData(text: string): unknown[] {
  const values: unknown[] = [];
  const parser = createParser({
    onEvent: (event) => {
      if (event.data !== "") values.push(JSON.parse(event.data));
    },
  });
  parser.feed(text);
  return values;
}

/** POSTs `body` and reads the whole answer, failing after `ms`. */
export async function post(url: string, body: Buffer, headers: Record<string, string>, ms = 3000): Promise<Exchange> {
  const response = await fetch(url, { method: "POST", body, headers, signal: AbortSignal.timeout(ms) });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  const exchange: Exchange = {
    status: response.status,
    type,
    sessionId: response.headers.get("mcp-session-id"),
    messages: [],
  };
  try {
    if (type.startsWith("application/json")) exchange.messages = [JSON.parse(text)];
    else if (type.startsWith("text/event-stream")) exchange.messages = eventData(text);
    else if (text) exchange.unparsed = text;
  } catch {
    exchange.unparsed = text;
  }
  return exchange;
}

/** A printable header value (fetch refuses the rest before sending). */
const headerText = fc.string({ unit: "binary-ascii", maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, ""));

/** Each header right, wrong or missing, weighted towards right so that bodies reach the session. */
export function headers(right: Record<string, string>): fc.Arbitrary<Record<string, string>> {
  const wrong: Record<string, fc.Arbitrary<string>> = {
    "content-type": fc.oneof(fc.constantFrom("text/plain", "application/json; charset=latin1", ""), headerText),
    accept: fc.oneof(fc.constantFrom("application/json", "text/event-stream", "*/*", ""), headerText),
    "mcp-session-id": fc.oneof(fc.constantFrom("", "00000000-0000-0000-0000-000000000000"), headerText),
    "mcp-protocol-version": fc.oneof(fc.constantFrom("2024-11-05", "2026-07-28", "1999-01-01", ""), headerText),
  };
  const entries = Object.entries(right).map(([name, value]) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constant([name, value] as const) },
      { weight: 1, arbitrary: (wrong[name] ?? headerText).map((v) => [name, v] as const) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
  );
  return fc
    .tuple(...entries)
    .map((pairs) => Object.fromEntries(pairs.filter((p): p is readonly [string, string] => p !== undefined)));
}

/** A POST body: one message or batch as JSON, cut short, or arbitrary bytes; `values` is what it parses to. */
export function bodies(ids: IdSource, batches = true): fc.Arbitrary<{ bytes: Buffer; values: unknown[] }> {
  return (batches ? messageOrBatch : message)
    .map((value) => ids.freshen(value))
    .chain((value) => {
      const json = Buffer.from(JSON.stringify(value) ?? "null");
      return fc.oneof(
        { weight: 8, arbitrary: fc.constant(json) },
        { weight: 1, arbitrary: fc.nat().map((n) => json.subarray(0, n % (json.length + 1))) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
      );
    })
    .map((bytes) => ({ bytes, values: parsed(bytes) }));
}

/** What a body parses to, as the one value it holds, or nothing. */
function parsed(bytes: Buffer): unknown[] {
  try {
    return [JSON.parse(bytes.toString("utf8"))];
  } catch {
    return [];
  }
}
