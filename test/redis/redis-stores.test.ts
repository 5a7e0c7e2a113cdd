import { expect } from "chai";
import { createClient } from "redis";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { RedisEventStore } from "../../src/redis/event-store.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

/** Every event a store replays after `lastEventId`, and the stream id it names. */
async function replay(store: RedisEventStore, lastEventId: string) {
  const events: [string, unknown][] = [];
  const streamId = await store.replayEventsAfter(lastEventId, (id, message) => void events.push([id, message]));
  return { streamId, events };
}

describe("Redis stores (a real redis-server)", function () {
  let redis: RedisServer;
  let a: RedisStore;
  let b: RedisStore;

  before(async () => {
    redis = await startRedis();
    a = await redisStore({ url: redis.url, logger: captureLogger() });
    b = await redisStore({ url: redis.url, logger: captureLogger() });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it("replays on one replica exactly the events after Last-Event-ID stored by another, in order, each once", async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push(await a.eventStore.storeEvent("s1", { n: i }));
    await a.eventStore.storeEvent("s2", { other: true });
    const after2 = await replay(b.eventStore, ids[1]!);
    expect(after2.streamId).to.equal("s1");
    expect(after2.events).to.deep.equal([3, 4, 5].map((n) => [ids[n - 1], { n }]));
    // Resumed again from the last event replayed: nothing repeats.
    expect((await replay(b.eventStore, ids[4]!)).events).to.deep.equal([]);
    const more = await b.eventStore.storeEvent("s1", { n: 6 });
    expect((await replay(a.eventStore, ids[4]!)).events).to.deep.equal([[more, { n: 6 }]]);
  });

  it("answers undefined for an unknown stream or a malformed event id, and forgets a stream", async () => {
    const id = await a.eventStore.storeEvent("gone", null);
    for (const bad of ["nope", ":1-0", "s1:", "s1:abc", "s1:1-0-0", "unknown:1-0", "s1:99999999999999999999999-0"])
      expect((await replay(b.eventStore, bad)).streamId, bad).to.equal(undefined);
    expect((await replay(b.eventStore, id)).streamId).to.equal("gone");
    a.eventStore.forgetStream("gone");
    await a.client.ping();
    expect((await replay(b.eventStore, id)).streamId).to.equal(undefined);
  });

  it("bounds each stream by length and by age", async () => {
    const store = new RedisEventStore(a.client, { prefix: "bounded:", maxEventsPerStream: 100, maxAgeMs: 5_000 });
    for (let i = 0; i < 1000; i++) await store.storeEvent("long", i);
    const length = await a.client.xLen("bounded:events:long");
    expect(length).to.be.at.least(100).and.at.most(300);
    const ttl = await a.client.pTTL("bounded:events:long");
    expect(ttl).to.be.greaterThan(0).and.at.most(5_000);
  });

  it("refuses a replayed key on another replica until its time has passed", async () => {
    const until = Date.now() / 1000 + 0.3;
    expect(await a.replayCache.remember("jkt jti-1", until)).to.equal(true);
    expect(await b.replayCache.remember("jkt jti-1", until)).to.equal(false);
    expect(await a.replayCache.remember("jkt jti-1", until)).to.equal(false);
    expect(await b.replayCache.remember("jkt jti-2", until)).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await b.replayCache.remember("jkt jti-1", Date.now() / 1000 + 1)).to.equal(true);
  });

  it("shares task records with their TTL, and delivers commands only to a replica that listens", async () => {
    const record = {
      taskId: "t1",
      owner: "me",
      replica: "r1",
      task: { taskId: "t1", status: "working" },
      expiresAt: Date.now() + 300,
    };
    await a.tasks.save(record);
    expect(await b.tasks.load("t1")).to.deep.equal(record);
    expect(await b.tasks.load("t2")).to.equal(undefined);
    const got: unknown[] = [];
    const stop = await a.tasks.listen("r1", (command) => void got.push(command));
    expect(await b.tasks.send("r1", { taskId: "t1", owner: "me", cancel: true })).to.equal(true);
    expect(await b.tasks.send("r2", { taskId: "t1", owner: "me", cancel: true })).to.equal(false);
    // A malformed message on the channel is ignored, not thrown.
    await b.client.publish("mcpkit:replica:r1:tasks", "{not json");
    await b.client.publish("mcpkit:replica:r1:tasks", JSON.stringify({ taskId: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(got).to.deep.equal([{ taskId: "t1", owner: "me", cancel: true }]);
    await stop();
    expect(await b.tasks.send("r1", { taskId: "t1", owner: "me", cancel: true })).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await b.tasks.load("t1")).to.equal(undefined);
  });

  it("keeps a malformed record out (something else wrote the key)", async () => {
    const raw = createClient({ url: redis.url });
    await raw.connect();
    await raw.set("mcpkit:task:odd", JSON.stringify({ taskId: "odd" }));
    await raw.close();
    expect(await a.tasks.load("odd")).to.equal(undefined);
  });
});
