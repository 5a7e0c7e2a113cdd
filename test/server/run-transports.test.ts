import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import { FastMCP } from "../../src/server/fastmcp.js";
import { websocketClient } from "../../src/transports/websocket.js";
import { captureLogger } from "../support/peers.js";

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
});
