import { expect } from "chai";
import { ClientSession } from "../../src/client/client-session.js";
import { ErrorCode, FastMCP, McpError, Server } from "../../src/server/index.js";
import { memoryPair } from "../../src/transports/memory/memory.js";
import { captureLogger } from "../support/peers.js";
import { asCaller, callerAuth } from "../support/auth-caller.js";

async function connected(app: FastMCP, subject?: string): Promise<ClientSession> {
  const [clientEnd, serverEnd] = memoryPair();
  await app.connect(subject === undefined ? serverEnd : asCaller(serverEnd, callerAuth(subject)));
  const client = new ClientSession(clientEnd, { logger: captureLogger() });
  await client.initialize();
  return client;
}

describe("app.use(): middleware around every request", () => {
  it("runs in the order added around the handler, sees the method, params and caller", async () => {
    const seen: string[] = [];
    const app = new FastMCP("m", { logger: captureLogger() });
    app.tool("echo", (_args, ctx) => (seen.push(`handler ${ctx.auth?.subject}`), "hi"));
    app.use(async (params, request, next) => {
      seen.push(`outer> ${request.method} ${String(params.name ?? "")}`);
      const result = await next();
      seen.push(`outer< ${request.method}`);
      return result;
    });
    app.use((_params, request, next) => (seen.push(`inner ${request.auth?.subject}`), next()));
    const client = await connected(app, "alice");
    try {
      seen.length = 0;
      await client.callTool("echo", {});
      expect(seen).to.deep.equal(["outer> tools/call echo", "inner alice", "handler alice", "outer< tools/call"]);
    } finally {
      await client.close();
    }
  });

  it("short-circuits with an McpError (a rate limit), and the server keeps serving others", async () => {
    const app = new FastMCP("m", { logger: captureLogger() });
    app.tool("echo", () => "hi");
    const calls = new Map<string, number>();
    app.use((_params, request, next) => {
      if (request.method !== "tools/call") return next();
      const who = request.auth?.subject ?? "anonymous";
      const count = (calls.get(who) ?? 0) + 1;
      calls.set(who, count);
      if (count > 1) throw new McpError(-32029, "Rate limited", { retryAfterMs: 1000 });
      return next();
    });
    const [alice, bob] = [await connected(app, "alice"), await connected(app, "bob")];
    try {
      await alice.callTool("echo", {});
      const refused = await alice.callTool("echo", {}).catch((error: unknown) => error);
      expect(refused).to.be.instanceOf(McpError);
      expect((refused as McpError).code).to.equal(-32029);
      expect((await bob.callTool("echo", {})).content).to.deep.equal([{ type: "text", text: "hi" }]);
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });

  it("filters a list result, and may answer without calling next", async () => {
    const app = new FastMCP("m", { logger: captureLogger() });
    app.tool("public", () => "p").tool("internal", () => "i");
    app.use(async (_params, request, next) => {
      const result = (await next()) as { tools?: { name: string }[] };
      if (request.method !== "tools/list" || !result.tools) return result;
      return { ...result, tools: result.tools.filter((tool) => tool.name !== "internal") };
    });
    app.use((params, request, next) =>
      request.method === "tools/call" && params.name === "public"
        ? { content: [{ type: "text", text: "from middleware" }] }
        : next(),
    );
    const client = await connected(app);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).to.deep.equal(["public"]);
      expect((await client.callTool("public", {})).content).to.deep.equal([{ type: "text", text: "from middleware" }]);
    } finally {
      await client.close();
    }
  });

  it("the low-level Server takes middleware too; a failure inside is -32603, and next() twice is refused", async () => {
    const server = new Server({ name: "low", version: "1" }, { logger: captureLogger() });
    server.onListTools(() => ({ tools: [] }));
    let twice: unknown;
    server.use(async (_params, request, next) => {
      if (request.method !== "tools/list") return next();
      const result = await next();
      twice = await next().catch((error: unknown) => error);
      return result;
    });
    const [clientEnd, serverEnd] = memoryPair();
    await server.connect(serverEnd);
    const client = new ClientSession(clientEnd, { logger: captureLogger() });
    await client.initialize();
    try {
      expect((await client.listTools()).tools).to.deep.equal([]);
      expect(String(twice)).to.match(/next\(\) twice/);
      server.use(() => {
        throw new Error("boom");
      });
      const failure = await client.listTools().catch((error: unknown) => error);
      expect((failure as McpError).code).to.equal(ErrorCode.InternalError);
      expect(() => server.use("nope" as never)).to.throw(TypeError);
    } finally {
      await client.close();
    }
  });

  it("ctx.headers is undefined off HTTP", async () => {
    const app = new FastMCP("m", { logger: captureLogger() });
    app.tool("headers", (_args, ctx) => String(ctx.headers === undefined));
    const client = await connected(app);
    try {
      expect((await client.callTool("headers", {})).content).to.deep.equal([{ type: "text", text: "true" }]);
    } finally {
      await client.close();
    }
  });
});
