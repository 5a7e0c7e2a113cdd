import { expect } from "chai";
import { gunzipSync } from "node:zlib";
import type { Progress } from "../../src/protocol/outbound.js";
import { ELICITED, MARKER, type Block, type CallToolResult, type EverythingClient } from "./everything-client.js";
import { rejection, texts } from "./helpers.js";

/** How one tool is driven: its arguments, and either a check of the answer to one call or a whole `run`. */
export interface ToolCase {
  args: Record<string, unknown>;
  run?: (args: Record<string, unknown>) => Promise<void>;
  check?: (result: CallToolResult) => void | Promise<void>;
  timeout?: number;
}

const blocks = (result: CallToolResult) => result.content as Block[];
const decode = (base64: string) => Buffer.from(base64, "base64");

/**
 * Every tool server-everything offers to a client declaring sampling, elicitation (form and url), roots
 * and client-side tasks, with arguments built for it and a check of its answer. No tool is left out: the
 * test fails when the server lists a tool this table lacks, or stops listing one it has.
 */
export function everythingTools(c: EverythingClient): Record<string, ToolCase> {
  return {
    echo: {
      args: { message: "hello from mcpkit" },
      check: (r) => {
        expect(texts(r.content)).to.deep.equal(["Echo: hello from mcpkit"]);
      },
    },
    "get-annotated-message": {
      args: { messageType: "error", includeImage: true },
      check: (r) => {
        const [message, image] = blocks(r);
        expect(message).to.deep.equal({
          type: "text",
          text: "Error: Operation failed",
          annotations: { priority: 1, audience: ["user", "assistant"] },
        });
        expect(image).to.deep.include({ type: "image", mimeType: "image/png" });
        expect(decode(image!.data).subarray(1, 4).toString()).to.equal("PNG");
      },
    },
    "get-env": {
      args: {},
      check: (r) => {
        const env = JSON.parse(texts(r.content)[0]!) as Record<string, string>;
        expect(env.MCPKIT_INTEROP).to.equal(MARKER);
        // stdioClient passes only the default environment plus what it is given.
        const allowed = ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "MCPKIT_INTEROP"];
        expect(Object.keys(env).filter((k) => !allowed.includes(k))).to.deep.equal([]);
      },
    },
    "get-resource-links": {
      args: { count: 4 },
      check: async (r) => {
        const [intro, ...links] = blocks(r);
        expect(intro!.text).to.equal("Here are 4 resource links to resources available in this server:");
        expect(links).to.have.length(4);
        for (const link of links) expect(link).to.include.keys("type", "uri", "name", "mimeType");
        expect(links.every((l) => l.type === "resource_link")).to.equal(true);
        for (const link of links.slice(0, 2)) {
          const read = await c.session.readResource(link.uri as string);
          expect(read.contents[0]!.uri).to.equal(link.uri);
        }
      },
    },
    "get-resource-reference": {
      args: { resourceType: "Text", resourceId: 2 },
      check: (r) => {
        const embedded = blocks(r)[1]!;
        expect(embedded.type).to.equal("resource");
        expect(embedded.resource).to.deep.include({ uri: "demo://resource/dynamic/text/2", mimeType: "text/plain" });
        expect(embedded.resource.text).to.match(/^Resource 2: This is a plaintext resource/);
      },
    },
    "get-roots-list": {
      args: {},
      check: (r) => {
        const text = texts(r.content)[0]!;
        expect(text).to.include(`Current MCP Roots (${c.roots.length} total)`);
        for (const root of c.roots) expect(text).to.include(`URI: ${root.uri}`);
      },
    },
    "get-structured-content": {
      args: { location: "Chicago" },
      check: (r) => {
        expect(r.structuredContent).to.deep.equal({
          temperature: 36,
          conditions: "Light rain / drizzle",
          humidity: 82,
        });
        expect(JSON.parse(texts(r.content)[0]!)).to.deep.equal(r.structuredContent);
      },
    },
    "get-sum": {
      args: { a: 19, b: 23 },
      check: (r) => {
        expect(texts(r.content)).to.deep.equal(["The sum of 19 and 23 is 42."]);
      },
    },
    "get-tiny-image": {
      args: {},
      check: (r) => {
        const [before, image, after] = blocks(r);
        expect(before!.text).to.equal("Here's the image you requested:");
        expect(image).to.deep.include({ type: "image", mimeType: "image/png" });
        expect(decode(image!.data).subarray(1, 4).toString()).to.equal("PNG");
        expect(after!.text).to.equal("The image above is the MCP logo.");
      },
    },
    "gzip-file-as-resource": {
      // A data: URL keeps the test off the network (the default argument fetches from GitHub).
      args: {
        name: "interop.txt.gz",
        data: `data:text/plain;base64,${Buffer.from("gzip me, server-everything\n").toString("base64")}`,
        outputType: "resource",
      },
      run: async (args) => {
        const embedded = blocks(await c.session.callTool("gzip-file-as-resource", args))[0]!;
        expect(embedded.type).to.equal("resource");
        expect(embedded.resource).to.deep.include({
          uri: "demo://resource/session/interop.txt.gz",
          mimeType: "application/gzip",
        });
        expect(gunzipSync(decode(embedded.resource.blob)).toString()).to.equal("gzip me, server-everything\n");

        // As a link: the compressed file becomes a session resource, announced by resources/list_changed.
        const mark = c.listChanges.mark();
        const linked = await c.session.callTool("gzip-file-as-resource", {
          ...args,
          name: "linked.txt.gz",
          outputType: "resourceLink",
        });
        const link = blocks(linked)[0]!;
        expect(link).to.deep.include({ type: "resource_link", uri: "demo://resource/session/linked.txt.gz" });
        await c.listChanges.waitFor((kind) => kind === "resources", { from: mark, what: "resources/list_changed" });
        const { resources } = await c.session.listResources();
        expect(resources.map((r) => r.uri)).to.include(link.uri);
        const read = await c.session.readResource(link.uri as string);
        const blob = (read.contents[0] as { blob: string }).blob;
        expect(gunzipSync(decode(blob)).toString()).to.equal("gzip me, server-everything\n");
      },
    },
    "toggle-simulated-logging": {
      args: {},
      run: async (args) => {
        const mark = c.logs.mark();
        const started = await c.session.callTool("toggle-simulated-logging", args);
        expect(texts(started.content)[0]).to.match(/^Started simulated, random-leveled logging/);
        // It sends one message at once, at a random level, then one every 5 s.
        const message = await c.logs.waitFor((m) => /-level message|level-message/.test(String(m.data)), {
          from: mark,
          what: "a simulated log message",
        });
        expect(String(message.data).toLowerCase().startsWith(message.level), JSON.stringify(message)).to.equal(true);
        const stopped = await c.session.callTool("toggle-simulated-logging", args);
        expect(texts(stopped.content)[0]).to.match(/^Stopped simulated logging/);
      },
    },
    "toggle-subscriber-updates": {
      args: {},
      run: async (args) => {
        const uri = "demo://resource/dynamic/text/1";
        await c.session.subscribe({ uri });
        try {
          const mark = c.updates.mark();
          const started = await c.session.callTool("toggle-subscriber-updates", args);
          expect(texts(started.content)[0]).to.match(/^Started simulated resource updated notifications/);
          await c.updates.waitFor((u) => u.uri === uri, { from: mark, what: `resources/updated for ${uri}` });
          const stopped = await c.session.callTool("toggle-subscriber-updates", args);
          expect(texts(stopped.content)[0]).to.match(/^Stopped simulated resource updates/);
        } finally {
          await c.session.unsubscribe({ uri });
        }
      },
    },
    "trigger-long-running-operation": {
      args: { duration: 0.5, steps: 5 },
      run: async (args) => {
        const reports: Progress[] = [];
        const result = await c.session.callTool("trigger-long-running-operation", args, {
          onprogress: (p) => reports.push(p),
        });
        expect(texts(result.content)).to.deep.equal([
          "Long running operation completed. Duration: 0.5 seconds, Steps: 5.",
        ]);
        expect(reports.map((p) => [p.progress, p.total])).to.deep.equal([
          [1, 5],
          [2, 5],
          [3, 5],
          [4, 5],
          [5, 5],
        ]);
      },
    },
    "trigger-elicitation-request": {
      args: {},
      check: (r) => {
        const [done, inputs] = texts(r.content);
        expect(done).to.equal("✅ User provided the requested information!");
        expect(inputs).to.include(`- Name: ${ELICITED.name}`).and.include(`- Email: ${ELICITED.email}`);
        const request = c.elicitationRequests.at(-1)!;
        expect(request.requestedSchema.required).to.deep.equal(["name"]);
        expect(request.requestedSchema.properties).to.include.keys("name", "email", "untitledMultipleSelectEnum");
      },
    },
    "trigger-url-elicitation": {
      args: { url: "https://example.com/authorize", message: "Please sign in", elicitationId: "interop-url-1" },
      run: async (args) => {
        const result = await c.session.callTool("trigger-url-elicitation", args);
        expect(texts(result.content)[0])
          .to.include("User completed the URL elicitation flow")
          .and.include("interop-url-1");
        expect(c.elicitationRequests.at(-1)).to.deep.include({
          mode: "url",
          url: "https://example.com/authorize",
          message: "Please sign in",
          elicitationId: "interop-url-1",
        });

        // The error path: -32042 URLElicitationRequiredError, then the retry goes through.
        const retried = { ...args, elicitationId: "interop-url-2", errorPath: true };
        const error = await rejection(c.session.callTool("trigger-url-elicitation", retried));
        expect(error.name).to.equal("McpError");
        expect(error.code).to.equal(-32042);
        const elicitations = (error.data as { elicitations: Block[] }).elicitations;
        expect(elicitations[0]).to.deep.include({ mode: "url", url: "https://modelcontextprotocol.io" });
        const after = await c.session.callTool("trigger-url-elicitation", retried);
        expect(texts(after.content)[0]).to.include("User completed the URL elicitation flow");
      },
    },
    "trigger-sampling-request": {
      args: { prompt: "What is MCP?", maxTokens: 50 },
      check: (r) => {
        const text = texts(r.content)[0]!;
        expect(text).to.match(/^LLM sampling result: /);
        const answer = JSON.parse(text.slice(text.indexOf("{")));
        expect(answer).to.deep.include({ model: "interop-model", role: "assistant" });
        expect(answer.content.text).to.equal(
          "mcpkit model read: Resource trigger-sampling-request context: What is MCP?",
        );
        expect(c.samplingRequests.at(-1)).to.deep.include({
          maxTokens: 50,
          systemPrompt: "You are a helpful test server.",
        });
      },
    },
    "trigger-sampling-request-async": {
      // The server sends sampling/createMessage with `task`; the client answers CreateTaskResult and the
      // server polls tasks/get (once a second) and fetches tasks/result.
      args: { prompt: "Async MCP?", maxTokens: 20 },
      timeout: 30_000,
      check: (r) => {
        const text = texts(r.content)[0]!;
        expect(text).to.match(/^\[COMPLETED\] Async sampling completed!/);
        expect(text).to.include("mcpkit model read: Resource trigger-sampling-request-async context: Async MCP?");
        expect(c.samplingRequests.at(-1)).to.have.nested.property("task.ttl", 300000);
      },
    },
    "trigger-elicitation-request-async": {
      args: {},
      timeout: 30_000,
      check: (r) => {
        const [done, inputs] = texts(r.content);
        expect(done).to.equal("[COMPLETED] User provided the requested information!");
        expect(inputs).to.include(`- Name: ${ELICITED.name}`);
        expect(c.elicitationRequests.at(-1)).to.have.nested.property("task.ttl", 600000);
      },
    },
    "simulate-research-query": {
      // A task-only tool (execution.taskSupport "required"): tools/call with `task` answers CreateTaskResult;
      // tasks/result waits for the end, and meanwhile the server's elicitation (ambiguous topic) comes to us.
      args: { topic: "python", ambiguous: true },
      timeout: 30_000,
      run: async (args) => {
        // mcpkit types its calls as the newest revision has them, where `task` is gone: hence the variable.
        const params = { name: "simulate-research-query", arguments: args, task: { ttl: 60_000 } };
        const created = (await c.session.callTool(params)) as unknown as { task: Block };
        const { taskId } = created.task;
        expect(created.task.status).to.equal("working");
        const status = await c.session.getTask({ taskId });
        expect(status.taskId).to.equal(taskId);
        const payload = (await c.session.getTaskPayload({ taskId })) as unknown as CallToolResult;
        const report = texts(payload.content)[0]!;
        expect(report).to.include("# Research Report: python (programming)");
        expect(c.elicitationRequests.at(-1)!.requestedSchema.properties).to.have.key("interpretation");
        const done = await c.session.getTask({ taskId });
        expect(done.status).to.equal("completed");
      },
    },
  };
}
