import type { RequestMap } from "../../../generated/surface/methods.js";
import { ErrorCode, McpError } from "../../protocol/errors.js";
import { headerParams, type HeaderParam } from "../../protocol/mcp-headers.js";
import { toCallToolResult } from "./content.js";
import type { Context } from "./context.js";
import { taskToolOptions, type TaskSupport, type TaskToolOptions } from "../tasks/task-tools.js";
import { compileSchema, formatIssues, type CompiledSchema, type Infer, type SchemaInput } from "./schema-input.js";

type Tool = RequestMap["tools/list"]["result"]["tools"][number];
type CallToolResult = RequestMap["tools/call"]["result"];

/** How a tool is described to clients, and the schemas its arguments and output follow. */
export interface ToolOptions<
  I extends SchemaInput | undefined = undefined,
  O extends SchemaInput | undefined = undefined,
> {
  title?: string;
  description?: string;
  /** The arguments: any Standard Schema with JSON Schema output (zod 4, arktype, valibot) or a JSON Schema literal. */
  input?: I;
  /** The structured result; the handler's value becomes `structuredContent`, validated against it. */
  output?: O;
  annotations?: Tool["annotations"];
  icons?: Tool["icons"];
  _meta?: Tool["_meta"];
  /**
   * Whether calls may become tasks (tasks extension, 2026-07-28): "optional", "required", or the full
   * options (when the task begins, its TTL and poll interval). Unset: never a task.
   */
  task?: TaskSupport | TaskToolOptions;
  /** Replace a tool already registered under this name instead of refusing. */
  replace?: boolean;
  /**
   * The OAuth scopes a caller's token must grant to use this (on a server with the `auth` option): a
   * call without them is refused (HTTP 403 `insufficient_scope` naming them, so the client can step
   * up), and lists show it only to callers that have them.
   */
  scopes?: readonly string[];
}

/** A tool's arguments as its handler sees them. */
export type ToolArgs<I> = I extends SchemaInput ? Infer<I> : Record<string, unknown>;

/** What a tool handler may return: text, content blocks, bytes, a structured value, or a whole CallToolResult. */
export type ToolHandler<I, O> = (
  args: ToolArgs<I>,
  ctx: Context,
) =>
  | (O extends SchemaInput ? Infer<O> | CallToolResult : unknown)
  | Promise<O extends SchemaInput ? Infer<O> | CallToolResult : unknown>;

interface RegisteredTool {
  definition: Tool;
  input: CompiledSchema<unknown> | undefined;
  output: CompiledSchema<unknown> | undefined;
  /** The parameters mirrored into `Mcp-Param-{Name}` headers (`x-mcp-header`). */
  headers: readonly HeaderParam[];
  task: TaskToolOptions | undefined;
  handler: (args: never, ctx: Context) => unknown;
}

/** The tool naming rule of the 2025-11-25 spec: 1 to 128 of letters, digits, `_`, `-` and `.`. */
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** The tools of a FastMCP server: registration, listing and calls with validated arguments and output. */
export class ToolRegistry {
  readonly #tools = new Map<string, RegisteredTool>();

  /** Registers a tool; a bad name, a duplicate or an unusable schema is an error here, not at call time. */
  add(
    name: string,
    options: ToolOptions<SchemaInput | undefined, SchemaInput | undefined>,
    handler: RegisteredTool["handler"],
  ): void {
    if (!TOOL_NAME.test(name))
      throw new TypeError(
        `mcpkit: tool name ${JSON.stringify(name)} must be 1 to 128 letters, digits, "_", "-" or "."`,
      );
    if (this.#tools.has(name) && !options.replace)
      throw new TypeError(
        `mcpkit: a tool named ${name} is already registered (remove it first, or pass replace: true)`,
      );
    if (typeof handler !== "function") throw new TypeError(`mcpkit: the handler of tool ${name} is not a function`);
    const input =
      options.input === undefined ? undefined : compileSchema(options.input, `input schema of tool ${name}`);
    const output =
      options.output === undefined ? undefined : compileSchema(options.output, `output schema of tool ${name}`);
    const definition: Tool = {
      name,
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.description === undefined ? {} : { description: options.description }),
      inputSchema: (input?.jsonSchema ?? { type: "object" }) as Tool["inputSchema"],
      ...(output ? { outputSchema: output.jsonSchema as Tool["outputSchema"] } : {}),
      ...(options.annotations === undefined ? {} : { annotations: options.annotations }),
      ...(options.icons === undefined ? {} : { icons: options.icons }),
      ...(options._meta === undefined ? {} : { _meta: options._meta }),
    };
    const headers = headerParams(definition.inputSchema);
    if ("error" in headers)
      throw new TypeError(`mcpkit: the input schema of tool ${name} is invalid: ${headers.error}`);
    const task = taskToolOptions(options.task);
    this.#tools.set(name, { definition, input, output, headers: headers.params, task, handler });
  }

  /** The `x-mcp-header` parameters of a tool, if it exists. */
  headerParams(name: string): readonly HeaderParam[] | undefined {
    return this.#tools.get(name)?.headers;
  }

  /** How a tool's calls become tasks, if they may. */
  taskOptions(name: string): TaskToolOptions | undefined {
    return this.#tools.get(name)?.task;
  }

  remove(name: string): boolean {
    return this.#tools.delete(name);
  }

  get size(): number {
    return this.#tools.size;
  }

  list(): Tool[] {
    return [...this.#tools.values()].map((t) => t.definition);
  }

  /**
   * Calls a tool. An unknown tool is a JSON-RPC error (-32602); invalid arguments, a thrown Error and
   * a result that cannot be converted are tool errors (`isError`) whose text says why; a thrown
   * McpError stays a JSON-RPC error. An error result is never checked against the output schema.
   */
  async call(name: string, args: unknown, ctx: Context): Promise<CallToolResult> {
    const tool = this.#tools.get(name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`, { name });
    let value: unknown = args ?? {};
    if (tool.input) {
      const checked = await tool.input.validate(value);
      if ("issues" in checked) return failure(`Invalid arguments for tool ${name}: ${formatIssues(checked.issues)}`);
      value = checked.value;
    }
    let returned: unknown;
    try {
      returned = await tool.handler(value as never, ctx);
    } catch (error) {
      if (error instanceof McpError) throw error;
      return failure(error instanceof Error ? error.message : String(error));
    }
    const outcome = toCallToolResult(returned, { structured: tool.output !== undefined });
    if ("error" in outcome) return failure(outcome.error);
    const result = outcome.result as CallToolResult;
    if (tool.output && !result.isError) {
      const checked = await tool.output.validate(result.structuredContent);
      if ("issues" in checked)
        return failure(
          `Tool ${name} returned output that does not match its output schema: ${formatIssues(checked.issues)}`,
        );
    }
    return result;
  }
}

function failure(text: string): CallToolResult {
  return { content: [{ type: "text", text }], isError: true };
}
