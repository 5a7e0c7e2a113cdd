import { expect } from "chai";
import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";
import { createClient } from "redis";
import { freePort, onFreePort } from "../../scripts/cluster/children.js";
import { startCluster } from "../support/cluster.js";
import { startRedis } from "../support/redis-server.js";

/**
 * A port taken the way a picked port gets taken in a loaded test run: the local (ephemeral) port of an
 * outbound connection, which the kernel hands out from the same range as a free port. Nothing listens
 * on it, yet a server cannot bind it while the connection lasts.
 */
async function outboundPort(): Promise<{ port: number; release: () => void }> {
  const target: Server = createServer(() => {});
  target.listen(0, "127.0.0.1");
  await once(target, "listening");
  const socket: Socket = connect((target.address() as { port: number }).port, "127.0.0.1");
  await once(socket, "connect");
  return { port: socket.localPort!, release: () => (socket.destroy(), target.close()) };
}

/** A `pick` that hands out `first`, then free ports; counts its calls. */
function picker(first: number[]) {
  const queue = [...first];
  const pick = async () => (pick.calls++, queue.shift() ?? (await freePort()));
  pick.calls = 0;
  return pick;
}

describe("children started on a picked port retry on another when it was taken (test/support flake)", function () {
  const held: (() => void)[] = [];
  afterEach(() => {
    for (const release of held.splice(0)) release();
  });

  it("redis-server: the port picked is an outbound connection's, so it starts on the next one", async () => {
    const taken = await outboundPort();
    held.push(taken.release);
    const pick = picker([taken.port]);
    const redis = await startRedis({ pick });
    try {
      expect(pick.calls).to.equal(2);
      expect(redis.port).to.not.equal(taken.port);
      const client = createClient({ url: redis.url });
      await client.connect();
      expect(await client.ping()).to.equal("PONG");
      await client.close();
    } finally {
      await redis.stop();
    }
  });

  it("gives up after its attempts, with the child's own words", async () => {
    const taken = await outboundPort();
    held.push(taken.release);
    const pick = async () => taken.port;
    let failure: unknown;
    await startRedis({ pick }).catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/Address already in use/);
  });

  it("retries only a port taken: any other failure is reported at once", async () => {
    const pick = picker([]);
    let failure: unknown;
    await onFreePort(() => Promise.reject(new Error("redis-server: command not found")), { pick }).catch(
      (error: unknown) => (failure = error),
    );
    expect(String(failure)).to.match(/command not found/);
    expect(pick.calls).to.equal(1);
  });

  it("npm run cluster: its load balancer's port taken, the cluster is started again on another", async () => {
    const taken = await outboundPort();
    held.push(taken.release);
    const pick = picker([taken.port]);
    const cluster = await startCluster(["--replicas", "1"], 90_000, { pick });
    try {
      expect(pick.calls).to.equal(2);
      expect(new URL(cluster.url).port).to.not.equal(String(taken.port));
      const response = await fetch(cluster.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
      });
      expect(response.headers.get("x-mcp-replica")).to.equal("replica1");
    } finally {
      expect(await cluster.stop()).to.equal(0);
    }
  });
});
