/**
 * A 2026-07-28 client played by hand for the tasks extension tests: every request carries the
 * per-request `_meta` (capabilities as each call says), over the in-memory transport or as
 * stateless Streamable HTTP POSTs.
 */
import { McpError } from "../../src/protocol/errors.js";
import { META } from "../../src/protocol/mcp-headers.js";
import type { Transport } from "../../src/protocol/transport.js";
import type { TaskSend } from "../../src/client/tasks.js";
import type { FastMCP } from "../../src/server/index.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { RawPeer } from "./peers.js";

/** The tasks extension's identifier. */
export const TASKS = "io.modelcontextprotocol/tasks";
/** Capabilities declaring the tasks extension and elicitation. */
export const WITH_TASKS = { elicitation: {}, sampling: {}, extensions: { [TASKS]: {} } };

/** Per-request metadata as a 2026-07-28 client sends it. */
export function meta(capabilities: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    [META.protocolVersion]: "2026-07-28",
    [META.clientCapabilities]: capabilities,
    [META.clientInfo]: { name: "tasks-test", version: "1.0.0" },
    ...extra,
  };
}

/** One answer: a result or an error, and the HTTP status when it came over HTTP. */
export interface Answer {
  result?: Record<string, any>;
  error?: { code: number; message: string; data?: any };
  status?: number;
}

/** Something that sends one request and resolves with its answer. */
export interface Caller {
  call(
    method: string,
    params?: Record<string, unknown>,
    capabilities?: Record<string, unknown>,
    extraMeta?: Record<string, unknown>,
  ): Promise<Answer>;
  close(): Promise<void>;
}

/** `params` with the per-request `_meta` merged in. */
function withMeta(params: Record<string, unknown>, capabilities: Record<string, unknown>, extra = {}) {
  const given = (params._meta ?? {}) as Record<string, unknown>;
  return { ...params, _meta: { ...given, ...meta(capabilities, extra) } };
}

/** Calls over an in-memory connection to `app` (its server end passed through `wrap`, e.g. to carry a caller). */
export async function memoryCaller(app: FastMCP, wrap: (server: Transport) => Transport = (t) => t): Promise<Caller> {
  const [clientEnd, serverEnd] = memoryPair();
  await app.connect(wrap(serverEnd));
  const raw = await RawPeer.on(clientEnd);
  let next = 1;
  return {
    async call(method, params = {}, capabilities = WITH_TASKS, extraMeta = {}) {
      const id = next++;
      await raw.send({ jsonrpc: "2.0", id, method, params: withMeta(params, capabilities, extraMeta) });
      for (let seen = 0; ; seen++) {
        await raw.waitFor(seen + 1, 5000);
        const message = raw.received[seen] as Record<string, unknown>;
        if (message.id === id) return message as Answer;
      }
    },
    close: () => raw.close(),
  };
}

/** Calls as stateless POSTs to `url`, with the headers 2026-07-28 requires (and those `extraHeaders` makes per call). */
export function httpCaller(url: string, extraHeaders?: () => Promise<Record<string, string>>): Caller {
  let next = 1;
  return {
    async call(method, params = {}, capabilities = WITH_TASKS, extraMeta = {}) {
      const body = { jsonrpc: "2.0", id: next++, method, params: withMeta(params, capabilities, extraMeta) };
      const name = method.startsWith("tasks/") ? params.taskId : params.name;
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2026-07-28",
          "mcp-method": method,
          ...(typeof name === "string" ? { "mcp-name": name } : {}),
          ...(await extraHeaders?.()),
        },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      const json = response.headers.get("content-type")?.includes("json")
        ? JSON.parse(text)
        : JSON.parse(/^data: (.*)$/m.exec(text.split("\n\n").filter(Boolean).pop() ?? "")?.[1] ?? "{}");
      return { ...(json as Answer), status: response.status };
    },
    close: () => Promise.resolve(),
  };
}

/** A TaskSend over `caller`: results resolve, JSON-RPC errors reject as McpError. */
export function taskSend(caller: Caller, capabilities: Record<string, unknown> = WITH_TASKS): TaskSend {
  return async (method, params) => {
    const answer = await caller.call(method, params, capabilities);
    if (answer.error) throw McpError.fromWire(answer.error);
    return answer.result;
  };
}

/** Polls `tasks/get` until `done` holds for the task, or fails after `ms`. */
export async function until(
  caller: Caller,
  taskId: string,
  done: (task: Record<string, unknown>) => boolean,
  ms = 3000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { result, error } = await caller.call("tasks/get", { taskId });
    if (error) throw McpError.fromWire(error);
    if (done(result!)) return result!;
    if (Date.now() > deadline) throw new Error(`task ${taskId} never got there: ${JSON.stringify(result)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a task's status is terminal. */
export const terminal = (task: Record<string, unknown>) =>
  ["completed", "failed", "cancelled"].includes(String(task.status));
