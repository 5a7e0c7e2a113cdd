/**
 * Workload 3: tools/call round trips per second over Streamable HTTP on 127.0.0.1, with JSON and
 * with SSE responses, 1 and 16 in flight; client and server share this process, as the floor does.
 * Floor: a raw node:http JSON echo, its client on a keep-alive agent.
 */
import { Buffer } from "node:buffer";
import { Agent, createServer, request as httpRequest } from "node:http";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import { URL } from "node:url";
import { interleave, median, rate } from "./lib.mjs";
import {
  echoMessages,
  echoResponse,
  mcpkit,
  mcpkitClient,
  mcpkitServer,
  official,
  officialClient,
  officialServer,
} from "./servers.mjs";

/** Reads a request or response body as text. */
export async function readBody(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** mcpkit's endpoint: one low-level Server, a session per client, served on the node:http fast path. */
export async function mcpkitEndpoint(kit, jsonResponse) {
  const server = mcpkitServer(kit);
  const endpoint = new kit.StreamableHttpServer((transport, init) => server.connect(transport, init), { jsonResponse });
  const listener = await kit.listen((req, res) => void endpoint.handleNode(req, res), { port: 0, host: "127.0.0.1" });
  return {
    url: `${listener.url}/mcp`,
    sessions: () => endpoint.sessionCount,
    async close() {
      await endpoint.close();
      await server.close();
      await listener.close();
    },
  };
}

/**
 * mcpkit's endpoint behind its bearer guard, as FastMCP mounts it: every request's JWT (RS256) verified
 * against a JWKS served on 127.0.0.1 (fetched once, then cached by the verifier), audience and expiry
 * checked; nothing about verified tokens is cached. Resolves with the endpoint and a token for it.
 */
export async function protectedEndpoint(kit, jsonResponse) {
  const { SignJWT, exportJWK, generateKeyPair } = await import("jose");
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: "bench", alg: "RS256", use: "sig" }] });
  const keys = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(jwks));
  keys.listen(0, "127.0.0.1");
  await once(keys, "listening");
  const issuer = "https://as.bench.test";
  const verifier = kit.jwtVerifier({ issuer, jwksUrl: `http://127.0.0.1:${keys.address().port}/jwks` });
  const server = mcpkitServer(kit);
  const endpoint = new kit.StreamableHttpServer((transport, init) => server.connect(transport, init), { jsonResponse });
  let protection;
  const listener = await kit.listen(
    (req, res) => void protection.guardNode(req, res).then((caller) => caller && endpoint.handleNode(req, res, caller)),
    { port: 0, host: "127.0.0.1" },
  );
  const url = `${listener.url}/mcp`;
  protection = new kit.ProtectedResource({ issuer, verifier }, url, undefined);
  const token = await new SignJWT({ sub: "bench-user", scope: "mcp" })
    .setProtectedHeader({ alg: "RS256", kid: "bench", typ: "at+jwt" })
    .setIssuer(issuer)
    .setAudience(url)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
  return {
    url,
    token,
    async close() {
      await endpoint.close();
      await server.close();
      await listener.close();
      keys.closeAllConnections();
      await new Promise((resolve) => keys.close(resolve));
    },
  };
}

/** The official SDK's endpoint as its examples build it: a transport and a Server per session, kept by id. */
export async function officialEndpoint(sdk, jsonResponse) {
  const { StreamableHTTPServerTransport } = await import("@modelcontextprotocol/sdk/server/streamableHttp.js");
  const transports = new Map();
  const http = createServer(async (req, res) => {
    const id = req.headers["mcp-session-id"];
    let transport = typeof id === "string" ? transports.get(id) : undefined;
    if (!transport && id === undefined && req.method === "POST") {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: jsonResponse,
        onsessioninitialized: (sessionId) => transports.set(sessionId, created),
      });
      created.onclose = () => transports.delete(created.sessionId);
      await officialServer(sdk).connect(created);
      transport = created;
    }
    if (!transport) {
      const error = { jsonrpc: "2.0", id: null, error: { code: -32001, message: "Session not found" } };
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify(error));
      return;
    }
    await transport.handleRequest(req, res);
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  return {
    url: `http://127.0.0.1:${http.address().port}/mcp`,
    sessions: () => transports.size,
    async close() {
      await Promise.all([...transports.values()].map((t) => t.close()));
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/** The floor's endpoint: parses a JSON body and answers as the echo tool would, nothing else. */
export async function floorEndpoint() {
  const http = createServer(async (req, res) => {
    const body = JSON.stringify(echoResponse(JSON.parse(await readBody(req))));
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  return {
    url: `http://127.0.0.1:${http.address().port}/mcp`,
    async close() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/** The floor's client: a JSON POST on a keep-alive agent, its answer parsed. */
function floorClient(url) {
  const agent = new Agent({ keepAlive: true });
  const { request } = echoMessages();
  let nextId = 0;
  return {
    call() {
      const body = JSON.stringify({ ...request, id: ++nextId });
      return new Promise((resolve, reject) => {
        const req = httpRequest(url, {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        });
        req.on("response", (res) => readBody(res).then((text) => resolve(JSON.parse(text)), reject));
        req.on("error", reject);
        req.end(body);
      });
    },
    close: async () => agent.destroy(),
  };
}

/** The same floor endpoint called with fetch, as both SDK clients call theirs: what fetch alone costs. */
function fetchClient(url) {
  const { request } = echoMessages();
  let nextId = 0;
  return {
    async call() {
      const response = await globalThis.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ ...request, id: ++nextId }),
      });
      return response.json();
    },
    close: async () => {},
  };
}

/** Starts the three endpoints in one response mode and connects a client to each. */
async function connect(kit, sdk, jsonResponse) {
  const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
  const endpoints = {
    mcpkit: await mcpkitEndpoint(kit, jsonResponse),
    official: await officialEndpoint(sdk, jsonResponse),
    floor: await floorEndpoint(),
  };
  const clients = {
    mcpkit: await mcpkitClient(kit, kit.streamableHttpClient(endpoints.mcpkit.url)),
    official: await officialClient(sdk, new StreamableHTTPClientTransport(new URL(endpoints.official.url))),
    floor: floorClient(endpoints.floor.url),
    fetch: fetchClient(endpoints.floor.url),
  };
  return {
    clients,
    async close() {
      for (const side of Object.keys(clients)) await clients[side].close();
      for (const side of Object.keys(endpoints)) await endpoints[side].close();
    },
  };
}

/** The fetch floor's rates and how each side compares with it, per repetition. */
function fetchNote(values, viaFetch) {
  const ratio = (side) => median(values[side].map((v, i) => v / viaFetch[i]));
  return {
    detail: { fetchFloor: viaFetch },
    notes: [
      `fetch floor (the raw echo called with fetch) median ${Math.round(median(viaFetch))} calls/s; ` +
        `mcpkit/fetch floor ${ratio("mcpkit").toFixed(2)}, official/fetch floor ${ratio("official").toFixed(2)}`,
    ],
  };
}

/** Runs the workload; returns its rows. */
export async function run({ reps, warmup, ms, sides }) {
  const [kit, sdk] = await Promise.all([mcpkit(), official()]);
  const rows = [];
  for (const mode of ["json", "sse"]) {
    const { clients, close } = await connect(kit, sdk, mode === "json");
    try {
      for (const inFlight of [1, 16]) {
        // A second floor, the raw echo called with fetch, runs where the floor does; it is reported as a note.
        const measured = sides.includes("floor") ? [...sides, "fetch"] : sides;
        const { fetch: viaFetch, ...values } = await interleave((side) => rate(clients[side].call, inFlight, ms), {
          reps,
          warmup,
          sides: measured,
        });
        rows.push({
          id: `http-${mode}-${inFlight}`,
          label: `HTTP ${mode.toUpperCase()} tools/call, ${inFlight} in flight`,
          unit: "calls/s",
          better: "higher",
          ...values,
          targets: [{ kind: "ratio", min: 3 }],
          ...(viaFetch ? fetchNote(values, viaFetch) : {}),
        });
      }
    } finally {
      await close();
    }
  }
  if (sides.includes("mcpkit")) rows.push(...(await runJwt(kit, { reps, warmup, ms })));
  return rows;
}

/**
 * "Streamable HTTP + JWT": mcpkit's endpoint with a JWT verified on every request, against the same
 * endpoint without auth measured interleaved in the same run (the row's floor); the target is a cost
 * under 10 %, mcpkit/floor >= 0.9.
 */
async function runJwt(kit, { reps, warmup, ms }) {
  const rows = [];
  const open = await mcpkitEndpoint(kit, true);
  const guarded = await protectedEndpoint(kit, true);
  const clients = {
    floor: await mcpkitClient(kit, kit.streamableHttpClient(open.url)),
    mcpkit: await mcpkitClient(
      kit,
      kit.streamableHttpClient(guarded.url, { headers: { authorization: `Bearer ${guarded.token}` } }),
    ),
  };
  try {
    for (const inFlight of [1, 16]) {
      const values = await interleave((side) => rate(clients[side].call, inFlight, ms), {
        reps,
        warmup,
        sides: ["mcpkit", "floor"],
      });
      rows.push({
        id: `http-jwt-json-${inFlight}`,
        label: `Streamable HTTP + JWT tools/call (JSON), ${inFlight} in flight`,
        unit: "calls/s",
        better: "higher",
        ...values,
        floorNote: "here the floor is the same mcpkit endpoint without auth",
        targets: [{ kind: "floor", min: 0.9 }],
      });
    }
  } finally {
    await clients.mcpkit.close();
    await clients.floor.close();
    await guarded.close();
    await open.close();
  }
  return rows;
}
