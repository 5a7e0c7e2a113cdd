/**
 * The server and client every workload drives, for each SDK, at the same level: the low-level server
 * of each with one `echo` tool (tools/list and tools/call handlers), and the plain client of each.
 */
import process from "node:process";
import { entry } from "./lib.mjs";

/** The one tool both servers offer. */
export const ECHO_TOOL = {
  name: "echo",
  description: "Echoes its text",
  inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
};

/** The text every call echoes. */
export const TEXT = "The quick brown fox jumps over the lazy dog";

const INFO = { name: "bench", version: "1.0.0" };

/** What each echo call answers. */
function echo(args) {
  return { content: [{ type: "text", text: String(args?.text ?? "") }] };
}

/** mcpkit's modules, from dist/. */
export async function mcpkit() {
  const [client, server] = await Promise.all([import(entry(".")), import(entry("./server"))]);
  return { ...client, ...server };
}

/** The official SDK's modules. */
export async function official() {
  const [client, server, types, inMemory] = await Promise.all([
    import("@modelcontextprotocol/sdk/client/index.js"),
    import("@modelcontextprotocol/sdk/server/index.js"),
    import("@modelcontextprotocol/sdk/types.js"),
    import("@modelcontextprotocol/sdk/inMemory.js"),
  ]);
  return { Client: client.Client, Server: server.Server, types, InMemoryTransport: inMemory.InMemoryTransport };
}

/** An mcpkit low-level Server with the echo tool. */
export function mcpkitServer(kit) {
  const server = new kit.Server(INFO);
  server.onListTools(() => ({ tools: [ECHO_TOOL] }));
  server.onCallTool((params) => echo(params.arguments));
  return server;
}

/** An official low-level Server with the echo tool. */
export function officialServer(sdk) {
  const server = new sdk.Server(INFO, { capabilities: { tools: {} } });
  server.setRequestHandler(sdk.types.ListToolsRequestSchema, () => ({ tools: [ECHO_TOOL] }));
  server.setRequestHandler(sdk.types.CallToolRequestSchema, (request) => echo(request.params.arguments));
  return server;
}

/** A connected mcpkit client over `transport`: `{ call, close }`. */
export async function mcpkitClient(kit, transport) {
  const session = new kit.ClientSession(transport, {
    protocolVersion: process.env.MCPKIT_BENCH_REVISION ?? "2025-11-25",
  });
  await session.initialize();
  return {
    call: () => session.callTool("echo", { text: TEXT }),
    close: () => session.close(),
  };
}

/** A connected official client over `transport`: `{ call, close }`. */
export async function officialClient(sdk, transport) {
  const client = new sdk.Client(INFO);
  await client.connect(transport);
  return {
    call: () => client.callTool({ name: "echo", arguments: { text: TEXT } }),
    close: () => client.close(),
  };
}

/** The request and response of one echo call as they travel, for the floors. */
export function echoMessages(id = 1) {
  return {
    request: { jsonrpc: "2.0", id, method: "tools/call", params: { name: "echo", arguments: { text: TEXT } } },
    response: { jsonrpc: "2.0", id, result: echo({ text: TEXT }) },
  };
}

/** The floor's server side: answers a tools/call request as the echo tool does. */
export function echoResponse(request) {
  return { jsonrpc: "2.0", id: request.id, result: echo(request.params?.arguments) };
}
