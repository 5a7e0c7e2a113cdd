import { expect } from "chai";
import { ErrorCode } from "../../../src/protocol/errors.js";
import { META } from "../../../src/protocol/mcp-headers.js";
import { FastMCP } from "../../../src/server/index.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import { captureLogger, RawPeer } from "../../support/peers.js";
import { asCaller, callerAuth } from "../../support/auth-caller.js";
import { memoryCaller, meta, TASKS, terminal, until, WITH_TASKS, type Caller } from "../../support/tasks-peer.js";
import { sleep, taskApp, type Observed } from "./tasks-fixture.js";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

describe("tasks extension, server (io.modelcontextprotocol/tasks)", () => {
  let caller: Caller;
  let observed: Observed;

  beforeEach(async () => {
    observed = { aborted: false };
    caller = await memoryCaller(taskApp(observed));
  });
  afterEach(() => caller.close());

  it("declares the extension under capabilities.extensions, never capabilities.tasks (tasks-extension-advertised)", async () => {
    const { result } = await caller.call("server/discover", {}, {});
    expect(result!.capabilities.extensions).to.deep.equal({ [TASKS]: {} });
    expect(result!.capabilities).not.to.have.property("tasks");
    const plain = await memoryCaller(new FastMCP("plain", { logger: captureLogger() }).tool("t", () => "x"));
    const none = await plain.call("server/discover", {}, {});
    expect(none.result!.capabilities).not.to.have.property("extensions");
    await plain.close();
  });

  it("answers a flat CreateTaskResult at once, then tasks/get working and completed (tasks-lifecycle)", async () => {
    const { result: created } = await caller.call("tools/call", { name: "slow", arguments: { ms: 100 } });
    expect(created).to.include({ resultType: "task", status: "working", ttlMs: 3_600_000, pollIntervalMs: 20 });
    expect(created!.taskId).to.match(/^[0-9a-f-]{36}$/);
    expect(created!.createdAt).to.match(ISO);
    expect(created!.lastUpdatedAt).to.match(ISO);
    for (const key of ["task", "result", "error", "inputRequests", "requestState", "ttl", "pollInterval", "content"])
      expect(created).not.to.have.property(key);
    const working = await caller.call("tasks/get", { taskId: created!.taskId });
    expect(working.result).to.include({ resultType: "complete", taskId: created!.taskId, status: "working" });
    const done = await until(caller, created!.taskId, terminal);
    expect(done).to.deep.include({ status: "completed", result: { content: [{ type: "text", text: "slept 100" }] } });
    expect(done).not.to.have.property("error");
  });

  it("ends a tool error completed with isError, and a JSON-RPC error failed with it (sep-2663 error semantics)", async () => {
    const toolError = await caller.call("tools/call", { name: "tool_error" });
    const completed = await until(caller, toolError.result!.taskId, terminal);
    expect(completed).to.deep.include({ status: "completed" });
    expect((completed.result as { isError: boolean }).isError).to.equal(true);
    const protocolError = await caller.call("tools/call", { name: "protocol_error" });
    const failed = await until(caller, protocolError.result!.taskId, terminal);
    expect(failed).to.deep.include({
      status: "failed",
      statusMessage: "the backend is down",
      error: { code: -32001, message: "the backend is down", data: { retry: true } },
    });
    expect(failed).not.to.have.property("result");
  });

  it("cancels: aborts ctx.signal, ends cancelled, acks with resultType alone, also twice (sep-2663-cancel-ack-empty-result)", async () => {
    const { result: created } = await caller.call("tools/call", { name: "slow", arguments: { ms: 60_000 } });
    const ack = await caller.call("tasks/cancel", { taskId: created!.taskId });
    expect(Object.keys(ack.result!).sort()).to.deep.equal(["_meta", "resultType"]);
    expect(ack.result!.resultType).to.equal("complete");
    expect(observed.aborted).to.equal(true);
    const again = await caller.call("tasks/cancel", { taskId: created!.taskId });
    expect(again.result).to.include({ resultType: "complete" });
    const task = await caller.call("tasks/get", { taskId: created!.taskId });
    expect(task.result).to.include({ status: "cancelled" });
  });

  it("cancelling a terminal task acks and changes nothing (tasks-cancel-terminal-idempotent-ack)", async () => {
    const { result: created } = await caller.call("tools/call", { name: "slow", arguments: { ms: 1 } });
    const before = await until(caller, created!.taskId, terminal);
    const ack = await caller.call("tasks/cancel", { taskId: created!.taskId });
    expect(ack.result).to.include({ resultType: "complete" });
    const after = await caller.call("tasks/get", { taskId: created!.taskId });
    expect(after.result).to.deep.include({ status: "completed", result: before.result });
  });

  it("parks input_required with both questions; a partial tasks/update leaves the other (tasks-mrtr-partial-fulfillment)", async () => {
    const { result: created } = await caller.call("tools/call", { name: "ask_two" });
    const taskId = created!.taskId as string;
    const parked = await until(caller, taskId, (t) => t.status === "input_required");
    const requests = parked.inputRequests as Record<string, { method: string }>;
    expect(Object.keys(requests).sort()).to.deep.equal(["a", "b"]);
    expect(requests.a!.method).to.equal("elicitation/create");
    const first = await caller.call("tasks/update", {
      taskId,
      inputResponses: { a: { action: "accept", content: { name: "Ada" } } },
    });
    expect(Object.keys(first.result!).sort()).to.deep.equal(["_meta", "resultType"]);
    const partial = await caller.call("tasks/get", { taskId });
    expect(partial.result!.status).to.equal("input_required");
    expect(Object.keys(partial.result!.inputRequests)).to.deep.equal(["b"]);
    await caller.call("tasks/update", { taskId, inputResponses: { b: { action: "decline" } } });
    const done = await until(caller, taskId, terminal);
    expect(done).to.deep.include({
      status: "completed",
      result: { content: [{ type: "text", text: "a=Ada b=decline" }] },
    });
  });

  it("bad tasks/update input: the spec's answer, and nothing else changes", async () => {
    const { result: created } = await caller.call("tools/call", { name: "ask_two" });
    const taskId = created!.taskId as string;
    const parked = await until(caller, taskId, (t) => t.status === "input_required");
    const unknown = await caller.call("tasks/update", { taskId, inputResponses: { never: { ignored: true } } });
    expect(unknown.result).to.include({ resultType: "complete" });
    const malformed = await caller.call("tasks/update", { taskId, inputResponses: "yes" });
    expect(malformed.error).to.include({ code: ErrorCode.InvalidParams });
    expect(malformed.error!.message).to.contain("/inputResponses");
    const invalid = await caller.call("tasks/update", {
      taskId,
      inputResponses: { a: { action: "accept", content: { name: "Ada" } }, b: { action: "maybe" } },
    });
    expect(invalid.error).to.include({ code: ErrorCode.InvalidParams });
    expect(invalid.error!.message).to.contain('inputResponses["b"]');
    const noTask = await caller.call("tasks/update", { inputResponses: {} });
    expect(noTask.error).to.include({ code: ErrorCode.InvalidParams });
    const after = await caller.call("tasks/get", { taskId });
    expect(after.result).to.deep.include({ status: "input_required", inputRequests: parked.inputRequests });
  });

  it("a required task tool without the extension is -32021 naming it; an optional one runs as a plain call", async () => {
    const required = await caller.call("tools/call", { name: "must" }, {});
    expect(required.error).to.include({ code: ErrorCode.MissingRequiredClientCapability });
    expect(required.error!.data).to.deep.equal({ requiredCapabilities: { extensions: { [TASKS]: {} } } });
    const optional = await caller.call("tools/call", { name: "slow", arguments: { ms: 1 } }, {});
    expect(optional.result).to.deep.include({ resultType: "complete", content: [{ type: "text", text: "slept 1" }] });
    const sync = await caller.call("tools/call", { name: "echo", task: { ttl: 1000 } });
    expect(sync.result).to.include({ resultType: "complete" }).and.not.have.property("taskId");
  });

  it("gates tasks/* on the request's own capabilities (-32021), and keeps tasks/result and tasks/list -32601", async () => {
    const { result: created } = await caller.call("tools/call", { name: "slow", arguments: { ms: 1 } });
    for (const [method, params] of [
      ["tasks/get", { taskId: created!.taskId }],
      ["tasks/update", { taskId: created!.taskId, inputResponses: {} }],
      ["tasks/cancel", { taskId: created!.taskId }],
    ] as const) {
      const refused = await caller.call(method, params, { elicitation: {} });
      expect(refused.error, method).to.include({ code: ErrorCode.MissingRequiredClientCapability });
      expect(refused.error!.data).to.deep.equal({ requiredCapabilities: { extensions: { [TASKS]: {} } } });
    }
    for (const method of ["tasks/result", "tasks/list"]) {
      const gone = await caller.call(method, { taskId: created!.taskId });
      expect(gone.error, method).to.include({ code: ErrorCode.MethodNotFound });
    }
  });

  it("an unknown or forged taskId is -32602, and so is tasks/get without one (sep-2663-tasks-get-invalid-task-id-32602)", async () => {
    const unknown = await caller.call("tasks/get", { taskId: "no-such-task" });
    expect(unknown.error).to.include({ code: ErrorCode.InvalidParams });
    const forged = await caller.call("tasks/cancel", { taskId: crypto.randomUUID() });
    expect(forged.error).to.include({ code: ErrorCode.InvalidParams });
    const missing = await caller.call("tasks/get", {});
    expect(missing.error).to.include({ code: ErrorCode.InvalidParams });
  });

  it("resolves tasks/get right after create, and a task kept for its TTL, then gone (tasks-no-early-ttl-expiry)", async () => {
    const { result: created } = await caller.call("tools/call", { name: "short_ttl" });
    expect(created!.ttlMs).to.equal(300);
    const done = await until(caller, created!.taskId, terminal);
    expect(done.status).to.equal("completed");
    await sleep(100);
    expect((await caller.call("tasks/get", { taskId: created!.taskId })).result).to.include({ status: "completed" });
    await sleep(300);
    const expired = await caller.call("tasks/get", { taskId: created!.taskId });
    expect(expired.error).to.include({ code: ErrorCode.InvalidParams });
  });

  it("gathers input by MRTR before ctx.startTask(), then answers the CreateTaskResult (tasks-mrtr-composition)", async () => {
    const round1 = await caller.call("tools/call", { name: "ask_then_task" });
    expect(round1.result).to.include({ resultType: "input_required" }).and.not.have.property("taskId");
    const round2 = await caller.call("tools/call", {
      name: "ask_then_task",
      inputResponses: { name: { action: "accept", content: { name: "Alice" } } },
      requestState: round1.result!.requestState,
    });
    expect(round2.result).to.include({ resultType: "task" });
    expect(round2.result).not.to.have.keys("requestState", "inputRequests");
    const done = await until(caller, round2.result!.taskId, terminal);
    expect(done.result).to.deep.equal({ content: [{ type: "text", text: "hello Alice (task: true)" }] });
  });

  it("sends no log or progress messages from a task, and does not fail over them", async () => {
    const { result: created } = await caller.call(
      "tools/call",
      { name: "chatty", _meta: { progressToken: 7 } },
      {
        ...WITH_TASKS,
      },
    );
    const done = await until(caller, created!.taskId, terminal);
    expect(done).to.deep.include({ status: "completed", result: { content: [{ type: "text", text: "chatted" }] } });
  });
});

describe("tasks extension, scoping and revisions", () => {
  it("hides another owner's task exactly as an unknown one (auth binding)", async () => {
    const app = taskApp(undefined, { tasks: { owner: (request) => request.meta?.["test/principal"] as string } });
    const caller = await memoryCaller(app);
    const { result: created } = await caller.call("tools/call", { name: "slow" }, WITH_TASKS, {
      "test/principal": "alice",
    });
    const mine = await caller.call("tasks/get", { taskId: created!.taskId }, WITH_TASKS, { "test/principal": "alice" });
    expect(mine.result).to.include({ taskId: created!.taskId });
    const theirs = await caller.call("tasks/get", { taskId: created!.taskId }, WITH_TASKS, { "test/principal": "bob" });
    const unknown = await caller.call("tasks/get", { taskId: "nope" }, WITH_TASKS, { "test/principal": "bob" });
    expect(theirs.error).to.deep.equal(unknown.error);
    const cancel = await caller.call("tasks/cancel", { taskId: created!.taskId }, WITH_TASKS, {});
    expect(cancel.error).to.include({ code: ErrorCode.InvalidParams });
    await caller.close();
  });

  it("is owned by the caller's verified principal by default: another user's token finds it as unknown", async () => {
    const app = taskApp();
    const alice = await memoryCaller(app, (t) => asCaller(t, callerAuth("alice")));
    const mallory = await memoryCaller(app, (t) => asCaller(t, callerAuth("mallory")));
    const { result: created } = await alice.call("tools/call", { name: "slow" }, WITH_TASKS);
    expect((await alice.call("tasks/get", { taskId: created!.taskId })).result).to.include({
      taskId: created!.taskId,
    });
    const theirs = await mallory.call("tasks/get", { taskId: created!.taskId });
    const unknown = await mallory.call("tasks/get", { taskId: "nope" });
    expect(theirs.error).to.include({ code: ErrorCode.InvalidParams });
    expect(theirs.error).to.deep.equal(unknown.error);
    await alice.close();
    await mallory.close();
  });

  it("does not exist on a stateful connection: tasks/get is -32601, and optional task tools run as plain calls", async () => {
    const [clientEnd, serverEnd] = memoryPair();
    await taskApp().connect(serverEnd);
    const raw = await RawPeer.on(clientEnd);
    const init = {
      protocolVersion: "2025-11-25",
      capabilities: { extensions: { [TASKS]: {} } },
      clientInfo: { name: "c", version: "1" },
    };
    await raw.send({ jsonrpc: "2.0", id: 1, method: "initialize", params: init });
    await raw.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    await raw.send({ jsonrpc: "2.0", id: 2, method: "tasks/get", params: { taskId: "x" } });
    await raw.send({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "slow", arguments: { ms: 1 } } });
    const answers = (await raw.waitFor(3)) as {
      id: number;
      result?: Record<string, unknown>;
      error?: { code: number };
    }[];
    expect(answers.find((a) => a.id === 2)!.error).to.include({ code: ErrorCode.MethodNotFound });
    expect(answers.find((a) => a.id === 3)!.result).to.deep.include({ content: [{ type: "text", text: "slept 1" }] });
    await raw.close();
  });

  it("reads `_meta` before the gate: a tasks/get without a protocol version is -32602", async () => {
    const [clientEnd, serverEnd] = memoryPair();
    await taskApp().connect(serverEnd, { stateless: true });
    const raw = await RawPeer.on(clientEnd);
    await raw.send({ jsonrpc: "2.0", id: 1, method: "tasks/get", params: { taskId: "x", _meta: {} } });
    const [answer] = (await raw.waitFor(1)) as { error: { code: number; message: string } }[];
    expect(answer!.error.code).to.equal(ErrorCode.InvalidParams);
    expect(answer!.error.message).to.contain(META.protocolVersion);
    await raw.close();
  });
});

describe("tasks extension, status notifications on subscriptions/listen", () => {
  /** A listening connection and a calling one to the same server. */
  async function listening() {
    const app = taskApp();
    const [clientEnd, serverEnd] = memoryPair();
    await app.connect(serverEnd);
    return { raw: await RawPeer.on(clientEnd), caller: await memoryCaller(app) };
  }

  it("acknowledges the task ids it will report on, and sends notifications/tasks with the DetailedTask", async () => {
    const { raw, caller } = await listening();
    const { result: created } = await caller.call("tools/call", { name: "slow", arguments: { ms: 150 } });
    const taskId = created!.taskId as string;
    const params = { notifications: { taskIds: [taskId, "unknown-task"] }, _meta: meta(WITH_TASKS) };
    await raw.send({ jsonrpc: "2.0", id: 9, method: "subscriptions/listen", params });
    const [ack] = (await raw.waitFor(1)) as { method: string; params: { notifications: unknown } }[];
    expect(ack!.method).to.equal("notifications/subscriptions/acknowledged");
    expect(ack!.params.notifications).to.deep.equal({ taskIds: [taskId] });
    const messages = (await raw.waitFor(2, 3000)) as { method: string; params: Record<string, unknown> }[];
    const update = messages[1]!;
    expect(update.method).to.equal("notifications/tasks");
    expect(update.params).to.deep.include({
      taskId,
      status: "completed",
      result: { content: [{ type: "text", text: "slept 150" }] },
    });
    expect((update.params._meta as Record<string, unknown>)[META.subscriptionId]).to.equal(9);
    await raw.close();
    await caller.close();
  });

  it("refuses task ids from a request that does not declare the extension (-32021)", async () => {
    const { raw, caller } = await listening();
    await raw.send({
      jsonrpc: "2.0",
      id: 1,
      method: "subscriptions/listen",
      params: { notifications: { taskIds: ["x"] }, _meta: meta({}) },
    });
    const [answer] = (await raw.waitFor(1)) as { error: { code: number; data: unknown } }[];
    expect(answer!.error).to.deep.include({
      code: ErrorCode.MissingRequiredClientCapability,
      data: { requiredCapabilities: { extensions: { [TASKS]: {} } } },
    });
    await raw.close();
    await caller.close();
  });
});
