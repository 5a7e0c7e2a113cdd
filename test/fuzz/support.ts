import { expect } from "chai";
import fc from "fast-check";
import { revisions } from "../../generated/index.js";
import { FastMCP } from "../../src/server/index.js";
import { captureLogger } from "../support/peers.js";

/** One seed for every fuzz test: a failure is reproduced by running the test again. */
export const SEED = 0x6d63706b;

/**
 * fast-check parameters: `runs` by default (a few hundred, a few seconds in all), or
 * MCPKIT_FUZZ_RUNS for a longer campaign; every run is bounded in time, and a run that exceeds it fails.
 */
export function fuzzParameters(runs: number, msPerRun = 3000): fc.Parameters<unknown> {
  const asked = Number(process.env.MCPKIT_FUZZ_RUNS);
  return {
    seed: SEED,
    numRuns: Number.isInteger(asked) && asked > 0 ? asked : runs,
    timeout: msPerRun,
    markInterruptAsFailure: true,
  };
}

/** The mocha timeout a fuzz suite needs for its runs. */
export const suiteTimeout = (runs: number) => Math.max(60_000, (Number(process.env.MCPKIT_FUZZ_RUNS) || runs) * 50);

// subscriptions/listen is left out: it stays open by design, until cancelled.
const methods = [
  ...new Set(Object.values(revisions).flatMap((r) => [...Object.keys(r.requests), ...Object.keys(r.notifications)])),
].filter((m) => m !== "subscriptions/listen");

/** Text from every plane of Unicode, lone surrogates included. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme-composite" }),
  fc.constantFrom("", "\u0000", "\u2028", "\ud800", "\ufeff{", "💥", "__proto__", "constructor", "toString"),
);

/** Nesting as deep as `depth`, well within every transport's limits. */
const deep = fc
  .integer({ min: 1, max: 2000 })
  .chain((depth) =>
    fc.constantFrom(
      JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown,
      JSON.parse('{"a":'.repeat(depth) + "0" + "}".repeat(depth)) as unknown,
    ),
  );

/** Any JSON value, with now and then a large or deeply nested one. */
export const jsonValue = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 50_000 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: text },
);

/** Ids of every JSON type, and a fractional or out-of-range number. */
export const id = fc.oneof(
  { weight: 4, arbitrary: fc.integer() },
  { weight: 4, arbitrary: text },
  fc.constantFrom(null, true, false, 1.5, -0, 2 ** 53, 1e300, [], [1], {}, { a: 1 }),
  fc.double(),
);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...methods) },
  { weight: 2, arbitrary: text },
  fc.constantFrom(null, 7, true, [], {}, "tools/call\u0000", "rpc.discover", "__proto__"),
);

const params = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(text, jsonValue, { maxKeys: 4 }) },
  { weight: 3, arbitrary: fc.record({ name: fc.oneof(fc.constant("echo"), text), arguments: jsonValue }) },
  {
    weight: 1,
    arbitrary: fc.record({ _meta: fc.record({ progressToken: id }, { requiredKeys: [] }) }),
  },
  { weight: 1, arbitrary: jsonValue },
);

const error = fc.oneof(
  fc.record({ code: fc.integer(), message: text, data: jsonValue }, { requiredKeys: ["code", "message"] }),
  jsonValue,
);

/** A JSON-RPC message with each member present or absent, well-formed or not. */
export const message: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ jsonrpc: fc.constant("2.0"), id, method, params }, { requiredKeys: ["jsonrpc", "method"] }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        jsonrpc: fc.oneof(fc.constant("2.0"), fc.constantFrom("1.0", "2", 2, null)),
        id,
        method,
        params,
        result: jsonValue,
        error,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: jsonValue },
);

/** A message or, now and then, a batch of them. */
export const messageOrBatch = fc.oneof(
  { weight: 5, arbitrary: message },
  { weight: 1, arbitrary: fc.array(message, { maxLength: 5 }) },
);

/** Ids made unique across a whole fuzz run, so that answers can be counted. */
export class IdSource {
  #next = 0;

  /** The message with a fresh id of the same type, when its id is one an answer could carry. */
  freshen(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.freshen(item));
    if (!isRecord(value) || !("id" in value)) return value;
    const n = this.#next++;
    if (typeof value.id === "string") return { ...value, id: `fz:${n}` };
    if (Number.isInteger(value.id)) return { ...value, id: 2 ** 40 + n };
    return value;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** How an id is counted: the same key for a value and its JSON round trip. */
const key = (id: unknown) => JSON.stringify(id) ?? "undefined";

/**
 * The answers JSON-RPC 2.0 owes for what was sent: one per request whose id is a string or an
 * integer (answered even when otherwise invalid), none for notifications and responses; a batch's
 * items count only where the revision has batches.
 */
export function owedAnswers(sent: readonly unknown[], batching: boolean): Map<string, number> {
  const owed = new Map<string, number>();
  const one = (m: unknown) => {
    if (!isRecord(m) || !("id" in m)) return;
    if (m.method === undefined && ("result" in m || "error" in m)) return;
    if (typeof m.id === "string" || Number.isInteger(m.id)) owed.set(key(m.id), (owed.get(key(m.id)) ?? 0) + 1);
  };
  for (const value of sent) {
    if (!Array.isArray(value)) one(value);
    else if (batching) value.forEach(one);
  }
  return owed;
}

/** The responses among what a server sent (a batch's answer counts item by item). */
export function responsesIn(received: readonly unknown[]): Record<string, unknown>[] {
  return received
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((m): m is Record<string, unknown> => isRecord(m) && m.method === undefined);
}

/**
 * Checks the answers: every owed one exactly once; any other id only an unreadable one (null) or a
 * non-integer number the server chose to echo; no internal error (-32603: something threw).
 */
export function expectAnsweredOnce(
  sent: readonly unknown[],
  received: readonly unknown[],
  batching: boolean,
  alsoSent: readonly unknown[] = [],
): void {
  const owed = owedAnswers(sent, batching);
  const got = new Map<string, number>();
  const responses = responsesIn(received);
  for (const response of responses) got.set(key(response.id), (got.get(key(response.id)) ?? 0) + 1);
  const faults: string[] = [];
  for (const [id, count] of owed)
    if (got.get(id) !== count) faults.push(`id ${id} answered ${got.get(id) ?? 0} times, not ${count}`);
  const sentIds = new Map<string, number>();
  // An answer may also echo the id of a message sent but owed none (a request refused whole, its id kept):
  // `alsoSent`, when given, is everything sent, `sent` among it.
  for (const m of (alsoSent.length > 0 ? alsoSent : sent).flatMap((v) => (Array.isArray(v) ? v : [v])))
    if (isRecord(m) && "id" in m) sentIds.set(key(m.id), (sentIds.get(key(m.id)) ?? 0) + 1);
  for (const [id, count] of got) {
    if (owed.has(id) || id === "null") continue;
    const times = sentIds.get(id) ?? 0;
    if (times === 0) faults.push(`an answer to id ${id}, which was never sent`);
    else if (count > times) faults.push(`id ${id} answered ${count} times, sent ${times}`);
  }
  for (const response of responses)
    if ((response.error as { code?: unknown } | undefined)?.code === -32603)
      faults.push(`an internal error: ${clip(response)}`);
  if (faults.length) expect.fail(`${faults.join("; ")}\nsent ${clip(sent)}\nreceived ${clip(received)}`);
}

/** A short rendering of fuzz input for a failure message. */
export const clip = (value: unknown) => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 2000 ? `${json.slice(0, 2000)}…` : json;
};

/** The server every transport fuzz test attacks: one tool, `echo`, that the control session calls. */
export function echoApp(): FastMCP {
  const app = new FastMCP("fuzz", { logger: captureLogger() });
  app.tool(
    "echo",
    { description: "Echoes its text", input: { type: "object", properties: { text: { type: "string" } } } as const },
    ({ text }) => `echo: ${text}`,
  );
  return app;
}

/** What a control `tools/call` of echo answers. */
export const CONTROL_RESULT = [{ type: "text", text: "echo: still serving" }];

/** Resolves with `promise`, or fails after `ms` naming `what`: nothing the fuzz test awaits may hang. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
