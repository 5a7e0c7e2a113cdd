// Type-level tests: tsc (run by test/codegen/typecheck.test.ts) must accept every line, and
// every `@ts-expect-error` must mark a real error.
import type { ClientMethods as Client20241105 } from "../../generated/2024-11-05/client.js";
import type { ClientMethods as Client20251125 } from "../../generated/2025-11-25/client.js";
import type { ServerRequestHandlers } from "../../generated/2025-11-25/server.js";
import type { ClientMethods as Client20260728 } from "../../generated/2026-07-28/client.js";
import type { ClientMethods as SurfaceClient } from "../../generated/surface/client.js";
import type { CallToolResult } from "../../generated/2025-11-25/types.js";
import { validate } from "../../src/validate/index.js";

declare const c: Client20251125<{ timeout?: number }, unknown>;
export async function calls(): Promise<CallToolResult> {
  await c.listTools();
  await c.listTools({ cursor: "next" }, { timeout: 5 });
  // @ts-expect-error tools/call needs params
  await c.callTool();
  // @ts-expect-error the tool name is a string
  await c.callTool({ name: 1 });
  // @ts-expect-error unknown option
  await c.listTools({}, { retries: 3 });
  return c.callTool({ name: "echo", arguments: { text: "hi" } });
}

declare const old: Client20241105<object, unknown>;
declare const stateless: Client20260728<object, unknown>;
declare const surface: SurfaceClient<object, unknown>;
export async function revisionsDiffer(): Promise<void> {
  await old.setLevel({ level: "debug" });
  // @ts-expect-error 2026-07-28 has no logging/setLevel
  await stateless.setLevel({ level: "debug" });
  // @ts-expect-error 2024-11-05 has no elicitation, and clients never send it
  await old.elicit({});
  await stateless.listTools(); // `_meta` is the session's to fill
  await surface.setLevel({ level: "info" }); // the union surface has every revision's methods
  await surface.discover();
}

export const handlers: Pick<ServerRequestHandlers<{ requestId: string }>, "tools/call"> = {
  "tools/call": async (params, ctx) => ({ content: [{ type: "text", text: `${params.name} ${ctx.requestId}` }] }),
};

export const badHandler: Pick<ServerRequestHandlers<object>, "tools/list"> = {
  // @ts-expect-error a tools/list handler returns tools
  "tools/list": async () => ({ content: [] }),
};

export function typedValidation(value: unknown): string | undefined {
  const tool = validate(value, { revision: "2025-11-25", type: "Tool" });
  // @ts-expect-error "Nope" is no definition of 2025-11-25
  validate(value, { revision: "2025-11-25", type: "Nope" });
  return tool.valid ? tool.value.name : undefined;
}

// The runtime classes are typed from the generated surface.
import type { ClientSession } from "../../src/client/client-session.js";
import type { Server } from "../../src/server/server.js";

declare const session: ClientSession;
declare const server: Server;
export async function runtimeClasses(): Promise<void> {
  const listed = await session.listTools();
  listed.tools.map((t) => t.name);
  await session.callTool("echo", { text: "hi" }, { timeout: 5 });
  await session.callTool({ name: "echo" });
  await session.readResource("config://settings");
  // @ts-expect-error readResource takes a URI or params with one
  await session.readResource({ url: "x" });
  // @ts-expect-error initialize takes no params: the session offers its own
  await session.initialize({ protocolVersion: "2025-11-25" });
  await session.request("tools/list", { cursor: "c" });
  // @ts-expect-error a server-to-client method is not a client request
  await session.request("sampling/createMessage", { messages: [], maxTokens: 1 });
  session.onCreateMessage((params) => ({
    role: "assistant",
    content: { type: "text", text: String(params.maxTokens) },
    model: "m",
  }));
  // @ts-expect-error a sampling handler must answer with a message
  session.onCreateMessage(() => ({ role: "assistant" }));

  server.onCallTool((params, ctx) => ({
    content: [{ type: "text", text: `${params.name} ${String(ctx.requestId)}` }],
  }));
  server.setRequestHandler("tools/list", () => ({ tools: [] })); // resultType and caching hints are the session's
  // @ts-expect-error tools/list answers with tools
  server.setRequestHandler("tools/list", () => ({ prompts: [] }));
  // @ts-expect-error initialize is the session's to answer
  server.onInitialize(() => ({}));
}

// Results written by hand never carry what the session fills in (resultType, caching hints), on any revision.
import type * as Latest from "../../generated/latest.js";
import type * as V20260728 from "../../generated/2026-07-28/types.js";
export const handWritten: [Latest.CallToolResult, V20260728.ListToolsResult, V20260728.ReadResourceResult] = [
  { content: [{ type: "text", text: "done" }] },
  { tools: [] },
  { contents: [] },
];
// A discriminant the session does not fill stays required.
// @ts-expect-error an InputRequiredResult-style task result names its resultType
export const taskResult: import("../../generated/ext-tasks/types.js").CreateTaskResult = { taskId: "t" };
