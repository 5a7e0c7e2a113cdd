/**
 * The server process of the session-memory workload: `node --expose-gc session-memory-server.mjs
 * <mcpkit|official|floor>` serves Streamable HTTP (JSON responses) on 127.0.0.1 and answers its
 * parent's IPC messages: "measure" with its memory after collecting garbage, "exit" by leaving.
 */
import { createServer } from "node:http";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import process from "node:process";
import { mcpkitEndpoint, officialEndpoint, readBody } from "./http.mjs";
import { sleep } from "./lib.mjs";
import { mcpkit, official } from "./servers.mjs";

/**
 * The floor: answers initialize with a session id and remembers the session as a small record, the
 * least any stateful server keeps.
 */
async function floorEndpoint() {
  const sessions = new Map();
  const http = createServer(async (req, res) => {
    const message = JSON.parse(await readBody(req));
    if (message.method === "initialize") {
      const id = randomUUID();
      sessions.set(id, { id, protocolVersion: message.params.protocolVersion, clientInfo: message.params.clientInfo });
      const body = JSON.stringify({
        jsonrpc: "2.0",
        id: message.id,
        result: {
          protocolVersion: "2025-11-25",
          capabilities: { tools: {} },
          serverInfo: { name: "bench", version: "1" },
        },
      });
      res.writeHead(200, { "content-type": "application/json", "mcp-session-id": id }).end(body);
    } else {
      res.writeHead(sessions.has(req.headers["mcp-session-id"]) ? 202 : 404).end();
    }
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  return { url: `http://127.0.0.1:${http.address().port}/mcp`, sessions: () => sessions.size };
}

const side = process.argv[2];
const endpoint =
  side === "mcpkit"
    ? await mcpkitEndpoint(await mcpkit(), true)
    : side === "official"
      ? await officialEndpoint(await official(), true)
      : await floorEndpoint();

process.on("message", async (message) => {
  if (message === "measure") {
    // Let timers and sockets settle, then collect until the heap stops shrinking.
    await sleep(50);
    for (let i = 0; i < 4; i++) globalThis.gc();
    process.send({ ...process.memoryUsage(), sessions: endpoint.sessions() });
  } else if (message === "exit") {
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
process.send({ url: endpoint.url });
