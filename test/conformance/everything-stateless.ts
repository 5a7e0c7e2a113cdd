/**
 * The fixtures the conformance suite's 2026-07-28 server scenarios add to the everything server:
 * per-request capabilities (server-stateless), input-required requests (input-required-result-*),
 * list changes for subscriptions/listen, and a tool with an `x-mcp-header` parameter
 * (http-custom-header-server-validation). Each handler is written once and also serves the stateful
 * revisions, where its questions to the client are server-to-client requests.
 */
import type { FastMCP } from "../../src/server/index.js";

const NAME = { type: "object", properties: { name: { type: "string" } }, required: ["name"] } as const;
const OK = { type: "object", properties: { ok: { type: "boolean" } } } as const;
const COLOR = { type: "object", properties: { color: { type: "string" } }, required: ["color"] } as const;

const textOf = (content: unknown) =>
  typeof content === "object" && content !== null && "text" in content ? String(content.text) : JSON.stringify(content);

/** Adds the 2026-07-28 fixtures to `app`. */
export function addStatelessFixtures(app: FastMCP): void {
  let toolChanges = 0;
  let promptChanges = 0;

  app.tool("test_missing_capability", { description: "Needs the client's sampling capability" }, async (_args, ctx) => {
    const answer = await ctx.sample("Say hello", { maxTokens: 20 });
    return `Sampled: ${textOf(answer.content)}`;
  });
  app.tool(
    "test_streaming_elicitation",
    { description: "Asks the user for a name without server-to-client requests on the stream" },
    async (_args, ctx) => {
      const outcome = await ctx.elicit("What is your name?", NAME, { inputKey: "name" });
      return outcome.action === "accept" ? `Hello, ${outcome.content.name}` : `Elicitation ${outcome.action}`;
    },
  );
  app.tool(
    "test_logging_tool",
    { description: "Logs a message, sent only when the request asks for a level" },
    async (_args, ctx) => {
      await ctx.log.info("test_logging_tool ran");
      return "Logged (if asked to)";
    },
  );
  app.tool("test_trigger_tool_change", { description: "Adds or removes a tool, changing the tool list" }, () => {
    const name = "test_dynamic_tool";
    if (!app.removeTool(name)) app.tool(name, { description: "Appears and disappears" }, () => "dynamic");
    return `Tool list changed (${++toolChanges})`;
  });
  app.tool("test_trigger_prompt_change", { description: "Adds or removes a prompt, changing the prompt list" }, () => {
    const name = "test_dynamic_prompt";
    if (!app.removePrompt(name)) app.prompt(name, { description: "Appears and disappears" }, () => "dynamic");
    return `Prompt list changed (${++promptChanges})`;
  });

  app.tool(
    "test_input_required_result_elicitation",
    { description: "Asks the user for their name (multi round-trip on 2026-07-28)" },
    async (_args, ctx) => {
      const outcome = await ctx.elicit("Please provide your name", NAME, { inputKey: "user_name" });
      return outcome.action === "accept" ? `Hello, ${outcome.content.name}!` : `Elicitation ${outcome.action}`;
    },
  );
  app.tool(
    "test_input_required_result_sampling",
    { description: "Asks the client's model a question" },
    async (_args, ctx) => {
      const answer = await ctx.sample("What is the capital of France?", {
        maxTokens: 100,
        request: { inputKey: "capital_question" },
      });
      return `Model said: ${textOf(answer.content)}`;
    },
  );
  app.tool("test_input_required_result_list_roots", { description: "Lists the client's roots" }, async (_args, ctx) => {
    const roots = await ctx.listRoots({ inputKey: "client_roots" });
    return `Roots: ${roots.map((r) => r.uri).join(", ")}`;
  });
  app.tool(
    "test_input_required_result_request_state",
    { description: "Asks for a confirmation, keeping state" },
    async (_args, ctx) => {
      const outcome = await ctx.elicit("Please confirm", OK, { inputKey: "confirm" });
      return outcome.action === "accept" ? "state-ok" : `Elicitation ${outcome.action}`;
    },
  );
  app.tool(
    "test_input_required_result_multiple_inputs",
    { description: "Asks for a name, a model answer and the roots at once" },
    async (_args, ctx) => {
      const [name, sample, roots] = await Promise.all([
        ctx.elicit("Please provide your name", NAME, { inputKey: "user_name" }),
        ctx.sample("Say hello", { maxTokens: 50, request: { inputKey: "greeting" } }),
        ctx.listRoots({ inputKey: "client_roots" }),
      ]);
      return `name=${name.action === "accept" ? name.content.name : name.action}; sample=${textOf(sample.content)}; roots=${roots.length}`;
    },
  );
  app.tool(
    "test_input_required_result_multi_round",
    { description: "Asks for a name, then a colour" },
    async (_args, ctx) => {
      const name = await ctx.elicit("Please provide your name", NAME, { inputKey: "user_name" });
      if (name.action !== "accept") return `Elicitation ${name.action}`;
      const color = await ctx.elicit(`Hello ${name.content.name}, what is your favourite colour?`, COLOR, {
        inputKey: "favorite_color",
      });
      return color.action === "accept"
        ? `${name.content.name} likes ${color.content.color}`
        : `Elicitation ${color.action}`;
    },
  );
  app.tool(
    "test_input_required_result_tampered_state",
    { description: "Asks for a confirmation; a tampered state is refused" },
    async (_args, ctx) => {
      const outcome = await ctx.elicit("Please confirm", OK, { inputKey: "confirm" });
      return `Confirmed: ${outcome.action}`;
    },
  );
  app.tool(
    "test_input_required_result_capabilities",
    { description: "Asks only for what the client declared (elicitation, else sampling, else roots)" },
    async (_args, ctx) => {
      const caps = ctx.clientCapabilities ?? {};
      if (caps.elicitation) {
        const outcome = await ctx.elicit("Please provide your name", NAME, { inputKey: "user_name" });
        return `Elicited: ${outcome.action}`;
      }
      if (caps.sampling) {
        const answer = await ctx.sample("Say hello", { maxTokens: 50, request: { inputKey: "greeting" } });
        return `Sampled: ${textOf(answer.content)}`;
      }
      const roots = await ctx.listRoots({ inputKey: "client_roots" });
      return `Roots: ${roots.length}`;
    },
  );
  app.prompt(
    "test_input_required_result_prompt",
    { description: "A prompt that asks the user for context first" },
    async (_args, ctx) => {
      const outcome = await ctx.elicit(
        "Please provide some context",
        { type: "object", properties: { context: { type: "string" } } } as const,
        { inputKey: "user_context" },
      );
      return `Prompt with context: ${outcome.action === "accept" ? (outcome.content.context ?? "") : outcome.action}`;
    },
  );

  app.tool(
    "test_custom_header_tool",
    {
      description: "Echoes its region, which travels as the Mcp-Param-Region header on Streamable HTTP",
      input: {
        type: "object",
        properties: { region: { type: "string", "x-mcp-header": "Region" }, query: { type: "string" } },
        required: ["region"],
      } as const,
    },
    ({ region }) => `Region: ${region}`,
  );
}
