import { expect } from "chai";
import { Writable } from "node:stream";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { z } from "zod";
import { registerCall } from "../../src/cli/commands/call.js";
import { runProgram } from "../../src/cli/program.js";
import { listen } from "../fixtures/http-clients/official-servers.js";

/** Runs `mcp <argv>` in this process with `call` and `read` registered; resolves with the status and output. */
async function mcp(...argv: string[]) {
  let out = "";
  let err = "";
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        write(chunk.toString());
        done();
      },
    });
  const io = { out: sink((text) => (out += text)), err: sink((text) => (err += text)) };
  const code = await runProgram(argv, io, [registerCall]);
  return { code, out, err };
}

/**
 * The official 2024-11-05 HTTP+SSE server with one tool and one resource; it notes each request
 * (`GET /sse`, `POST /messages`, or a POST to /sse, the Streamable HTTP probe it refuses with 405).
 */
async function legacyServer() {
  const seen: string[] = [];
  const transports = new Map<string, SSEServerTransport>();
  const servers: McpServer[] = [];
  const { base, stop } = await listen((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push(`${req.method} ${url.pathname}`);
    if (url.pathname === "/sse" && req.method === "GET") {
      const transport = new SSEServerTransport("/messages", res);
      transports.set(transport.sessionId, transport);
      const server = new McpServer({ name: "stateful", version: "1.0.0" });
      server.registerTool("echo", { inputSchema: { text: z.string() } }, ({ text }) => ({
        content: [{ type: "text", text: `echo: ${text}` }],
      }));
      server.registerResource("note", "note://one", {}, (uri) => ({ contents: [{ uri: uri.href, text: "one" }] }));
      servers.push(server);
      return void server.connect(transport);
    }
    const transport = transports.get(url.searchParams.get("sessionId") ?? "");
    if (url.pathname === "/messages" && transport) return void transport.handlePostMessage(req, res);
    res.writeHead(405, { allow: "GET" }).end();
  });
  return {
    url: `${base}/sse`,
    seen,
    async close() {
      await Promise.all(servers.map((server) => server.close()));
      await stop();
    },
  };
}

describe("mcp call and read --sse (the legacy HTTP+SSE transport, as server inspect and connect take it)", () => {
  let server: Awaited<ReturnType<typeof legacyServer>>;
  beforeEach(async () => (server = await legacyServer()));
  afterEach(() => server.close());

  it("call --sse speaks HTTP+SSE from the first request: no Streamable HTTP POST is tried", async () => {
    const { code, out, err } = await mcp("call", "--sse", server.url, "echo", "text=hi");
    expect(err).to.equal("");
    expect(code).to.equal(0);
    expect(out).to.equal("echo: hi\n");
    expect(server.seen[0]).to.equal("GET /sse");
    expect(server.seen).not.to.include("POST /sse");
  });

  it("read --sse does the same", async () => {
    const { code, out } = await mcp("read", server.url, "note://one", "--sse");
    expect(code).to.equal(0);
    expect(out).to.equal("one\n");
    expect(server.seen[0]).to.equal("GET /sse");
    expect(server.seen).not.to.include("POST /sse");
  });

  it("without --sse the client tries Streamable HTTP first, then falls back", async () => {
    const { code, out } = await mcp("call", server.url, "echo", "text=hi");
    expect(code).to.equal(0);
    expect(out).to.equal("echo: hi\n");
    expect(server.seen[0]).to.equal("POST /sse");
  });

  it("--sse with a server command is a usage error (status 2), before anything starts", async () => {
    const { code, err } = await mcp("call", "--sse", "node server.js", "echo");
    expect(code).to.equal(2);
    expect(err).to.match(/^mcp: --sse speaks HTTP\+SSE to an http\(s\):\/\/ URL/);
  });
});
