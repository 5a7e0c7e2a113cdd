import { expect } from "chai";
import { createClient } from "redis";
import { z } from "zod";
import { redisStore, type RedisStore } from "../../src/redis/index.js";
import { FastMCP } from "../../src/server/fastmcp/fastmcp.js";
import { StreamableHttpServer } from "../../src/transports/http/streamable-http-server.js";
import { callerAuth } from "../support/auth-caller.js";
import { captureLogger } from "../support/peers.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };
const INITIALIZE = {
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: { sampling: {} },
    clientInfo: { name: "takeover", version: "7" },
  },
};

function app(): FastMCP {
  const server = new FastMCP("takeover", { version: "1.0.0" });
  server.tool(
    "client",
    { description: "The client's name and version" },
    (_args, ctx) => `${ctx.clientInfo?.name} ${ctx.clientInfo?.version} ${ctx.session.logLevel ?? "-"}`,
  );
  server.resource("note://{name}", { name: "note", mimeType: "text/plain" }, ({ name }) => name);
  server.tool("update", { description: "Updates a note", input: z.object({ uri: z.string() }) }, async ({ uri }) => {
    await server.notifyResourceUpdated(uri);
    return "updated";
  });
  server.tool(
    "count",
    { description: "n progress steps, ms apart", input: z.object({ n: z.number(), ms: z.number() }) },
    async ({ n, ms }, ctx) => {
      for (let i = 1; i <= n; i++) {
        await sleep(ms);
        await ctx.reportProgress(i, n);
      }
      return `counted ${n}`;
    },
  );
  return server;
}

/** One replica: a Streamable HTTP endpoint on its own Redis connection, served through web Requests. */
interface Replica {
  store: RedisStore;
  endpoint: StreamableHttpServer;
}

/** The SSE events of a body read to its end: each event's id and parsed data. */
async function events(response: Response): Promise<{ id?: string; data: Record<string, unknown> | undefined }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.includes("data:"))
    .map((block) => {
      const id = /^id: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
      return { ...(id === undefined ? {} : { id }), data: data === "" ? undefined : JSON.parse(data) };
    });
}

describe("stateful sessions shared by replicas: takeover, resumption and refusals", function () {
  this.timeout(30_000);
  let redis: RedisServer;
  const replicas: Replica[] = [];
  const logger = captureLogger();

  async function replica(): Promise<Replica> {
    const store = await redisStore({ url: redis.url, logger });
    const server = app();
    const endpoint = new StreamableHttpServer((t, o) => server.connect(t, o), {
      sessions: store.sessions,
      eventStore: store.eventStore,
      logger,
      maxBodyBytes: 10_000,
    });
    const made = { store, endpoint };
    replicas.push(made);
    return made;
  }

  const request = (r: Replica, init: RequestInit & { session?: string; auth?: string }) => {
    const { session, auth, ...rest } = init;
    const headers = {
      ...HEADERS,
      host: "127.0.0.1",
      ...(session ? { "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" } : {}),
      ...(rest.headers as Record<string, string> | undefined),
    };
    return r.endpoint.handle(
      new Request("http://127.0.0.1/mcp", { method: "POST", ...rest, headers }),
      auth === undefined ? undefined : callerAuth(auth),
    );
  };
  const post = (r: Replica, body: unknown, session?: string, auth?: string) =>
    request(r, { body: JSON.stringify(body), ...(session ? { session } : {}), ...(auth ? { auth } : {}) });

  async function open(r: Replica, auth?: string): Promise<string> {
    const response = await post(r, INITIALIZE, undefined, auth);
    expect(response.status).to.equal(200);
    await response.text();
    const id = response.headers.get("mcp-session-id")!;
    expect((await post(r, { jsonrpc: "2.0", method: "notifications/initialized" }, id, auth)).status).to.equal(202);
    return id;
  }

  const call = async (r: Replica, session: string, id: number, name: string, args = {}, auth?: string) =>
    events(
      await post(r, { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } }, session, auth),
    );

  before(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const r of replicas.splice(0)) {
      await r.endpoint.close();
      await r.store.close();
    }
  });
  after(() => redis?.stop());

  it("a session whose replica closed is taken over by the next that receives it, keeping client info and log level", async () => {
    const [a, b] = [await replica(), await replica()];
    const session = await open(a);
    expect(
      (await post(b, { jsonrpc: "2.0", id: 1, method: "logging/setLevel", params: { level: "error" } }, session))
        .status,
    ).to.equal(200);
    const before = await call(b, session, 2, "client");
    expect(before.at(-1)!.data).to.deep.include({ result: { content: [{ type: "text", text: "takeover 7 error" }] } });
    expect(
      (await post(b, { jsonrpc: "2.0", id: 4, method: "resources/subscribe", params: { uri: "note://a" } }, session))
        .status,
    ).to.equal(200);
    expect(
      (await post(b, { jsonrpc: "2.0", id: 5, method: "resources/subscribe", params: { uri: "note://b" } }, session))
        .status,
    ).to.equal(200);
    expect(
      (await post(b, { jsonrpc: "2.0", id: 6, method: "resources/unsubscribe", params: { uri: "note://a" } }, session))
        .status,
    ).to.equal(200);
    await a.endpoint.close();
    const after = await call(b, session, 3, "client");
    expect(after.at(-1)!.data).to.deep.include({ result: { content: [{ type: "text", text: "takeover 7 error" }] } });
    expect(b.endpoint.sessionCount).to.equal(1);
    // The subscription made at A is B's now: an update reaches the session's GET stream, served by B.
    const stream = await request(b, { method: "GET", session });
    const reader = stream.body!.getReader();
    for (const uri of ["note://a", "note://b"]) await call(b, session, 7, "update", { uri });
    let seen = "";
    while (!seen.includes("note://b")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended:\n${seen}`);
      seen += new TextDecoder().decode(value);
    }
    void reader.cancel();
    expect(seen).to.include('"method":"notifications/resources/updated"');
    expect(seen).to.not.include("note://a");
  });

  it("a stream its replica left is resumed on the replica taking over: the stored events once, then an error for the unanswered call", async () => {
    const [a, b] = [await replica(), await replica()];
    const session = await open(a);
    const response = await post(
      a,
      {
        jsonrpc: "2.0",
        id: 9,
        method: "tools/call",
        params: { name: "count", arguments: { n: 50, ms: 20 }, _meta: { progressToken: "p" } },
      },
      session,
    );
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    while ((seen.match(/"progress":/g) ?? []).length < 3) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended early:\n${seen}`);
      seen += decoder.decode(value);
    }
    void reader.cancel();
    const lastId = [...seen.matchAll(/^id: (.*)$/gm)].at(-1)![1]!;
    const progressSeen = [...seen.matchAll(/"progress":(\d+)/g)].map((m) => Number(m[1]));
    await sleep(100); // more steps are stored while nobody reads
    await a.endpoint.close();
    const resumed = await events(await request(b, { method: "GET", session, headers: { "last-event-id": lastId } }));
    const progress = resumed.flatMap((e) =>
      e.data?.method === "notifications/progress" ? [(e.data.params as { progress: number }).progress] : [],
    );
    const all = [...progressSeen, ...progress];
    expect(all).to.deep.equal(all.map((_, i) => i + 1));
    expect(resumed.at(-1)!.data).to.deep.include({ id: 9 });
    expect((resumed.at(-1)!.data!.error as { code: number }).code).to.equal(-32603);
    // The session goes on at B, not initialized again.
    expect((await call(b, session, 10, "client")).at(-1)!.data).to.have.property("result");
  });

  it("a resumption while the old connection still looks open ends that connection and carries on, each event once", async () => {
    const [a, b] = [await replica(), await replica()];
    const session = await open(a);
    const response = await post(
      a,
      {
        jsonrpc: "2.0",
        id: 5,
        method: "tools/call",
        params: { name: "count", arguments: { n: 20, ms: 10 }, _meta: { progressToken: "r" } },
      },
      session,
    );
    const reader = response.body!.getReader();
    let seen = "";
    while ((seen.match(/"progress":/g) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended early:\n${seen}`);
      seen += new TextDecoder().decode(value);
    }
    const lastId = [...seen.matchAll(/^id: (.*)$/gm)].at(-1)![1]!;
    // Through B (forwarded to A), while A still holds the first connection.
    const resumed = await events(await request(b, { method: "GET", session, headers: { "last-event-id": lastId } }));
    for (;;) if ((await reader.read()).done) break; // the old connection was ended
    const before = [...seen.matchAll(/"progress":(\d+)/g)].map((m) => Number(m[1]));
    const after = resumed.flatMap((e) =>
      e.data?.method === "notifications/progress" ? [(e.data.params as { progress: number }).progress] : [],
    );
    const all = [...before, ...after];
    expect(all).to.deep.equal(all.map((_, i) => i + 1));
    expect(resumed.at(-1)!.data).to.deep.include({
      id: 5,
      result: { content: [{ type: "text", text: "counted 20" }] },
    });
  });

  it("a session taken over resumes none of another session's streams from its event ids (404, nothing replayed)", async () => {
    const [a, b] = [await replica(), await replica()];
    const [mine, theirs] = [await open(a), await open(a)];
    const response = await post(
      a,
      {
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "count", arguments: { n: 2, ms: 1 }, _meta: { progressToken: "t" } },
      },
      theirs,
    );
    const theirEvents = await events(response);
    const firstId = theirEvents[0]!.id!;
    await a.endpoint.close();
    // mine is taken over by B at this request; their stream's event id is not mine to resume.
    expect((await call(b, mine, 2, "client")).at(-1)!.data).to.have.property("result");
    const refused = await request(b, { method: "GET", session: mine, headers: { "last-event-id": firstId } });
    expect(refused.status).to.equal(404);
    expect(await refused.text()).to.not.include("progress");
  });

  it("answers another caller's session id 404 on a replica that does not own it, and forwards the owner's caller", async () => {
    const [a, b] = [await replica(), await replica()];
    const session = await open(a, "alice");
    expect((await post(b, { jsonrpc: "2.0", id: 1, method: "tools/list" }, session, "mallory")).status).to.equal(404);
    expect((await post(b, { jsonrpc: "2.0", id: 1, method: "tools/list" }, session)).status).to.equal(404);
    expect((await post(b, { jsonrpc: "2.0", id: 2, method: "tools/list" }, session, "alice")).status).to.equal(200);
  });

  it("refuses what cannot be forwarded: unknown session 404, oversized body 413, a bad Last-Event-ID 404; malformed relay messages are ignored", async () => {
    const [a, b] = [await replica(), await replica()];
    const session = await open(a);
    expect((await post(b, { jsonrpc: "2.0", id: 1, method: "tools/list" }, "no-such-session")).status).to.equal(404);
    const big = {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "client", arguments: { pad: "x".repeat(20_000) } },
    };
    expect((await post(b, big, session)).status).to.equal(413);
    const garbled = await request(b, { method: "GET", session, headers: { "last-event-id": "nope:1-0" } });
    expect(garbled.status).to.equal(404);
    const raw = createClient({ url: redis.url });
    await raw.connect();
    for (const junk of ["not json", "{}", '{"k":"req","f":"x"}', '{"k":"data","f":"x","d":1}', "[1,2]"])
      await raw.publish(`mcpkit:relay:${a.store.sessions.replica}`, junk);
    await raw.close();
    expect((await call(b, session, 3, "client")).at(-1)!.data).to.have.property("result");
  });

  it("answers 503 with -32603 while the registry cannot be reached, and serves the session again once it can", async () => {
    const [a, b] = [await replica(), await replica()];
    const session = await open(a);
    await redis.stop();
    const refused = await post(b, { jsonrpc: "2.0", id: 1, method: "tools/list" }, session);
    expect(refused.status).to.equal(503);
    expect(((await refused.json()) as { error: { code: number } }).error.code).to.equal(-32603);
    // The owner itself still serves it.
    expect((await post(a, { jsonrpc: "2.0", id: 2, method: "tools/list" }, session)).status).to.equal(200);
    await redis.start();
    for (let i = 0; i < 100 && !(await b.store.ready()); i++) await sleep(50);
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await post(b, { jsonrpc: "2.0", id: 3 + i, method: "tools/list" }, session)).status;
      if (status !== 200) await sleep(50);
    }
    expect(status, logger.lines.slice(-15).join("\n")).to.equal(200);
  });
});
