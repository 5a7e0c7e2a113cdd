import fc from "fast-check";
import {
  CONTROL_RESULT,
  expectAnsweredOnce,
  IdSource,
  messageOrBatch,
  owedAnswers,
  responsesIn,
  within,
} from "./support.js";
import { expect } from "chai";

/** How long a run may wait for the answers it is owed. */
const ANSWER_MS = 2000;

/** A connection under attack: what it sends is appended to `received`. */
export interface Target {
  readonly received: unknown[];
  /** Delivers one run's input; resolves once it is written. */
  deliver(input: Delivery): Promise<void>;
  /** Whether the revision the session speaks has batches. */
  readonly batching: boolean;
}

/** One run's input: the values it means to send, and the bytes the wire actually carries. */
export interface Delivery {
  values: unknown[];
  bytes: Buffer;
  /** Where the bytes are cut into writes. */
  cuts: number[];
}

/** One line of wire text, from a message: whole, cut short, garbled, or not JSON at all. */
const line = (value: unknown) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(Buffer.from(JSON.stringify(value) ?? "null")) },
    {
      weight: 1,
      arbitrary: fc.nat().map((n) => {
        const json = Buffer.from(JSON.stringify(value) ?? "null");
        return json.subarray(0, n % (json.length + 1));
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.string({ unit: "binary" }).map((s) => Buffer.from(s)) },
  );

/** A run of up to six messages, as lines joined by LF or CRLF and cut into writes anywhere. */
export function deliveries(ids: IdSource): fc.Arbitrary<Delivery> {
  return fc
    .array(messageOrBatch, { minLength: 1, maxLength: 6 })
    .map((values) => values.map((v) => ids.freshen(v)))
    .chain((values) =>
      fc.tuple(
        fc.tuple(...values.map(line)),
        fc.array(fc.constantFrom("\n", "\r\n", "\n\n"), {
          minLength: values.length,
          maxLength: values.length,
        }),
        fc.array(fc.nat(), { maxLength: 4 }),
      ),
    )
    .map(([lines, ends, cuts]) => {
      const bytes = Buffer.concat(lines.flatMap((l, i) => [l, Buffer.from(ends[i]!)]));
      return { values: wireValues(bytes), bytes, cuts: cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b) };
    });
}

/** What a newline-delimited JSON reader makes of `bytes`: one value per line that parses. */
export function wireValues(bytes: Buffer): unknown[] {
  const values: unknown[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
    const text = bytes.toString("utf8", start, end).replace(/\r$/, "");
    start = end + 1;
    try {
      values.push(JSON.parse(text));
    } catch {
      // a line that does not parse owes a -32700 with id null, which is not counted
    }
  }
  return values;
}

/** Resolves once `done()` holds, polling, or after `ms` regardless (the caller's checks then fail). */
export async function settle(done: () => boolean, ms = ANSWER_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
}

let sentinel = 0;

/**
 * The barrage property for one connection: after each run's input and a ping, every owed answer
 * arrives exactly once, within the time allowed, and nothing answers with an internal error.
 */
export function answersEveryRequestOnce(target: Target, ids: IdSource) {
  return fc.asyncProperty(deliveries(ids), async (delivery) => {
    const start = target.received.length;
    const ping = { jsonrpc: "2.0", id: `sentinel:${sentinel++}`, method: "ping" };
    const sent = [...delivery.values, ping];
    await within(
      target.deliver({
        ...delivery,
        values: sent,
        bytes: Buffer.concat([delivery.bytes, Buffer.from(`${JSON.stringify(ping)}\n`)]),
      }),
      ANSWER_MS,
      "delivering the input",
    );
    const owed = owedAnswers(sent, target.batching);
    let seen = -1;
    let complete = false;
    const answered = () => {
      if (target.received.length === seen) return complete;
      seen = target.received.length;
      const got = new Map<string, number>();
      for (const r of responsesIn(target.received.slice(start))) {
        const id = JSON.stringify(r.id);
        got.set(id, (got.get(id) ?? 0) + 1);
      }
      complete = [...owed].every(([id, count]) => (got.get(id) ?? 0) >= count);
      return complete;
    };
    await settle(answered);
    // a second answer to the same id would arrive soon after the first
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    expectAnsweredOnce(sent, target.received.slice(start), target.batching);
  });
}

/** The result of a control tools/call, checked. */
export function expectControlResult(result: unknown): void {
  expect(result).to.have.deep.property("content", CONTROL_RESULT);
}
