import { expect } from "chai";
import { ClientSession, type ClientSessionOptions } from "../../src/client/client-session.js";
import { InputRequiredError } from "../../src/client/input-required.js";
import { ErrorCode, InvalidResultError, McpError, UnsupportedMethodError } from "../../src/protocol/errors.js";
import { META } from "../../src/protocol/mcp-headers.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { captureLogger, RawPeer, sleep } from "../support/peers.js";
import { discoverResult } from "./helpers.js";

type Message = Record<string, unknown>;

/** A stateless session (discover answered) whose server the test plays by hand. */
async function modernSession(options: ClientSessionOptions = {}, capabilities: Message = {}) {
  const [clientEnd, serverEnd] = memoryPair();
  const peer = await RawPeer.on(serverEnd);
  const client = new ClientSession(clientEnd, { logger: captureLogger(), ...options });
  const initializing = client.initialize();
  const probe = await peer.next();
  const caps = { tools: { listChanged: true }, prompts: {}, resources: { subscribe: true }, ...capabilities };
  await peer.send({ jsonrpc: "2.0", id: probe.id, result: discoverResult({ capabilities: caps }) });
  await initializing;
  const reply = (request: Message, result: unknown) => peer.send({ jsonrpc: "2.0", id: request.id, result });
  return { client, peer, reply };
}

const params = (request: Message) => request.params as Message & { _meta: Message };
const complete = (extra: Message = {}) => ({ resultType: "complete", content: [], ...extra });
const listed = (ttlMs: number, tools: unknown[] = []) => ({
  resultType: "complete",
  ttlMs,
  cacheScope: "public",
  tools,
});
const elicit = {
  method: "elicitation/create",
  params: { mode: "form", message: "Who?", requestedSchema: { type: "object", properties: {} } },
};

describe("ClientSession at 2026-07-28 (stateless)", () => {
  describe("per-request _meta (basic/index: _meta)", () => {
    it("every request carries version, capabilities and clientInfo, merged with the caller's _meta and progressToken", async () => {
      const { client, peer, reply } = await modernSession({ clientInfo: { name: "c", version: "1" } });
      const calling = client.callTool(
        { name: "t", arguments: {}, _meta: { "com.example/trace": "abc" } as never },
        { onprogress: () => {} },
      );
      const call = await peer.next();
      expect(params(call)._meta).to.deep.equal({
        "com.example/trace": "abc",
        progressToken: call.id,
        [META.protocolVersion]: "2026-07-28",
        [META.clientCapabilities]: {},
        [META.clientInfo]: { name: "c", version: "1" },
      });
      await reply(call, complete());
      await calling;
      await client.close();
    });

    it("logLevel (session option, or per call) asks for log messages; without it, none is asked", async () => {
      const { client, peer, reply } = await modernSession({ logLevel: "warning" });
      const first = client.listPrompts();
      const a = await peer.next();
      expect(params(a)._meta[META.logLevel]).to.equal("warning");
      await reply(a, { resultType: "complete", ttlMs: 0, cacheScope: "public", prompts: [] });
      await first;
      const second = client.listPrompts(undefined, { logLevel: "debug" });
      const b = await peer.next();
      expect(params(b)._meta[META.logLevel]).to.equal("debug");
      await reply(b, { resultType: "complete", ttlMs: 0, cacheScope: "public", prompts: [] });
      await second;
      await client.close();
      const plain = await modernSession();
      const third = plain.client.listPrompts();
      const c = await plain.peer.next();
      expect(params(c)._meta).to.not.have.property(META.logLevel);
      await plain.reply(c, { resultType: "complete", ttlMs: 0, cacheScope: "public", prompts: [] });
      await third;
      await plain.client.close();
    });

    it("methods 2026-07-28 lacks (ping, logging/setLevel) throw UnsupportedMethodError before any I/O", async () => {
      const { client, peer } = await modernSession();
      for (const call of [() => client.ping(), () => client.setLevel({ level: "info" })]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).to.be.instanceOf(UnsupportedMethodError);
        expect((error as Error).message).to.include("does not exist in 2026-07-28");
      }
      await sleep(5);
      expect(peer.received).to.have.length(1);
      await client.close();
    });

    it("-32022 on a later request: re-sent once, with a new id, at a version the server lists", async () => {
      const { client, peer, reply } = await modernSession();
      const listing = client.listTools();
      const first = await peer.next();
      const unsupported = { code: ErrorCode.UnsupportedProtocolVersion, message: "no" };
      await peer.send({
        jsonrpc: "2.0",
        id: first.id,
        error: { ...unsupported, data: { supported: ["2026-07-28"], requested: "x" } },
      });
      const second = await peer.next();
      expect(second.id).to.not.equal(first.id);
      await reply(second, listed(0));
      expect((await listing).tools).to.deep.equal([]);
      const again = client.listTools().catch((e: unknown) => e);
      for (let i = 0; i < 2; i++) {
        const request = await peer.next();
        await peer.send({
          jsonrpc: "2.0",
          id: request.id,
          error: { ...unsupported, data: { supported: ["2026-07-28"], requested: "x" } },
        });
      }
      expect(((await again) as McpError).code, "only one retry").to.equal(ErrorCode.UnsupportedProtocolVersion);
      await client.close();
    });
  });

  describe("input-required requests (basic/patterns/mrtr)", () => {
    it("input_required: the handler answers, the retry has a new id, inputResponses and the exact requestState", async () => {
      const { client, peer, reply } = await modernSession();
      const asked: unknown[] = [];
      client.onElicit((p) => (asked.push(p), { action: "accept", content: { name: "Ada" } }));
      const state = ' {"nonce": "é ü 😀",  "id": 1}\n ';
      const calling = client.callTool("greet", { loud: true });
      const first = await peer.next();
      await reply(first, { resultType: "input_required", inputRequests: { who: elicit }, requestState: state });
      const retry = await peer.next();
      expect(retry.id).to.not.equal(first.id);
      expect(retry.method).to.equal("tools/call");
      const { _meta, ...rest } = params(retry);
      expect(rest).to.deep.equal({
        name: "greet",
        arguments: { loud: true },
        inputResponses: { who: { action: "accept", content: { name: "Ada" } } },
        requestState: state,
      });
      expect(_meta[META.protocolVersion]).to.equal("2026-07-28");
      expect(asked).to.deep.equal([elicit.params]);
      await reply(retry, complete({ content: [{ type: "text", text: "Hello, Ada" }] }));
      expect((await calling).content).to.deep.equal([{ type: "text", text: "Hello, Ada" }]);
      await client.close();
    });

    it("no requestState means none on the retry; each round carries only the last round's state and answers", async () => {
      const { client, peer, reply } = await modernSession();
      let n = 0;
      client.onElicit(() => ({ action: "accept", content: { n: ++n } }));
      const calling = client.getPrompt("p", { a: "1" });
      await reply(await peer.next(), { resultType: "input_required", inputRequests: { one: elicit } });
      const second = await peer.next();
      expect(params(second)).to.not.have.property("requestState");
      expect(params(second).inputResponses).to.deep.equal({ one: { action: "accept", content: { n: 1 } } });
      await reply(second, { resultType: "input_required", inputRequests: { two: elicit }, requestState: "s2" });
      const third = await peer.next();
      expect(params(third).inputResponses).to.deep.equal({ two: { action: "accept", content: { n: 2 } } });
      expect(params(third).requestState).to.equal("s2");
      expect(params(third).arguments).to.deep.equal({ a: "1" });
      await reply(third, { resultType: "complete", messages: [] });
      expect((await calling).messages).to.deep.equal([]);
      await client.close();
    });

    it("sampling and roots input requests on resources/read are fulfilled by their handlers, concurrently", async () => {
      const { client, peer, reply } = await modernSession();
      client
        .onCreateMessage(() => ({ role: "assistant", model: "m", content: { type: "text", text: "Paris" } }))
        .onListRoots(() => ({ roots: [{ uri: "file:///w" }] }));
      const reading = client.readResource("mem://x");
      const sampling = { method: "sampling/createMessage", params: { messages: [], maxTokens: 5 } };
      await reply(await peer.next(), {
        resultType: "input_required",
        inputRequests: { capital: sampling, roots: { method: "roots/list", params: {} } },
      });
      const retry = await peer.next();
      expect(params(retry).inputResponses).to.deep.equal({
        capital: { role: "assistant", model: "m", content: { type: "text", text: "Paris" } },
        roots: { roots: [{ uri: "file:///w" }] },
      });
      await reply(retry, { resultType: "complete", ttlMs: 0, cacheScope: "private", contents: [] });
      expect((await reading).contents).to.deep.equal([]);
      await client.close();
    });

    it("never leaks inputResponses or requestState into another call made meanwhile", async () => {
      const { client, peer, reply } = await modernSession();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      client.onElicit(async () => (await held, { action: "accept", content: {} }));
      const slow = client.callTool("a", {});
      await reply(await peer.next(), { resultType: "input_required", inputRequests: { k: elicit }, requestState: "S" });
      await sleep(5);
      const other = client.callTool("b", {});
      const b = await peer.next();
      expect(params(b)).to.not.have.any.keys("inputResponses", "requestState");
      await reply(b, complete());
      await other;
      release();
      await reply(await peer.next(), complete());
      await slow;
      await client.close();
    });

    it("a result without resultType is complete: returned as it is, not retried", async () => {
      const { client, peer, reply } = await modernSession();
      const calling = client.callTool("legacyish", {});
      await reply(await peer.next(), { content: [{ type: "text", text: "done" }] });
      expect(await calling).to.deep.equal({ content: [{ type: "text", text: "done" }] });
      await sleep(5);
      expect(peer.received).to.have.length(2);
      await client.close();
    });

    it("bad input: a server asking for input forever is given up after maxInputRounds, and the session keeps working", async () => {
      const { client, peer, reply } = await modernSession({ maxInputRounds: 3 });
      client.onElicit(() => ({ action: "decline" }));
      const calling = client.callTool("loop", {}).catch((e: unknown) => e);
      for (let i = 0; i < 3; i++)
        await reply(await peer.next(), {
          resultType: "input_required",
          inputRequests: { k: elicit },
          requestState: `${i}`,
        });
      const error = await calling;
      expect(error).to.be.instanceOf(InputRequiredError);
      expect((error as Error).message).to.equal("tools/call: the server still asked for input after 3 rounds; gave up");
      const next = client.callTool("ok", {});
      await reply(await peer.next(), complete());
      await next;
      await client.close();
    });

    it("bad input: inputRequests not an object, an unknown method, or no handler: that call rejects clearly", async () => {
      const { client, peer, reply } = await modernSession();
      const cases: [unknown, (error: unknown) => void][] = [
        [5, (e) => expect(e).to.be.instanceOf(InvalidResultError)],
        [{ k: { method: "tools/list", params: {} } }, (e) => expect(e).to.be.instanceOf(InvalidResultError)],
        [
          { k: elicit },
          (e) => {
            expect(e).to.be.instanceOf(InputRequiredError);
            expect((e as Error).message).to.include('asked for elicitation/create (input "k"), and no handler');
          },
        ],
      ];
      for (const [inputRequests, check] of cases) {
        const calling = client.callTool("t", {}).catch((e: unknown) => e);
        await reply(await peer.next(), { resultType: "input_required", inputRequests });
        check(await calling);
      }
      const next = client.callTool("still-fine", {});
      await reply(await peer.next(), complete());
      await next;
      await client.close();
    });
  });

  describe("caching (server/utilities/caching)", () => {
    it("a repeated identical list within ttlMs is answered without I/O; other params, cache: false or expiry go out", async () => {
      const { client, peer, reply } = await modernSession();
      const first = client.listTools();
      await reply(await peer.next(), listed(60, [{ name: "a", inputSchema: { type: "object" } }]));
      expect((await first).tools).to.have.length(1);
      const cached = await client.listTools();
      expect(cached.tools[0]!.name).to.equal("a");
      expect(peer.received).to.have.length(2);
      const paged = client.listTools({ cursor: "2" });
      await reply(await peer.next(), listed(60));
      await paged;
      const fresh = client.listTools(undefined, { cache: false });
      await reply(await peer.next(), listed(60));
      await fresh;
      await sleep(80);
      const expired = client.listTools();
      await reply(await peer.next(), listed(0));
      await expired;
      expect(peer.received).to.have.length(5);
      await client.close();
    });

    it("a matching change notification invalidates: list_changed for lists, resources/updated for that uri's reads", async () => {
      const { client, peer, reply } = await modernSession();
      const read = (uri: string) => {
        const reading = client.readResource(uri);
        return peer
          .next()
          .then((r) => reply(r, { resultType: "complete", ttlMs: 60_000, cacheScope: "private", contents: [] }))
          .then(() => reading);
      };
      const listing = client.listTools();
      await reply(await peer.next(), listed(60_000));
      await listing;
      await read("mem://a");
      await read("mem://b");
      const before = peer.received.length;
      await client.listTools();
      await client.readResource("mem://a");
      expect(peer.received.length).to.equal(before);
      await peer.send({ jsonrpc: "2.0", method: "notifications/tools/list_changed", params: {} });
      await peer.send({ jsonrpc: "2.0", method: "notifications/resources/updated", params: { uri: "mem://a" } });
      await sleep(5);
      await client.readResource("mem://b");
      expect(peer.received.length, "b still cached").to.equal(before);
      await read("mem://a");
      const relisting = client.listTools();
      await reply(await peer.next(), listed(60_000));
      await relisting;
      expect(peer.received.length).to.equal(before + 2);
      await client.close();
    });
  });

  describe("subscriptions (basic/patterns/subscriptions)", () => {
    it("subscribe() sends subscriptions/listen; yields the notifications tagged with its id; close() cancels it", async () => {
      const { client, peer } = await modernSession();
      const handled: string[] = [];
      client.onToolListChanged(() => void handled.push("tools"));
      const subscription = client.subscribe({ toolsListChanged: true, resourceSubscriptions: ["mem://a"] });
      const listen = await peer.next();
      expect(listen.method).to.equal("subscriptions/listen");
      expect(params(listen).notifications).to.deep.equal({
        toolsListChanged: true,
        resourceSubscriptions: ["mem://a"],
      });
      expect(params(listen)._meta[META.protocolVersion]).to.equal("2026-07-28");
      expect(subscription.id).to.equal(listen.id);
      const tag = { [META.subscriptionId]: listen.id };
      await peer.send({
        jsonrpc: "2.0",
        method: "notifications/subscriptions/acknowledged",
        params: { _meta: tag, notifications: { toolsListChanged: true } },
      });
      expect(await subscription.acknowledged).to.deep.equal({ toolsListChanged: true });
      await peer.send({
        jsonrpc: "2.0",
        method: "notifications/tools/list_changed",
        params: { _meta: { [META.subscriptionId]: 999 } },
      });
      await peer.send({ jsonrpc: "2.0", method: "notifications/tools/list_changed", params: { _meta: tag } });
      const iterator = subscription[Symbol.asyncIterator]();
      const first = await iterator.next();
      expect(first.value).to.deep.equal({ method: "notifications/tools/list_changed", params: { _meta: tag } });
      expect(handled, "the usual handlers get them too").to.deep.equal(["tools", "tools"]);
      const ending = iterator.next();
      await subscription.close();
      expect(await ending).to.deep.equal({ value: undefined, done: true });
      const cancelled = await peer.next();
      expect(cancelled).to.nested.include({ method: "notifications/cancelled", "params.requestId": listen.id });
      await client.close();
    });

    it("the server ending the subscription gracefully (a listen result) ends the iteration", async () => {
      const { client, peer, reply } = await modernSession();
      const subscription = client.subscribe({ promptsListChanged: true });
      const listen = await peer.next();
      const seen: unknown[] = [];
      const draining = (async () => {
        for await (const n of subscription) seen.push(n.method);
      })();
      const tag = { [META.subscriptionId]: listen.id };
      await peer.send({ jsonrpc: "2.0", method: "notifications/prompts/list_changed", params: { _meta: tag } });
      await sleep(5);
      await reply(listen, { resultType: "complete", _meta: tag });
      await draining;
      expect(seen).to.deep.equal(["notifications/prompts/list_changed"]);
      expect(subscription.closed).to.equal(true);
      await client.close();
    });

    it("on a stateful session the same object stands on list_changed and resources/subscribe", async () => {
      const [clientEnd, serverEnd] = memoryPair();
      const peer = await RawPeer.on(serverEnd);
      const client = new ClientSession(clientEnd, { logger: captureLogger(), protocolVersion: "2025-11-25" });
      const initializing = client.initialize();
      const init = await peer.next();
      const capabilities = { tools: { listChanged: true }, resources: { subscribe: true } };
      await peer.send({
        jsonrpc: "2.0",
        id: init.id,
        result: { protocolVersion: "2025-11-25", capabilities, serverInfo: { name: "s", version: "1" } },
      });
      await initializing;
      await peer.next();
      const subscription = client.subscribe({
        toolsListChanged: true,
        promptsListChanged: true,
        resourceSubscriptions: ["mem://a"],
      });
      const subscribe = await peer.next();
      expect(subscribe).to.nested.include({ method: "resources/subscribe", "params.uri": "mem://a" });
      await peer.send({ jsonrpc: "2.0", id: subscribe.id, result: {} });
      expect(await subscription.acknowledged).to.deep.equal({
        toolsListChanged: true,
        resourceSubscriptions: ["mem://a"],
      });
      await peer.send({ jsonrpc: "2.0", method: "notifications/resources/updated", params: { uri: "mem://other" } });
      await peer.send({ jsonrpc: "2.0", method: "notifications/resources/updated", params: { uri: "mem://a" } });
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value).to.deep.equal({
        method: "notifications/resources/updated",
        params: { uri: "mem://a" },
      });
      const closing = subscription.close();
      const unsubscribe = await peer.next();
      expect(unsubscribe).to.nested.include({ method: "resources/unsubscribe", "params.uri": "mem://a" });
      await peer.send({ jsonrpc: "2.0", id: unsubscribe.id, result: {} });
      await closing;
      await client.close();
    });
  });
});
