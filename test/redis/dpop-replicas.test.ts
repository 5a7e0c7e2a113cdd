import { expect } from "chai";
import { request } from "node:http";
import { FastMCP, jwtVerifier, type HttpApp } from "../../src/server/index.js";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { DpopKey, OidcIssuer } from "../fixtures/auth/oidc-provider.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

const PING = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" });
/** The one public URL of both replicas (a load balancer's in a real deployment): the resource, and every proof's htu. */
const PUBLIC = "http://127.0.0.1:1/mcp";

/** POSTs a ping to the replica on `port`, as a load balancer forwards a request. */
function post(port: number, headers: Record<string, string>): Promise<number> {
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
        res.on("end", () => resolve(res.statusCode!));
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
