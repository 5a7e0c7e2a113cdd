/**
 * What the stateful-session tests over `npm run cluster` need beyond test/support/cluster.ts: a
 * fetch that logs requests in the order they were sent (the order haproxy's round robin sees), the
 * replica that owns a session (its Redis record), and a way to steer the next request to a replica.
 */
import { expect } from "chai";
import { createClient } from "redis";
import type { Revision } from "../../generated/index.js";
import { ClientSession } from "../../src/client/client-session.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { Inbox } from "../interop/helpers.js";
import { startCluster, type Cluster } from "./cluster.js";
import { captureLogger } from "./peers.js";
import { startRedis, type RedisServer } from "./redis-server.js";

/** One request as sent through haproxy: its method, and the replica that answered (`?` until it did, or when haproxy did). */
export interface Sent {
  method: string;
  replica: string;
  status?: number;
  /** Settles once the response's headers came (or the request failed). */
  answered: Promise<unknown>;
}

/** Resolves once every request sent so far has its answer's headers. */
export async function allAnswered(log: Sent[]): Promise<void> {
  await Promise.allSettled(log.map((entry) => entry.answered));
}

/** A fetch that appends each request to `log` as it is sent, then notes which replica answered it. */
export function sendOrderFetch(log: Sent[]): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const method = headers.get("mcp-method") ?? methodOf(init) ?? init?.method ?? "GET";
    const answer = fetch(input, init);
    const answered = answer.then((response) => {
      entry.replica = response.headers.get("x-mcp-replica") ?? "?";
      entry.status = response.status;
    });
    const entry: Sent = { method, replica: "?", answered: answered.catch(() => undefined) };
    log.push(entry);
    await answered;
    return answer;
  };
}

/** The JSON-RPC method of a POST body (the official SDK's client sends no Mcp-Method header), or "response". */
function methodOf(init: RequestInit | undefined): string | undefined {
  if (typeof init?.body !== "string") return undefined;
  try {
    const message = JSON.parse(init.body) as { method?: unknown };
    return typeof message.method === "string" ? message.method : "response";
  } catch {
    return undefined;
  }
}

/** Checks, once every request in `log` has its answer's headers, that each was answered by a replica other than the one before it. */
export async function expectEachOnAnotherReplica(log: Sent[]): Promise<void> {
  await allAnswered(log);
  const answered = log.filter((entry) => entry.replica !== "?");
  expect(answered.length, "requests answered").to.equal(log.length);
  for (let i = 1; i < log.length; i++)
    expect(log[i]!.replica, `request ${i} (${log[i]!.method}) after ${log[i - 1]!.method}`).to.not.equal(
      log[i - 1]!.replica,
    );
}

/** The replica name (`replica<N>`, as haproxy names it) whose process is `pid`, given the cluster's pids in order. */
export function replicaOf(pids: number[], pid: number): string {
  const index = pids.indexOf(pid);
  if (index < 0) throw new Error(`pid ${pid} is none of the cluster's replicas (${pids.join(",")})`);
  return `replica${index + 1}`;
}

/** The pid of `replica` (`replica<N>`). */
export function pidOf(pids: number[], replica: string): number {
  const pid = pids[Number(replica.replace(/^replica/, "")) - 1];
  if (pid === undefined) throw new Error(`no replica ${replica}`);
  return pid;
}

/** The owner of session `sessionId` as its registry record in Redis says: the owner's replica id is `<pid>@...`. */
export async function sessionOwner(redisUrl: string, sessionId: string, pids: number[]): Promise<string> {
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  try {
    const owner = await redis.hGet(`mcpkit:session:${sessionId}`, "owner");
    if (owner === null || owner === undefined) throw new Error(`no owner recorded for session ${sessionId}`);
    return replicaOf(pids, Number(owner.slice(0, owner.indexOf("@"))));
  } finally {
    await redis.quit();
  }
}

/** Resolves with the owner of `sessionId` once its record is in Redis again (re-asserted after a restart). */
export async function ownerOnceRecorded(
  redisUrl: string,
  sessionId: string,
  pids: number[],
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await sessionOwner(redisUrl, sessionId, pids);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * The replica haproxy's round robin sends the request after one answered by `last` to, of `alive`
 * (its servers in declared order, replica1 first).
 */
export function nextAfter(last: string, alive: string[]): string {
  const order = [...alive].sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  const after = order.find((name) => Number(name.slice(7)) > Number(last.slice(7)));
  return after ?? order[0]!;
}

/** Resolves once the cluster's stderr (its children's, relayed) matches `pattern`, e.g. haproxy taking a server out. */
export function untilStderr(
  cluster: { stderr: () => string; process: { stderr: NodeJS.ReadableStream | null } },
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = cluster.process.stderr!;
    const check = () => {
      if (!pattern.test(cluster.stderr())) return;
      clearTimeout(timer);
      stream.off("data", check);
      resolve();
    };
    const timer = setTimeout(() => {
      stream.off("data", check);
      reject(new Error(`the cluster never said ${pattern}:\n${cluster.stderr()}`));
    }, timeoutMs);
    // After the cluster helper's own listener, which appends the chunk first.
    stream.on("data", check);
    check();
  });
}

/** A session at a stateful revision (2025-11-25 unless told) through haproxy that answers sampling and records what the server tells it. */
export function statefulClient(url: string, log: Sent[], protocolVersion: Revision = "2025-11-25") {
  const updates = new Inbox<{ uri: string }>();
  const logs = new Inbox<{ level: string; data?: unknown }>();
  const transport = streamableHttpClient(url, {
    fetch: sendOrderFetch(log),
    // The client's own resumption: quick, and patient while haproxy has not yet seen a replica die.
    reconnection: { initialDelay: 100, maxDelay: 1000, maxRetries: 20 },
  });
  const session = new ClientSession(transport, { protocolVersion, logger: captureLogger() })
    .onCreateMessage((params) => {
      const [first] = params.messages;
      const prompt = first && !Array.isArray(first.content) && first.content.type === "text" ? first.content.text : "?";
      return {
        role: "assistant",
        content: { type: "text", text: `model says: ${prompt}` },
        model: "cluster-model",
        stopReason: "endTurn",
      };
    })
    .onResourceUpdated((params) => updates.push(params))
    .onLoggingMessage((params) => logs.push(params));
  return { session, transport, updates, logs };
}

/**
 * A redis-server and three replicas behind haproxy (`npm run cluster -- --replicas 3`), started before
 * the enclosing suite's tests and stopped after them (the cluster must stop cleanly, exit 0).
 */
export function threeReplicas(): { redis: RedisServer; cluster: Cluster } {
  const topology = {} as { redis: RedisServer; cluster: Cluster };
  before(async () => {
    topology.redis = await startRedis();
    topology.cluster = await startCluster(["--replicas", "3", "--redis", topology.redis.url]);
  });
  after(async () => {
    if (topology.cluster) expect(await topology.cluster.stop()).to.equal(0);
    await topology.redis?.stop();
  });
  return topology;
}
