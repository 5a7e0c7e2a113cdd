/** A FastMCP server with the task tools the tasks extension tests drive. */
import { McpError } from "../../../src/protocol/errors.js";
import { FastMCP, type FastMCPOptions } from "../../../src/server/index.js";
import { captureLogger } from "../../support/peers.js";

const CONFIRM = { type: "object", properties: { confirm: { type: "boolean" } } } as const;
const NAME = { type: "object", properties: { name: { type: "string" } } } as const;

/** What the handlers saw, for the tests to check. */
export interface Observed {
  aborted: boolean;
}

/** Resolves after `ms`, rejecting when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(new Error("aborted"))), { once: true });
  });
}

/** The test server; `observed` records what handlers saw. */
export function taskApp(observed: Observed = { aborted: false }, options: FastMCPOptions = {}): FastMCP {
  const app = new FastMCP("tasks-test", { logger: captureLogger(), ...options });
  app.tool("echo", { description: "Never a task" }, () => "echoed");
  app.tool(
    "slow",
    {
      description: "Waits `ms`",
      input: { type: "object", properties: { ms: { type: "number" } } } as const,
      task: { support: "optional", pollIntervalMs: 20 },
    },
    async ({ ms = 50 }, ctx) => {
      ctx.signal.addEventListener("abort", () => (observed.aborted = true), { once: true });
      await sleep(ms, ctx.signal);
      return `slept ${ms}`;
    },
  );
  app.tool("must", { description: "Only as a task", task: "required" }, () => "done");
  app.tool("tool_error", { description: "A tool error", task: "optional" }, () => {
    throw new Error("the tool broke");
  });
  app.tool("protocol_error", { description: "A JSON-RPC error", task: "optional" }, () => {
    throw new McpError(-32001, "the backend is down", { retry: true });
  });
  app.tool("ask_two", { description: "Two questions at once", task: "optional" }, async (_args, ctx) => {
    const [a, b] = await Promise.all([
      ctx.elicit("Name?", NAME, { inputKey: "a" }),
      ctx.elicit("Sure?", CONFIRM, { inputKey: "b" }),
    ]);
    return `a=${a.action === "accept" ? a.content.name : a.action} b=${b.action}`;
  });
  app.tool(
    "ask_then_task",
    { description: "MRTR, then a task", task: { support: "required", start: "handler" } },
    async (_args, ctx) => {
      const outcome = await ctx.elicit("Name?", NAME, { inputKey: "name" });
      const started = await ctx.startTask();
      const again = await ctx.startTask();
      const name = outcome.action === "accept" ? outcome.content.name : "nobody";
      return `hello ${name} (task: ${started && again})`;
    },
  );
  app.tool(
    "short_ttl",
    { description: "A task kept 300 ms", task: { support: "optional", ttlMs: 300 } },
    () => "brief",
  );
  app.tool("chatty", { description: "Logs and reports progress in a task", task: "optional" }, async (_args, ctx) => {
    await ctx.log.info("not sent: tasks carry no log messages");
    await ctx.reportProgress(1, 2);
    return "chatted";
  });
  return app;
}
