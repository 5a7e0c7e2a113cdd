import type { CallerParams } from "../../generated/common.js";
import type { RequestMap } from "../../generated/surface/methods.js";
import type { ClientRequestOptions, RequestResult } from "./types.js";

/** The calls of a ClientSession that take a name (or URI) first, or the full params. */
export interface ByName {
  /** Calls a tool by name with its arguments, or with the full params. */
  callTool(
    name: string,
    args?: Record<string, unknown>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<"tools/call">>;
  callTool(
    params: CallerParams<RequestMap["tools/call"]["params"]>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<"tools/call">>;
  /** Reads a resource by URI, or with the full params. */
  readResource(
    uriOrParams: string | CallerParams<RequestMap["resources/read"]["params"]>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<"resources/read">>;
  /** Gets a prompt by name with its arguments, or with the full params. */
  getPrompt(
    name: string,
    args?: Record<string, string>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<"prompts/get">>;
  getPrompt(
    params: CallerParams<RequestMap["prompts/get"]["params"]>,
    options?: ClientRequestOptions,
  ): Promise<RequestResult<"prompts/get">>;
}

type Requester = { request(method: string, params: unknown, options?: ClientRequestOptions): Promise<unknown> };

/** `(name, arguments?, options?)` or `(params, options?)`, as callTool and getPrompt take them. */
function byName(method: "tools/call" | "prompts/get") {
  return function (this: Requester, nameOrParams: unknown, argsOrOptions?: unknown, options?: ClientRequestOptions) {
    if (typeof nameOrParams !== "string")
      return this.request(method, nameOrParams, argsOrOptions as ClientRequestOptions | undefined);
    const params =
      argsOrOptions === undefined ? { name: nameOrParams } : { name: nameOrParams, arguments: argsOrOptions };
    return this.request(method, params, options);
  };
}

/** Installs the {@link ByName} calls on a ClientSession's prototype. */
export function installByName(prototype: Requester): void {
  const methods = {
    callTool: byName("tools/call"),
    getPrompt: byName("prompts/get"),
    readResource(this: Requester, uriOrParams: unknown, options?: ClientRequestOptions) {
      const params = typeof uriOrParams === "string" ? { uri: uriOrParams } : uriOrParams;
      return this.request("resources/read", params, options);
    },
  };
  for (const [name, value] of Object.entries(methods))
    Object.defineProperty(prototype, name, { value, writable: true, configurable: true });
}
