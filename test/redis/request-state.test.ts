import { expect } from "chai";
import { ErrorCode } from "../../src/protocol/errors.js";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { FastMCP, type HttpApp } from "../../src/server/index.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { httpCaller, type Caller } from "../support/tasks-peer.js";

const NAME = { type: "object", properties: { name: { type: "string" } }, required: ["name"] } as const;

describe("single-use request states across replicas sharing one Redis (2026-07-28)", function () {
  let redis: RedisServer;
  const stores: RedisStore[] = [];
  const apps: HttpApp[] = [];
  let callers: Caller[];

  before(async () => {
    redis = await startRedis();
    for (let i = 0; i < 2; i++) {
      const store = await redisStore({ url: redis.url, logger: captureLogger() });
      stores.push(store);
      const app = new FastMCP("once", { logger: captureLogger(), requestState: { singleUse: true } });
      app.tool("greet", { description: "Asks for a name" }, async (_args, ctx) => {
        const outcome = await ctx.elicit("Your name?", NAME, { inputKey: "user_name" });
        return outcome.action === "accept" ? `Hello, ${outcome.content.name}` : outcome.action;
      });
      apps.push(await app.runHttp({ port: 0, store }));
    }
    callers = apps.map((app) => httpCaller(app.endpointUrl));
  });
  after(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    await redis?.stop();
  });

  it("a state redeemed on one replica is refused on the other (the store's replay cache remembers it)", async () => {
    const [a, b] = callers as [Caller, Caller];
    const asked = await a.call("tools/call", { name: "greet" });
    expect(asked.result).to.include({ resultType: "input_required" });
    const retry = {
      name: "greet",
      inputResponses: { user_name: { action: "accept", content: { name: "Ada" } } },
      requestState: asked.result!.requestState,
    };
    expect((await b.call("tools/call", retry)).result).to.deep.include({
      content: [{ type: "text", text: "Hello, Ada" }],
    });
    for (const caller of [a, b])
      expect((await caller.call("tools/call", retry)).error).to.include({ code: ErrorCode.InvalidParams });
  });
});
