/** Transports: newline-delimited JSON framing, stdio (both sides), streams and the in-memory pair. */
export * as ndjson from "./stdio/ndjson.js";
export type { NdjsonOptions } from "./stdio/ndjson.js";
export { memoryPair, MemoryTransport, type MemoryPairOptions } from "./memory/memory.js";
export { StreamTransport, streamTransport, type StreamTransportOptions } from "./stdio/stream.js";
export {
  getDefaultEnvironment,
  StdioClientTransport,
  stdioClient,
  stdioServer,
  type StdioClientOptions,
  type StdioServerOptions,
  type StdioServerParameters,
} from "./stdio/stdio.js";
export {
  SessionExpiredError,
  StreamableHttpClientTransport,
  streamableHttpClient,
  type HeadersOption,
  type HttpClientOptions,
  type ReconnectionOptions,
  type StreamableHttpClientOptions,
} from "./http/streamable-http-client.js";
export { SseClientTransport, sseClient, type SseClientOptions } from "./http/sse-client.js";
export {
  attachWebSocket,
  MCP_SUBPROTOCOL,
  WebSocketClientTransport,
  websocketClient,
  WebSocketServerTransport,
  websocketServer,
  type AttachWebSocketOptions,
  type WebSocketAttachment,
  type WebSocketClientOptions,
  type WebSocketServerTransportOptions,
  type WebSocketTransportOptions,
} from "./websocket/websocket.js";
export { UpgradeRefusedError } from "./websocket/upgrade-refused.js";
