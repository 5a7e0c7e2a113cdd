import { expect } from "chai";
import { ErrorCode } from "../../../src/protocol/errors.js";
import { META } from "../../../src/protocol/mcp-headers.js";
import { InMemoryReplayCache } from "../../../src/auth/server/replay-cache.js";
import { FastMCP } from "../../../src/server/index.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import { captureLogger, RawPeer } from "../../support/peers.js";

const CAPS = { elicitation: {}, sampling: {}, roots: {} };
const meta = (capabilities: Record<string, unknown> = CAPS) => ({
  [META.protocolVersion]: "2026-07-28",
  [META.clientCapabilities]: capabilities,
});
const NAME = { type: "object", properties: { name: { type: "string" } }, required: ["name"] } as const;

function app(options: ConstructorParameters<typeof FastMCP>[1] = {}): FastMCP {
  const server = new FastMCP("mrtr-test", { logger: captureLogger(), ...options });
  let runs = 0;
  server.tool("greet", { description: "Asks for a name" }, async (_args, ctx) => {
    runs++;
    const outcome = await ctx.elicit("Your name?", NAME, { inputKey: "user_name" });
    return outcome.action === "accept" ? `Hello, ${outcome.content.name} (run ${runs})` : outcome.action;
  });
  server.tool("two_rounds", { description: "Name, then colour" }, async (_args, ctx) => {
    const name = await ctx.elicit("Your name?", NAME);
    const color = await ctx.elicit("Colour?", { type: "object", properties: { color: { type: "string" } } } as const);
    return `${name.action === "accept" ? name.content.name : "-"}/${color.action === "accept" ? color.content.color : "-"}`;
  });
  server.tool("all_at_once", { description: "Asks three things together" }, async (_args, ctx) => {
    const [name, sample, roots] = await Promise.all([ctx.elicit("Name?", NAME), ctx.sample("hi"), ctx.listRoots()]);
    return `${name.action}|${JSON.stringify(sample.content)}|${roots.length}`;
  });
  server.tool(
    "sized",
    {
      description: "Asks for a name, for a size",
      input: { type: "object", properties: { size: { type: "integer" } } } as const,
    },
    async ({ size }, ctx) => {
      const outcome = await ctx.elicit("Name?", NAME, { inputKey: "user_name" });
      return `${size}:${outcome.action}`;
    },
  );
  return server;
}

async function peer(server = app()): Promise<RawPeer> {
  const [clientEnd, serverEnd] = memoryPair();
  await server.connect(serverEnd);
  return RawPeer.on(clientEnd);
}

let nextId = 0;
async function callTool(raw: RawPeer, name: string, extra: Record<string, unknown> = {}, capabilities = CAPS) {
  const id = ++nextId;
  await raw.send({ jsonrpc: "2.0", id, method: "tools/call", params: { name, _meta: meta(capabilities), ...extra } });
  for (;;) {
    const message = await raw.next();
    if (message.id === id) return message as { result?: Record<string, any>; error?: Record<string, any> };
  }
}

const accept = (content: Record<string, unknown>) => ({ action: "accept", content });

describe("input-required requests (2026-07-28 basic/patterns/mrtr)", () => {
  it("answers a handler's question with an InputRequiredResult, then completes on the retry", async () => {
    const raw = await peer();
    const first = await callTool(raw, "greet");
    expect(first.result).to.include({ resultType: "input_required" });
    expect(first.result!.inputRequests.user_name).to.deep.include({ method: "elicitation/create" });
    expect(first.result!.requestState).to.be.a("string");
    const done = await callTool(raw, "greet", {
      inputResponses: { user_name: accept({ name: "Alice" }) },
      requestState: first.result!.requestState,
    });
    expect(done.result).to.include({ resultType: "complete" });
    expect(done.result!.content[0].text).to.match(/^Hello, Alice/);
  });

  it("carries earlier answers in a new state each round until the handler has all it asks for", async () => {
    const raw = await peer();
    const r1 = await callTool(raw, "two_rounds");
    const [k1] = Object.keys(r1.result!.inputRequests);
    const r2 = await callTool(raw, "two_rounds", {
      inputResponses: { [k1!]: accept({ name: "Ann" }) },
      requestState: r1.result!.requestState,
    });
    expect(r2.result).to.include({ resultType: "input_required" });
    expect(r2.result!.requestState).not.to.equal(r1.result!.requestState);
    const [k2] = Object.keys(r2.result!.inputRequests);
    expect(k2).not.to.equal(k1);
    const r3 = await callTool(raw, "two_rounds", {
      inputResponses: { [k2!]: accept({ color: "blue" }) },
      requestState: r2.result!.requestState,
    });
    expect(r3.result!.content[0].text).to.equal("Ann/blue");
  });

  it("asks for everything a handler asks at once in one result", async () => {
    const raw = await peer();
    const first = await callTool(raw, "all_at_once");
    const methods = Object.values(first.result!.inputRequests as Record<string, { method: string }>).map(
      (r) => r.method,
    );
    expect(methods).to.have.members(["elicitation/create", "sampling/createMessage", "roots/list"]);
  });

  it("asks only for what the request declares: a missing capability is -32021", async () => {
    const raw = await peer();
    const { error } = await callTool(raw, "greet", {}, { sampling: {} } as never);
    expect(error).to.include({ code: ErrorCode.MissingRequiredClientCapability });
    expect(error!.data).to.deep.equal({ requiredCapabilities: { elicitation: {} } });
  });

  it("refuses a tampered, forged or malformed state with -32602", async () => {
    const raw = await peer();
    const first = await callTool(raw, "greet");
    const answer = { user_name: accept({ name: "Eve" }) };
    for (const requestState of [`${first.result!.requestState}-TAMPERED`, "forged.state", "no-dot", 42]) {
      const { error } = await callTool(raw, "greet", { inputResponses: answer, requestState });
      expect(error, String(requestState)).to.include({ code: ErrorCode.InvalidParams });
    }
  });

  it("refuses a state replayed on another request, or from another server's key", async () => {
    const raw = await peer();
    const first = await callTool(raw, "sized", { arguments: { size: 1 } });
    const replay = await callTool(raw, "sized", {
      arguments: { size: 2 },
      inputResponses: { user_name: accept({ name: "x" }) },
      requestState: first.result!.requestState,
    });
    expect(replay.error).to.include({ code: ErrorCode.InvalidParams });
    const other = await peer(app());
    const foreign = await callTool(other, "sized", {
      arguments: { size: 1 },
      inputResponses: { user_name: accept({ name: "x" }) },
      requestState: first.result!.requestState,
    });
    expect(foreign.error).to.include({ code: ErrorCode.InvalidParams });
  });

  it("refuses an expired state", async () => {
    const raw = await peer(app({ requestState: { ttlMs: -1 } }));
    const first = await callTool(raw, "greet");
    const late = await callTool(raw, "greet", {
      inputResponses: { user_name: accept({ name: "Late" }) },
      requestState: first.result!.requestState,
    });
    expect(late.error).to.include({ code: ErrorCode.InvalidParams });
    expect(late.error!.message).to.match(/expired/);
  });

  it("accepts a state sealed by another server sharing the secret (load-balanced instances)", async () => {
    const a = await peer(app({ requestState: { secret: "shared" } }));
    const b = await peer(app({ requestState: { secret: "shared" } }));
    const first = await callTool(a, "greet");
    const done = await callTool(b, "greet", {
      inputResponses: { user_name: accept({ name: "Bob" }) },
      requestState: first.result!.requestState,
    });
    expect(done.result!.content[0].text).to.match(/^Hello, Bob/);
  });

  it("with singleUse, accepts each state once: a second retry with it is -32602, across servers sharing the cache", async () => {
    const cache = new InMemoryReplayCache();
    const options = { requestState: { secret: "shared", singleUse: true, replayCache: cache } };
    const [a, b] = [await peer(app(options)), await peer(app(options))];
    const first = await callTool(a, "greet");
    const retry = { inputResponses: { user_name: accept({ name: "Ann" }) }, requestState: first.result!.requestState };
    expect((await callTool(b, "greet", retry)).result!.content[0].text).to.match(/^Hello, Ann/);
    for (const server of [a, b]) {
      const again = await callTool(server, "greet", retry);
      expect(again.error).to.include({ code: ErrorCode.InvalidParams });
      expect(again.error!.message).to.match(/already used/);
    }
    // Without singleUse the same state may be presented again within its expiry.
    const plain = await peer(app({ requestState: { secret: "shared" } }));
    const reusable = { ...retry, requestState: (await callTool(plain, "greet")).result!.requestState };
    for (let i = 0; i < 2; i++)
      expect((await callTool(plain, "greet", reusable)).result).to.include({ resultType: "complete" });
  });

  it("with singleUse, a cache that cannot be reached is -32603, and the state stays usable", async () => {
    let down = true;
    const cache = new InMemoryReplayCache();
    const flaky = {
      remember: (key: string, until: number) => (down ? Promise.reject(new Error("down")) : cache.remember(key, until)),
    };
    const raw = await peer(app({ requestState: { singleUse: true, replayCache: flaky } }));
    const first = await callTool(raw, "greet");
    const retry = { inputResponses: { user_name: accept({ name: "Cy" }) }, requestState: first.result!.requestState };
    expect((await callTool(raw, "greet", retry)).error).to.include({ code: ErrorCode.InternalError });
    down = false;
    expect((await callTool(raw, "greet", retry)).result!.content[0].text).to.match(/^Hello, Cy/);
  });

  it("asks again for an answer that is missing, ignoring answers to questions never asked", async () => {
    const raw = await peer();
    const wrong = await callTool(raw, "greet", { inputResponses: { wrong_key: accept({ data: "x" }) } });
    expect(wrong.result).to.include({ resultType: "input_required" });
    const extra = await callTool(raw, "greet", {
      inputResponses: { user_name: accept({ name: "Al" }), unknown_extra: accept({ ignored: true }) },
    });
    expect(extra.result!.content[0].text).to.match(/^Hello, Al/);
  });

  it("ignores answers the state did not ask for, even to a key the handler asks next", async () => {
    const raw = await peer();
    const r1 = await callTool(raw, "two_rounds");
    const [k1] = Object.keys(r1.result!.inputRequests);
    const r2 = await callTool(raw, "two_rounds", {
      inputResponses: { [k1!]: accept({ name: "Ann" }), "elicitation-2": accept({ color: "injected" }) },
      requestState: r1.result!.requestState,
    });
    expect(r2.result).to.include({ resultType: "input_required" });
  });

  it("refuses an answer that is not a valid result of its request, and inputResponses that are not an object", async () => {
    const raw = await peer();
    const invalid = await callTool(raw, "greet", { inputResponses: { user_name: 12345 } });
    expect(invalid.error).to.include({ code: ErrorCode.InvalidParams });
    const nulled = await callTool(raw, "greet", { inputResponses: null });
    expect(nulled.error).to.include({ code: ErrorCode.InvalidParams });
    const ok = await callTool(raw, "greet", { inputResponses: { user_name: accept({ name: "Still" }) } });
    expect(ok.result!.content[0].text).to.match(/^Hello, Still/);
  });

  it("keeps server-to-client requests for the stateful revisions: one handler, both modes", async () => {
    const { ClientSession } = await import("../../../src/client/client-session.js");
    const server = app();
    const [clientEnd, serverEnd] = memoryPair();
    await server.connect(serverEnd);
    const client = new ClientSession(clientEnd, { protocolVersion: "2025-11-25", logger: captureLogger() });
    client.onElicit(() => ({ action: "accept", content: { name: "Stateful" } }));
    await client.initialize();
    const result = await client.callTool("greet");
    expect(result.content[0]).to.deep.include({ text: "Hello, Stateful (run 1)" });
    await client.close();
  });
});
