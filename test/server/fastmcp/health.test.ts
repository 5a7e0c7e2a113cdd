import { expect } from "chai";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { HealthProbes } from "../../../src/server/fastmcp/health.js";
import { FastMCP, type HttpApp } from "../../../src/server/index.js";
import { captureLogger } from "../../support/peers.js";

const app = () => {
  const server = new FastMCP("probed", { logger: captureLogger() });
  server.tool("ping_tool", () => "pong");
  return server;
};

describe("runHttp's liveness and readiness probes (health)", () => {
  const running: HttpApp[] = [];
  const serve = async (server: FastMCP, options: Parameters<FastMCP["runHttp"]>[0] = {}) => {
    const served = await server.runHttp({ port: 0, ...options });
    running.push(served);
    return served;
  };
  afterEach(async () => {
    for (const served of running.splice(0)) await served.close();
  });

  it("are off by default: /healthz and /readyz are not found", async () => {
    const served = await serve(app());
    for (const path of ["/healthz", "/readyz"]) expect((await fetch(`${served.url}${path}`)).status).to.equal(404);
  });

  it("with health: true, /healthz is live and /readyz ready (GET and HEAD), unguarded, never cached", async () => {
    const served = await serve(app(), { health: true });
    const live = await fetch(`${served.url}/healthz`);
    expect(live.status).to.equal(200);
    expect(live.headers.get("cache-control")).to.equal("no-store");
    expect(await live.json()).to.deep.equal({ status: "ok" });
    const ready = await fetch(`${served.url}/readyz`);
    expect([ready.status, await ready.json()]).to.deep.equal([200, { status: "ready" }]);
    const head = await fetch(`${served.url}/readyz`, { method: "HEAD" });
    expect([head.status, await head.text()]).to.deep.equal([200, ""]);
    const post = await fetch(`${served.url}/healthz`, { method: "POST" });
    expect([post.status, post.headers.get("allow")]).to.deep.equal([405, "GET, HEAD"]);
  });

  it("asks the application's own readiness at each probe: false, a throw or a hang is not ready", async () => {
    let answer: () => boolean | Promise<boolean> = () => false;
    const served = await serve(app(), { health: { readyPath: "/ready", livePath: "/live", ready: () => answer() } });
    const status = async () => (await fetch(`${served.url}/ready`)).status;
    expect(await status()).to.equal(503);
    answer = () => true;
    expect(await status()).to.equal(200);
    answer = () => {
      throw new Error("not yet");
    };
    expect(await status()).to.equal(503);
    answer = () => new Promise(() => {});
    const started = Date.now();
    expect(await status()).to.equal(503);
    expect(Date.now() - started).to.be.lessThan(3000);
    expect((await fetch(`${served.url}/live`)).status).to.equal(200);
    expect((await fetch(`${served.url}/healthz`)).status).to.equal(404);
  });

  it("refuses probe paths an application route or the endpoint already takes", async () => {
    const routed = app().get("/healthz", () => new Response("mine"));
    const refused = await routed.runHttp({ port: 0, health: true }).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(TypeError).with.property("message").that.includes("/healthz");
    const onEndpoint = await app()
      .runHttp({ port: 0, health: { readyPath: "/mcp" } })
      .catch((error: unknown) => error);
    expect(onEndpoint).to.be.instanceOf(TypeError);
    const relative = await app()
      .runHttp({ port: 0, health: { livePath: "healthz" } })
      .catch((error: unknown) => error);
    expect(relative).to.be.instanceOf(TypeError);
  });

  it("is not ready once its server is closing", async () => {
    const probes = new HealthProbes({});
    const server = createServer((req, res) => {
      if (!probes.serve(new URL(req.url!, "http://x").pathname, req, res)) res.writeHead(404).end();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/readyz`)).status).to.equal(200);
      probes.closing();
      expect((await fetch(`${url}/readyz`)).status).to.equal(503);
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
