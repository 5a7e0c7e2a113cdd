import { expect } from "chai";
import { websocketClient } from "../../../src/transports/websocket/websocket.js";
import { recorder, rejection } from "../helpers.js";
import { connectPair, endpoint, rawClient, refusalStatus, type Endpoint } from "./websocket-helpers.js";

describe("transports/websocket: the opening handshake (subprotocol, Host and Origin)", () => {
  let server: Endpoint;
  beforeEach(async () => (server = await endpoint()));
  afterEach(async () => {
    await server.stop();
    expect(server.attachment.connections).to.equal(0);
  });

  it("refuses a handshake that does not offer the mcp subprotocol with 400, before any WebSocket opens", async () => {
    expect(await refusalStatus(server.url, [])).to.equal(400);
    expect(await refusalStatus(server.url, ["graphql-ws"])).to.equal(400);
    const peer = await rawClient(server.url, ["other", "mcp"]);
    expect(peer.protocol).to.equal("mcp");
    peer.terminate();
    expect(server.attachment.connections).to.be.at.most(1);
  });

  it("a client refused at the upgrade rejects start with the status, and fires close with that error", async () => {
    const client = websocketClient(`ws://127.0.0.1:${server.port}/elsewhere`);
    const seen = recorder();
    const error = (await rejection(client.start(seen.events))) as Error;
    expect(error.message).to.equal(
      `WebSocket upgrade to ws://127.0.0.1:${server.port}/elsewhere refused: 404 (no WebSocket endpoint at /elsewhere)`,
    );
    expect(seen.closes).to.deep.equal([error]);
    expect(await rejection(client.start(seen.events))).to.match(/already started/);
  });

  it("leaves other paths to the server's other upgrade listeners", async () => {
    const seenPaths: string[] = [];
    const other = (request: { url?: string }, socket: { destroy(): void }) => {
      seenPaths.push(request.url ?? "");
      socket.destroy();
    };
    server.http.on("upgrade", other);
    const error = await rejection(websocketClient(`ws://127.0.0.1:${server.port}/other?x=1`).start(recorder().events));
    expect(error).to.be.instanceOf(Error);
    expect(seenPaths).to.deep.equal(["/other?x=1"]);
    const { client } = await connectPair(server);
    await client.close();
    server.http.off("upgrade", other);
  });

  it("refuses a DNS-rebound page (Host and Origin evil.example:PORT) with 403 on loopback, and keeps serving", async () => {
    const evil = `evil.example:${server.port}`;
    expect(await refusalStatus(server.url, ["mcp"], { host: evil, origin: `http://${evil}` })).to.equal(403);
    expect(await refusalStatus(server.url, ["mcp"], { host: evil })).to.equal(403);
    expect(await refusalStatus(server.url, ["mcp"], { origin: "http://evil.example" })).to.equal(403);
    (await rawClient(server.url, ["mcp"], { headers: { origin: `http://127.0.0.1:${server.port}` } })).terminate();
    const local = `ws://localhost:${server.port}/ws`;
    (await rawClient(local, ["mcp"], { headers: { origin: `http://localhost:${server.port}` } })).terminate();
    const { client } = await connectPair(server);
    await client.close();
  });

  it("security.allowedHosts replaces the loopback allow-list; verifyOrigin is a further check", async () => {
    const custom = await endpoint({
      security: { allowedHosts: ["app.example"], allowedOrigins: ["https://ui.example"] },
      verifyOrigin: (origin) => origin !== "http://app.example:1",
    });
    const host = `app.example:${custom.port}`;
    expect(await refusalStatus(custom.url, ["mcp"])).to.equal(403);
    (await rawClient(custom.url, ["mcp"], { headers: { host, origin: `http://${host}` } })).terminate();
    (await rawClient(custom.url, ["mcp"], { headers: { host, origin: "https://ui.example" } })).terminate();
    expect(await refusalStatus(custom.url, ["mcp"], { host, origin: "http://app.example:1" })).to.equal(403);
    await custom.stop();
  });

  it("with protection off, an Origin must still name the Host it was sent to, unless verifyOrigin says otherwise", async () => {
    const open = await endpoint({ security: { dnsRebindingProtection: false } });
    const host = `evil.example:${open.port}`;
    (await rawClient(open.url, ["mcp"], { headers: { host, origin: `http://${host}` } })).terminate();
    expect(await refusalStatus(open.url, ["mcp"], { origin: "http://evil.example" })).to.equal(403);
    await open.stop();
    const custom = await endpoint({
      security: { dnsRebindingProtection: false },
      verifyOrigin: (origin) => origin === "https://app.example",
    });
    expect(await refusalStatus(custom.url, ["mcp"], { origin: `http://127.0.0.1:${custom.port}` })).to.equal(403);
    (await rawClient(custom.url, ["mcp"], { headers: { origin: "https://app.example" } })).terminate();
    await custom.stop();
  });
});
