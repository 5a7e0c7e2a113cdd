import type { createClient } from "redis";
import { ErrorCode, McpError } from "../protocol/errors.js";

/** A connected client of the official `redis` package, as `createClient()` makes it. */
export type RedisClient = ReturnType<typeof createClient>;

/** The error a request that needs Redis fails with while Redis cannot be reached. */
export function redisUnavailable(): McpError {
  return new McpError(ErrorCode.InternalError, "Internal error: the shared store (Redis) cannot be reached");
}
