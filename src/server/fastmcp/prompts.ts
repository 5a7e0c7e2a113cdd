import type { RequestMap } from "../../../generated/surface/methods.js";
import { ErrorCode, McpError, withHandlerMessage } from "../../protocol/errors.js";
import { toPromptMessages } from "./content.js";
import type { Context } from "./context.js";
import type { Completer } from "./resources.js";

type Prompt = RequestMap["prompts/list"]["result"]["prompts"][number];
type GetPromptResult = RequestMap["prompts/get"]["result"];

/** One argument of a prompt: described to clients, optionally required, optionally completed. */
export interface PromptArgument {
  title?: string;
  description?: string;
  required?: boolean;
  complete?: Completer;
}

/** How a prompt is described to clients. */
export interface PromptOptions<A extends Record<string, PromptArgument> = Record<string, PromptArgument>> {
  title?: string;
  description?: string;
  /** Each argument by name; `required: true` ones reach the handler as strings. */
  arguments?: A & Record<string, PromptArgument>;
  icons?: Prompt["icons"];
  _meta?: Prompt["_meta"];
  replace?: boolean;
  /**
   * The OAuth scopes a caller's token must grant to use this (on a server with the `auth` option): a
   * call without them is refused (HTTP 403 `insufficient_scope` naming them, so the client can step
   * up), and lists show it only to callers that have them.
   */
  scopes?: readonly string[];
}

/** A prompt's arguments as its handler sees them: required ones are strings, the others may be missing. */
export type PromptArgs<A extends Record<string, PromptArgument>> = {
  [K in keyof A as A[K] extends { required: true } ? K : never]: string;
} & { [K in keyof A as A[K] extends { required: true } ? never : K]?: string };

/** What a prompt handler may return: a string (one user message), messages, or a whole GetPromptResult. */
export type PromptHandler<A extends Record<string, PromptArgument>> = (args: PromptArgs<A>, ctx: Context) => unknown;

interface Registered {
  definition: Prompt;
  arguments: Record<string, PromptArgument>;
  handler: (args: never, ctx: Context) => unknown;
}

/** The prompts of a FastMCP server: listing, getting with checked arguments, argument completion. */
export class PromptRegistry {
  readonly #prompts = new Map<string, Registered>();

  add(name: string, options: PromptOptions, handler: Registered["handler"]): void {
    if (!name) throw new TypeError("mcpkit: a prompt needs a name");
    if (this.#prompts.has(name) && !options.replace)
      throw new TypeError(
        `mcpkit: a prompt named ${name} is already registered (remove it first, or pass replace: true)`,
      );
    if (typeof handler !== "function") throw new TypeError(`mcpkit: the handler of prompt ${name} is not a function`);
    const args = options.arguments ?? {};
    const definition: Prompt = {
      name,
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(Object.keys(args).length === 0
        ? {}
        : {
            arguments: Object.entries(args).map(([argName, arg]) => ({
              name: argName,
              ...(arg.title === undefined ? {} : { title: arg.title }),
              ...(arg.description === undefined ? {} : { description: arg.description }),
              ...(arg.required === undefined ? {} : { required: arg.required }),
            })),
          }),
      ...(options.icons === undefined ? {} : { icons: options.icons }),
      ...(options._meta === undefined ? {} : { _meta: options._meta }),
    };
    this.#prompts.set(name, { definition, arguments: args, handler });
  }

  remove(name: string): boolean {
    return this.#prompts.delete(name);
  }

  get size(): number {
    return this.#prompts.size;
  }

  list(): Prompt[] {
    return [...this.#prompts.values()].map((p) => p.definition);
  }

  /** Gets a prompt; an unknown prompt, a missing required argument or an unknown argument is -32602. */
  async get(name: string, args: Record<string, string> | undefined, ctx: Context): Promise<GetPromptResult> {
    const prompt = this.#prompts.get(name);
    if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${name}`, { name });
    const given = args ?? {};
    const missing = Object.entries(prompt.arguments)
      .filter(([argName, arg]) => arg.required && given[argName] === undefined)
      .map(([argName]) => argName);
    if (missing.length > 0)
      throw new McpError(
        ErrorCode.InvalidParams,
        `Prompt ${name} is missing required arguments: ${missing.join(", ")}`,
      );
    const unknown = Object.keys(given).filter((argName) => !Object.hasOwn(prompt.arguments, argName));
    if (unknown.length > 0)
      throw new McpError(ErrorCode.InvalidParams, `Prompt ${name} has no arguments named ${unknown.join(", ")}`);
    const value = await withHandlerMessage(`prompt ${name}`, () => prompt.handler(given as never, ctx));
    const outcome = toPromptMessages(value);
    if ("error" in outcome) throw new McpError(ErrorCode.InternalError, `prompt ${name}: ${outcome.error}`);
    const result = outcome.ok as GetPromptResult;
    return prompt.definition.description !== undefined && result.description === undefined
      ? { ...result, description: prompt.definition.description }
      : result;
  }

  /** The completer of a prompt argument: undefined when no such prompt exists, null when it has none. */
  completer(name: string, argument: string): Completer | null | undefined {
    const prompt = this.#prompts.get(name);
    if (!prompt) return undefined;
    return Object.hasOwn(prompt.arguments, argument) ? (prompt.arguments[argument]?.complete ?? null) : null;
  }
}
