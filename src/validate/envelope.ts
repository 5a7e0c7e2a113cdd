import { isObject } from "../protocol/jsonrpc.js";

/**
 * What a JSON-RPC 2.0 message is by its envelope alone: a request (a string `method` and a string or
 * integer `id`), a notification (a string `method` and no `id` member), a response (exactly one of
 * `result` and `error`), or a fault at a JSON pointer.
 */
export type Envelope =
  | { kind: "request"; message: Record<string, unknown>; method: string }
  | { kind: "notification"; message: Record<string, unknown>; method: string }
  | { kind: "result"; message: Record<string, unknown> }
  | { kind: "error"; message: Record<string, unknown> }
  | { kind: "invalid"; path: string; reason: string };

/** A request id JSON-RPC and MCP both accept: a string or an integer (fractional ids are discouraged by one, excluded by the other). */
export const isIntegerOrStringId = (id: unknown): id is string | number =>
  typeof id === "string" || Number.isInteger(id);

const errorMembers = [
  ["code", Number.isInteger, "an integer"],
  ["message", (v: unknown) => typeof v === "string", "a string"],
] as const;

const invalid = (path: string, reason: string): Envelope => ({ kind: "invalid", path, reason });

/**
 * Classifies one message (not a batch) by the JSON-RPC 2.0 envelope rules, which hold on every
 * revision whatever its schema's unions admit; `at` is the message's pointer (`/3` in a batch).
 */
export function classifyEnvelope(message: unknown, at = ""): Envelope {
  if (!isObject(message)) return invalid(at, "must be a JSON-RPC message object");
  if (message.jsonrpc !== "2.0") return invalid(`${at}/jsonrpc`, 'must be "2.0"');
  if ("method" in message) {
    if (typeof message.method !== "string") return invalid(`${at}/method`, "must be a string");
    for (const member of ["result", "error"])
      if (member in message) return invalid(`${at}/${member}`, "is not allowed in a request or notification");
    if (!("id" in message)) return { kind: "notification", message, method: message.method };
    if (!isIntegerOrStringId(message.id))
      return invalid(`${at}/id`, "must be a string or an integer (a notification has no id member)");
    return { kind: "request", message, method: message.method };
  }
  const hasResult = "result" in message;
  const hasError = "error" in message;
  if (hasResult && hasError) return invalid(at, "has both result and error; a response carries exactly one");
  if (!hasResult && !hasError) return invalid(at, "is neither a request, a notification nor a response");
  if (hasResult) {
    if (!("id" in message)) return invalid(`${at}/id`, "is required");
    if (!isIntegerOrStringId(message.id)) return invalid(`${at}/id`, "must be a string or an integer");
    return { kind: "result", message };
  }
  // JSON-RPC answers an unreadable id with null; whether a revision also allows it absent is its schema's call.
  if ("id" in message && message.id !== null && !isIntegerOrStringId(message.id))
    return invalid(`${at}/id`, "must be a string, an integer or null");
  const error = message.error;
  if (!isObject(error)) return invalid(`${at}/error`, "must be an object");
  for (const [member, test, type] of errorMembers) {
    if (!(member in error)) return invalid(`${at}/error/${member}`, "is required");
    if (!test(error[member])) return invalid(`${at}/error/${member}`, `must be ${type}`);
  }
  return { kind: "error", message };
}
