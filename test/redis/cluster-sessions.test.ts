import { expect } from "chai";
import { ErrorCode } from "../../src/protocol/errors.js";
import type { Progress } from "../../src/protocol/outbound.js";
import { texts } from "../interop/helpers.js";
import { alive, startCluster, type Cluster } from "../support/cluster.js";
import {
  allAnswered,
  expectEachOnAnotherReplica,
  ownerOnceRecorded,
  sessionOwner,
  statefulClient,
  type Sent,
} from "../support/cluster-sessions.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

const WATCHED = "test://watched-resource";
const ALL = ["replica1", "replica2", "replica3"];

describe("stateful sessions (2025-11-25) across three replicas behind haproxy, each request on another replica", function () {
  this.timeout(180_000);
  let redis: RedisServer;
  let cluster: Cluster;
  const log: Sent[] = [];
  let client: ReturnType<typeof statefulClient>;

  before(async () => {
    redis = await startRedis();
    cluster = await startCluster(["--replicas", "3", "--redis", redis.url]);
    client = statefulClient(cluster.url, log);
    await client.session.initialize();
    expect(client.session.protocolVersion).to.equal("2025-11-25");
  });
  after(async () => {
    await client?.session.close();
    if (cluster) expect(await cluster.stop()).to.equal(0);
    await redis?.stop();
  });

  it("round robin: the initialize, the GET stream and every request after land each on another replica than the one before", async () => {
    // The GET stream is opened without being awaited: answered first, it cannot race the pings to haproxy.
    await allAnswered(log);
    const from = log.length;
    for (let i = 0; i < 3; i++) await client.session.ping();
    // Sequential requests (the GET stream opened before them): the order haproxy saw is the order sent.
    const sent = log;
    expect(sent.map((r) => r.method).slice(0, 3)).to.deep.equal(["initialize", "notifications/initialized", "GET"]);
    await expectEachOnAnotherReplica(sent);
    expect(new Set(log.slice(from).map((r) => r.replica))).to.deep.equal(new Set(ALL));
  });

  it("tools/list and tools/call, answered through replicas that do not own the session", async () => {
    const from = log.length;
    const owner = await sessionOwner(redis.url, client.transport.sessionId!, cluster.pids);
    for (let i = 0; i < 3; i++) {
      const { tools } = await client.session.listTools();
      expect(tools.map((t) => t.name)).to.include.members(["cluster_progress", "test_sampling"]);
      const called = await client.session.callTool("test_simple_text", {});
      expect(texts(called.content)).to.deep.equal(["This is a simple text response for testing."]);
    }
    const routed = log.slice(from);
    await expectEachOnAnotherReplica(routed);
    expect(routed.filter((r) => r.replica !== owner).length, "requests forwarded to the owner").to.be.greaterThan(2);
  });

  it("progress: every notification of a call landing on a non-owner arrives, in order, then the result", async () => {
    const progress: Progress[] = [];
    const from = log.length;
    const result = await client.session.callTool(
      "cluster_progress",
      { steps: 8, intervalMs: 50 },
      { onprogress: (p) => progress.push(p) },
    );
    expect(texts(result.content)).to.deep.equal(["cluster_progress: 8 steps done"]);
    expect(progress.map((p) => p.progress)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(progress.every((p) => p.total === 8)).to.equal(true);
    await expectEachOnAnotherReplica(log.slice(from - 1));
  });

  it("sampling: the server's request reaches the client and its answer, posted through another replica, returns to the tool", async () => {
    const from = log.length;
    const result = await client.session.callTool("test_sampling", { prompt: "what is 2+2?" });
    expect(texts(result.content)).to.deep.equal(["LLM response: model says: what is 2+2?"]);
    const routed = log.slice(from);
    // The call, then the client's answer to sampling/createMessage: two POSTs, two replicas.
    expect(routed.map((r) => r.method)).to.deep.equal(["tools/call", "response"]);
    // The answer to the client's POST (202) comes through another replica than the tool's result:
    // either may arrive first (the check waits for both).
    await expectEachOnAnotherReplica(log.slice(from - 1));
  });

  it("resources/subscribe, then updates raised through calls on the other replicas arrive on the GET stream", async () => {
    const from = log.length;
    expect(await client.session.subscribe({ uri: WATCHED })).to.deep.equal({});
    const mark = client.updates.mark();
    for (let i = 0; i < 3; i++)
      expect(texts((await client.session.callTool("cluster_touch_resource", { uri: WATCHED })).content)).to.deep.equal([
        `updated ${WATCHED}`,
      ]);
    const touched = log.slice(from + 1).map((r) => r.replica);
    expect(new Set(touched), "the updates were raised on every replica").to.deep.equal(new Set(ALL));
    for (let i = 0; i < 3; i++)
      await client.updates.waitFor((u) => u.uri === WATCHED, { from: mark + i, what: `update ${i + 1}` });
    expect(client.updates.since(mark)).to.deep.equal([{ uri: WATCHED }, { uri: WATCHED }, { uri: WATCHED }]);
    expect(await client.session.unsubscribe({ uri: WATCHED })).to.deep.equal({});
  });

  it("logging/setLevel, set through one replica, filters what the tool logs on whichever replica runs it", async () => {
    const from = log.length;
    const mark = client.logs.mark();
    expect(await client.session.setLevel({ level: "warning" })).to.deep.equal({});
    await client.session.callTool("test_tool_with_logging", {});
    // The messages travel before the result on the call's stream: none came, none will.
    expect(client.logs.since(mark), "info messages below warning").to.deep.equal([]);
    expect(await client.session.setLevel({ level: "debug" })).to.deep.equal({});
    await client.session.callTool("test_tool_with_logging", {});
    expect(client.logs.since(mark).map((m) => [m.level, m.data])).to.deep.equal([
      ["info", "Tool execution started"],
      ["info", "Tool processing data"],
      ["info", "Tool execution completed"],
    ]);
    await expectEachOnAnotherReplica(log.slice(from - 1));
  });

  it("the whole session: no request was answered by haproxy instead of a replica, and every replica served it", async () => {
    await expectEachOnAnotherReplica(log);
    expect(log.every((r) => r.status !== undefined && r.status < 500)).to.equal(true);
    expect(cluster.pids.every(alive)).to.equal(true);
  });

  it("redis-server restarted empty under the live session: its owner records it again, and every replica serves it, never re-initialized", async () => {
    const sessionId = client.transport.sessionId!;
    const owner = await sessionOwner(redis.url, sessionId, cluster.pids);
    await redis.stop();
    // Meanwhile: what each replica answers (the owner holds the session; the others need Redis to reach it).
    const during: { replica: string; outcome: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const from = log.length;
      const outcome = await client.session.callTool("test_simple_text", {}).then(
        () => "ok",
        (error: { code?: number }) => `error ${error.code}`,
      );
      during.push({ replica: log[from]!.replica, outcome });
    }
    expect(during.map((d) => d.replica).sort()).to.deep.equal(ALL);
    expect(during.find((d) => d.replica === owner)?.outcome, "the owner, without Redis").to.equal("ok");
    for (const { replica, outcome } of during.filter((d) => d.replica !== owner))
      expect(outcome, `${replica}, without Redis`).to.equal(`error ${ErrorCode.InternalError}`);

    await redis.start();
    expect(await ownerOnceRecorded(redis.url, sessionId, cluster.pids), "re-asserted by its owner").to.equal(owner);
    const from = log.length;
    for (let i = 0; i < 3; i++)
      expect(texts((await client.session.callTool("test_simple_text", {})).content)).to.have.length(1);
    expect(new Set(log.slice(from).map((r) => r.replica))).to.deep.equal(new Set(ALL));
    // The GET stream is back too: an update raised on any replica reaches it.
    expect(await client.session.subscribe({ uri: WATCHED })).to.deep.equal({});
    const mark = client.updates.mark();
    await client.session.callTool("cluster_touch_resource", { uri: WATCHED });
    await client.updates.waitFor((u) => u.uri === WATCHED, { from: mark, what: "the update after the restart" });
    expect(log.filter((r) => r.method === "initialize")).to.have.length(1);
    expect(client.transport.sessionId).to.equal(sessionId);
    expect(cluster.pids.every(alive), "the same replicas").to.equal(true);
  });
});
