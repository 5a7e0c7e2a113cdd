import type { RequestId } from "./inbound.js";

/** Whether a value is a plain JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether a value is an id MCP allows: a string or an integer (JSON-RPC discourages fractions; MCP's RequestId excludes them), never null. */
export const isRequestId = (id: unknown): id is RequestId => typeof id === "string" || Number.isInteger(id);

/** Whether a message is a request (a method and an id); of `method` when one is given. */
export const isRequest = (message: unknown, method?: string): message is { id: RequestId; method: string } =>
  isObject(message) &&
  typeof message.method === "string" &&
  (method === undefined || message.method === method) &&
  isRequestId(message.id);

/** The ids of the requests in a message or batch (what the peer owes answers to). */
export function requestIds(message: unknown): RequestId[] {
  const items = Array.isArray(message) ? message : [message];
  return items.flatMap((item) => (isRequest(item) ? [item.id] : []));
}

/** The ids answered by the responses in a message or batch. */
export function responseIds(message: unknown): RequestId[] {
  const items = Array.isArray(message) ? message : [message];
  return items.flatMap((item) =>
    isObject(item) && item.method === undefined && ("result" in item || "error" in item) && isRequestId(item.id)
      ? [item.id]
      : [],
  );
}

/** JSON with object keys sorted, so that equal values serialise alike whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (!isObject(value)) return JSON.stringify(value) ?? "null";
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
}
