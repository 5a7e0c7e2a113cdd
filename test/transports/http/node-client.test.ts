import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, type IncomingMessage, type ServerResponse } from "node:http";
import { Agent as HttpsAgent, createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Socket } from "node:net";
import { ClientSession } from "../../../src/client/client-session.js";
import { McpError } from "../../../src/protocol/errors.js";
import {
  streamableHttpClient,
  type StreamableHttpClientOptions,
} from "../../../src/transports/http/streamable-http-client.js";
import { cleanupHooks, text } from "../../fixtures/http-clients/helpers.js";
import { listen } from "../../fixtures/http-clients/official-servers.js";
import { captureLogger } from "../../support/peers.js";
import { sleep } from "../helpers.js";

type Json = Record<string, any>;

/** One request the misbehaving server saw. */
interface Seen {
  method: string;
  rpc: string | undefined;
  userAgent: string | undefined;
}

const SESSION = "bad-input-session";

/**
 * A hand-written stateful Streamable HTTP server (on 127.0.0.1) whose tools/call misbehaves as the
 * tool's name says: `echo` answers with JSON, `sse` on an event stream; `reset-json` and `reset-sse`
 * reset the connection mid-body, `not-json` answers 200 application/json with HTML, `no-answer`
 * ends its event stream without the response, `malformed-sse` sends an event that is not JSON.
 */
async function badServer(options: { keepAliveTimeout?: number; hangDelete?: boolean } = {}) {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const json = (res: ServerResponse, body: unknown) =>
    res.writeHead(200, { "content-type": "application/json", "mcp-session-id": SESSION }).end(JSON.stringify(body));
  const sse = (res: ServerResponse) => res.writeHead(200, { "content-type": "text/event-stream" });
  const answer = (id: unknown, value: string) => ({
    jsonrpc: "2.0",
    id,
    result: { content: [{ type: "text", text: value }] },
  });
  const call = (res: ServerResponse, id: unknown, name: string) => {
    switch (name) {
      case "echo":
        return json(res, answer(id, "echo"));
      case "sse":
        sse(res);
        return res.end(`data: ${JSON.stringify(answer(id, "sse"))}\n\n`);
      case "reset-json":
        res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        res.write('{"jsonrpc":"2.0","id":');
        return setTimeout(() => res.socket?.resetAndDestroy(), 20);
      case "reset-sse":
        sse(res);
        res.write(": working\n\n");
        return setTimeout(() => res.socket?.resetAndDestroy(), 20);
      case "not-json":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end("<html>not JSON</html>");
      case "no-answer":
        sse(res);
        return res.end(": nothing for you\n\n");
      case "malformed-sse":
        sse(res);
        return res.end("data: {not json\n\n");
    }
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const entry: Seen = { method: req.method!, rpc: undefined, userAgent: req.headers["user-agent"] };
    seen.push(entry);
    if (req.method === "DELETE") return void (options.hangDelete || res.writeHead(200).end());
    if (req.method !== "POST") return void res.writeHead(405).end();
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const message = JSON.parse(body) as Json;
      entry.rpc = message.method;
      // Notifications, and the parse errors the client sends back for what it could not read.
      if (message.id === undefined || message.method === undefined) return void res.writeHead(202).end();
      if (message.method === "initialize")
        return json(res, {
          jsonrpc: "2.0",
          id: message.id,
          result: {
            protocolVersion: "2025-11-25",
            capabilities: { tools: {} },
            serverInfo: { name: "bad", version: "1" },
          },
        });
      call(res, message.id, message.params.name);
    });
  };
  const { base, server, stop } = await listen(handler);
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  server.on("connection", (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return {
    url: `${base}/mcp`,
    /** The same answers, for a server of the test's own (https). */
    handle: handler,
    seen,
    connections: () => connections,
    open: () => sockets.size,
    stop,
  };
}

describe("transports/node-http-client (streamableHttpClient without a fetch)", function () {
  const defer = cleanupHooks();

  async function connect(
    options: StreamableHttpClientOptions & { keepAliveTimeout?: number; hangDelete?: boolean } = {},
  ) {
    const { keepAliveTimeout, hangDelete, ...transportOptions } = options;
    const server = await badServer({ keepAliveTimeout, hangDelete });
    defer(() => server.stop());
    const logger = captureLogger();
    const transport = streamableHttpClient(server.url, { logger, ...transportOptions });
    const session = new ClientSession(transport, {
      logger,
      clientInfo: { name: "node-http-test", version: "0.0.1" },
      protocolVersion: "2025-11-25",
    });
    defer(() => session.close());
    await session.initialize();
    return { server, transport, session, logger };
  }

  it("requests go over node:http on one keep-alive connection, and close() ends it", async () => {
    const { server, session } = await connect();
    expect(text(await session.callTool("echo", {}))).to.equal("echo");
    const connections = server.connections();
    for (let i = 0; i < 5; i++) expect(text(await session.callTool("echo", {}))).to.equal("echo");
    expect(text(await session.callTool("sse", {}))).to.equal("sse");
    expect(server.connections(), "later calls reuse the connections kept alive").to.equal(connections);
    expect(server.seen.map((s) => s.rpc ?? s.method)).to.deep.equal([
      "initialize",
      "notifications/initialized",
      "GET",
      ...Array<string>(7).fill("tools/call"),
    ]);
    // undici's fetch sends `user-agent: node`; node:http sends none.
    expect(server.seen.map((s) => s.userAgent)).to.deep.equal(server.seen.map(() => undefined));
    await session.close();
    expect(server.seen.at(-1)!.method).to.equal("DELETE");
    for (let i = 0; i < 50 && server.open() > 0; i++) await sleep(10);
    expect(server.open(), "the transport's agent was destroyed").to.equal(0);
  });

  it("an agent given as an option carries the requests and is left open by close()", async () => {
    const agent = new Agent({ keepAlive: true });
    defer(async () => agent.destroy());
    let created = 0;
    const createConnection = agent.createConnection.bind(agent);
    agent.createConnection = (...args: Parameters<typeof createConnection>) => {
      created++;
      return createConnection(...args);
    };
    const { session } = await connect({ agent });
    expect(text(await session.callTool("echo", {}))).to.equal("echo");
    await session.close();
    expect(created).to.be.greaterThan(0);
    expect(Object.keys(agent.freeSockets), "the agent still holds its idle connections").to.have.length.greaterThan(0);
  });

  it("an idle connection is dropped before the server's Keep-Alive timeout, so no request meets a closing socket", async () => {
    // Keep-Alive: timeout=2 is answered; the client lets a connection idle for 1 s at most.
    const { server, session } = await connect({ keepAliveTimeout: 2000, openStandaloneStream: false });
    await session.callTool("echo", {});
    const before = server.connections();
    await sleep(1300);
    expect(text(await session.callTool("echo", {}))).to.equal("echo");
    expect(server.connections()).to.equal(before + 1);
  });

  it("close() gives a DELETE the server never answers its 2 s, then ends the request and closes", async () => {
    const { server, session, logger } = await connect({ hangDelete: true });
    const started = Date.now();
    await session.close();
    expect(Date.now() - started).to.be.within(1900, 3000);
    expect(server.seen.at(-1)!.method).to.equal("DELETE");
    expect(logger.lines.some((line) => line.startsWith("warn: could not end the session with DELETE"))).to.equal(true);
    for (let i = 0; i < 50 && server.open() > 0; i++) await sleep(10);
    expect(server.open(), "the DELETE's connection was destroyed").to.equal(0);
  });

  it("an unreachable server: initialize rejects naming the connection failure", async () => {
    const { server: stopped } = await listen(() => {});
    const { port } = stopped.address() as { port: number };
    await new Promise((resolve) => stopped.close(resolve));
    const session = new ClientSession(streamableHttpClient(`http://127.0.0.1:${port}/mcp`), {
      logger: captureLogger(),
      protocolVersion: "2025-11-25",
    });
    defer(() => session.close());
    const error = (await session.initialize().catch((e: unknown) => e)) as Error;
    expect(error.message).to.match(new RegExp(`the POST to http://127.0.0.1:${port}/mcp failed: .*ECONNREFUSED`));
  });

  it("https: URLs go over node:https: the own agent checks the certificate, a given one can trust it", async function () {
    const dir = mkdtempSync(join(tmpdir(), "mcpkit-tls-"));
    defer(async () => rmSync(dir, { recursive: true, force: true }));
    try {
      execFileSync(
        "openssl",
        [
          ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"],
          ...["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")],
        ],
        { stdio: "ignore" },
      );
    } catch {
      return this.skip(); // no openssl to make a certificate with
    }
    const cert = readFileSync(join(dir, "cert.pem"));
    const plain = await badServer();
    defer(() => plain.stop());
    const server = createHttpsServer({ key: readFileSync(join(dir, "key.pem")), cert }, (req, res) => {
      plain.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    defer(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    const untrusting = new ClientSession(streamableHttpClient(url), {
      logger: captureLogger(),
      protocolVersion: "2025-11-25",
    });
    defer(() => untrusting.close());
    const refused = (await untrusting.initialize().catch((e: unknown) => e)) as Error;
    expect(refused.message).to.match(/^the POST to https:\/\/127\.0\.0\.1:\d+\/mcp failed: self-signed certificate/);
    const agent = new HttpsAgent({ keepAlive: true, ca: cert });
    defer(async () => agent.destroy());
    const session = new ClientSession(streamableHttpClient(url, { agent }), {
      logger: captureLogger(),
      protocolVersion: "2025-11-25",
    });
    defer(() => session.close());
    await session.initialize();
    expect(text(await session.callTool("sse", {}))).to.equal("sse");
  });

  // The same bad answers on both paths: node:http by default, and an injected fetch.
  for (const path of ["node:http", "fetch"] as const) {
    describe(`bad input rejects the call clearly, and the session goes on (${path})`, () => {
      const options = (): StreamableHttpClientOptions =>
        path === "fetch" ? { fetch: (input, init) => globalThis.fetch(input, init) } : {};

      const cases: [tool: string, message: RegExp][] = [
        ["reset-json", /^the server's JSON answer broke off: /],
        ["reset-sse", /^the response stream broke before answering \(.+\), with no event id to resume from$/],
        ["not-json", /^the server's JSON answer did not include the response$/],
        ["no-answer", /^the server ended the response stream before answering, with no event id to resume from$/],
        ["malformed-sse", /^the server ended the response stream before answering/],
      ];
      for (const [tool, message] of cases) {
        it(`${tool}: ${message.source}`, async () => {
          const { session, logger } = await connect(options());
          const error = (await session.callTool(tool, {}).catch((e: unknown) => e)) as McpError;
          expect(error).to.be.instanceOf(McpError);
          expect(error.code).to.equal(-32603);
          expect(error.message).to.match(message);
          if (tool === "not-json" || tool === "malformed-sse")
            expect(
              logger.lines.some((line) => line.includes("Parse error")),
              "the bad body is reported",
            ).to.equal(true);
          expect(session.isOpen).to.equal(true);
          expect(text(await session.callTool("echo", {}))).to.equal("echo");
        });
      }

      it("a connection reset mid-stream names the reset", async () => {
        const { session } = await connect(options());
        const error = (await session.callTool("reset-sse", {}).catch((e: unknown) => e)) as McpError;
        if (path === "node:http")
          expect(error.message).to.include("the connection was reset before the response ended");
        else expect(error.message).to.not.include("()");
      });
    });
  }
});
