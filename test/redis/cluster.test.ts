import { expect } from "chai";
import { connect, type Socket } from "node:net";
import { ClientSession } from "../../src/client/client-session.js";
import { ErrorCode } from "../../src/protocol/errors.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { alive, recordingFetch, runCluster, startCluster, type Cluster, type Routed } from "../support/cluster.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The next value of `iterator`, or a failure after `ms`. */
async function next<T>(iterator: AsyncIterator<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("no notification came")), ms);
  });
  try {
    return (await Promise.race([iterator.next(), timeout])).value as T;
  } finally {
    clearTimeout(timer);
  }
}

/** The replicas that answered requests of `method` in `log` since `from`. */
const replicasOf = (log: Routed[], method: string, from = 0) =>
  log.slice(from).flatMap((r) => (r.method === method ? [r.replica] : []));

describe("npm run cluster: three replicas behind haproxy (round robin, no stickiness) sharing a redis-server", function () {
  this.timeout(180_000);
  let redis: RedisServer;
  let cluster: Cluster;
  const log: Routed[] = [];
  let client: ClientSession;

  before(async () => {
    redis = await startRedis();
    cluster = await startCluster(["--replicas", "3", "--redis", redis.url]);
    client = new ClientSession(streamableHttpClient(cluster.url, { fetch: recordingFetch(log) }), {
      protocolVersion: "2026-07-28",
      tasks: { pollIntervalMs: 50 },
      logger: captureLogger(),
    });
    await client.initialize();
  });
  after(async () => {
    await client?.close();
    if (cluster) {
      expect(await cluster.stop()).to.equal(0);
      await sleep(100);
      expect(cluster.pids.filter(alive), "replicas left running").to.deep.equal([]);
    }
    await redis?.stop();
  });

  it("starts three replicas and says their pids once", () => {
    expect(cluster.pids).to.have.length(3);
    expect(cluster.pids.every(alive)).to.equal(true);
  });

  it("answers tools/list and tools/call from different replicas, each a stateless request", async () => {
    const from = log.length;
    for (let i = 0; i < 3; i++) {
      const tools = await client.listTools();
      expect(tools.tools.map((t) => t.name)).to.include("slow_compute");
      const called = await client.callTool("greet", { name: "Ada" });
      expect(called.content).to.deep.equal([{ type: "text", text: "Hello, Ada!" }]);
    }
    const answered = log.slice(from).map((r) => r.replica);
    expect(new Set(answered)).to.deep.equal(new Set(["replica1", "replica2", "replica3"]));
    expect(new Set(replicasOf(log, "tools/list", from)).size).to.be.greaterThan(1);
    expect(new Set(replicasOf(log, "tools/call", from)).size).to.be.greaterThan(1);
  });

  it("a task started through one request completes and is read through requests landing on the others", async () => {
    const from = log.length;
    const start = await client.callToolTask("slow_compute", { seconds: 0.5, label: "shared" });
    expect(start.task, "a task").to.not.equal(undefined);
    const [created] = replicasOf(log, "tools/call", from);
    const result = await start.task!.result();
    expect(result).to.deep.include({ content: [{ type: "text", text: "shared: done after 0.5s" }] });
    const polls = replicasOf(log, "tasks/get", from);
    const elsewhere = polls.filter((replica) => replica !== created);
    expect(elsewhere.length, "polls answered by other replicas").to.be.greaterThan(0);
    expect(new Set(polls).size).to.be.greaterThan(1);
  });

  it("a subscriptions/listen stream sees a tools list change made through a request landing on another replica", async () => {
    const subscription = client.subscribe({ toolsListChanged: true });
    await subscription.acknowledged;
    const [listener] = replicasOf(log, "subscriptions/listen").slice(-1);
    const iterator = subscription[Symbol.asyncIterator]();
    // Round robin: of three changes in a row, at least two land on replicas other than the listener's.
    const from = log.length;
    for (let i = 0; i < 3; i++) await client.callTool("test_trigger_tool_change", {});
    const changers = replicasOf(log, "tools/call", from);
    expect(changers.filter((replica) => replica !== listener)).to.have.length.greaterThan(1);
    for (let i = 0; i < 3; i++)
      expect(await next(iterator)).to.have.property("method", "notifications/tools/list_changed");
    await subscription.close();
  });

  it("recovers from a redis-server restart without restarting the replicas", async () => {
    await redis.stop();
    await sleep(1000);
    const failed = await client.callToolTask("slow_compute", { seconds: 0 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed, "a task needs Redis").to.have.property("code", ErrorCode.InternalError);
    // What needs no store is still served meanwhile.
    expect((await client.callTool("greet", { name: "Bo" })).content).to.deep.equal([
      { type: "text", text: "Hello, Bo!" },
    ]);
    await redis.start();
    // Each replica reconnects on its own (backoff up to 2 s): wait until a task works through each of them.
    const deadline = Date.now() + 20_000;
    const recovered = new Set<string>();
    while (recovered.size < 3 && Date.now() < deadline) {
      const from = log.length;
      const started = await client.callToolTask("slow_compute", { seconds: 0 }).catch(() => undefined);
      if (!started?.task) {
        await sleep(200);
        continue;
      }
      recovered.add(replicasOf(log, "tools/call", from)[0]!);
      expect(await started.task.result()).to.deep.include({
        content: [{ type: "text", text: "compute: done after 0s" }],
      });
    }
    expect([...recovered].sort(), "a task created through each replica").to.deep.equal([
      "replica1",
      "replica2",
      "replica3",
    ]);
    expect(cluster.pids.every(alive), "the same replicas").to.equal(true);
    // Each replica told of the loss once (relayed by the cluster to its stderr; the return is an info line).
    const lost = cluster
      .stderr()
      .split("\n")
      .filter((line) => line.includes("cannot be reached"));
    expect(lost, "one line per replica").to.have.length(3);
  });
});

describe("npm run cluster: its own redis-server, refusals and shutdown", function () {
  this.timeout(120_000);

  it("starts redis-server, one replica and haproxy, and stops all of them on SIGTERM", async () => {
    const cluster = await startCluster(["--replicas", "1"]);
    const client = new ClientSession(streamableHttpClient(cluster.url), {
      protocolVersion: "2026-07-28",
      logger: captureLogger(),
    });
    await client.initialize();
    expect((await client.callTool("greet", { name: "Cy" })).content).to.deep.equal([
      { type: "text", text: "Hello, Cy!" },
    ]);
    await client.close();
    expect(await cluster.stop()).to.equal(0);
    await sleep(100);
    expect(cluster.pids.filter(alive)).to.deep.equal([]);
    expect(await fetch(cluster.url).catch(() => "refused"), "haproxy stopped").to.equal("refused");
    const redisPort = Number(/\(redis redis:\/\/127\.0\.0\.1:(\d+)\)/.exec(cluster.stderr())![1]);
    const redisGone = await new Promise((resolve) =>
      connect(redisPort, "127.0.0.1")
        .once("connect", function (this: Socket) {
          this.destroy();
          resolve(false);
        })
        .once("error", () => resolve(true)),
    );
    expect(redisGone, "redis-server stopped").to.equal(true);
  });

  it("refuses a bad --replicas (exit 2) and a port in use (exit 1) with one cluster: line", async () => {
    for (const replicas of ["0", "x", "1.5"]) {
      const refused = await runCluster(["--replicas", replicas, "--port", "1"]);
      expect(refused.code).to.equal(2);
      expect(refused.stderr.trim().split("\n")).to.have.length(1);
      expect(refused.stderr).to.match(/^cluster: --replicas/);
    }
    const both = await runCluster(["--memory", "--redis", "redis://127.0.0.1:1", "--port", "1"]);
    expect([both.code, both.stderr]).to.deep.equal([2, "cluster: --memory and --redis exclude each other\n"]);
    const held = await startRedis();
    try {
      const refused = await runCluster(["--replicas", "1", "--port", String(held.port)]);
      expect(refused.code).to.equal(1);
      expect(refused.stderr).to.equal(`cluster: 127.0.0.1:${held.port} is in use\n`);
      expect(refused.stdout).to.equal("");
    } finally {
      await held.stop();
    }
  });
});
