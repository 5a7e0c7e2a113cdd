import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import type { Progress } from "../../src/protocol/outbound.js";
import { ErrorCode } from "../../src/protocol/errors.js";
import { Inbox, texts } from "../interop/helpers.js";
import { alive, type Cluster } from "../support/cluster.js";
import {
  allAnswered,
  nextAfter,
  pidOf,
  sessionOwner,
  statefulClient,
  untilStderr,
  type Sent,
  threeReplicas,
} from "../support/cluster-sessions.js";
import { captureLogger } from "../support/peers.js";
import type { RedisServer } from "../support/redis-server.js";

/** A call long enough to be cut in the middle: 50 progress notifications, one every 100 ms. */
const LONG = { steps: 50, intervalMs: 100 };

type Client = ReturnType<typeof statefulClient>;

/** Pings until haproxy's round robin will send the next request to `target` (of `alive`). */
async function steerTo(client: Client, log: Sent[], target: string, alive: string[]): Promise<void> {
  await allAnswered(log);
  for (let i = 0; i < alive.length && nextAfter(log.at(-1)!.replica, alive) !== target; i++)
    await client.session.ping();
  expect(nextAfter(log.at(-1)!.replica, alive), "the next request's replica").to.equal(target);
}

/** Starts the long call; its progress goes to the inbox returned. */
function longCall(client: { session: ClientSession }) {
  const progress = new Inbox<number>();
  const call = client.session.callTool("cluster_progress", LONG, {
    onprogress: (p: Progress) => progress.push(p.progress),
  });
  // Settled by the test; a rejection here is an outcome to check, not an unhandled one.
  call.catch(() => undefined);
  return { call, progress };
}

/** SIGKILLs `replica` once the call has reported a few steps, and resolves once haproxy took it out of the rotation. */
async function killMidStream(cluster: Cluster, replica: string, progress: Inbox<number>): Promise<Promise<void>> {
  await progress.waitFor((step) => step >= 3, { what: "the third progress notification" });
  process.kill(pidOf(cluster.pids, replica), "SIGKILL");
  return untilStderr(cluster, new RegExp(`Server replicas/${replica} is DOWN`));
}

/** 1, 2, … n: each step once, none missing. */
const steps = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("a replica SIGKILLed in the middle of a long SSE response (2025-11-25, three replicas behind haproxy)", function () {
  this.timeout(180_000);
  let redis: RedisServer;
  let cluster: Cluster;
  const up = ["replica1", "replica2", "replica3"];

  const topology = threeReplicas();
  before(() => ({ redis, cluster } = topology));

  it("(a) the replica carrying the stream, not the owner: resumed on another replica, each step once, then the result", async () => {
    const log: Sent[] = [];
    const client = statefulClient(cluster.url, log);
    await client.session.initialize();
    const sessionId = client.transport.sessionId!;
    const owner = await sessionOwner(redis.url, sessionId, cluster.pids);
    const carrier = up.find((replica) => replica !== owner)!;
    await steerTo(client, log, carrier, up);
    const from = log.length;
    const { call, progress } = longCall(client);
    const down = await killMidStream(cluster, carrier, progress);
    up.splice(up.indexOf(carrier), 1);
    expect(log[from], "the call").to.deep.include({ method: "tools/call", replica: carrier });

    const result = await call;
    expect(texts(result.content)).to.deep.equal([`cluster_progress: ${LONG.steps} steps done`]);
    expect(progress.items, "every step once, in order").to.deep.equal(steps(LONG.steps));
    const resumed = log.slice(from + 1).filter((r) => r.method === "GET");
    expect(resumed.length, "the stream resumed by GET").to.be.greaterThan(0);
    expect(resumed.at(-1)!.replica, "resumed on a live replica").to.be.oneOf(up);

    // The session goes on, never re-initialized, once haproxy no longer sends anything to the dead replica.
    await down;
    for (let i = 0; i < up.length; i++)
      expect(texts((await client.session.callTool("test_simple_text", {})).content)).to.have.length(1);
    expect(log.filter((r) => r.method === "initialize")).to.have.length(1);
    expect(client.transport.sessionId).to.equal(sessionId);
    expect(await sessionOwner(redis.url, sessionId, cluster.pids), "the owner stayed").to.equal(owner);
    await client.session.close();
  });

  it("(b) the owner itself: resumed on another replica, the steps stored before once each, then an error for the call; the session is taken over", async () => {
    const log: Sent[] = [];
    const client = statefulClient(cluster.url, log);
    await client.session.initialize();
    const sessionId = client.transport.sessionId!;
    const owner = await sessionOwner(redis.url, sessionId, cluster.pids);
    await steerTo(client, log, owner, up);
    const from = log.length;
    const { call, progress } = longCall(client);
    const down = await killMidStream(cluster, owner, progress);
    up.splice(up.indexOf(owner), 1);
    expect(log[from], "the call").to.deep.include({ method: "tools/call", replica: owner });

    const failure = await call.then(
      (result) => expect.fail(`the call answered ${JSON.stringify(result)}`),
      (error: unknown) => error as { code?: number; message?: string },
    );
    expect(failure.code).to.equal(ErrorCode.InternalError);
    expect(failure.message).to.match(/stopped/);
    const seen = progress.items;
    expect(seen.length, "the steps before the kill").to.be.at.least(3);
    expect(seen, "each stored step once, in order").to.deep.equal(steps(seen.length));

    await down;
    const survivor = up[0]!;
    for (let i = 0; i < 2; i++)
      expect(texts((await client.session.callTool("test_simple_text", {})).content)).to.have.length(1);
    expect(log.filter((r) => r.method === "initialize")).to.have.length(1);
    expect(client.transport.sessionId).to.equal(sessionId);
    expect(await sessionOwner(redis.url, sessionId, cluster.pids), "taken over").to.equal(survivor);
    expect(cluster.pids.filter(alive)).to.deep.equal([pidOf(cluster.pids, survivor)]);
    await client.session.close();
  });
});

/** A request of no session, only to move haproxy's round robin on: the replica that answered it. */
async function probe(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response.headers.get("x-mcp-replica") ?? "?";
}

describe("a replica SIGKILLed mid-SSE under mcpkit's default transport (node:http, no fetch)", function () {
  this.timeout(180_000);
  let redis: RedisServer;
  let cluster: Cluster;
  const up = ["replica1", "replica2", "replica3"];

  const topology = threeReplicas();
  before(() => ({ redis, cluster } = topology));

  it("the replica carrying the stream, not the owner: resumed elsewhere, each step once, then the result; the session goes on", async () => {
    // No standalone GET: nothing but this test's own requests moves the round robin, so the probes steer the call.
    const transport = streamableHttpClient(cluster.url, {
      openStandaloneStream: false,
      reconnection: { initialDelay: 100, maxDelay: 1000, maxRetries: 20 },
    });
    const session = new ClientSession(transport, { protocolVersion: "2025-11-25", logger: captureLogger() });
    await session.initialize();
    const owner = await sessionOwner(redis.url, transport.sessionId!, cluster.pids);
    const carrier = up.find((replica) => replica !== owner)!;
    let last = await probe(cluster.url);
    for (let i = 0; i < up.length && nextAfter(last, up) !== carrier; i++) last = await probe(cluster.url);
    expect(nextAfter(last, up), "the call's replica").to.equal(carrier);
    const { call, progress } = longCall({ session });
    const down = await killMidStream(cluster, carrier, progress);
    up.splice(up.indexOf(carrier), 1);

    const result = await call;
    expect(texts(result.content)).to.deep.equal([`cluster_progress: ${LONG.steps} steps done`]);
    expect(progress.items, "every step once, in order").to.deep.equal(steps(LONG.steps));
    await down;
    for (let i = 0; i < up.length; i++)
      expect(texts((await session.callTool("test_simple_text", {})).content)).to.have.length(1);
    expect(await sessionOwner(redis.url, transport.sessionId!, cluster.pids)).to.equal(owner);
    await session.close();
  });
});
