import { expect } from "chai";
import { FastMCP, type HttpApp } from "../../src/server/index.js";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("runHttp's readiness probe with a Redis store", function () {
  let redis: RedisServer;
  let store: RedisStore;
  let served: HttpApp;

  before(async () => {
    redis = await startRedis();
    store = await redisStore({ url: redis.url, logger: captureLogger() });
    const app = new FastMCP("probed", { logger: captureLogger() });
    app.tool("ping_tool", () => "pong");
    served = await app.runHttp({ port: 0, store, health: true });
  });
  after(async () => {
    await served?.close();
    await store?.close();
    await redis?.stop();
  });

  const status = async (path: string) => (await fetch(`${served.url}${path}`)).status;

  it("is not ready while Redis cannot be reached, and ready again once it is back; live throughout", async () => {
    expect(await status("/readyz")).to.equal(200);
    expect(await store.ready()).to.equal(true);
    await redis.stop();
    await sleep(100);
    expect(await status("/readyz")).to.equal(503);
    expect(await status("/healthz")).to.equal(200);
    await redis.start();
    let ready = 0;
    for (let i = 0; i < 100 && ready !== 200; i++) {
      await sleep(50);
      ready = await status("/readyz");
    }
    expect(ready).to.equal(200);
  });
});
