import { expect } from "chai";
import { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { ConnectionClosedError } from "../../../src/protocol/errors.js";
import { ClientSession } from "../../../src/client/client-session.js";
import { Server } from "../../../src/server/server.js";
import {
  getDefaultEnvironment,
  ServerExitedError,
  stdioClient,
  stdioServer,
  type StdioClientOptions,
  type StdioClientTransport,
  type StdioServerParameters,
} from "../../../src/transports/stdio/stdio.js";
import { ROOT } from "../../support/paths.js";
import { activeCounts, expectSettled, listenerTotal, recorder, rejection } from "../helpers.js";

const FIXTURES = join(ROOT, "test", "fixtures");
const node = (script: string, ...args: string[]): StdioServerParameters => ({
  command: process.execPath,
  args: [join(FIXTURES, script), ...args],
});

const tsxNode = (script: string): StdioServerParameters => ({
  command: process.execPath,
  args: ["--import", "tsx", join(FIXTURES, script)],
  cwd: ROOT,
});

describe("transports/stdio", () => {
  const opened: StdioClientTransport[] = [];
  let baseline: Map<string, number>;
  // Taken the way expectSettled looks, from inside an async hook, so mocha's timer for the hook counts in both.
  beforeEach(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    baseline = activeCounts();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((transport) => transport.close()));
    await expectSettled(baseline);
  });

  /** Starts a stdio client on a fixture, closed after the test. */
  async function client(params: StdioServerParameters, options?: StdioClientOptions) {
    const transport = stdioClient(params, options);
    opened.push(transport);
    const seen = recorder();
    await transport.start(seen.events);
    return { transport, ...seen };
  }

  describe("stdioServer", () => {
    it("closing it stops reading stdin and leaves stdout open", async () => {
      const stdin = new PassThrough();
      const stdout = new PassThrough();
      const before = listenerTotal(stdin, stdout);
      const transport = stdioServer({ stdin, stdout });
      transport.start(recorder().events);
      await transport.send({ hello: true });
      await transport.close();
      expect(stdout.writableEnded).to.equal(false);
      expect(stdout.destroyed).to.equal(false);
      expect(stdin.isPaused()).to.equal(true);
      expect(listenerTotal(stdin, stdout)).to.equal(before);
    });

    it("takes a line of 4 MiB by default; one a byte longer is answered -32700, and serving goes on", async () => {
      const stdin = new PassThrough();
      const stdout = new PassThrough();
      const answers: { id: unknown; result?: unknown; error?: { code: number; message: string } }[] = [];
      let pending = "";
      stdout.on("data", (chunk: Buffer) => {
        const lines = (pending + chunk.toString()).split("\n");
        pending = lines.pop()!;
        for (const line of lines) answers.push(JSON.parse(line));
      });
      const server = new Server({ name: "stdio-limit", version: "1.0.0" });
      await server.connect(stdioServer({ stdin, stdout }));
      const ping = (id: number, size: number) => {
        const head = `{"jsonrpc":"2.0","id":${id},"method":"ping","params":{"_meta":{"pad":"`;
        return `${head}${"x".repeat(size - head.length - 4)}"}}}\n`;
      };
      const limit = 4 * 1024 * 1024;
      const until = async (count: number) => {
        for (let i = 0; i < 400 && answers.length < count; i++) await new Promise((r) => setTimeout(r, 10));
      };
      stdin.write(ping(1, limit));
      await until(1);
      stdin.write(ping(2, limit + 1));
      stdin.write(ping(3, 100));
      await until(3);
      expect(answers[0]).to.deep.equal({ jsonrpc: "2.0", id: 1, result: {} });
      expect(answers[1]!.id).to.equal(null);
      expect(answers[1]!.error).to.deep.include({
        code: -32700,
        message: `Parse error: message exceeds ${limit} bytes`,
      });
      expect(answers[2]).to.deep.equal({ jsonrpc: "2.0", id: 3, result: {} });
      stdin.end();
      await server.close();
    });

    it("a process serving on its real stdin and stdout exits by itself once it closes the transport", async () => {
      const stderr: string[] = [];
      const params = { ...tsxNode("stdio-server.ts"), stderr: (line: string) => stderr.push(line) };
      const { transport, messages, messageCount, closed } = await client(params);
      await transport.send({ hello: 1 });
      await transport.send({ bye: true });
      await messageCount(2);
      expect(messages).to.deep.equal([{ hello: 1 }, { bye: true }]);
      expect((await closed())?.message).to.match(/exited with code 0; the end of its stderr:\n {2}closed$/);
      expect(stderr).to.deep.equal(["closed"]);
    });

    it("a process serving on stdio sees the end of its stdin as close, and exits", async () => {
      const stderr: string[] = [];
      const params = { ...tsxNode("stdio-server.ts"), stderr: (line: string) => stderr.push(line) };
      const { transport } = await client(params);
      await transport.close();
      expect(transport.process?.exitCode).to.equal(0);
      expect(stderr).to.deep.equal(["closed"]);
    });
  });

  describe("stdioClient", () => {
    it("talks to a child process over its stdin and stdout, and closes it by ending its stdin", async () => {
      const { transport, messages, messageCount, closes } = await client(node("echo-server.mjs"));
      expect(transport.pid).to.be.a("number");
      expect(transport.process).to.be.instanceOf(ChildProcess);
      await transport.send({ jsonrpc: "2.0", id: 1, method: "ping" });
      await transport.send({ jsonrpc: "2.0", id: 2, method: "ping" });
      await messageCount(2);
      expect(messages).to.deep.equal([
        { jsonrpc: "2.0", id: 1, method: "ping" },
        { jsonrpc: "2.0", id: 2, method: "ping" },
      ]);
      const started = performance.now();
      await transport.close();
      expect(performance.now() - started).to.be.below(1000);
      expect(transport.process?.exitCode).to.equal(0);
      expect(closes).to.deep.equal([undefined]);
      expect(await rejection(transport.send({}))).to.be.instanceOf(ConnectionClosedError);
    });

    it("takes a line longer than a server's 4 MiB limit from the server by default (64 MiB)", async () => {
      const { transport, messages, messageCount } = await client(node("echo-server.mjs"));
      const text = "y".repeat(5 * 1024 * 1024);
      await transport.send({ jsonrpc: "2.0", id: 1, result: { text } });
      await messageCount(1);
      expect((messages[0] as { result: { text: string } }).result.text).to.equal(text);
    });

    it("starts the server with a safe subset of the environment plus params.env", async () => {
      process.env.MCPKIT_TEST_SECRET = "hidden";
      try {
        const params = { ...node("echo-server.mjs"), env: { MCPKIT_GIVEN: "yes" } };
        const { transport, messages, messageCount } = await client(params);
        for (const env of ["MCPKIT_TEST_SECRET", "MCPKIT_GIVEN", "PATH"]) await transport.send({ env });
        await messageCount(3);
        expect(messages).to.deep.equal([
          { env: "MCPKIT_TEST_SECRET", value: null },
          { env: "MCPKIT_GIVEN", value: "yes" },
          { env: "PATH", value: process.env.PATH },
        ]);
      } finally {
        delete process.env.MCPKIT_TEST_SECRET;
      }
    });

    it("getDefaultEnvironment keeps PATH and HOME, drops other variables and shell functions", () => {
      const saved = process.env.TERM;
      process.env.MCPKIT_TEST_SECRET = "hidden";
      process.env.TERM = "() { :; }; echo pwned";
      try {
        const env = getDefaultEnvironment();
        expect(env.PATH).to.equal(process.env.PATH);
        if (process.platform !== "win32") expect(env.HOME).to.equal(process.env.HOME);
        expect(env).not.to.have.property("MCPKIT_TEST_SECRET");
        expect(env).not.to.have.property("TERM");
      } finally {
        delete process.env.MCPKIT_TEST_SECRET;
        if (saved === undefined) delete process.env.TERM;
        else process.env.TERM = saved;
      }
    });

    it("hands the server's stderr to a callback line by line", async () => {
      const lines: string[] = [];
      const params = { ...node("echo-server.mjs"), stderr: (line: string) => lines.push(line) };
      const { transport, messageCount } = await client(params);
      await transport.send({ stderr: "one\ntwo\r\nthr" });
      await transport.send({ stderr: "ee\n" });
      await messageCount(2);
      await transport.close();
      expect(lines).to.deep.equal(["one", "two", "three"]);
    });

    it("a command that does not exist: start rejects naming it, and close fires", async () => {
      const transport = stdioClient({ command: "mcpkit-no-such-command" });
      const seen = recorder();
      const error = await rejection(transport.start(seen.events));
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.equal(
        "could not start `mcpkit-no-such-command`: spawn mcpkit-no-such-command ENOENT",
      );
      expect(seen.closes).to.deep.equal([error]);
      expect(await rejection(transport.send({}))).to.be.instanceOf(ConnectionClosedError);
      await transport.close();
      expect(seen.closes).to.have.length(1);
    });

    it("a server that exits at once closes the transport with its exit code", async () => {
      const { transport, closed } = await client(node("exit-3.mjs"));
      const error = await closed();
      expect(error?.message).to.equal(`the server process \`${process.execPath}\` exited with code 3`);
      expect(await rejection(transport.send({}))).to.be.instanceOf(ConnectionClosedError);
    });

    it("a server that exits mid-session: what it wrote first arrives, then close with the exit code", async () => {
      const { transport, messages, closed, closes } = await client(node("echo-server.mjs"));
      await transport.send({ exit: 5 });
      expect((await closed())?.message).to.match(/exited with code 5$/);
      expect(messages).to.deep.equal([{ exit: 5 }]);
      await transport.close();
      expect(closes).to.have.length(1);
    });

    it("a server that exits: the error has its exit code and its last 10 stderr lines (stderr given a function)", async () => {
      const lines: string[] = [];
      const { closed } = await client({ ...node("stderr-exit.mjs", "25", "4"), stderr: (line) => lines.push(line) });
      const error = await closed();
      expect(error).to.be.instanceOf(ServerExitedError).and.to.be.instanceOf(ConnectionClosedError);
      const exited = error as ServerExitedError;
      expect(exited.exitCode).to.equal(4);
      expect(exited.signal).to.equal(null);
      const last = Array.from({ length: 10 }, (_, i) => `line ${i + 16}`);
      expect(exited.stderr).to.deep.equal(last);
      expect(exited.message).to.equal(
        `the server process \`${process.execPath}\` exited with code 4; the end of its stderr:\n` +
          last.map((line) => `  ${line}`).join("\n"),
      );
      expect(lines, "the callback still gets every line").to.have.length(25);
    });

    it("keeps the last stderr lines by default too (stderr copied through), each cut to 500 characters", async () => {
      const { closed } = await client(node("stderr-exit.mjs", "2", "7", "600"));
      const exited = (await closed()) as ServerExitedError;
      expect(exited.exitCode).to.equal(7);
      expect(exited.stderr.slice(0, 2)).to.deep.equal(["line 1", "line 2"]);
      expect(exited.stderr[2]).to.equal(`${"x".repeat(500)}…`);
    });

    it("many servers copying their stderr into this process's at once leave no listeners on it", async () => {
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on("warning", onWarning);
      const before = process.stderr.listenerCount("drain") + process.stderr.listenerCount("unpipe");
      try {
        const started = await Promise.all(Array.from({ length: 15 }, () => client(node("echo-server.mjs"))));
        expect(process.stderr.listenerCount("drain") + process.stderr.listenerCount("unpipe")).to.equal(before);
        await Promise.all(started.map(({ transport }) => transport.close()));
        await new Promise((resolve) => setImmediate(resolve));
        expect(warnings.map((w) => w.name)).not.to.include("MaxListenersExceededWarning");
      } finally {
        process.removeListener("warning", onWarning);
      }
    });

    it("with stderr ignored, or closed by close(), there are no lines to tell", async () => {
      const { closed } = await client({ ...node("stderr-exit.mjs", "2", "3"), stderr: "ignore" });
      expect((await closed())?.message).to.equal(`the server process \`${process.execPath}\` exited with code 3`);
      const { transport, closes } = await client({ ...node("echo-server.mjs"), stderr: () => {} });
      await transport.close();
      expect(closes).to.deep.equal([undefined]);
    });

    it("a session's pending request fails with the exit and the lines in its message", async () => {
      const session = new ClientSession(stdioClient({ ...node("stderr-exit.mjs", "1", "3"), stderr: () => {} }));
      const error = await rejection(session.initialize().then(() => {}));
      expect(error).to.be.instanceOf(ConnectionClosedError);
      expect((error as Error).message).to.match(
        /was answered: the server process `.*` exited with code 3; the end of its stderr:\n {2}line 1$/,
      );
      await session.close();
    });

    it("a server killed by a signal closes the transport saying so", async () => {
      const { transport, closed } = await client(node("echo-server.mjs"));
      transport.process?.kill("SIGTERM");
      expect((await closed())?.message).to.match(/was killed by SIGTERM$/);
    });

    it("close() sends SIGTERM to a server that ignores the end of its stdin, after closeTimeout", async () => {
      const { transport, messageCount, closes } = await client(node("stubborn-server.mjs", "--mortal"), {
        closeTimeout: 150,
      });
      await messageCount(1);
      const started = performance.now();
      await transport.close();
      const elapsed = performance.now() - started;
      expect(elapsed).to.be.at.least(140).and.below(1000);
      expect(transport.process?.signalCode).to.equal("SIGTERM");
      expect(closes).to.deep.equal([undefined]);
    });

    it("close() sends SIGKILL to a server that ignores SIGTERM too, after a second closeTimeout", async () => {
      const { transport, messageCount, closes } = await client(node("stubborn-server.mjs"), { closeTimeout: 150 });
      await messageCount(1);
      const started = performance.now();
      await transport.close();
      const elapsed = performance.now() - started;
      expect(elapsed).to.be.at.least(290).and.below(1500);
      expect(transport.process?.signalCode).to.equal("SIGKILL");
      expect(closes).to.deep.equal([undefined]);
    });

    it("close() while the server is still starting ends it all the same", async () => {
      const transport = stdioClient(node("echo-server.mjs"));
      const seen = recorder();
      const starting = transport.start(seen.events);
      const closing = transport.close();
      await starting;
      await closing;
      expect(transport.process?.exitCode).to.equal(0);
      expect(seen.closes).to.deep.equal([undefined]);
    });
  });
});
