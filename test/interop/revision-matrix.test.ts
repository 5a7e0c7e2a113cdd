import { expect } from "chai";
import { REVISIONS, type Revision } from "../../generated/index.js";
import { ClientSession } from "../../src/client/client-session.js";
import { ErrorCode, McpError } from "../../src/protocol/errors.js";
import type { Progress } from "../../src/protocol/outbound.js";
import type { Transport } from "../../src/protocol/transport.js";
import type { FastMCP } from "../../src/server/index.js";
import { sseClient } from "../../src/transports/http/sse-client.js";
import { stdioClient } from "../../src/transports/stdio/stdio.js";
import { streamableHttpClient } from "../../src/transports/http/streamable-http-client.js";
import { matrixServer } from "../fixtures/interop/matrix-server.js";
import { captureLogger } from "../support/peers.js";
import { StderrLog, texts, tsxCommand } from "./helpers.js";

/** A client of one revision: our ClientSession made to speak exactly that revision. */
function client(transport: Transport, revision: Revision | undefined): ClientSession {
  const session = new ClientSession(transport, {
    clientInfo: { name: "matrix-client", version: "1.0.0" },
    logger: captureLogger(),
    ...(revision === undefined ? {} : { protocolVersion: revision }),
  });
  return session
    .onElicit(() => ({ action: "accept", content: { name: "Ada" } }))
    .onCreateMessage(() => ({
      role: "assistant",
      content: { type: "text", text: "hi" },
      model: "matrix-model",
      stopReason: "endTurn",
    }));
}

/** What every revision must get right against the one server: features, one handler per feature, errors. */
async function exercise(session: ClientSession, revision: Revision): Promise<void> {
  await session.initialize();
  expect(session.protocolVersion).to.equal(revision);
  expect(session.serverInfo?.name).to.equal("matrix-server");
  const { tools } = await session.listTools();
  expect(tools.map((t) => t.name)).to.include.members(["add", "ask_model", "ask_name", "count", "revision"]);
  expect(texts((await session.callTool("add", { a: 2, b: 3 })).content)).to.deep.equal(["5"]);
  expect(texts((await session.callTool("revision")).content)).to.deep.equal([revision]);
  expect(texts((await session.callTool("ask_model")).content)).to.deep.equal(["The model said: hi"]);
  // Elicitation exists from 2025-06-18 on.
  if (revision >= "2025-06-18")
    expect(texts((await session.callTool("ask_name")).content)).to.deep.equal(["Hello, Ada!"]);
  const progress: Progress[] = [];
  expect(texts((await session.callTool("count", {}, { onprogress: (p) => progress.push(p) })).content)).to.deep.equal([
    "counted",
  ]);
  expect(progress.map((p) => p.progress)).to.deep.equal([1, 2, 3]);
  const read = await session.readResource("mem://items/7");
  expect(read.contents[0]).to.deep.include({ text: "item 7" });
  const prompt = await session.getPrompt("greet", { name: "Bo" });
  expect(JSON.stringify(prompt.messages)).to.contain("Hello, Bo!");
  const unknown = await session.callTool("no_such_tool").catch((error: unknown) => error);
  expect(unknown).to.be.instanceOf(McpError);
  expect((unknown as McpError).code).to.equal(ErrorCode.InvalidParams);
  const missing = await session.readResource("mem://nothing").catch((error: unknown) => error);
  expect((missing as McpError).code).to.equal(revision === "2026-07-28" ? ErrorCode.InvalidParams : -32002);
}

describe("interop: one FastMCP server, clients of all five revisions", function () {
  this.timeout(60_000);

  describe("over stdio", () => {
    const stderr = new StderrLog("matrix-server.ts");
    afterEach(function () {
      stderr.dumpIfFailed(this);
    });

    for (const revision of REVISIONS) {
      it(`serves a ${revision} client`, async () => {
        const session = client(stdioClient({ ...tsxCommand("matrix-server.ts"), stderr: stderr.line }), revision);
        try {
          await exercise(session, revision);
        } finally {
          await session.close();
        }
      });
    }

    it("serves a client that negotiates: it discovers, and speaks 2026-07-28", async () => {
      const session = client(stdioClient({ ...tsxCommand("matrix-server.ts"), stderr: stderr.line }), undefined);
      try {
        await exercise(session, "2026-07-28");
      } finally {
        await session.close();
      }
    });
  });

  describe("over HTTP (HTTP+SSE for 2024-11-05, Streamable HTTP for the rest)", () => {
    let app: FastMCP;
    let httpUrl: string;
    let sseUrl: string;
    let closers: (() => Promise<void>)[] = [];

    before(async () => {
      app = matrixServer();
      const http = await app.runHttp({ port: 0 });
      const sse = await app.runSse({ port: 0 });
      httpUrl = http.endpointUrl;
      sseUrl = sse.endpointUrl;
      closers = [() => http.close(), () => sse.close()];
    });
    after(async () => {
      for (const close of closers) await close();
    });

    for (const revision of REVISIONS) {
      it(`serves a ${revision} client`, async () => {
        const transport = revision === "2024-11-05" ? sseClient(sseUrl) : streamableHttpClient(httpUrl);
        const session = client(transport, revision);
        try {
          await exercise(session, revision);
        } finally {
          await session.close();
        }
      });
    }

    it("serves a 2025-11-25 client and a 2026-07-28 client at once, on one endpoint", async () => {
      const old = client(streamableHttpClient(httpUrl), "2025-11-25");
      const stateless = client(streamableHttpClient(httpUrl), undefined);
      try {
        await Promise.all([old.initialize(), stateless.initialize()]);
        expect([old.protocolVersion, stateless.protocolVersion]).to.deep.equal(["2025-11-25", "2026-07-28"]);
        const [a, b] = await Promise.all([old.callTool("ask_name"), stateless.callTool("ask_name")]);
        expect([texts(a.content), texts(b.content)]).to.deep.equal([["Hello, Ada!"], ["Hello, Ada!"]]);
      } finally {
        await Promise.all([old.close(), stateless.close()]);
      }
    });
  });
});

describe("interop: our client against servers of all five revisions", function () {
  this.timeout(60_000);
  const stderr = new StderrLog("official-server.ts");
  afterEach(function () {
    stderr.dumpIfFailed(this);
  });

  for (const revision of REVISIONS.filter((r) => r !== "2026-07-28")) {
    it(`speaks ${revision} with an official-SDK server made to answer it`, async () => {
      const session = client(stdioClient({ ...tsxCommand("official-server.ts"), stderr: stderr.line }), revision);
      try {
        await session.initialize();
        expect(session.protocolVersion).to.equal(revision);
        expect(texts((await session.callTool("echo", { text: "hi" })).content)).to.deep.equal(["echo: hi"]);
      } finally {
        await session.close();
      }
    });
  }

  it("falls back from discovery to initialize against an official-SDK server (which has no 2026-07-28)", async () => {
    const session = client(stdioClient({ ...tsxCommand("official-server.ts"), stderr: stderr.line }), undefined);
    try {
      await session.initialize();
      expect(session.protocolVersion).to.equal("2025-11-25");
      expect(texts((await session.callTool("echo", { text: "again" })).content)).to.deep.equal(["echo: again"]);
    } finally {
      await session.close();
    }
  });

  it("speaks 2026-07-28 with a 2026-07-28 server (FastMCP, the only one there is)", async () => {
    const session = client(stdioClient({ ...tsxCommand("matrix-server.ts"), stderr: stderr.line }), "2026-07-28");
    try {
      await session.initialize();
      expect(session.protocolVersion).to.equal("2026-07-28");
      expect(texts((await session.callTool("add", { a: 1, b: 1 })).content)).to.deep.equal(["2"]);
    } finally {
      await session.close();
    }
  });
});
