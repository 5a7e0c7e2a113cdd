import type { AnyRequestHandler } from "../protocol/connection.js";
import type { ServerRequestContext } from "./request-context.js";

/**
 * A step around every request a server serves, in the order added: it sees the request's validated
 * params and context (the caller as `request.auth`, the HTTP headers as `request.headers`), and either
 * calls `next()` to go on (and may change or filter what it resolves with, such as a list's items) or
 * answers itself: returns a result, or throws an `McpError` that becomes the JSON-RPC error.
 */
export type Middleware = (
  params: Readonly<Record<string, unknown>>,
  request: ServerRequestContext,
  next: () => Promise<unknown>,
) => unknown;

/** `handler` run inside `middleware`, the first added outermost; `handler` itself when there is none. */
export function aroundHandler(
  middleware: readonly Middleware[],
  handler: AnyRequestHandler<ServerRequestContext>,
): AnyRequestHandler<ServerRequestContext> {
  if (middleware.length === 0) return handler;
  return (params: Record<string, unknown>, request: ServerRequestContext) => {
    const step = async (index: number): Promise<unknown> => {
      const current = middleware[index];
      if (current === undefined) return handler(params, request);
      let called = false;
      return current(params, request, () => {
        if (called) return Promise.reject(new Error("mcpkit: a middleware called next() twice"));
        called = true;
        return step(index + 1);
      });
    };
    return step(0);
  };
}
