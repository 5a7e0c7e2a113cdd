import { expect } from "chai";
import { request } from "node:http";
import { FastMCP, jwtVerifier, type HttpApp } from "../../src/server/index.js";
import { ErrorCode } from "../../src/protocol/errors.js";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { DpopKey, OidcIssuer } from "../fixtures/auth/oidc-provider.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { httpCaller } from "../support/tasks-peer.js";

const PING = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" });
/** The one public URL of both replicas (a load balancer's in a real deployment): the resource, and every proof's htu. */
const PUBLIC = "http://127.0.0.1:1/mcp";

/** POSTs a ping to the replica on `port`, as a load balancer forwards a request; resolves with the status. */
async function post(port: number, headers: Record<string, string>): Promise<number> {
  return (await exchange(port, headers)).status;
}

/** POSTs a ping to the replica on `port`; resolves with the status and the `DPoP-Nonce` header. */
function exchange(port: number, headers: Record<string, string>): Promise<{ status: number; nonce?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/mcp",
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2025-11-25",
          ...headers,
        },
      },
      (res) => {
        res.resume();
        const nonce = res.headers["dpop-nonce"];
        res.on("end", () => resolve({ status: res.statusCode!, ...(typeof nonce === "string" ? { nonce } : {}) }));
      },
    );
    req.on("error", reject);
    req.end(PING);
  });
}

describe("DPoP replays refused across two replicas sharing one Redis", function () {
  const oidc = new OidcIssuer();
  let redis: RedisServer;
  const stores: RedisStore[] = [];
  const apps: HttpApp[] = [];
  const logger = captureLogger();
  let key: DpopKey;

  before(async () => {
    await oidc.start();
    key = await DpopKey.generate();
    redis = await startRedis();
    for (let i = 0; i < 2; i++) {
      const store = await redisStore({ url: redis.url, logger: captureLogger() });
      stores.push(store);
      const app = new FastMCP("dpop", {
        logger,
        auth: {
          issuer: oidc.issuer,
          dpop: true,
          verifier: jwtVerifier({ issuer: oidc.issuer, jwksUrl: oidc.jwksUrl }),
          resource: PUBLIC,
        },
      });
      apps.push(await app.runHttp({ port: 0, stateless: true, store }));
    }
  });
  after(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    await redis?.stop();
    await oidc.stop();
  });

  const portOf = (app: HttpApp) => Number(new URL(app.endpointUrl).port);

  it("a proof used on one replica is refused on the other; a fresh one is served by either", async () => {
    const [a, b] = apps as [HttpApp, HttpApp];
    const token = await oidc.token(PUBLIC, "mcp:read", key);
    const proof = await key.proof("POST", PUBLIC, token);
    expect(await post(portOf(a), { authorization: `DPoP ${token}`, dpop: proof })).to.equal(200);
    expect(await post(portOf(b), { authorization: `DPoP ${token}`, dpop: proof })).to.equal(401);
    const fresh = await key.proof("POST", PUBLIC, token);
    expect(await post(portOf(b), { authorization: `DPoP ${token}`, dpop: fresh })).to.equal(200);
  });

  it("answers 503 while Redis cannot be reached, and serves again once it is back", async () => {
    const [a] = apps as [HttpApp, HttpApp];
    const token = await oidc.token(PUBLIC, "mcp:read", key);
    await redis.stop();
    const proof = await key.proof("POST", PUBLIC, token);
    expect(await post(portOf(a), { authorization: `DPoP ${token}`, dpop: proof })).to.equal(503);
    expect(logger.lines.some((line) => line.includes("the DPoP replay check failed"))).to.equal(true);
    await redis.start();
    for (let i = 0; i < 100 && !stores.every((s) => s.client.isReady); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const fresh = await key.proof("POST", PUBLIC, token);
    expect(await post(portOf(a), { authorization: `DPoP ${token}`, dpop: fresh })).to.equal(200);
  });
});

describe("secrets shared by replicas through the store (DPoP nonces, requestState)", function () {
  const oidc = new OidcIssuer();
  let redis: RedisServer;
  const stores: RedisStore[] = [];
  const apps: HttpApp[] = [];
  let key: DpopKey;

  /** A replica requiring DPoP nonces, with a tool that asks the client a question (an input-required round). */
  function replica(requestState?: { secret: string }): FastMCP {
    const app = new FastMCP("shared-secrets", {
      logger: captureLogger(),
      ...(requestState ? { requestState } : {}),
      auth: {
        issuer: oidc.issuer,
        dpop: { nonces: true },
        verifier: jwtVerifier({ issuer: oidc.issuer, jwksUrl: oidc.jwksUrl }),
        resource: PUBLIC,
      },
    });
    const NAME = { type: "object", properties: { name: { type: "string" } }, required: ["name"] } as const;
    app.tool("greet", { description: "Asks for a name" }, async (_args, ctx) => {
      const outcome = await ctx.elicit("Your name?", NAME, { inputKey: "user_name" });
      return outcome.action === "accept" ? `Hello, ${outcome.content.name}` : outcome.action;
    });
    return app;
  }

  before(async () => {
    await oidc.start();
    key = await DpopKey.generate();
    redis = await startRedis();
    for (const requestState of [undefined, undefined, { secret: "an explicit secret wins over the store's" }]) {
      const store = await redisStore({ url: redis.url, logger: captureLogger() });
      stores.push(store);
      apps.push(await replica(requestState).runHttp({ port: 0, stateless: true, store }));
    }
  });
  after(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    await redis?.stop();
    await oidc.stop();
  });

  const portOf = (app: HttpApp) => Number(new URL(app.endpointUrl).port);

  it("every store on one Redis hands out the same 32-byte secret per name, and different ones for different names", async () => {
    const [one, two] = stores as [RedisStore, RedisStore];
    const first = await one.secret("a-name");
    expect(first).to.have.length(32);
    expect(Buffer.from(await two.secret("a-name")).equals(first)).to.equal(true);
    expect(Buffer.from(await two.secret("another")).equals(first)).to.equal(false);
  });

  it("writes a secret back when Redis returns without it, so a replica started afterwards gets the same", async () => {
    const held = await stores[0]!.secret("kept-across-restarts");
    await redis.stop();
    await redis.start(); // empty: no persistence
    for (let i = 0; i < 100 && !(await stores[0]!.ready()); i++) await new Promise((r) => setTimeout(r, 50));
    const later = await redisStore({ url: redis.url, logger: captureLogger() });
    try {
      // Ready means a PING came back on the connection that wrote the secret back first.
      const read = await later.secret("kept-across-restarts");
      expect(Buffer.from(read).equals(held)).to.equal(true);
    } finally {
      await later.close();
    }
  });

  it("refuses a stored value too short to be a secret rather than key an HMAC with it", async () => {
    await stores[0]!.client.set("mcpkit:secret:planted", "c2hvcnQ");
    let failure: unknown;
    await stores[1]!.secret("planted").catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/does not hold a 32-byte secret/);
  });

  it("a DPoP nonce issued by one replica (use_dpop_nonce) is accepted by another", async () => {
    const [a, b] = apps as [HttpApp, HttpApp];
    const token = await oidc.token(PUBLIC, "mcp:read", key);
    const refused = await exchange(portOf(a), {
      authorization: `DPoP ${token}`,
      dpop: await key.proof("POST", PUBLIC, token),
    });
    expect(refused.status).to.equal(401);
    expect(refused.nonce).to.be.a("string");
    const proof = await key.proof("POST", PUBLIC, token, { nonce: refused.nonce });
    expect(await post(portOf(b), { authorization: `DPoP ${token}`, dpop: proof })).to.equal(200);
    const forged = await key.proof("POST", PUBLIC, token, { nonce: "not-a-nonce-any-replica-issued" });
    expect((await exchange(portOf(b), { authorization: `DPoP ${token}`, dpop: forged })).status).to.equal(401);
  });

  it("a requestState issued by one replica is accepted by another; one with its own secret refuses it", async () => {
    const token = await oidc.token(PUBLIC, "mcp:read", key);
    const nonce = (
      await exchange(portOf(apps[0]!), { authorization: `DPoP ${token}`, dpop: await key.proof("POST", PUBLIC, token) })
    ).nonce;
    const callers = apps.map((app) =>
      httpCaller(app.endpointUrl, async () => ({
        authorization: `DPoP ${token}`,
        dpop: await key.proof("POST", PUBLIC, token, { nonce }),
      })),
    );
    const [a, b, own] = callers as [(typeof callers)[0], (typeof callers)[0], (typeof callers)[0]];
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
    expect((await own.call("tools/call", retry)).error).to.include({ code: ErrorCode.InvalidParams });
  });
});
