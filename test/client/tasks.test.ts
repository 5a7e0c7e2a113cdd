import { expect } from "chai";
import {
  isCreateTaskResult,
  TaskCancelledError,
  TaskClient,
  TASKS_EXTENSION_ID,
  withTasksCapability,
} from "../../src/client/tasks.js";
import { McpError } from "../../src/protocol/errors.js";
import type { HttpApp } from "../../src/server/fastmcp/http-app.js";
import { taskApp } from "../server/tasks/tasks-fixture.js";
import { httpCaller, memoryCaller, taskSend, type Caller } from "../support/tasks-peer.js";

/** Answers elicitations as a user would: a name for "Name?", a confirmation otherwise. */
const asked: string[] = [];
async function answer(method: string, params: unknown, key: string): Promise<unknown> {
  asked.push(`${method} ${key}`);
  const message = (params as { message?: string }).message;
  return message === "Name?" ? { action: "accept", content: { name: "Cy" } } : { action: "accept", content: {} };
}

describe("tasks extension, client (polling and handles)", () => {
  let caller: Caller;
  let client: TaskClient;

  beforeEach(async () => {
    asked.length = 0;
    caller = await memoryCaller(taskApp());
    client = new TaskClient(taskSend(caller), { answer, pollIntervalMs: 10 });
  });
  afterEach(() => caller.close());

  it("declares the extension in capabilities it is given", () => {
    expect(withTasksCapability({ sampling: {} })).to.deep.equal({
      sampling: {},
      extensions: { [TASKS_EXTENSION_ID]: {} },
    });
  });

  it("resolves a call with the task's final result, polling transparently (backwards compatibility)", async () => {
    const result = await client.call("tools/call", { name: "slow", arguments: { ms: 60 } });
    expect(result).to.deep.equal({ content: [{ type: "text", text: "slept 60" }] });
  });

  it("passes a plain result through", async () => {
    const result = await client.call("tools/call", { name: "echo" });
    expect(result).to.include({ resultType: "complete" });
    expect(isCreateTaskResult(result)).to.equal(false);
  });

  it("answers input_required with the registered handlers through tasks/update, each key once", async () => {
    const result = await client.call("tools/call", { name: "ask_two" });
    expect(result).to.deep.equal({ content: [{ type: "text", text: "a=Cy b=accept" }] });
    expect(asked.sort()).to.deep.equal(["elicitation/create a", "elicitation/create b"]);
  });

  it("rejects with the task's JSON-RPC error when it failed, and resolves isError for a tool error", async () => {
    const failed = await client.call("tools/call", { name: "protocol_error" }).catch((e: unknown) => e);
    expect(failed).to.be.instanceOf(McpError).and.include({ code: -32001, message: "the backend is down" });
    const toolError = await client.call("tools/call", { name: "tool_error" });
    expect(toolError.isError).to.equal(true);
  });

  it("hands the task over: status, refresh, cancel, and a result that rejects as cancelled", async () => {
    const started = await client.start("tools/call", { name: "slow", arguments: { ms: 60_000 } });
    const task = started.task!;
    expect(task.status).to.equal("working");
    expect((await task.refresh()).taskId).to.equal(task.taskId);
    await task.cancel();
    const outcome = await task.result().catch((e: unknown) => e);
    expect(outcome).to.be.instanceOf(TaskCancelledError);
    expect(task.status).to.equal("cancelled");
  });

  it("resumes a task by id, and a call without a task starts none", async () => {
    const started = await client.start("tools/call", { name: "slow", arguments: { ms: 30 } });
    const resumed = await client.resume(started.task!.taskId);
    expect(await resumed.result()).to.deep.equal({ content: [{ type: "text", text: "slept 30" }] });
    const plain = await client.start("tools/call", { name: "echo" });
    expect(plain.task).to.equal(undefined);
    expect(plain.result).to.include({ resultType: "complete" });
  });

  it("stops polling (not the task) when its signal aborts", async () => {
    const started = await client.start("tools/call", { name: "slow", arguments: { ms: 60_000 } });
    const stop = new AbortController();
    const polling = started.task!.result(stop.signal).catch((e: unknown) => e);
    stop.abort(new Error("enough"));
    expect(await polling).to.have.property("message", "enough");
    expect((await started.task!.refresh()).status).to.equal("working");
    await started.task!.cancel();
  });
});

describe("tasks extension, client over stateless Streamable HTTP", () => {
  let http: HttpApp;

  before(async () => {
    http = await taskApp().runHttp({ host: "127.0.0.1", port: 0 });
  });
  after(() => http.close());

  it("polls a task to its result across POSTs, answering its questions", async () => {
    const client = new TaskClient(taskSend(httpCaller(http.endpointUrl)), { answer, pollIntervalMs: 10 });
    const result = await client.call("tools/call", { name: "ask_two" });
    expect(result).to.deep.equal({ content: [{ type: "text", text: "a=Cy b=accept" }] });
  });
});
