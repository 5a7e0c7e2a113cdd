// Drives the portable app (test/fixtures/portable/app.ts) with mcpkit's client and the official
// SDK's client: tools/list, then tools/call on the zod tool, on the JSON Schema literal tool, and on
// the literal tool with arguments its schema refuses.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport as OfficialTransport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { expect } from "chai";
import { ClientSession, silentLogger, stdioClient, streamableHttpClient, type Transport } from "../../src/index.js";

/** Where the app is served: a command speaking stdio, or a Streamable HTTP endpoint. */
export type Target =
  { command: string; args: string[]; cwd?: string } | { url: string; headers?: Record<string, string> };

/** What one client saw. */
export interface Outcome {
  tools: string[];
  add: string | undefined;
  greet: string | undefined;
  refused: { isError: boolean; text: string | undefined };
}

interface CallResult {
  content?: unknown;
  isError?: boolean;
}

const textOf = (result: CallResult) =>
  (result.content as { type: string; text?: string }[] | undefined)?.find((c) => c.type === "text")?.text;

async function exercise(
  list: () => Promise<{ tools: { name: string }[] }>,
  call: (name: string, args: Record<string, unknown>) => Promise<CallResult>,
): Promise<Outcome> {
  const { tools } = await list();
  const add = await call("add", { a: 2, b: 3 });
  const greet = await call("greet", { name: "Ada" });
  const refused = await call("greet", { name: 7 });
  return {
    tools: tools.map((t) => t.name).sort(),
    add: textOf(add),
    greet: textOf(greet),
    refused: { isError: refused.isError === true, text: textOf(refused) },
  };
}

/** The app as mcpkit's ClientSession sees it. */
export async function withMcpkit(target: Target): Promise<Outcome> {
  const transport: Transport =
    "url" in target
      ? streamableHttpClient(target.url, target.headers ? { headers: target.headers } : {})
      : stdioClient({ command: target.command, args: target.args, ...(target.cwd ? { cwd: target.cwd } : {}) });
  const session = new ClientSession(transport, { logger: silentLogger });
  try {
    await session.initialize();
    return await exercise(
      () => session.listTools(),
      (name, args) => session.callTool(name, args),
    );
  } finally {
    await session.close();
  }
}

/** The app as the official SDK's Client sees it. */
export async function withOfficial(target: Target): Promise<Outcome> {
  const transport: OfficialTransport =
    "url" in target
      ? new StreamableHTTPClientTransport(
          new URL(target.url),
          target.headers ? { requestInit: { headers: target.headers } } : {},
        )
      : new StdioClientTransport({
          command: target.command,
          args: target.args,
          stderr: "ignore",
          ...(target.cwd ? { cwd: target.cwd } : {}),
        });
  const client = new Client({ name: "portable-test", version: "0.0.1" });
  await client.connect(transport);
  try {
    return await exercise(
      () => client.listTools(),
      (name, args) => client.callTool({ name, arguments: args }) as Promise<CallResult>,
    );
  } finally {
    await client.close();
  }
}

/** Checks what a client saw: both tools listed, both answered, the literal's schema enforced. */
export function expectServed(outcome: Outcome, who: string): void {
  expect(outcome.tools, who).to.deep.equal(["add", "greet"]);
  expect(outcome.add, who).to.equal("5");
  expect(outcome.greet, who).to.equal("hello, Ada");
  expect(outcome.refused.isError, who).to.equal(true);
  expect(outcome.refused.text, who).to.match(/\/name/);
}

/** Drives `target` with both clients, one after the other, and checks each. */
export async function expectBothServed(target: Target, where: string): Promise<void> {
  expectServed(await withMcpkit(target), `mcpkit's client, ${where}`);
  expectServed(await withOfficial(target), `the official SDK's client, ${where}`);
}
