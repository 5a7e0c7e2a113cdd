import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import {
  attachWebSocket,
  websocketClient,
  type AttachWebSocketOptions,
  type WebSocketServerTransport,
} from "../../../src/transports/websocket/websocket.js";
import { recorder, sleep } from "../helpers.js";

export type Endpoint = Awaited<ReturnType<typeof endpoint>>;

/** An HTTP server on 127.0.0.1 with MCP over WebSocket attached; accepted transports queue up, unstarted. */
export async function endpoint(options: Partial<AttachWebSocketOptions> = {}) {
  const http = createServer((_request, response) => response.writeHead(404).end());
  const waiting: ((transport: WebSocketServerTransport) => void)[] = [];
  const queued: WebSocketServerTransport[] = [];
  const attachment = attachWebSocket(http, {
    onConnection: (transport) => void (waiting.shift()?.(transport) ?? queued.push(transport)),
    ...options,
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  const accepted = () =>
    new Promise<WebSocketServerTransport>((resolve) => {
      const next = queued.shift();
      if (next) resolve(next);
      else waiting.push(resolve);
    });
  /** Starts the next accepted transport, recording its events. */
  const serverSide = async () => {
    const transport = await accepted();
    const seen = recorder();
    transport.start(seen.events);
    return { transport, seen };
  };
  const stop = async () => {
    await attachment.close();
    await new Promise((resolve) => http.close(resolve));
  };
  return { http, attachment, port, url: `ws://127.0.0.1:${port}/ws`, accepted, serverSide, stop };
}

/** A `ws` client, open, for playing a peer that does what mcpkit's transports would not. */
export function rawClient(url: string, protocols: string[] = ["mcp"], options: WebSocket.ClientOptions = {}) {
  const socket = new WebSocket(url, protocols, options);
  return new Promise<WebSocket>((resolve, reject) => socket.once("open", () => resolve(socket)).once("error", reject));
}

/** The status a refused handshake was answered with. */
export function refusalStatus(url: string, protocols: string[], headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { headers });
    socket.once("open", () => reject(new Error("the handshake was accepted")));
    socket.once("error", (error) => {
      const match = /Unexpected server response: (\d+)/.exec(error.message);
      if (match) resolve(Number(match[1]));
      else reject(error);
    });
  });
}

/** A client transport started against `server`, and the server side it was accepted as. */
export async function connectPair(server: Endpoint) {
  const client = websocketClient(server.url);
  const clientSeen = recorder();
  await client.start(clientSeen.events);
  const { transport, seen } = await server.serverSide();
  return { client, clientSeen, transport, seen };
}

/** Resolves once `done()` holds, checking every few ms; fails after two seconds. */
export async function eventually(done: () => boolean, what: string) {
  for (const deadline = Date.now() + 2000; !done(); await sleep(5))
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
}

export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
