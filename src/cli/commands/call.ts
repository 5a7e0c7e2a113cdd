import { readVerified } from "./skills.js";
import type { Command } from "commander";
import type { RequestResult } from "../../client/client-session.js";
import type { Progress } from "../../protocol/outbound.js";
import { addAuthOptions } from "../auth.js";
import { printAboveSpinner, progressLine, withSpinner } from "../output.js";
import { connectionOf, type CliContext } from "../program.js";
import { CliError, connect, parseTarget } from "../target.js";

type Schema = { properties?: Record<string, { type?: unknown }> };

/**
 * Tool arguments from words: one JSON object, or `key=value` pairs whose values are read as JSON
 * (numbers, booleans, arrays) unless the tool's schema says the property is a string.
 */
export function parseArguments(words: string[], schema: unknown): Record<string, unknown> {
  if (words.length === 0) return {};
  if (words.length === 1 && words[0]!.trimStart().startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(words[0]!);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch (error) {
      throw new CliError(`invalid JSON arguments: ${(error as Error).message}`, 2);
    }
    throw new CliError("the arguments must be a JSON object", 2);
  }
  const properties = (schema as Schema | undefined)?.properties ?? {};
  const args: Record<string, unknown> = {};
  for (const word of words) {
    const eq = word.indexOf("=");
    if (eq <= 0) throw new CliError(`expected key=value or one JSON object, not ${JSON.stringify(word)}`, 2);
    const key = word.slice(0, eq);
    const raw = word.slice(eq + 1);
    const type = properties[key]?.type;
    if (type === "string") args[key] = raw;
    else {
      try {
        args[key] = JSON.parse(raw);
      } catch {
        args[key] = raw;
      }
    }
  }
  return args;
}

type Block = RequestResult<"tools/call">["content"][number];

/** A content block as text for a terminal. */
export function renderBlock(block: Block): string {
  switch (block.type) {
    case "text":
      return block.text;
    case "image":
    case "audio":
      return `[${block.type} ${block.mimeType}, ${Buffer.from(block.data, "base64").length} bytes]`;
    case "resource_link":
      return `[link ${block.uri}${block.name ? ` (${block.name})` : ""}]`;
    case "resource":
      return "text" in block.resource
        ? block.resource.text
        : `[blob ${block.resource.uri}, ${block.resource.mimeType ?? "?"}]`;
    default:
      return JSON.stringify(block);
  }
}

/** The options `call` and `read` share. */
interface CallOptions {
  json?: boolean;
  sse?: boolean;
}

const SSE_HELP =
  "speak the legacy HTTP+SSE transport (2024-11-05) to a URL target, without trying Streamable HTTP first";

/** `mcp call <target> <tool> [args...]` and `mcp read <target> <uri>`: one request, then exit. */
export function registerCall(program: Command, ctx: CliContext): void {
  registerCallTool(program, ctx);
  registerRead(program, ctx);
}

/** `mcp call`: one tools/call, its result printed. */
function registerCallTool(program: Command, ctx: CliContext): void {
  addAuthOptions(program.command("call"))
    .description("call one tool and print its result (exit status 1 when the result is an error)")
    .argument("<target>", 'a server URL, or a quoted server command ("node server.js")')
    .argument("<tool>", "the tool's name")
    .argument("[args...]", "one JSON object, or key=value pairs")
    .option("--sse", SSE_HELP)
    .option("--json", "print the whole result as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  mcp call "node examples/calculate-sum.js" calculate_sum a=2 b=40\n  mcp call http://127.0.0.1:3000/mcp add_note \'{"title":"Idea","body":"..."}\' --json\n  mcp call --sse http://127.0.0.1:3000/sse echo text=hi',
    )
    .action(async (targetWord: string, tool: string, words: string[], options: CallOptions, command: Command) => {
      const connection = connectionOf(command);
      const { timeout } = connection;
      const session = await connect(ctx.io, parseTarget([targetWord], options), connection);
      try {
        const tools = session.serverCapabilities?.tools ? await session.listAllTools() : [];
        const found = tools.find((t) => t.name === tool);
        if (!found) {
          const known = tools.map((t) => t.name).join(", ") || "none";
          throw new CliError(`unknown tool ${JSON.stringify(tool)} (the server has: ${known})`);
        }
        const args = parseArguments(words, found.inputSchema);
        // Progress reports go to stderr as they come, each restarting the timeout as in a session.
        const onprogress = (report: Progress) => printAboveSpinner(ctx.io, progressLine(report));
        const called = session.callTool(tool, args, { timeout, onprogress });
        const result = await withSpinner(ctx.io, `calling ${tool}`, called);
        if (options.json) ctx.io.out.write(`${JSON.stringify(result, null, 2)}\n`);
        else {
          const text = result.content.map(renderBlock).join("\n");
          ctx.io.out.write(
            `${text || (result.structuredContent === undefined ? "" : JSON.stringify(result.structuredContent))}\n`,
          );
        }
        if (result.isError) ctx.exitCode = 1;
      } finally {
        await session.close();
      }
    });
}

/** `mcp read`: one resources/read, its contents printed. */
function registerRead(program: Command, ctx: CliContext): void {
  addAuthOptions(program.command("read"))
    .description("read one resource and print its contents")
    .argument("<target>", 'a server URL, or a quoted server command ("node server.js")')
    .argument("<uri>", "the resource's URI")
    .option("--sse", SSE_HELP)
    .option("--json", "print the whole result as JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  mcp read "node examples/config-settings.js" config://settings\n  mcp read --sse http://127.0.0.1:3000/sse config://settings',
    )
    .action(async (targetWord: string, uri: string, options: CallOptions, command: Command) => {
      const connection = connectionOf(command);
      const { timeout } = connection;
      const session = await connect(ctx.io, parseTarget([targetWord], options), connection);
      try {
        const skill = await withSpinner(ctx.io, `reading ${uri}`, readVerified(session, uri, { timeout }));
        if (skill) {
          const { file } = skill;
          ctx.io.err.write(`verified against skill ${skill.skill.uri} (${file.bytes.length} bytes)\n`);
          if (options.json)
            ctx.io.out.write(`${JSON.stringify({ skill: skill.skill.uri, ...file, bytes: undefined }, null, 2)}\n`);
          else ctx.io.out.write(file.text ?? `[blob ${uri}, ${file.mimeType ?? "?"}, ${file.bytes.length} bytes]\n`);
          return;
        }
        const result = await withSpinner(ctx.io, `reading ${uri}`, session.readResource(uri, { timeout }));
        if (options.json) ctx.io.out.write(`${JSON.stringify(result, null, 2)}\n`);
        else
          ctx.io.out.write(
            `${result.contents.map((c) => ("text" in c ? c.text : `[blob ${c.uri}, ${c.mimeType ?? "?"}, ${Buffer.from(c.blob, "base64").length} bytes]`)).join("\n")}\n`,
          );
      } finally {
        await session.close();
      }
    });
}
