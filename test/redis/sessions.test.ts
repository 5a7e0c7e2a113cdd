import { expect } from "chai";
import { z } from "zod";
import { ClientSession } from "../../src/client/client-session.js";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { FastMCP } from "../../src/server/fastmcp/fastmcp.js";
import type { HttpApp } from "../../src/server/fastmcp/http-app.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One replica's server: tools with progress, sampling, logging, and a subscribable resource. */
function replica(): FastMCP {
  const app = new FastMCP("replicated", { version: "1.0.0" });
  app.tool("whoami", { description: "Which replica answers" }, () => `pid ${process.pid}`);
  app.tool(
    "count",
    { description: "Reports progress n times, ms apart", input: z.object({ n: z.number(), ms: z.number() }) },
    async ({ n, ms }, ctx) => {
      for (let i = 1; i <= n; i++) {
        await sleep(ms);
        await ctx.reportProgress(i, n);
      }
      return `counted ${n}`;
    },
  );
  app.tool("ask", { description: "Samples the client's model" }, async (_args, ctx) => {
    const { content } = await ctx.sample("say hi", { maxTokens: 10 });
    return `model said: ${(content as { text: string }).text}`;
  });
  app.tool("shout", { description: "Logs at each level" }, async (_args, ctx) => {
    await ctx.log.debug("quiet");
    await ctx.log.error("loud");
    return "ok";
  });
  app.resource("note://one", { name: "one", mimeType: "text/plain" }, () => "one");
  app.tool("touch", { description: "Updates note://one" }, async () => {
    await app.notifyResourceUpdated("note://one");
    return "touched";
  });
  return app;
}

/** A fetch sending each request to the next of `urls` in turn, as a round-robin load balancer does; `log` gets the index used. */
function roundRobin(urls: string[], log: { method: string; replica: number }[]): typeof fetch {
  let next = 0;
  return async (input, init) => {
    const replica = next++ % urls.length;
    const method = new Headers(init?.headers).get("mcp-method") ?? init?.method ?? "GET";
    log.push({ method, replica });
    return fetch(urls[replica]!, init);
  };
}

describe("stateful sessions (2025-11-25) across three replicas sharing one Redis", function () {
  this.timeout(60_000);
  let redis: RedisServer;
  const stores: RedisStore[] = [];
  const apps: HttpApp[] = [];
  const logger = captureLogger();

  before(async () => {
    redis = await startRedis();
    for (let i = 0; i < 3; i++) {
      const store = await redisStore({ url: redis.url, logger });
      stores.push(store);
      apps.push(await replica().runHttp({ host: "127.0.0.1", port: 0, store, logger }));
    }
  });
  after(async () => {
    for (const app of apps) await app.close().catch(() => {});
    for (const store of stores) await store.close();
    await redis?.stop();
  });

  function client(urls = apps.map((a) => a.endpointUrl), log: { method: string; replica: number }[] = []) {
    return new ClientSession(streamableHttpClient(urls[0]!, { fetch: roundRobin(urls, log) }), {
      protocolVersion: "2025-11-25",
      logger,
    });
  }

  it("serves a session whose every request lands on another replica: tools, progress, sampling, logging, subscriptions", async () => {
    const log: { method: string; replica: number }[] = [];
    const session = client(undefined, log);
    session.onCreateMessage(() => ({ role: "assistant", content: { type: "text", text: "hi" }, model: "m" }));
    const updates: string[] = [];
    session.onResourceUpdated((params) => void updates.push(params.uri));
    const messages: string[] = [];
    session.onLoggingMessage((params) => void messages.push(String(params.data)));
    try {
      await session.initialize();
      expect(session.protocolVersion).to.equal("2025-11-25");
      const progress: number[] = [];
      const counted = await session.callTool(
        "count",
        { n: 5, ms: 20 },
        { onprogress: (p) => void progress.push(p.progress) },
      );
      expect(counted.content).to.deep.equal([{ type: "text", text: "counted 5" }]);
      expect(progress).to.deep.equal([1, 2, 3, 4, 5]);
      const asked = await session.callTool("ask", {});
      expect(asked.content).to.deep.equal([{ type: "text", text: "model said: hi" }]);
      await session.setLevel({ level: "error" });
      await session.callTool("shout", {});
      await session.request("resources/subscribe", { uri: "note://one" });
      await session.callTool("touch", {});
      for (let i = 0; i < 100 && (updates.length === 0 || messages.length === 0); i++) await sleep(20);
      expect(updates).to.deep.equal(["note://one"]);
      expect(messages).to.deep.equal(["loud"]);
      const replicas = log.map((r) => r.replica);
      for (let i = 1; i < replicas.length; i++) expect(replicas[i]).to.not.equal(replicas[i - 1]);
      expect(new Set(replicas).size).to.equal(3);
    } finally {
      await session.close();
    }
  });
});
