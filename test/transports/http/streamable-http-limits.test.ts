import { expect } from "chai";
import { connect, type Socket } from "node:net";
import { Server } from "../../../src/server/server.js";
import { listen, toNodeListener, type HttpListener } from "../../../src/transports/http/node-server.js";
import { StreamableHttpServer } from "../../../src/transports/http/streamable-http-server.js";
import { captureLogger } from "../../support/peers.js";

/**
 * A body over the limit is answered 413 and the connection closed, so the rest is never read
 * (basic/transports: the server's own bounds), on the direct node:http path and through the web adapter.
 */

const LIMIT = 64 * 1024;
const SENT = 64 * 1024 * 1024;
const INIT = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
});

interface Outcome {
  /** What the server answered. */
  response: string;
  /** Body bytes the client managed to hand to its socket before the server closed it. */
  written: number;
}

/** Sends a POST whose body is SENT bytes (declared, or chunked), writing as fast as the socket takes it. */
function oversizePost(url: string, declared: boolean): Promise<Outcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(port), hostname);
    let response = "";
    let written = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ response, written });
    };
    socket.on("data", (chunk: Buffer) => (response += chunk.toString("latin1")));
    socket.on("error", finish).on("close", finish);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const head = [
      "POST /mcp HTTP/1.1",
      `Host: ${hostname}:${port}`,
      "Content-Type: application/json",
      "Accept: application/json, text/event-stream",
      declared ? `Content-Length: ${SENT}` : "Transfer-Encoding: chunked",
    ];
    socket.write(`${head.join("\r\n")}\r\n\r\n`);
    const pump = () => {
      while (!done && written < SENT) {
        const frame = declared
          ? chunk
          : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
        written += chunk.length;
        if (!socket.write(frame)) return void socket.once("drain", pump);
      }
      // Everything was taken: the server read it all. Give it a moment to answer, then report.
      if (!done) setTimeout(finish, 500);
    };
    pump();
  });
}

for (const adapter of ["direct", "web adapter"] as const)
  describe(`Streamable HTTP server over node:http (${adapter}): a body over the limit`, () => {
    let listener: HttpListener;
    let http: StreamableHttpServer;
    let read = 0;

    beforeEach(async () => {
      const server = new Server({ name: "limits", version: "1" }, { logger: captureLogger() });
      http = new StreamableHttpServer((transport, init) => server.connect(transport, init), {
        logger: captureLogger(),
        maxBodyBytes: LIMIT,
      });
      const web = toNodeListener((request) => http.handle(request));
      read = 0;
      listener = await listen(
        (req, res) => {
          const socket = req.socket;
          socket.once("close", () => (read += socket.bytesRead));
          if (adapter === "direct") void http.handleNode(req, res);
          else web(req, res);
        },
        { port: 0 },
      );
    });
    afterEach(async () => {
      await http.close();
      await listener.close();
    });

    for (const declared of [true, false])
      it(`is answered 413 and the connection closed without reading the rest (${declared ? "Content-Length" : "chunked"})`, async function () {
        this.timeout(20_000);
        const { response, written } = await oversizePost(`${listener.url}/mcp`, declared);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(read, "bytes the server read").to.be.below(SENT / 4);
        expect(written, "bytes the client could write").to.be.below(SENT);
        expect(response).to.match(/^HTTP\/1\.1 413 /);
        expect(response.toLowerCase()).to.include("connection: close");
        const ok = await fetch(`${listener.url}/mcp`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
          body: INIT,
        });
        expect(ok.status, "other clients are still served").to.equal(200);
        await ok.body?.cancel();
      });
  });
