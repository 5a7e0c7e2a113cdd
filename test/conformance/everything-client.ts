// The conformance suite's client under test: `npm run everything-client -- <url>`. The harness names the
// scenario in MCP_CONFORMANCE_SCENARIO; each scenario is a small script over one ClientSession.
import type { Revision } from "../../generated/index.js";
import { ClientSession } from "../../src/client/client-session.js";
import { silentLogger } from "../../src/protocol/logger.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { conformanceAuthProvider } from "./everything-client-auth.js";
import { extensionAuthProvider } from "./everything-client-auth-ext.js";

type Json = Record<string, unknown>;

/**
 * A skills host (sep-2640-client-*): lists skills and, unless the scenario only watches for prefetching,
 * loads each one (SKILL.md verified against its entry) and only then reads its listed files, verified too.
 */
async function actAsSkillsHost(session: ClientSession, load: boolean): Promise<void> {
  const skills = await session.listSkills();
  if (!load) return;
  for (const entry of skills) {
    const loaded = await session.loadSkill(entry);
    if (entry.resources === "dynamic") continue;
    for (const file of entry.resources) if (file.uri !== entry.uri) await loaded.read(file.uri);
  }
}
type Script = (session: ClientSession) => Promise<void>;

/** The defaults a requested elicitation schema states, for the fields the user left out. */
function withDefaults(schema: { properties?: Record<string, { default?: unknown }> }, content: Json = {}): Json {
  const filled: Json = {};
  for (const [name, property] of Object.entries(schema.properties ?? {}))
    if (property.default !== undefined) filled[name] = property.default;
  return { ...filled, ...content };
}

/** Calls every tool the session still lists (tools with invalid header annotations are dropped from it). */
async function callEveryTool(session: ClientSession): Promise<void> {
  for (const tool of await session.listAllTools()) await session.callTool(tool.name, {});
}

/** The exact tool calls a scenario's context names (http-custom-headers). */
function contextToolCalls(): { name: string; arguments: Json }[] {
  const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? "{}") as { toolCalls?: unknown };
  return Array.isArray(context.toolCalls) ? (context.toolCalls as { name: string; arguments: Json }[]) : [];
}

const scripts: Record<string, Script> = {
  async initialize(session) {
    // The scenario's server declares no capabilities, so there is nothing to list: a ping proves the session.
    if (session.serverCapabilities?.tools) await session.listTools();
    else await session.ping();
  },
  async tools_call(session) {
    const tools = await session.listAllTools();
    const add = tools.find((t) => t.name === "add_numbers");
    if (add) await session.callTool("add_numbers", { a: 5, b: 3 });
  },
  async "elicitation-sep1034-client-defaults"(session) {
    for (const tool of await session.listAllTools()) await session.callTool(tool.name, {});
  },
  async "sse-retry"(session) {
    for (const tool of await session.listAllTools()) await session.callTool(tool.name, {});
  },
  async "request-metadata"(session) {
    // initialize() has already retried server/discover after the -32022; one more request proves the version sticks.
    await session.listTools();
  },
  "sep-2322-client-request-state": callEveryTool,
  "sep-2640-client-no-prefetch": (session) => actAsSkillsHost(session, false),
  "sep-2640-client-verify-digest": (session) => actAsSkillsHost(session, true),
  "sep-2640-client-verify-size": (session) => actAsSkillsHost(session, true),
  "sep-2640-client-verify-frontmatter": (session) => actAsSkillsHost(session, true),
  "http-invalid-tool-headers": callEveryTool,
  async "http-standard-headers"(session) {
    const tools = await session.listAllTools();
    if (tools[0]) await session.callTool(tools[0].name, {});
    const resources = await session.listAllResources();
    if (resources[0]) await session.readResource(resources[0].uri);
    const prompts = await session.listAllPrompts();
    if (prompts[0]) await session.getPrompt(prompts[0].name, {});
  },
  async "http-custom-headers"(session) {
    await session.listAllTools();
    for (const call of contextToolCalls()) await session.callTool(call.name, call.arguments);
  },
  async "json-schema-ref-no-deref"(session) {
    await session.listAllTools();
  },
  async "json-schema-2020-12-preservation"(session) {
    const tools = await session.listAllTools();
    const fixture = tools.find((t) => t.name === "json_schema_2020_12_tool");
    if (fixture && tools.some((t) => t.name === "json_schema_echo"))
      await session.callTool("json_schema_echo", { schema: fixture.inputSchema as Json });
  },
};

async function main(): Promise<number> {
  const url = process.argv[process.argv.length - 1];
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? "initialize";
  if (!url?.startsWith("http")) {
    process.stderr.write("usage: everything-client <server url>\n");
    return 2;
  }
  // The harness names the revision to speak; a stateful one means the initialize handshake, 2026-07-28 the stateless wire.
  const revision = process.env.MCP_CONFORMANCE_PROTOCOL_VERSION as Revision | undefined;
  // The auth/* scenarios: connect, list tools, call each (step-up and migration need two authorized requests).
  const extension = extensionAuthProvider(scenario, JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? "{}"));
  const auth = scenario.startsWith("auth/") ? { auth: extension ?? conformanceAuthProvider() } : {};
  if (auth.auth) scripts[scenario] ??= callEveryTool;
  const session = new ClientSession(streamableHttpClient(url, auth), {
    ...(revision ? { protocolVersion: revision } : {}),
    clientInfo: { name: "mcpkit-everything-client", version: "1.0.0" },
    logger: silentLogger,
    // An authorization flow runs inside the first request; on a loaded machine it needs the harness's whole 30 s.
    requestTimeout: auth.auth ? 28_000 : 20_000,
  });
  session
    .onElicit((params) => ({
      action: "accept",
      content: withDefaults(("requestedSchema" in params ? params.requestedSchema : {}) as Json) as never,
    }))
    .onCreateMessage(() => ({ role: "assistant", model: "everything-client", content: { type: "text", text: "ok" } }))
    .onListRoots(() => ({ roots: [] }));
  const script = scripts[scenario] ?? scripts.tools_call!;
  try {
    await session.initialize();
    await script(session);
    return 0;
  } catch (error) {
    process.stderr.write(`everything-client (${scenario}): ${(error as Error).message}\n`);
    return 1;
  } finally {
    await session.close();
  }
}

process.exitCode = await main();
