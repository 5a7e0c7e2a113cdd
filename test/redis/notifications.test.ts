import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import { FastMCP, type HttpApp } from "../../src/server/index.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

function replica(): FastMCP {
  const app = new FastMCP("replica", { logger: captureLogger() });
  app.tool("first", () => "one");
  app.resource("mem://a", { mimeType: "text/plain" }, () => "a");
  app.tool("slowly", { description: "Done after a while", task: "optional" }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return "done";
  });
  return app;
}

/** The next value of `iterator`, or a failure after `ms`. */
async function next<T>(iterator: AsyncIterator<T>, ms = 3000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("no notification came")), ms);
  });
  try {
    const got = await Promise.race([iterator.next(), timeout]);
    return got.value as T;
  } finally {
    clearTimeout(timer);
  }
}

describe("notifications raised on one replica reach subscriptions/listen on another (2026-07-28)", function () {
  let redis: RedisServer;
  const stores: RedisStore[] = [];
  const apps: FastMCP[] = [];
  const served: HttpApp[] = [];

  before(async () => {
    redis = await startRedis();
    for (let i = 0; i < 2; i++) {
      const store = await redisStore({ url: redis.url, logger: captureLogger() });
      stores.push(store);
      const app = replica();
      apps.push(app);
      served.push(await app.runHttp({ port: 0, store }));
    }
  });
  after(async () => {
    for (const app of served) await app.close();
    for (const store of stores) await store.close();
    await redis?.stop();
  });

  it("a listen stream on A sees a tools list change and a resource update made on B, each once", async () => {
    const client = new ClientSession(streamableHttpClient(served[0]!.endpointUrl), {
      logger: captureLogger(),
      protocolVersion: "2026-07-28",
    });
    await client.initialize();
    try {
      const subscription = client.subscribe({ toolsListChanged: true, resourceSubscriptions: ["mem://a"] });
      expect(await subscription.acknowledged).to.deep.include({ toolsListChanged: true });
      const iterator = subscription[Symbol.asyncIterator]();
      apps[1]!.tool("second", () => "two");
      const changed = await next(iterator);
      expect(changed).to.have.property("method", "notifications/tools/list_changed");
      await apps[1]!.notifyResourceUpdated("mem://a");
      const updated = await next(iterator);
      expect(updated).to.deep.include({ method: "notifications/resources/updated" });
      expect(updated.params?.uri).to.equal("mem://a");
      // Raised on A itself: delivered once (A does not take its own notification back from Redis).
      await apps[0]!.notifyResourceUpdated("mem://a");
      expect(await next(iterator)).to.deep.include({ method: "notifications/resources/updated" });
      let extra = false;
      void iterator.next().then(() => (extra = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(extra).to.equal(false);
      await subscription.close();
    } finally {
      await client.close();
    }
  });

  it("a listen stream on A follows a task B runs: agreed from the shared store, its changes delivered once", async () => {
    const options = { logger: captureLogger(), protocolVersion: "2026-07-28" as const, tasks: { pollIntervalMs: 50 } };
    const starter = new ClientSession(streamableHttpClient(served[1]!.endpointUrl), options);
    const listener = new ClientSession(streamableHttpClient(served[0]!.endpointUrl), options);
    await Promise.all([starter.initialize(), listener.initialize()]);
    try {
      const started = await starter.callToolTask("slowly", {});
      const taskId = started.task!.taskId;
      const subscription = listener.subscribe({ taskIds: [taskId, "no-such-task"] } as never); // the tasks extension's filter key
      expect(await subscription.acknowledged).to.deep.include({ taskIds: [taskId] });
      const iterator = subscription[Symbol.asyncIterator]();
      const told = await next(iterator);
      expect(told).to.have.property("method", "notifications/tasks");
      expect(told.params).to.deep.include({ taskId, status: "completed" });
      let extra = false;
      void iterator.next().then(() => (extra = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(extra).to.equal(false);
      await subscription.close();
    } finally {
      await Promise.all([starter.close(), listener.close()]);
    }
  });
});
