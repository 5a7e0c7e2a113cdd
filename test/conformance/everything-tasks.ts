/**
 * The fixtures the conformance suite's tasks-* scenarios (tasks extension, SCENARIOS.md §2.10) add to
 * the everything server: a sync-only tool, task tools that finish, fail as a tool, fail as a protocol
 * error and park for input, and one that gathers input by input-required requests before it
 * becomes a task.
 */
import { ErrorCode, McpError } from "../../src/protocol/errors.js";
import type { FastMCP } from "../../src/server/index.js";

const CONFIRM = { type: "object", properties: { confirm: { type: "boolean" } } } as const;
const NAME = { type: "object", properties: { name: { type: "string" } } } as const;

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error("cancelled"));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new Error("cancelled"));
      },
      { once: true },
    );
  });
}

/** Adds the tasks fixtures to `app`. */
export function addTaskFixtures(app: FastMCP): void {
  app.tool(
    "greet",
    {
      description: "Greets by name, synchronously (never a task)",
      input: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } as const,
    },
    ({ name }) => `Hello, ${name}!`,
  );
  app.tool(
    "slow_compute",
    {
      description: "Sleeps for `seconds`, then answers; a task when the client takes tasks",
      input: {
        type: "object",
        properties: { seconds: { type: "number", minimum: 0 }, label: { type: "string" } },
      } as const,
      task: "optional",
    },
    async ({ seconds = 1, label = "compute" }, ctx) => {
      await sleep(seconds * 1000, ctx.signal);
      return `${label}: done after ${seconds}s`;
    },
  );
  app.tool(
    "failing_job",
    { description: "Runs only as a task, and ends with a tool error after about a second", task: "required" },
    async (_args, ctx) => {
      await sleep(1000, ctx.signal);
      throw new Error("failing_job failed, as it always does");
    },
  );
  app.tool(
    "protocol_error_job",
    { description: "A task that fails with a JSON-RPC error", task: "optional" },
    async (_args, ctx) => {
      await sleep(200, ctx.signal);
      throw new McpError(ErrorCode.InternalError, "protocol_error_job hit an internal error");
    },
  );
  app.tool(
    "confirm_delete",
    {
      description: "Asks the user to confirm deleting a file",
      input: { type: "object", properties: { filename: { type: "string" } } } as const,
      task: "optional",
    },
    async ({ filename = "file" }, ctx) => {
      const outcome = await ctx.elicit(`Delete ${filename}?`, CONFIRM);
      const confirmed = outcome.action === "accept" && outcome.content.confirm === true;
      return confirmed ? `Deleted ${filename}` : `Kept ${filename}`;
    },
  );
  app.tool("multi_input", { description: "Asks two questions at once", task: "optional" }, async (_args, ctx) => {
    const [name, confirm] = await Promise.all([
      ctx.elicit("What is your name?", NAME),
      ctx.elicit("Proceed?", CONFIRM),
    ]);
    return `name: ${name.action}, confirm: ${confirm.action}`;
  });
  app.tool(
    "test_tool_with_task",
    {
      description: "Asks for a name (input-required request), then continues as a task",
      task: { support: "required", start: "handler" },
    },
    async (_args, ctx) => {
      const outcome = await ctx.elicit("What is your name?", NAME, { inputKey: "user_name" });
      const name = outcome.action === "accept" ? (outcome.content.name ?? "stranger") : "stranger";
      await ctx.startTask();
      await sleep(100, ctx.signal);
      return `Hello, ${name}! This answer came from a task.`;
    },
  );
}
