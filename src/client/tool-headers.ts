import { isObject } from "../protocol/jsonrpc.js";
import type { Logger } from "../protocol/logger.js";
import { headerParams, paramHeaders, type HeaderParam } from "../protocol/mcp-headers.js";

/**
 * What a session knows of each tool's `x-mcp-header` parameters (basic/transports/streamable-http,
 * "Custom Headers from Tool Parameters"), learnt from tools/list: the `Mcp-Param-{Name}` headers a call
 * carries, and which tools were dropped because their annotations are invalid.
 */
export class ToolHeaders {
  readonly #params = new Map<string, readonly HeaderParam[]>();
  readonly #rejected = new Map<string, string>();

  /**
   * Reads a tools/list result: records each tool's header parameters, and returns the result without
   * the tools whose annotations are invalid (each one reported to `logger`, naming tool and reason).
   */
  admit<R>(result: R, logger: Logger): R {
    const tools = isObject(result) && Array.isArray(result.tools) ? (result.tools as unknown[]) : undefined;
    if (!tools) return result;
    const kept = tools.filter((tool) => {
      if (!isObject(tool) || typeof tool.name !== "string") return true;
      const found = headerParams(tool.inputSchema);
      if ("error" in found) {
        this.#params.delete(tool.name);
        this.#rejected.set(tool.name, found.error);
        logger.warn(`dropped tool ${JSON.stringify(tool.name)} from tools/list: ${found.error}`);
        return false;
      }
      this.#rejected.delete(tool.name);
      if (found.params.length > 0) this.#params.set(tool.name, found.params);
      else this.#params.delete(tool.name);
      return true;
    });
    return kept.length === tools.length ? result : { ...result, tools: kept };
  }

  /** Why tool `name` was dropped from tools/list, if it was. */
  rejection(name: string): string | undefined {
    return this.#rejected.get(name);
  }

  /** The `Mcp-Param-{Name}` headers of a call of `name` with `args`; undefined when the tool has none. */
  headers(name: unknown, args: unknown): Record<string, string> | undefined {
    const params = typeof name === "string" ? this.#params.get(name) : undefined;
    return params ? paramHeaders(params, args) : undefined;
  }
}

/** A call of a tool that tools/list dropped because its `x-mcp-header` annotations are invalid; thrown before any I/O. */
export class RejectedToolError extends Error {
  readonly tool: string;

  constructor(tool: string, reason: string) {
    super(`tool ${JSON.stringify(tool)} was rejected (${reason}), so it cannot be called over this transport`);
    this.name = "RejectedToolError";
    this.tool = tool;
  }
}
