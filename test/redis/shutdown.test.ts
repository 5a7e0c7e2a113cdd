import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { FastMCP, type HttpApp } from "../../src/server/index.js";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { httpCaller, meta } from "../support/tasks-peer.js";

const EVERYTHING_SERVER = fileURLToPath(new URL("../conformance/everything-server.ts", import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a new TCP connection to `url`'s port is accepted now. */
function accepts(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(url).port), "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** A server with a tool that works for `ms`, reporting progress every 100 ms, and the probes. */
async function progressServer(store: RedisStore, logger = captureLogger()): Promise<HttpApp> {
  const app = new FastMCP("draining", { logger });
  app.tool(
    "work",
    {
      description: "Works for ms milliseconds, reporting progress every 100 ms",
      input: { type: "object", properties: { ms: { type: "integer" } }, required: ["ms"] } as const,
    },
    async ({ ms }, ctx) => {
      for (let done = 0; done < ms; done += 100) {
        await ctx.reportProgress(done, ms);
        await sleep(100);
        if (ctx.signal.aborted) throw new Error("cut off");
      }
      return `worked ${ms} ms`;
    },
  );
  return app.runHttp({ port: 0, store, health: true });
}

describe("graceful close of runHttp (issue 20, Deliver 4)", function () {
  let redis: RedisServer;
  let store: RedisStore;

  before(async () => {
    redis = await startRedis();
    store = await redisStore({ url: redis.url, logger: captureLogger() });
  });
  after(async () => {
    await store?.close();
    await redis?.stop();
  });

  it("lets a tools/call streaming progress finish, refusing new connections meanwhile", async () => {
    const served = await progressServer(store);
    const client = new Client({ name: "draining-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(served.endpointUrl)));
    const reports: Progress[] = [];
    const call = client.callTool({ name: "work", arguments: { ms: 1500 } }, undefined, {
      onprogress: (p) => reports.push(p),
    });
    while (reports.length < 2) await sleep(20);
    const started = Date.now();
    const closing = served.close({ timeoutMs: 10_000 });
    await sleep(50);
    expect(await accepts(served.url), "a new connection while draining").to.equal(false);
    const result = await call;
    expect(result.content).to.deep.equal([{ type: "text", text: "worked 1500 ms" }]);
    expect(reports.length).to.be.greaterThan(10);
    await closing;
    const took = Date.now() - started;
    expect(took).to.be.greaterThan(900).and.lessThan(5000);
    await client.close();
  });

  it("cuts off a call still running at the timeout, and resolves then", async () => {
    const logger = captureLogger();
    const served = await progressServer(store, logger);
    const caller = httpCaller(served.endpointUrl);
    const call = caller
      .call("tools/call", { name: "work", arguments: { ms: 30_000 }, _meta: { progressToken: "p" } }, {})
      .catch((error: unknown) => ({ error }));
    await sleep(300);
    const started = Date.now();
    await served.close({ timeoutMs: 500 });
    const took = Date.now() - started;
    expect(took).to.be.greaterThan(450).and.lessThan(2000);
    const answer = await call;
    expect(answer).to.not.have.property("result");
    expect(logger.lines.some((line) => line.includes("1 request(s) still in flight after 500 ms"))).to.equal(true);
  });

  it("answers /readyz 503 once closing, on a connection still open, and closes connections after their response", async () => {
    const served = await progressServer(store);
    const socket = connect(Number(new URL(served.url).port), "127.0.0.1");
    await once(socket, "connect");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    const ended = once(socket, "close");
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "work", arguments: { ms: 800 }, _meta: { ...meta({}), progressToken: "p" } },
    });
    socket.write(
      [
        "POST /mcp HTTP/1.1",
        `Host: 127.0.0.1:${new URL(served.url).port}`,
        "Content-Type: application/json",
        "Accept: application/json, text/event-stream",
        "Mcp-Protocol-Version: 2026-07-28",
        "Mcp-Method: tools/call",
        "Mcp-Name: work",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "",
        body,
      ].join("\r\n"),
    );
    while (!received.includes("progress")) await sleep(20);
    const closing = served.close({ timeoutMs: 5000 });
    // A request arriving on this connection, pipelined behind the one in flight, after close() began.
    socket.write(`GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:${new URL(served.url).port}\r\n\r\n`);
    await closing;
    await ended;
    expect(received).to.include("worked 800 ms");
    const readiness = received.slice(received.indexOf("worked 800 ms"));
    expect(readiness).to.match(/HTTP\/1\.1 503/);
    expect(readiness).to.match(/connection: close/i);
    expect(readiness).to.include('"not ready"');
  });

  it("closes at once without a timeout, and with nothing in flight does not wait for one", async () => {
    const idle = await progressServer(store);
    let started = Date.now();
    await idle.close({ timeoutMs: 10_000 });
    expect(Date.now() - started).to.be.lessThan(1000);
    const busy = await progressServer(store);
    const call = httpCaller(busy.endpointUrl)
      .call("tools/call", { name: "work", arguments: { ms: 30_000 } }, {})
      .catch((error: unknown) => ({ error }));
    await sleep(200);
    started = Date.now();
    await busy.close();
    expect(Date.now() - started).to.be.lessThan(1000);
    expect(await call).to.not.have.property("result");
  });
});

/** An everything-server replica on `redisUrl`, as `npm run cluster` starts one; resolves once it listens. */
async function replica(redisUrl: string, shutdownTimeoutMs: number): Promise<{ child: ChildProcess; url: string }> {
  const args = ["--import", "tsx", EVERYTHING_SERVER, "--port", "0", "--store", redisUrl];
  const child = spawn(process.execPath, [...args, "--shutdown-timeout", String(shutdownTimeoutMs)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.resume();
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the replica did not start:\n${output}`)), 60_000);
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`the replica exited ${code}:\n${output}`))));
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /^listening on (\S+)$/m.exec(output);
      if (!listening) return;
      clearTimeout(timer);
      resolve(listening[1]!);
    });
  });
  return { child, url };
}

describe("a replica process on SIGTERM (everything-server --store)", function () {
  let redis: RedisServer;
  const children: ChildProcess[] = [];

  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await redis?.stop();
  });

  it("finishes a call in flight, refusing new connections meanwhile, and exits within its timeout", async () => {
    const { child, url } = await replica(redis.url, 5000);
    children.push(child);
    let answered = false;
    const call = httpCaller(url)
      .call("tools/call", { name: "slow_compute", arguments: { seconds: 1.5 } }, {})
      .finally(() => (answered = true));
    await sleep(300);
    const exited = once(child, "exit");
    const signalled = Date.now();
    child.kill("SIGTERM");
    while ((await accepts(url)) && Date.now() - signalled < 3000) await sleep(20);
    expect(await accepts(url), "a new connection after SIGTERM").to.equal(false);
    expect(answered, "refused while the call was still in flight").to.equal(false);
    expect((await call).result).to.deep.include({ content: [{ type: "text", text: "compute: done after 1.5s" }] });
    const [code] = (await exited) as [number | null];
    expect(code).to.equal(0);
    expect(Date.now() - signalled).to.be.lessThan(5000);
  });

  it("cuts off a call longer than its timeout, and still exits", async () => {
    const { child, url } = await replica(redis.url, 1000);
    children.push(child);
    const call = httpCaller(url)
      .call("tools/call", { name: "slow_compute", arguments: { seconds: 30 } }, {})
      .catch((error: unknown) => ({ error }));
    await sleep(300);
    const exited = once(child, "exit");
    const signalled = Date.now();
    child.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    const took = Date.now() - signalled;
    expect(code).to.equal(0);
    expect(took).to.be.greaterThan(900).and.lessThan(4000);
    expect(await call).to.not.have.property("result");
  });
});
