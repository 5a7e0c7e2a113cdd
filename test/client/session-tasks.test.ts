import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import { TaskCancelledError, TaskHandle } from "../../src/client/tasks.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import type { Transport } from "../../src/protocol/transport.js";
import { taskApp } from "../server/tasks/tasks-fixture.js";
import { captureLogger } from "../support/peers.js";

const texts = (result: { content: unknown[] }) => result.content.map((c) => (c as { text?: string }).text);

async function session(transport: Transport, tasks = true): Promise<ClientSession> {
  const client = new ClientSession(transport, { logger: captureLogger(), tasks });
  client.onElicit((params) => ({
    action: "accept",
    content: (JSON.stringify(params).includes("confirm") ? { confirm: true } : { name: "Ada" }) as Record<
      string,
      string | boolean
    >,
  }));
  await client.initialize();
  return client;
}

async function inMemory(tasks = true): Promise<ClientSession> {
  const [clientEnd, serverEnd] = memoryPair();
  await taskApp().connect(serverEnd);
  return session(clientEnd, tasks);
}

describe("ClientSession and the tasks extension (2026-07-28)", () => {
  it("follows a task to its end: callTool resolves with the final result", async () => {
    const client = await inMemory();
    expect(client.protocolVersion).to.equal("2026-07-28");
    expect(texts(await client.callTool("slow", { ms: 30 }))).to.deep.equal(["slept 30"]);
    expect(texts(await client.callTool("echo"))).to.deep.equal(["echoed"]);
    await client.close();
  });

  it("answers a task's questions with the registered handlers (tasks/update)", async () => {
    const client = await inMemory();
    expect(texts(await client.callTool("ask_two"))).to.deep.equal(["a=Ada b=accept"]);
    await client.close();
  });

  it("hands the task over with callToolTask: poll, cancel, and a result that rejects as cancelled", async () => {
    const client = await inMemory();
    const started = await client.callToolTask("slow", { ms: 10_000 });
    expect(started.task?.status).to.equal("working");
    await started.task!.cancel();
    const outcome = await started.task!.result().catch((error: unknown) => error);
    expect(outcome).to.be.instanceOf(TaskCancelledError);
    const resumed = await client.task(started.task!.taskId);
    expect(resumed.status).to.equal("cancelled");
    const plain = await client.callToolTask("echo");
    expect(plain.result).to.have.property("content");
    await client.close();
  });

  it("without tasks, a required-task tool is -32021 and an optional one runs at once", async () => {
    const client = await inMemory(false);
    expect(texts(await client.callTool("slow", { ms: 1 }))).to.deep.equal(["slept 1"]);
    const refused = await client.callTool("must").catch((error: unknown) => error);
    expect((refused as { code?: number }).code).to.equal(-32021);
    await client.close();
  });

  it("follows a task over Streamable HTTP", async () => {
    const app = taskApp();
    const http = await app.runHttp({ port: 0 });
    try {
      const client = await session(streamableHttpClient(http.endpointUrl));
      expect(texts(await client.callTool("slow", { ms: 20 }))).to.deep.equal(["slept 20"]);
      expect(texts(await client.callTool("ask_two"))).to.deep.equal(["a=Ada b=accept"]);
      await client.close();
    } finally {
      await http.close();
    }
  });

  it("reads the result of a task whose CreateTaskResult already says completed (it never carries the result)", async () => {
    const sent: string[] = [];
    const seed = {
      taskId: "t1",
      status: "completed" as const,
      createdAt: "2026-01-01T00:00:00Z",
      lastUpdatedAt: "2026-01-01T00:00:00Z",
      ttlMs: 1000,
    };
    const handle = new TaskHandle(seed, async (method) => {
      sent.push(method);
      return { ...seed, result: { content: [{ type: "text", text: "done" }] } };
    });
    expect(await handle.result()).to.deep.equal({ content: [{ type: "text", text: "done" }] });
    expect(sent).to.deep.equal(["tasks/get"]);
    // Once read, the outcome is not asked for again.
    expect(await handle.result()).to.deep.equal({ content: [{ type: "text", text: "done" }] });
    expect(sent).to.have.length(1);
  });
});
