import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CreateMessageRequestSchema, McpError as OfficialMcpError } from "@modelcontextprotocol/sdk/types.js";
import { expect } from "chai";
import { Inbox, texts } from "../interop/helpers.js";
import { alive, type Cluster } from "../support/cluster.js";
import {
  allAnswered,
  expectEachOnAnotherReplica,
  nextAfter,
  pidOf,
  sendOrderFetch,
  sessionOwner,
  untilStderr,
  type Sent,
  threeReplicas,
} from "../support/cluster-sessions.js";
import type { RedisServer } from "../support/redis-server.js";

/** The official SDK's client on Streamable HTTP through haproxy, resuming cut streams quickly and patiently. */
async function officialClient(url: string, log: Sent[]) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    fetch: sendOrderFetch(log),
    reconnectionOptions: {
      initialReconnectionDelay: 100,
      maxReconnectionDelay: 1000,
      reconnectionDelayGrowFactor: 1.5,
      maxRetries: 20,
    },
  });
  const client = new Client({ name: "official-over-haproxy", version: "0.0.1" }, { capabilities: { sampling: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    const content = request.params.messages[0]?.content;
    const prompt = content && !Array.isArray(content) && content.type === "text" ? content.text : "?";
    return { role: "assistant", content: { type: "text", text: `model says: ${prompt}` }, model: "m" };
  });
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  return { client, transport, errors };
}

/** Pings until haproxy's round robin will send the next request to `target` (of `alive`). */
async function steerTo(client: Client, log: Sent[], target: string, alive: string[]): Promise<void> {
  await allAnswered(log);
  for (let i = 0; i < alive.length && nextAfter(log.at(-1)!.replica, alive) !== target; i++) await client.ping();
  expect(nextAfter(log.at(-1)!.replica, alive), "the next request's replica").to.equal(target);
}

describe("the official SDK's client (1.32.2) on a 2025-11-25 session across three replicas behind haproxy", function () {
  this.timeout(180_000);
  let redis: RedisServer;
  let cluster: Cluster;
  const up = ["replica1", "replica2", "replica3"];

  const topology = threeReplicas();
  before(() => ({ redis, cluster } = topology));

  it("calls tools through every replica; its owner SIGKILLed, the same client object goes on without initializing again", async () => {
    const log: Sent[] = [];
    const { client, transport } = await officialClient(cluster.url, log);
    expect(client.getServerVersion()).to.deep.include({ name: "mcpkit-everything-server" });
    const sessionId = transport.sessionId!;
    for (let i = 0; i < 3; i++) {
      const result = await client.callTool({ name: "test_simple_text", arguments: {} });
      expect(texts(result.content as unknown[])).to.deep.equal(["This is a simple text response for testing."]);
    }
    const sampled = await client.callTool({ name: "test_sampling", arguments: { prompt: "hi" } });
    expect(texts(sampled.content as unknown[])).to.deep.equal(["LLM response: model says: hi"]);
    await allAnswered(log);
    await expectEachOnAnotherReplica(log);
    expect(new Set(log.map((r) => r.replica))).to.deep.equal(new Set(up));

    const owner = await sessionOwner(redis.url, sessionId, cluster.pids);
    process.kill(pidOf(cluster.pids, owner), "SIGKILL");
    up.splice(up.indexOf(owner), 1);
    await untilStderr(cluster, new RegExp(`Server replicas/${owner} is DOWN`));
    const from = log.length;
    for (let i = 0; i < 3; i++) {
      const result = await client.callTool({ name: "test_simple_text", arguments: {} });
      expect(texts(result.content as unknown[])).to.have.length(1);
    }
    const calls = log.slice(from).filter((r) => r.method === "tools/call");
    const seen = JSON.stringify(log.slice(from).map(({ method, replica, status }) => ({ method, replica, status })));
    expect(new Set(calls.map((r) => r.replica)), seen).to.deep.equal(new Set(up));
    expect(log.filter((r) => r.method === "initialize")).to.have.length(1);
    expect(transport.sessionId).to.equal(sessionId);
    expect(await sessionOwner(redis.url, sessionId, cluster.pids)).to.be.oneOf(up);
    await client.close();
  });

  it("its owner SIGKILLed mid-call: the resumed stream brings every stored step once and an error for the call; the client goes on", async () => {
    const log: Sent[] = [];
    const { client, transport } = await officialClient(cluster.url, log);
    const sessionId = transport.sessionId!;
    const owner = await sessionOwner(redis.url, sessionId, cluster.pids);
    await steerTo(client, log, owner, up);
    const progress = new Inbox<number>();
    const call = client
      .callTool({ name: "cluster_progress", arguments: { steps: 50, intervalMs: 100 } }, undefined, {
        onprogress: (p) => progress.push(p.progress),
        timeout: 60_000,
      })
      .then(
        (result) => expect.fail(`the call answered ${JSON.stringify(result)}`),
        (error: unknown) => error,
      );
    await progress.waitFor((step) => step >= 3, { what: "the third progress notification" });
    process.kill(pidOf(cluster.pids, owner), "SIGKILL");
    up.splice(up.indexOf(owner), 1);
    const down = untilStderr(cluster, new RegExp(`Server replicas/${owner} is DOWN`));

    const failure = await call;
    expect(failure).to.be.instanceOf(OfficialMcpError);
    expect(failure).to.have.property("code", -32603);
    expect((failure as Error).message).to.match(/stopped/);
    const seen = progress.items;
    expect(seen, "each stored step once, in order").to.deep.equal(Array.from(seen, (_, i) => i + 1));

    await down;
    const result = await client.callTool({ name: "test_simple_text", arguments: {} });
    expect(texts(result.content as unknown[])).to.have.length(1);
    expect(log.filter((r) => r.method === "initialize")).to.have.length(1);
    expect(transport.sessionId).to.equal(sessionId);
    expect(cluster.pids.filter(alive)).to.have.length(1);
    await client.close();
  });
});
