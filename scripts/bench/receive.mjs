/**
 * Workload 5: the receive path, JSON.parse plus full validation of each message of a realistic
 * corpus, in messages per second. mcpkit: validateMessage (with resultOf for results); official:
 * JSONRPCMessageSchema.parse plus the schema of the message's own request, notification or result,
 * as its Protocol does on receipt. Floor: JSON.parse alone.
 */
import { SIDES, entry, interleave, syncRate } from "./lib.mjs";
import { corpus, invalidCorpus } from "./corpus.mjs";

/** The revision both sides speak here (mcpkit's LATEST is a newer, stateless draft). */
const REVISION = "2025-11-25";

/** Each side's parse-and-validate of one corpus entry; each returns whether the message is valid. */
async function checkers() {
  const { validateMessage } = await import(entry("./validate"));
  const types = await import("@modelcontextprotocol/sdk/types.js");
  const schemas = {
    request: {
      initialize: types.InitializeRequestSchema,
      "tools/list": types.ListToolsRequestSchema,
      "tools/call": types.CallToolRequestSchema,
      "resources/read": types.ReadResourceRequestSchema,
    },
    notification: {
      "notifications/initialized": types.InitializedNotificationSchema,
      "notifications/progress": types.ProgressNotificationSchema,
      "notifications/message": types.LoggingMessageNotificationSchema,
      "notifications/cancelled": types.CancelledNotificationSchema,
    },
    result: {
      initialize: types.InitializeResultSchema,
      "tools/list": types.ListToolsResultSchema,
      "tools/call": types.CallToolResultSchema,
      "resources/read": types.ReadResourceResultSchema,
    },
  };
  const mcpkitValue = ({ kind, method, value }) => {
    const options = kind === "result" ? { revision: REVISION, resultOf: method } : { revision: REVISION };
    return validateMessage(value, options).valid;
  };
  const officialValue = ({ kind, method, value }) => {
    const message = types.JSONRPCMessageSchema.parse(value);
    schemas[kind][method].parse(kind === "result" ? message.result : message);
    return true;
  };
  return {
    mcpkit: (m) => mcpkitValue({ ...m, value: JSON.parse(m.json) }),
    official: (m) => officialValue({ ...m, value: JSON.parse(m.json) }),
    floor: ({ json }) => JSON.parse(json) !== undefined,
    mcpkitValue,
    officialValue,
  };
}

/** Whether a checker accepts a message (the official one throws where mcpkit's answers false). */
function accepts(fn, message) {
  try {
    return fn(message);
  } catch {
    return false;
  }
}

/** Runs the workload; returns its rows. */
export async function run({ reps, warmup, ms, sides }) {
  const messages = corpus();
  const check = await checkers();
  for (const side of SIDES) {
    const fn = check[side];
    for (const m of messages) if (!fn(m)) throw new Error(`${side} rejects the corpus message ${m.json.slice(0, 80)}`);
    if (side === "floor") continue;
    for (const m of invalidCorpus()) if (accepts(fn, m)) throw new Error(`${side} accepts the invalid ${m.json}`);
  }
  const each = (fn) => () => {
    for (const m of messages) fn(m);
  };
  const ops = { mcpkit: each(check.mcpkit), official: each(check.official), floor: each(check.floor) };
  // Zod takes a second or more to reach its steady speed: warm every side longer than the other workloads do.
  const options = { reps, warmup: warmup + 2, sides };
  const values = await interleave((side) => syncRate(ops[side], messages.length, ms), options);
  // What each side adds to JSON.parse, per message and per repetition: the floor's time taken off its own.
  const beyond = (side) => values[side]?.map((rate, i) => 1e6 / rate - 1e6 / values.floor[i]);
  const bytes = messages.reduce((sum, m) => sum + m.json.length, 0);
  const label = `${messages.length} msgs, ${Math.round(bytes / 1024)} KB`;
  return [
    {
      id: "receive",
      label: `receive path: parse + validate (${label})`,
      unit: "msgs/s",
      better: "higher",
      ...values,
      targets: [{ kind: "ratio", min: 4 }],
    },
    ...(values.floor
      ? [
          {
            id: "receive-beyond-parse",
            label: "receive path: time beyond JSON.parse",
            unit: "µs/msg",
            better: "lower",
            mcpkit: beyond("mcpkit"),
            official: beyond("official"),
          },
        ]
      : []),
  ];
}
