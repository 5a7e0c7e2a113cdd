import { expect } from "chai";
import { createClient } from "redis";
import type { Progress } from "../../src/protocol/outbound.js";
import { texts } from "../interop/helpers.js";
import { alive, type Cluster } from "../support/cluster.js";
import {
  allAnswered,
  expectEachOnAnotherReplica,
  sendOrderFetch,
  sessionOwner,
  statefulClient,
  type Sent,
  threeReplicas,
} from "../support/cluster-sessions.js";
import type { RedisServer } from "../support/redis-server.js";

const ALL = ["replica1", "replica2", "replica3"];

/** Three POSTs of `body` in a row with `headers` (each lands on another replica): their replicas, statuses and bodies. */
async function postThrice(url: string, headers: Record<string, string>, body: unknown) {
  const log: Sent[] = [];
  const send = sendOrderFetch(log);
  const answers: { status: number; body: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const response = await send(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    answers.push({ status: response.status, body: await response.text() });
  }
  return { log, answers };
}

const PING = { jsonrpc: "2.0", id: 1, method: "ping" };

describe("stateful sessions across three replicas behind haproxy: earlier revisions, the end of a session, session ids no replica owns", function () {
  this.timeout(180_000);
  let redis: RedisServer;
  let cluster: Cluster;

  const topology = threeReplicas();
  before(() => ({ redis, cluster } = topology));

  for (const revision of ["2025-06-18", "2025-03-26"] as const)
    it(`${revision}: tools, progress and a sampling round trip, each request on another replica`, async () => {
      const log: Sent[] = [];
      const client = statefulClient(cluster.url, log, revision);
      await client.session.initialize();
      expect(client.session.protocolVersion).to.equal(revision);
      await allAnswered(log);
      const progress: Progress[] = [];
      const result = await client.session.callTool(
        "cluster_progress",
        { steps: 4, intervalMs: 20 },
        { onprogress: (p) => progress.push(p) },
      );
      expect(texts(result.content)).to.deep.equal(["cluster_progress: 4 steps done"]);
      expect(progress.map((p) => p.progress)).to.deep.equal([1, 2, 3, 4]);
      const sampled = await client.session.callTool("test_sampling", { prompt: revision });
      expect(texts(sampled.content)).to.deep.equal([`LLM response: model says: ${revision}`]);
      expect((await client.session.listTools()).tools.length).to.be.greaterThan(10);
      await allAnswered(log);
      await expectEachOnAnotherReplica(log);
      expect(new Set(log.map((r) => r.replica))).to.deep.equal(new Set(ALL));
      await client.session.close();
    });

  it("a DELETE landing on a replica that does not own the session ends it everywhere: 404 from each replica after", async () => {
    const log: Sent[] = [];
    const client = statefulClient(cluster.url, log);
    await client.session.initialize();
    await allAnswered(log);
    const sessionId = client.transport.sessionId!;
    const owner = await sessionOwner(redis.url, sessionId, cluster.pids);
    // initialize (its replica owns the session), notifications/initialized, GET, then a ping back on the owner: the DELETE goes elsewhere.
    await client.session.ping();
    expect(log.map((r) => r.method)).to.deep.equal(["initialize", "notifications/initialized", "GET", "ping"]);
    expect(log[3]!.replica).to.equal(owner);
    await client.session.close();
    const deleted = log.at(-1)!;
    expect(deleted).to.deep.include({ method: "DELETE", status: 200 });
    expect(deleted.replica).to.not.equal(owner);
    const headers = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" };
    const { log: after, answers } = await postThrice(cluster.url, headers, PING);
    expect(new Set(after.map((r) => r.replica))).to.deep.equal(new Set(ALL));
    expect(answers.map((a) => a.status)).to.deep.equal([404, 404, 404]);
  });

  it("a Last-Event-ID of another session's stream replays nothing of it, on any replica", async () => {
    const a = statefulClient(cluster.url, []);
    const b = statefulClient(cluster.url, []);
    await a.session.initialize();
    await b.session.initialize();
    const headers = (sessionId: string) => ({ "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" });
    const call = {
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { name: "cluster_progress", arguments: { steps: 3, intervalMs: 10 }, _meta: { progressToken: "b-only" } },
    };
    const { answers } = await postThrice(cluster.url, headers(b.transport.sessionId!), call);
    const ids = answers.flatMap((answer) => [...answer.body.matchAll(/^id: (.+)$/gm)].map((m) => m[1]!));
    expect(answers.every((answer) => answer.body.includes('"progressToken":"b-only"'))).to.equal(true);
    expect(ids.length, "event ids of b's streams").to.be.greaterThan(5);
    for (const lastEventId of ids.slice(0, 3)) {
      const resumed = await fetch(cluster.url, {
        headers: { accept: "text/event-stream", "last-event-id": lastEventId, ...headers(a.transport.sessionId!) },
        signal: AbortSignal.timeout(10_000),
      });
      const body = await resumed.text();
      expect(resumed.status, body).to.equal(404);
      expect(body).to.not.include("b-only");
    }
    await a.session.close();
    await b.session.close();
  });

  it("a session id no replica knows is 404 on each replica, at once", async () => {
    const headers = { "mcp-session-id": "no-such-session", "mcp-protocol-version": "2025-11-25" };
    const { log, answers } = await postThrice(cluster.url, headers, PING);
    expect(new Set(log.map((r) => r.replica))).to.deep.equal(new Set(ALL));
    expect(answers.map((a) => a.status)).to.deep.equal([404, 404, 404]);
  });

  it("a session whose recorded owner never existed is taken over by the first replica it reaches, and forwarded to it by the others", async () => {
    const sessionId = "fabricated-session-0001";
    const redisClient = createClient({ url: redis.url });
    await redisClient.connect();
    try {
      await redisClient.hSet(`mcpkit:session:${sessionId}`, {
        owner: "999999@nowhere/00000000",
        revision: "2025-11-25",
        client: JSON.stringify({
          protocolVersion: "2025-11-25",
          capabilities: {},
          clientInfo: { name: "x", version: "1" },
        }),
      });
      await redisClient.pExpire(`mcpkit:session:${sessionId}`, 60_000);
    } finally {
      await redisClient.quit();
    }
    const headers = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" };
    const { log, answers } = await postThrice(cluster.url, headers, PING);
    expect(new Set(log.map((r) => r.replica))).to.deep.equal(new Set(ALL));
    // The first replica finds no owner listening and takes the session over; the next two forward to it.
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200]);
    for (const answer of answers) expect(answer.body).to.include('"result":{}');
    expect(await sessionOwner(redis.url, sessionId, cluster.pids)).to.equal(log[0]!.replica);
    expect(cluster.pids.every(alive)).to.equal(true);
  });
});
