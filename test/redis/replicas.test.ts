import { expect } from "chai";
import { ErrorCode } from "../../src/protocol/errors.js";
import type { HttpApp } from "../../src/server/fastmcp/http-app.js";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { httpCaller, terminal, until, type Caller } from "../support/tasks-peer.js";
import { taskApp, type Observed } from "../server/tasks/tasks-fixture.js";

/** A caller whose requests alternate between `callers`, as a round-robin load balancer sends them. */
function roundRobin(callers: Caller[]): Caller {
  let next = 0;
  return {
    call: (...args) => callers[next++ % callers.length]!.call(...args),
    close: async () => {},
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two replicas of a FastMCP server sharing one Redis (2026-07-28 tasks)", function () {
  let redis: RedisServer;
  const stores: RedisStore[] = [];
  const apps: HttpApp[] = [];
  const observed: Observed[] = [{ aborted: false }, { aborted: false }];
  const logger = captureLogger();
  let a: Caller;
  let b: Caller;

  before(async () => {
    redis = await startRedis();
    for (const seen of observed) {
      const store = await redisStore({ url: redis.url, logger });
      stores.push(store);
      apps.push(await taskApp(seen, { logger }).runHttp({ host: "127.0.0.1", port: 0, store }));
    }
    [a, b] = apps.map((app) => httpCaller(app.endpointUrl)) as [Caller, Caller];
  });
  after(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    await redis?.stop();
  });

  it("a task made on one replica is polled, answered and read to completion through the other", async () => {
    const created = await a.call("tools/call", { name: "ask_two" });
    expect(created.result).to.include({ resultType: "task" });
    const taskId = created.result!.taskId as string;
    const waiting = await until(b, taskId, (t) => t.status === "input_required");
    expect(Object.keys(waiting.inputRequests as object).sort()).to.deep.equal(["a", "b"]);
    const ack = await b.call("tasks/update", {
      taskId,
      inputResponses: { a: { action: "accept", content: { name: "Bo" } }, b: { action: "cancel" } },
    });
    expect(ack.result).to.include({ resultType: "complete" });
    const done = await until(roundRobin([a, b]), taskId, terminal);
    expect(done).to.deep.include({
      status: "completed",
      result: { content: [{ type: "text", text: "a=Bo b=cancel" }] },
    });
    expect(done).to.not.have.property("inputRequests");
  });

  it("a task running on one replica is cancelled through the other, which stops its work", async () => {
    const created = await b.call("tools/call", { name: "slow", arguments: { ms: 60_000 } });
    const taskId = created.result!.taskId as string;
    expect((await a.call("tasks/get", { taskId })).result).to.include({ status: "working" });
    expect((await a.call("tasks/cancel", { taskId })).result).to.include({ resultType: "complete" });
    await until(a, taskId, (t) => t.status === "cancelled");
    expect(observed[1]!.aborted).to.equal(true);
    expect(observed[0]!.aborted).to.equal(false);
  });

  it("answers an unknown task -32602 on either replica", async () => {
    for (const caller of [a, b])
      expect((await caller.call("tasks/get", { taskId: "missing" })).error).to.include({
        code: ErrorCode.InvalidParams,
      });
  });

  it("survives losing Redis: -32603 and one log line meanwhile, then works again once it is back", async () => {
    const created = await a.call("tools/call", { name: "slow", arguments: { ms: 10 } });
    const before = created.result!.taskId as string;
    await until(b, before, terminal);
    const logged = logger.lines.length;
    await redis.stop();
    await sleep(100);
    for (let i = 0; i < 3; i++) {
      const lost = await b.call("tasks/get", { taskId: before });
      expect(lost.error).to.include({ code: ErrorCode.InternalError });
    }
    const made = await a.call("tools/call", { name: "slow", arguments: { ms: 10 } });
    expect(made.error).to.include({ code: ErrorCode.InternalError });
    // Tools that need no store still answer.
    expect((await b.call("tools/call", { name: "echo" })).result).to.deep.include({
      content: [{ type: "text", text: "echoed" }],
    });
    // One line per replica's connection, nothing per request.
    const outage = logger.lines.slice(logged).filter((line) => line.startsWith("error:") || line.startsWith("warn:"));
    expect(outage).to.have.length(2);
    expect(outage.every((line) => line.startsWith("error: redis:"))).to.equal(true);
    await redis.start();
    for (let i = 0; i < 100 && !stores.every((s) => s.client.isReady); i++) await sleep(50);
    const again = await a.call("tools/call", { name: "slow", arguments: { ms: 10 } });
    const taskId = again.result!.taskId as string;
    expect(await until(b, taskId, terminal)).to.include({ status: "completed" });
    expect(logger.lines.filter((line) => line.includes("is reachable again"))).to.have.length(2);
    // The command channels are listened to again: a cancel through B still stops A's work.
    observed[0]!.aborted = false;
    const slow = (await a.call("tools/call", { name: "slow", arguments: { ms: 60_000 } })).result!.taskId as string;
    for (let i = 0; i < 100 && !observed[0]!.aborted; i++) {
      await b.call("tasks/cancel", { taskId: slow });
      await sleep(50);
    }
    expect(observed[0]!.aborted).to.equal(true);
    expect(await until(b, slow, terminal)).to.include({ status: "cancelled" });
  });
});
