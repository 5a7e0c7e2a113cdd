import { expect } from "chai";
import { extensions, revisions } from "../../generated/index.js";
import { ErrorCode } from "../../src/protocol/errors.js";
import { extendRevision, extensionRefusal } from "../../src/server/extensions.js";
import { Server } from "../../src/server/index.js";
import { completeStatelessResult } from "../../src/server/stateless.js";
import { TASKS_EXTENSION } from "../../src/server/tasks/tasks.js";
import { captureLogger } from "../support/peers.js";
import { memoryCaller, TASKS } from "../support/tasks-peer.js";

const stateless = revisions["2026-07-28"];
const created = {
  resultType: "task",
  taskId: "t",
  status: "working",
  createdAt: "2026-01-01T00:00:00Z",
  lastUpdatedAt: "2026-01-01T00:00:00Z",
  ttlMs: 60_000,
};

describe("server extensions (capabilities.extensions methods beside a revision's)", () => {
  it("reads a revision with an extension's methods added, and leaves other revisions alone", () => {
    const extended = extendRevision(stateless, [TASKS_EXTENSION]);
    expect(extended.name).to.equal("2026-07-28");
    expect(extended.requests).to.include.keys("tasks/get", "tasks/update", "tasks/cancel", "tools/call");
    expect(extended.notifications).to.include.keys("notifications/tasks", "notifications/message");
    expect(extended.requests["server/discover"]).to.equal(stateless.requests["server/discover"]);
    expect(extendRevision(revisions["2025-11-25"], [TASKS_EXTENSION])).to.equal(revisions["2025-11-25"]);
  });

  it("lets tools/call answer a CreateTaskResult as well as a CallToolResult", () => {
    const validator = extendRevision(stateless, [TASKS_EXTENSION]).requests["tools/call"]!.result;
    expect(validator(created)).to.equal(true);
    expect(validator({ resultType: "complete", content: [] })).to.equal(true);
  });

  it("refuses an extension method whose request does not declare the extension, naming it (-32021)", () => {
    const refusal = extensionRefusal(TASKS_EXTENSION, { method: "tasks/get", params: { _meta: {} } });
    expect(refusal).to.include({ code: ErrorCode.MissingRequiredClientCapability });
    expect(refusal!.data).to.deep.equal({ requiredCapabilities: { extensions: { [TASKS]: {} } } });
    const declared = {
      method: "tasks/get",
      params: { _meta: { "io.modelcontextprotocol/clientCapabilities": { extensions: { [TASKS]: {} } } } },
    };
    expect(extensionRefusal(TASKS_EXTENSION, declared)).to.equal(undefined);
  });

  it("completes extension results without caching hints: resultType 'task' and the task's ttlMs stay", () => {
    const read = stateless.requests["resources/read"]!;
    expect(read.sessionFields).to.include("ttlMs");
    const task = completeStatelessResult(
      created,
      read,
      { ttlMs: 5, cacheScope: "public" },
      { name: "s", version: "1" },
    );
    expect(task).to.include({ resultType: "task", ttlMs: 60_000 }).and.not.have.property("cacheScope");
    const get = extensions["ext-tasks"].requests["tasks/get"];
    const detailed = completeStatelessResult({ ...created, resultType: undefined }, get, undefined, {});
    expect(detailed).to.include({ resultType: "complete", ttlMs: 60_000 }).and.not.have.property("cacheScope");
  });

  it("serves an extension on a low-level Server with its own handlers, and refuses foreign methods", async () => {
    const server = new Server({ name: "low", version: "1" }, { logger: captureLogger() });
    expect(() => server.useExtension(TASKS_EXTENSION, { "tools/list": () => ({}) })).to.throw(TypeError, /tools\/list/);
    server.useExtension(TASKS_EXTENSION, {
      "tasks/get": (params: { taskId: string }) => ({ ...created, resultType: undefined, ...params }),
    });
    expect(() => server.useExtension(TASKS_EXTENSION, {})).to.throw(TypeError, /already/);
    expect(server.capabilitiesFor(stateless)).to.deep.include({ extensions: { [TASKS]: {} } });
    expect(server.capabilitiesFor(revisions["2025-11-25"])).not.to.have.property("extensions");
    const caller = await memoryCaller({ connect: (t: never) => server.connect(t) } as never);
    const { result } = await caller.call("tasks/get", { taskId: "abc" });
    expect(result).to.include({ resultType: "complete", taskId: "abc" });
    const missing = await caller.call("tasks/cancel", { taskId: "abc" });
    expect(missing.error).to.include({ code: ErrorCode.MethodNotFound });
    await caller.close();
  });
});
