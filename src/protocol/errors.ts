import { ErrorCode } from "../../generated/index.js";
import type { Logger } from "./logger.js";

export { ErrorCode };

/** The `error` member of a JSON-RPC error response. */
export interface WireError {
  code: number;
  message: string;
  data?: unknown;
}

const BRAND = Symbol.for("mcpkit.McpError");

/**
 * An error that is, or becomes, a JSON-RPC error response. `instanceof` holds across copies of
 * mcpkit loaded side by side (a brand, not the prototype chain, decides).
 */
export class McpError extends Error {
  readonly code: number;
  readonly data: unknown;
  readonly [BRAND] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
      ? this === McpError || Function.prototype[Symbol.hasInstance].call(this, value)
      : false;
  }

  constructor(code: number, message: string, data?: unknown, options?: ErrorOptions) {
    super(message, options);
    this.name = "McpError";
    this.code = code;
    this.data = data;
  }

  /** The error as it travels in a JSON-RPC error response. */
  toWire(): WireError {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  /** The error a peer answered with; a malformed error member becomes an InternalError that says so. */
  static fromWire(error: unknown): McpError {
    if (typeof error === "object" && error !== null) {
      const { code, message, data } = error as Record<string, unknown>;
      if (Number.isInteger(code) && typeof message === "string") return new McpError(code as number, message, data);
    }
    return new McpError(ErrorCode.InternalError, "the peer answered with a malformed error", { error });
  }
}

/** A method the negotiated revision lacks, or that does not travel in this direction; thrown before any I/O. */
export class UnsupportedMethodError extends McpError {
  constructor(method: string, revision: string, why = `does not exist in ${revision}`) {
    super(ErrorCode.MethodNotFound, `${method} ${why}`, { method, revision });
    this.name = "UnsupportedMethodError";
  }
}

/** A method the peer did not declare the capability for; thrown before any I/O. */
export class CapabilityError extends McpError {
  constructor(method: string, side: "server" | "client", path: readonly string[]) {
    super(
      ErrorCode.MethodNotFound,
      `${method} needs the ${side} capability "${path.join(".")}", which was not declared`,
      {
        method,
        capability: path.join("."),
      },
    );
    this.name = "CapabilityError";
  }
}

/**
 * The code of a request that got no answer in time: -32001, in the implementation-defined server-error
 * range, as both official SDKs number it (the schema names no such code).
 */
export const REQUEST_TIMEOUT = -32001;

/** A request that got no answer in time: an McpError with code {@link REQUEST_TIMEOUT} (-32001). */
export class RequestTimeoutError extends McpError {
  readonly method: string;
  readonly timeoutMs: number;

  constructor(method: string, timeoutMs: number, total = false) {
    super(
      REQUEST_TIMEOUT,
      `${method} timed out after ${timeoutMs} ms${total ? " in all (the cap on progress resets)" : ""}`,
      { method, timeoutMs },
    );
    this.name = "RequestTimeoutError";
    this.method = method;
    this.timeoutMs = timeoutMs;
  }
}

/** The connection closed while a request was waiting, or before it was sent. */
export class ConnectionClosedError extends Error {
  constructor(reason = "the connection is closed", options?: ErrorOptions) {
    super(reason, options);
    this.name = "ConnectionClosedError";
  }
}

/**
 * The one place a thrown value becomes a JSON-RPC error: an McpError passes through; anything else
 * becomes InternalError with a generic message, and the cause goes to the logger, not the peer.
 */
export function toWireError(thrown: unknown, logger: Logger, method: string): WireError {
  if (thrown instanceof McpError) return thrown.toWire();
  logger.error(`handler for ${method} failed`, thrown);
  return { code: ErrorCode.InternalError, message: "Internal error" };
}

/**
 * Runs a FastMCP-style handler so that what it throws keeps its message for the client: an McpError
 * passes as it is, any other error becomes -32603 whose message is `what: <the error's message>` (the
 * error is its cause). Used where a handler has no error result of its own (resources, prompts), as a
 * tool's thrown error becomes its `isError` text.
 */
export async function withHandlerMessage<T>(what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof McpError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new McpError(ErrorCode.InternalError, `${what}: ${message}`, undefined, { cause: error });
  }
}

/** Validation errors as one line: each pointer (`/` for the whole value) followed by its reason. */
export function describeErrors(errors: readonly { path: string; message: string }[]): string {
  return errors.map((e) => `${e.path || "/"} ${e.message}`).join("; ");
}

/** A peer answered with a result that does not match the method's result schema. */
export class InvalidResultError extends Error {
  readonly method: string;
  readonly errors: readonly { path: string; message: string }[];

  constructor(method: string, errors: readonly { path: string; message: string }[]) {
    super(`the ${method} result does not match the schema: ${describeErrors(errors)}`);
    this.name = "InvalidResultError";
    this.method = method;
    this.errors = errors;
  }
}
