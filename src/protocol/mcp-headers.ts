import { isObject } from "./jsonrpc.js";

/**
 * The HTTP headers 2026-07-28 mirrors from a request body (Streamable HTTP, "Request Metadata"):
 * `Mcp-Method`, `Mcp-Name`, and `Mcp-Param-{Name}` for tool parameters annotated `x-mcp-header`.
 * Shared by the client, which writes them, and the server, which checks them against the body.
 */

/** The `_meta` keys of 2026-07-28's per-request metadata. */
export const META = {
  protocolVersion: "io.modelcontextprotocol/protocolVersion",
  clientCapabilities: "io.modelcontextprotocol/clientCapabilities",
  clientInfo: "io.modelcontextprotocol/clientInfo",
  serverInfo: "io.modelcontextprotocol/serverInfo",
  logLevel: "io.modelcontextprotocol/logLevel",
  subscriptionId: "io.modelcontextprotocol/subscriptionId",
} as const;

/** A message's `params._meta`, when it is an object. */
export function metaOf(message: unknown): Record<string, unknown> | undefined {
  const params = isObject(message) ? message.params : undefined;
  const meta = isObject(params) ? params._meta : undefined;
  return isObject(meta) ? meta : undefined;
}

/** The protocol version a message names in `_meta` (2026-07-28 on: every request does), if it names one. */
export function metaVersion(message: unknown): string | undefined {
  const version = metaOf(message)?.[META.protocolVersion];
  return typeof version === "string" ? version : undefined;
}

/** A tool parameter mirrored into a header: where it sits in the arguments, and the header's `{Name}`. */
export interface HeaderParam {
  readonly path: readonly string[];
  readonly name: string;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE = new Set(["string", "integer", "boolean"]);
const SENTINEL_PREFIX = "=?base64?";
const SENTINEL_SUFFIX = "?=";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Keywords whose values are subschemas that are not on a `properties` chain: maps of them, and the rest
// (one subschema, or a list of them).
const SCHEMA_MAPS = new Set(["patternProperties", "dependentSchemas", "$defs", "definitions"]);
const SCHEMA_KEYS = new Set([
  "items",
  "prefixItems",
  "additionalItems",
  "contains",
  "additionalProperties",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
]);

/**
 * The `x-mcp-header` parameters of a tool's `inputSchema`, or why the definition is invalid: an
 * annotation that is empty, not a header token, on a parameter that is not a string, integer or
 * boolean, not reachable from the root through `properties` alone, or a name used twice (in any case).
 */
export function headerParams(inputSchema: unknown): { params: HeaderParam[] } | { error: string } {
  const params: HeaderParam[] = [];
  const error = walk(inputSchema, [], params, true);
  if (error) return { error };
  const seen = new Set<string>();
  for (const param of params) {
    const key = param.name.toLowerCase();
    if (seen.has(key)) return { error: `x-mcp-header "${param.name}" is used twice (case-insensitively)` };
    seen.add(key);
  }
  return { params };
}

function walk(node: unknown, path: string[], out: HeaderParam[], reachable: boolean): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const error = walk(item, path, out, false);
      if (error) return error;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  if (Object.hasOwn(node, "x-mcp-header")) {
    const error = annotation(node, path, reachable);
    if (error) return error;
    out.push({ path, name: node["x-mcp-header"] as string });
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && isObject(value)) {
      for (const [name, child] of Object.entries(value)) {
        const error = walk(child, [...path, name], out, reachable);
        if (error) return error;
      }
    } else if (SCHEMA_KEYS.has(key) || SCHEMA_MAPS.has(key)) {
      const children = SCHEMA_MAPS.has(key) && isObject(value) ? Object.values(value) : [value];
      for (const child of children) {
        const error = walk(child, path, out, false);
        if (error) return error;
      }
    }
  }
  return undefined;
}

function annotation(node: Record<string, unknown>, path: string[], reachable: boolean): string | undefined {
  const name = node["x-mcp-header"];
  const where = path.length === 0 ? "the schema root" : `/${path.join("/")}`;
  if (typeof name !== "string" || name === "") return `x-mcp-header at ${where} must be a non-empty string`;
  if (!TOKEN.test(name)) return `x-mcp-header "${name}" at ${where} is not an HTTP header token`;
  if (!reachable || path.length === 0)
    return `x-mcp-header "${name}" at ${where} is not reachable from the root through properties alone`;
  if (typeof node.type !== "string" || !PRIMITIVE.has(node.type))
    return `x-mcp-header "${name}" at ${where} is on a parameter that is not a string, integer or boolean`;
  return undefined;
}

/** The value at `path` in a tool call's arguments, or undefined when there is none. */
export function valueAt(args: unknown, path: readonly string[]): unknown {
  let node = args;
  for (const key of path) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Whether a string can travel as a header value as it is (visible ASCII and inner spaces only). */
function isPlain(value: string): boolean {
  if (value.startsWith(SENTINEL_PREFIX) && value.endsWith(SENTINEL_SUFFIX)) return false;
  if (value !== value.trim()) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * A body value as its header carries it: strings verbatim when plain ASCII, else `=?base64?…?=` of
 * their UTF-8; integers in decimal; booleans `true`/`false`. Undefined for null, absent or other values
 * (the header is then omitted).
 */
export function encodeHeaderValue(value: unknown): string | undefined {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value !== "string") return undefined;
  return isPlain(value)
    ? value
    : `${SENTINEL_PREFIX}${Buffer.from(value, "utf8").toString("base64")}${SENTINEL_SUFFIX}`;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A received header value, surrounding whitespace trimmed and a `=?base64?…?=` value decoded strictly
 * (alphabet, padding and UTF-8 all checked); undefined when it is malformed or holds characters a
 * header value may not.
 */
export function decodeHeaderValue(raw: string): string | undefined {
  const value = raw.replace(/^[ \t]+|[ \t]+$/g, "");
  if (value.startsWith(SENTINEL_PREFIX) && value.endsWith(SENTINEL_SUFFIX) && value.length >= 11) {
    const encoded = value.slice(SENTINEL_PREFIX.length, -SENTINEL_SUFFIX.length);
    if (!BASE64.test(encoded)) return undefined;
    try {
      return utf8.decode(Buffer.from(encoded, "base64"));
    } catch {
      return undefined;
    }
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c > 0x7e) return undefined;
  }
  return value;
}

/** Whether a decoded header value stands for a body value (integers compared as numbers). */
export function headerMatches(header: string, value: unknown): boolean {
  if (typeof value === "number") return header.trim() !== "" && Number(header) === value;
  if (typeof value === "boolean") return header === String(value);
  return header === value;
}

/** The body field `Mcp-Name` mirrors for `method`, if that method has one. */
export function nameField(method: string): "name" | "uri" | "taskId" | undefined {
  if (method === "tools/call" || method === "prompts/get") return "name";
  if (method === "resources/read") return "uri";
  if (method === "tasks/get" || method === "tasks/update" || method === "tasks/cancel") return "taskId";
  return undefined;
}

/** `Mcp-Method` and, where the method has one, `Mcp-Name` for a request, encoded for the wire. */
export function standardHeaders(method: string, params: unknown): Record<string, string> {
  const headers: Record<string, string> = { "mcp-method": method };
  const field = nameField(method);
  const value = field && isObject(params) ? params[field] : undefined;
  const encoded = typeof value === "string" ? encodeHeaderValue(value) : undefined;
  if (encoded !== undefined) headers["mcp-name"] = encoded;
  return headers;
}

/** The `Mcp-Param-{Name}` headers of a tool call, for the tool's header parameters. */
export function paramHeaders(params: readonly HeaderParam[], args: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const param of params) {
    const encoded = encodeHeaderValue(valueAt(args, param.path));
    if (encoded !== undefined) headers[`mcp-param-${param.name.toLowerCase()}`] = encoded;
  }
  return headers;
}
