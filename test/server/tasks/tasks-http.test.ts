import { expect } from "chai";
import { ErrorCode } from "../../../src/protocol/errors.js";
import type { HttpApp } from "../../../src/server/fastmcp/http-app.js";
import { httpCaller, TASKS, terminal, until, type Caller } from "../../support/tasks-peer.js";
import { taskApp, type Observed } from "./tasks-fixture.js";

describe("tasks extension over stateless Streamable HTTP (2026-07-28)", () => {
  let http: HttpApp;
  let caller: Caller;
  let observed: Observed;

  before(async () => {
    observed = { aborted: false };
    http = await taskApp(observed).runHttp({ host: "127.0.0.1", port: 0 });
    caller = httpCaller(http.endpointUrl);
  });
  after(() => http.close());

  it("creates a task on one POST, and polls, answers and completes it on later ones (tasks-lifecycle)", async () => {
    const created = await caller.call("tools/call", { name: "ask_two" });
    expect(created.status).to.equal(200);
    expect(created.result).to.include({ resultType: "task" });
    const taskId = created.result!.taskId as string;
    await until(caller, taskId, (t) => t.status === "input_required");
    const ack = await caller.call("tasks/update", {
      taskId,
      inputResponses: { a: { action: "accept", content: { name: "Bo" } }, b: { action: "cancel" } },
    });
    expect(ack.result).to.include({ resultType: "complete" });
    const done = await until(caller, taskId, terminal);
    expect(done).to.deep.include({
      status: "completed",
      result: { content: [{ type: "text", text: "a=Bo b=cancel" }] },
    });
  });

  it("keeps running after the creating POST ended, and cancels from another POST (sep-2663-cancel-ack-empty-result)", async () => {
    const created = await caller.call("tools/call", { name: "slow", arguments: { ms: 60_000 } });
    const taskId = created.result!.taskId as string;
    expect((await caller.call("tasks/get", { taskId })).result).to.include({ status: "working" });
    expect((await caller.call("tasks/cancel", { taskId })).result).to.include({ resultType: "complete" });
    expect(observed.aborted).to.equal(true);
    expect((await caller.call("tasks/get", { taskId })).result).to.include({ status: "cancelled" });
  });

  it("answers -32021 with HTTP 400 to a required task tool without the extension (tasks-required-task-error)", async () => {
    const refused = await caller.call("tools/call", { name: "must" }, {});
    expect(refused.status).to.equal(400);
    expect(refused.error).to.deep.include({
      code: ErrorCode.MissingRequiredClientCapability,
      data: { requiredCapabilities: { extensions: { [TASKS]: {} } } },
    });
  });

  it("answers an unknown taskId -32602 and tasks/list -32601 (tasks-dispatch-and-envelope)", async () => {
    expect((await caller.call("tasks/get", { taskId: "missing" })).error).to.include({ code: ErrorCode.InvalidParams });
    const list = await caller.call("tasks/list", {});
    expect(list.error).to.include({ code: ErrorCode.MethodNotFound });
    expect(list.status).to.equal(404);
  });
});
