import { expect } from "chai";
import { request } from "node:http";
import WebSocket from "ws";
import { ClientSession } from "../../../src/client/client-session.js";
import { FastMCP } from "../../../src/server/fastmcp/fastmcp.js";
import { websocketClient } from "../../../src/transports/websocket/websocket.js";
import { captureLogger } from "../../support/peers.js";

/** The status `url` answers a GET with these headers (Host included, which fetch will not set). */
function status(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      req.destroy();
    });
    req.once("error", reject).end();
  });
}

/** The status a WebSocket upgrade with these headers is answered with (101 when it opens). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, ["mcp"], { headers });
    socket.once("open", () => (socket.terminate(), resolve(101)));
    socket.once("error", (error) => {
      const match = /Unexpected server response: (\d+)/.exec(error.message);
      if (match) resolve(Number(match[1]));
      else reject(error);
    });
  });
}

const warnings = (logger: ReturnType<typeof captureLogger>) => logger.lines.filter((l) => l.startsWith("warn:"));

describe("FastMCP over WebSocket (runWebSocket)", () => {
  it("serves tools to a ClientSession over ws, and custom routes on the same server", async () => {
    const app = new FastMCP("ws-app", { logger: captureLogger() });
    app.tool("echo", (args) => JSON.stringify(args));
    app.get("/health", () => new Response("ok"));
    const served = await app.runWebSocket({ port: 0 });
    try {
      const client = new ClientSession(websocketClient(served.endpointUrl), { logger: captureLogger() });
      await client.initialize();
      expect((await client.callTool("echo", { a: 1 })).content).to.deep.equal([{ type: "text", text: '{"a":1}' }]);
      expect(served.endpoint.connections).to.equal(1);
      expect(await (await fetch(`${served.url}/health`)).text()).to.equal("ok");
      await client.close();
    } finally {
      await served.close();
    }
    expect(served.endpoint.connections).to.equal(0);
  });

  it("refuses a DNS-rebound page (Host and Origin evil.example:PORT) with 403 on 127.0.0.1, and keeps serving", async () => {
    const logger = captureLogger();
    const app = new FastMCP("ws-app", { logger });
    app.tool("echo", (args) => JSON.stringify(args));
    const served = await app.runWebSocket({ port: 0 });
    try {
      const evil = `evil.example:${new URL(served.url).port}`;
      expect(await upgradeStatus(served.endpointUrl, { host: evil, origin: `http://${evil}` })).to.equal(403);
      const client = new ClientSession(websocketClient(served.endpointUrl), { logger: captureLogger() });
      await client.initialize();
      expect((await client.callTool("echo", { a: 1 })).content).to.deep.equal([{ type: "text", text: '{"a":1}' }]);
      await client.close();
      expect(warnings(logger)).to.deep.equal([]);
    } finally {
      await served.close();
    }
  });

  it("security.allowedHosts: that Host passes, the loopback names no longer do", async () => {
    const app = new FastMCP("ws-app", { logger: captureLogger() });
    const served = await app.runWebSocket({ port: 0, security: { allowedHosts: ["mcp.example"] } });
    try {
      const host = `mcp.example:${new URL(served.url).port}`;
      expect(await upgradeStatus(served.endpointUrl, { host, origin: `https://${host}` })).to.equal(101);
      expect(await upgradeStatus(served.endpointUrl, {})).to.equal(403);
    } finally {
      await served.close();
    }
  });
});

describe("run*: one Host/Origin check for Streamable HTTP, HTTP+SSE and WebSocket", () => {
  const starts = {
    runHttp: (app: FastMCP, options: { host?: string; security?: object }) => app.runHttp({ port: 0, ...options }),
    runSse: (app: FastMCP, options: { host?: string; security?: object }) => app.runSse({ port: 0, ...options }),
    runWebSocket: (app: FastMCP, options: { host?: string; security?: object }) =>
      app.runWebSocket({ port: 0, ...options }),
  };

  for (const [name, start] of Object.entries(starts)) {
    it(`${name} on 127.0.0.1 refuses Host and Origin evil.example:PORT with 403`, async () => {
      const served = await start(new FastMCP("app", { logger: captureLogger() }), {});
      try {
        const evil = `evil.example:${new URL(served.url).port}`;
        const headers = { host: evil, origin: `http://${evil}` };
        const code =
          name === "runWebSocket"
            ? await upgradeStatus(served.endpointUrl, headers)
            : await status(served.endpointUrl, { ...headers, accept: "text/event-stream" });
        expect(code).to.equal(403);
      } finally {
        await served.close();
      }
    });

    it(`${name} bound to 0.0.0.0 warns once through the logger that DNS rebinding protection is off`, async () => {
      const logger = captureLogger();
      const served = await start(new FastMCP("app", { logger }), { host: "0.0.0.0" });
      await served.close();
      expect(warnings(logger)).to.have.length(1);
      expect(warnings(logger)[0]).to.match(/DNS rebinding protection is off .* bound to 0\.0\.0\.0/);
      expect(warnings(logger)[0])
        .to.include("dnsRebindingProtection: true")
        .and.include("dnsRebindingProtection: false");
      const quiet = captureLogger();
      const accepted = await start(new FastMCP("app", { logger: quiet }), {
        host: "0.0.0.0",
        security: { dnsRebindingProtection: false },
      });
      await accepted.close();
      expect(warnings(quiet)).to.deep.equal([]);
    });
  }
});
