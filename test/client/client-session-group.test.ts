import { expect } from "chai";
import { ClientSessionGroup } from "../../src/client/client-session-group.js";
import { McpError } from "../../src/protocol/errors.js";
import { Server } from "../../src/server/server.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { captureLogger, sleep } from "../support/peers.js";

/** A server named `name` offering `tools`, answering each call with its own name and the tool's. */
function namedServer(name: string, tools: string[]) {
  const state = { tools };
  const server = new Server({ name, version: "1" }, { notificationOptions: { toolsChanged: true } });
  server.onListTools(() => ({
    tools: state.tools.map((t) => ({ name: t, inputSchema: { type: "object" as const } })),
  }));
  server.onCallTool((params) => ({
    content: [{ type: "text", text: `${name}:${params.name}:${JSON.stringify(params.arguments ?? {})}` }],
  }));
  server.onListPrompts(() => ({ prompts: [{ name: `${name}-prompt` }] }));
  server.onGetPrompt((params) => ({
    messages: [{ role: "user", content: { type: "text", text: `${name} ${params.name}` } }],
  }));
  server.onListResources(() => ({ resources: [{ name: "readme", uri: `mem://${name}/readme` }] }));
  server.onReadResource((params) => ({ contents: [{ uri: params.uri, text: `from ${name}` }] }));
  return { server, state };
}

async function attach(group: ClientSessionGroup, server: Server) {
  const [clientEnd, serverEnd] = memoryPair();
  await server.connect(serverEnd);
  return group.connectToServer({ transport: clientEnd });
}

describe("ClientSessionGroup", () => {
  const options = { session: { logger: captureLogger() } };

  it("gathers tools, resources and prompts of every server, renaming collisions with the server's name", async () => {
    const group = new ClientSessionGroup(options);
    await attach(group, namedServer("weather", ["forecast", "alerts"]).server);
    await attach(group, namedServer("news", ["forecast", "headlines"]).server);
    expect(Object.keys(group.tools).sort()).to.deep.equal(["alerts", "forecast", "headlines", "news_forecast"]);
    expect(Object.keys(group.prompts).sort()).to.deep.equal(["news-prompt", "weather-prompt"]);
    expect(Object.keys(group.resources).sort()).to.deep.equal(["news_readme", "readme"]);
    await group.close();
  });

  it("routes callTool, readResource and getPrompt to the session that owns the name", async () => {
    const group = new ClientSessionGroup(options);
    await attach(group, namedServer("weather", ["forecast"]).server);
    await attach(group, namedServer("news", ["forecast"]).server);
    expect((await group.callTool("forecast", { city: "Oslo" })).content[0]).to.deep.include({
      text: 'weather:forecast:{"city":"Oslo"}',
    });
    expect((await group.callTool("news_forecast")).content[0]).to.deep.include({ text: "news:forecast:{}" });
    expect((await group.readResource("news_readme")).contents[0]).to.deep.include({ text: "from news" });
    expect((await group.getPrompt("weather-prompt")).messages[0]?.content).to.deep.include({
      text: "weather weather-prompt",
    });
    const unknown = await group.callTool("nope").catch((e: unknown) => e);
    expect(unknown).to.be.instanceOf(McpError);
    await group.close();
  });

  it("the default collision name is one model APIs accept for a tool (^[a-zA-Z0-9_-]{1,64}$): other characters become _, a long one is cut and hashed", async () => {
    const group = new ClientSessionGroup(options);
    const long = "t".repeat(60);
    await attach(group, namedServer("weather", ["forecast", long, `${long}x`]).server);
    await attach(group, namedServer("@acme/weather.v2", ["forecast", long, `${long}x`]).server);
    const renamed = Object.keys(group.tools).filter((name) => name.startsWith("_acme"));
    expect(renamed).to.have.length(3);
    expect(renamed).to.include("_acme_weather_v2_forecast");
    for (const name of renamed) expect(name).to.match(/^[a-zA-Z0-9_-]{1,64}$/);
    const cut = renamed.filter((name) => name.length === 64);
    expect(cut, "two long names with the same start still differ").to.have.length(2);
    expect(cut[0]!.slice(0, 55)).to.equal(cut[1]!.slice(0, 55));
    expect((await group.callTool("_acme_weather_v2_forecast")).content[0]).to.deep.include({
      text: "@acme/weather.v2:forecast:{}",
    });
    await group.close();
  });

  it("takes a pluggable collision hook", async () => {
    const group = new ClientSessionGroup({
      ...options,
      onCollision: (name, server, kind) => `${kind}.${server.name}.${name}`,
    });
    await attach(group, namedServer("a", ["x"]).server);
    await attach(group, namedServer("b", ["x"]).server);
    expect(Object.keys(group.tools).sort()).to.deep.equal(["tools.b.x", "x"]);
    await group.close();
  });

  for (const mode of ["stateless", "stateful"] as const) {
    it(`stays current when a server announces tools/list_changed (${mode}: ${mode === "stateless" ? "on a subscriptions/listen it opens" : "unasked"})`, async () => {
      const protocolVersion = mode === "stateless" ? "2026-07-28" : "2025-11-25";
      const group = new ClientSessionGroup({ session: { logger: captureLogger(), protocolVersion } });
      const { server, state } = namedServer("live", ["one"]);
      const session = await attach(group, server);
      expect(session.mode).to.equal(mode);
      state.tools = ["one", "two"];
      await server.broadcast("notifications/tools/list_changed");
      for (let i = 0; i < 100 && !group.tools.two; i++) await sleep(5);
      expect(Object.keys(group.tools).sort()).to.deep.equal(["one", "two"]);
      await group.close();
    });
  }

  it("disconnectFromServer drops that server's components and closes its session", async () => {
    const group = new ClientSessionGroup(options);
    const first = await attach(group, namedServer("a", ["x"]).server);
    await attach(group, namedServer("b", ["y"]).server);
    await group.disconnectFromServer(first);
    expect(Object.keys(group.tools)).to.deep.equal(["y"]);
    expect(first.isOpen).to.equal(false);
    expect(group.sessions).to.have.length(1);
    await group.close();
    expect(group.sessions).to.have.length(0);
  });

  it("forgets a server whose connection drops", async () => {
    const group = new ClientSessionGroup(options);
    const { server } = namedServer("gone", ["x"]);
    await attach(group, server);
    await server.close();
    await sleep(5);
    expect(group.tools).to.deep.equal({});
    await group.close();
  });

  it("connects to a stdio server from its parameters", async function () {
    this.timeout(30_000);
    const group = new ClientSessionGroup(options);
    const session = await group.connectToServer({
      command: process.execPath,
      args: ["--import", "tsx", "test/fixtures/group-server.ts"],
      stderr: "ignore",
    });
    expect(session.serverInfo?.name).to.equal("group-fixture");
    expect(Object.keys(group.tools)).to.deep.equal(["hello"]);
    expect((await group.callTool("hello", { name: "stdio" })).content[0]).to.deep.include({ text: "hello stdio" });
    await group.close();
  });
});
