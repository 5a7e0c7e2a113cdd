import { createHash } from "node:crypto";
import type { RequestMap } from "../../../generated/surface/methods.js";

type CallToolResult = RequestMap["tools/call"]["result"];
type GetPromptResult = RequestMap["prompts/get"]["result"];
type ReadResourceResult = RequestMap["resources/read"]["result"];

/** Any content block a tool result or a prompt message may carry. */
export type ContentBlock = CallToolResult["content"][number];
type TextContent = Extract<ContentBlock, { type: "text" }>;
type ImageContent = Extract<ContentBlock, { type: "image" }>;
type AudioContent = Extract<ContentBlock, { type: "audio" }>;
type ResourceLink = Extract<ContentBlock, { type: "resource_link" }>;
type EmbeddedResource = Extract<ContentBlock, { type: "resource" }>;
type ResourceContents = ReadResourceResult["contents"][number];
type PromptMessage = GetPromptResult["messages"][number];

/** What every block may carry besides its content. */
export type BlockExtras = Pick<TextContent, "annotations" | "_meta">;

/** Binary data with its MIME type, as made by {@link bytes}. */
export interface Bytes {
  readonly data: Uint8Array;
  readonly mimeType: string;
  /** Where an embedded resource made of these bytes says it comes from; see {@link toCallToolResult}. */
  readonly uri?: string;
}

/** A tool's return value converted: the result, and the value to check against its output schema. */
export type ToolOutcome = { result: CallToolResult; structured?: unknown } | { error: string };

/** A conversion that worked, or why it did not. */
export type Converted<T> = { ok: T } | { error: string };

/** A text content block. */
export function text(value: string, extras: BlockExtras = {}): TextContent {
  return { type: "text", text: value, ...extras };
}

/** An image content block; bytes are base64-encoded, a string is taken as base64 already. */
export function image(data: Uint8Array | string, mimeType: string, extras: BlockExtras = {}): ImageContent {
  return { type: "image", data: base64(data), mimeType, ...extras };
}

/** An audio content block; bytes are base64-encoded, a string is taken as base64 already. */
export function audio(data: Uint8Array | string, mimeType: string, extras: BlockExtras = {}): AudioContent {
  return { type: "audio", data: base64(data), mimeType, ...extras };
}

/** A link to a resource the client may read or subscribe to. */
export function resourceLink(link: Omit<ResourceLink, "type">): ResourceLink {
  return { type: "resource_link", ...link };
}

/** A resource embedded in a result: its text or blob contents. */
export function embedded(contents: ResourceContents, extras: BlockExtras = {}): EmbeddedResource {
  return { type: "resource", resource: contents, ...extras };
}

/**
 * Marks binary data with its MIME type, so a tool's or resource's return value can say what it is. `uri`
 * names the embedded resource a tool's non-image, non-audio bytes become (default `mcpkit://bytes/<sha256>`).
 */
export function bytes(data: Uint8Array, mimeType: string, uri?: string): Bytes {
  return Object.freeze(uri === undefined ? { data, mimeType } : { data, mimeType, uri });
}

/**
 * Converts what a tool handler returned into a CallToolResult; never throws. Without an output schema:
 * undefined or null is empty content, a string one text block, a content block or an array of strings
 * and blocks those blocks, a CallToolResult itself passes through, {@link bytes} become an image
 * (image/*), audio (audio/*) or an embedded blob resource (any other type, under the Bytes' `uri`, else
 * `mcpkit://bytes/<sha256 of the data>`), and any other value one text block of its JSON (an empty
 * array included). With an output schema (`structured`) the value must be an object, which becomes
 * `structuredContent` (as JSON would carry it) plus its JSON text, or a CallToolResult.
 */
export function toCallToolResult(value: unknown, options: { structured: boolean }): ToolOutcome {
  try {
    return convertToolValue(value, options.structured);
  } catch (error) {
    return { error: `${TOOL_RESULT} cannot be serialised: ${firstLine(error)}` };
  }
}

function convertToolValue(value: unknown, structured: boolean): ToolOutcome {
  if (looksLikeCallToolResult(value)) return passThrough(value, structured);
  if (isBinary(value))
    return { error: "the tool returned raw bytes; return bytes(data, mimeType) so that their type is known" };
  if (structured) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || isContentBlock(value) || isBytes(value))
      return {
        error: `the tool has an output schema, so it must return an object (its structuredContent) or a CallToolResult, not ${kind(value)}`,
      };
    const json = serialise(value, TOOL_RESULT);
    if ("error" in json) return json;
    const structuredContent: unknown = JSON.parse(json.ok);
    if (typeof structuredContent !== "object" || structuredContent === null || Array.isArray(structuredContent))
      return { error: `the tool's result must be a JSON object for structuredContent, not ${kind(structuredContent)}` };
    return { result: { content: [text(json.ok)], structuredContent }, structured: structuredContent };
  }
  if (value === undefined || value === null) return { result: { content: [] } };
  if (typeof value === "string") return { result: { content: [text(value)] } };
  if (typeof value === "number") return { result: { content: [text(String(value))] } };
  if (isContentBlock(value)) return { result: { content: [value] } };
  if (isBytes(value)) return { result: { content: [bytesBlock(value)] } };
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === "string" || isContentBlock(item))
  )
    return { result: { content: value.map((item) => (typeof item === "string" ? text(item) : item)) } };
  const json = serialise(value, TOOL_RESULT);
  return "error" in json ? json : { result: { content: [text(json.ok)] } };
}

function passThrough(value: ResultShape, structured: boolean): ToolOutcome {
  const bad = value.content.findIndex((block) => !isContentBlock(block));
  if (bad >= 0) return { error: `the tool's result has content[${bad}] that is not a content block` };
  for (const key of ["structuredContent", "_meta"] as const) {
    if (value[key] === undefined) continue;
    const json = serialise(value[key], TOOL_RESULT);
    if ("error" in json) return json;
  }
  const result = value as CallToolResult;
  return structured ? { result, structured: result.structuredContent } : { result };
}

/**
 * Converts what a prompt handler returned into a GetPromptResult: a string is one user message, an array
 * holds strings (user messages) and messages, a single message stands alone, and an object with
 * `messages` passes through.
 */
export function toPromptMessages(value: unknown): Converted<GetPromptResult> {
  try {
    if (typeof value === "string") return { ok: { messages: [userText(value)] } };
    if (isPromptMessage(value)) return { ok: { messages: [value] } };
    const list = Array.isArray(value)
      ? value
      : isRecord(value) && Array.isArray(value.messages)
        ? value.messages
        : undefined;
    if (!list) return { error: `a prompt must return a string, messages or a GetPromptResult, not ${kind(value)}` };
    const bad = list.findIndex((item: unknown) => typeof item !== "string" && !isPromptMessage(item));
    if (bad >= 0) return { error: `the prompt's message ${bad} is neither a string nor a { role, content } message` };
    const messages = list.map((item: unknown) => (typeof item === "string" ? userText(item) : (item as PromptMessage)));
    return { ok: Array.isArray(value) ? { messages } : { ...(value as GetPromptResult), messages } };
  } catch (error) {
    return { error: `the prompt's result cannot be read: ${firstLine(error)}` };
  }
}

/**
 * Converts what a resource handler returned into a ReadResourceResult for `uri`: a string is text (of
 * `mimeType`, if given), bytes or {@link bytes} a base64 blob, an object with `contents` passes through,
 * and any other JSON value is its JSON text (`mimeType`, else application/json). Undefined is an error.
 */
export function toResourceContents(uri: string, value: unknown, mimeType?: string): Converted<ReadResourceResult> {
  try {
    const typed = mimeType === undefined ? {} : { mimeType };
    if (value === undefined) return { error: "the resource's handler returned nothing" };
    if (typeof value === "string") return { ok: { contents: [{ uri, ...typed, text: value }] } };
    if (isBytes(value)) return { ok: { contents: [{ uri, mimeType: value.mimeType, blob: base64(value.data) }] } };
    if (isBinary(value)) return { ok: { contents: [{ uri, ...typed, blob: base64(asUint8Array(value)) }] } };
    if (isRecord(value) && Array.isArray(value.contents)) {
      const bad = value.contents.findIndex((item: unknown) => !isResourceContents(item));
      if (bad >= 0) return { error: `the resource's contents[${bad}] has no uri with text or blob` };
      return { ok: value as unknown as ReadResourceResult };
    }
    const json = serialise(value, "the resource's value");
    if ("error" in json) return json;
    return { ok: { contents: [{ uri, mimeType: mimeType ?? "application/json", text: json.ok }] } };
  } catch (error) {
    return { error: `the resource's value cannot be serialised: ${firstLine(error)}` };
  }
}

const TOOL_RESULT = "the tool's result";
type ResultShape = { content: unknown[]; structuredContent?: unknown; isError?: unknown; _meta?: unknown };
const RESULT_KEYS = new Set(["content", "structuredContent", "isError", "_meta", "resultType", "ttlMs", "cacheScope"]);

function looksLikeCallToolResult(value: unknown): value is ResultShape {
  return (
    isRecord(value) &&
    Array.isArray(value.content) &&
    Object.keys(value).every((key) => RESULT_KEYS.has(key)) &&
    (value.isError === undefined || typeof value.isError === "boolean")
  );
}

function isContentBlock(value: unknown): value is ContentBlock {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case "text":
      return typeof value.text === "string";
    case "image":
    case "audio":
      return typeof value.data === "string" && typeof value.mimeType === "string";
    case "resource_link":
      return typeof value.uri === "string" && typeof value.name === "string";
    case "resource":
      return isResourceContents(value.resource);
    default:
      return false;
  }
}

function isResourceContents(value: unknown): value is ResourceContents {
  return (
    isRecord(value) &&
    typeof value.uri === "string" &&
    (typeof value.text === "string" || typeof value.blob === "string")
  );
}

function isPromptMessage(value: unknown): value is PromptMessage {
  return isRecord(value) && (value.role === "user" || value.role === "assistant") && isContentBlock(value.content);
}

function isBytes(value: unknown): value is Bytes {
  return isRecord(value) && value.data instanceof Uint8Array && typeof value.mimeType === "string";
}

function isBinary(value: unknown): value is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function bytesBlock(value: Bytes): ContentBlock {
  if (value.mimeType.startsWith("image/")) return image(value.data, value.mimeType);
  if (value.mimeType.startsWith("audio/")) return audio(value.data, value.mimeType);
  // An embedded resource needs a URI; a content hash names the same bytes the same way every time.
  const uri = value.uri ?? `mcpkit://bytes/${createHash("sha256").update(value.data).digest("hex")}`;
  return embedded({ uri, mimeType: value.mimeType, blob: base64(value.data) });
}

function userText(value: string): PromptMessage {
  return { role: "user", content: text(value) };
}

function serialise(value: unknown, subject: string): Converted<string> {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return { error: `${subject} cannot be serialised: ${firstLine(error)}` };
  }
  return json === undefined ? { error: `${subject} cannot be serialised: ${kind(value)} is not JSON` } : { ok: json };
}

function asUint8Array(value: ArrayBufferView | ArrayBuffer): Uint8Array {
  return ArrayBuffer.isView(value)
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    : new Uint8Array(value);
}

function base64(data: Uint8Array | string): string {
  return typeof data === "string"
    ? data
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
}

function kind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (isContentBlock(value)) return `a ${value.type} content block`;
  if (isBytes(value)) return "bytes";
  if (isBinary(value)) return "raw bytes";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
