import { expect } from "chai";
import fc from "fast-check";
import { PassThrough } from "node:stream";
import { ClientSession } from "../../src/client/client-session.js";
import { memoryPair, stdioServer, type FastMCP } from "../../src/server/index.js";
import { streamTransport } from "../../src/transports/stdio/stream.js";
import { RawPeer } from "../support/peers.js";
import { answersEveryRequestOnce, expectControlResult, settle, type Target } from "./barrage.js";
import { echoApp, fuzzParameters, IdSource, suiteTimeout, within } from "./support.js";

const RUNS = 150;

const initialize = (protocolVersion: string) => ({
  jsonrpc: "2.0",
  id: "init",
  method: "initialize",
  params: { protocolVersion, capabilities: {}, clientInfo: { name: "fuzz", version: "0" } },
});
const initialized = { jsonrpc: "2.0", method: "notifications/initialized" };
const controlCall = (id: string) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name: "echo", arguments: { text: "still serving" } },
});

/** A control session on a fresh connection: initialize, then a tools/call that must succeed. */
async function expectFreshSessionServes(app: FastMCP): Promise<void> {
  const [clientEnd, serverEnd] = memoryPair();
  await app.connect(serverEnd);
  const client = new ClientSession(clientEnd);
  await within(client.initialize(), 2000, "a fresh session's initialize");
  expectControlResult(await within(client.callTool("echo", { text: "still serving" }), 2000, "a control tools/call"));
  await client.close();
}

for (const revision of ["2025-03-26", "2025-11-25"]) {
  describe(`fuzz: the in-memory pair, a ${revision} session`, function () {
    this.timeout(suiteTimeout(RUNS));

    it("answers every request with a valid id exactly once, never throws or hangs, and keeps serving", async () => {
      const app = echoApp();
      const [peerEnd, serverEnd] = memoryPair();
      await app.connect(serverEnd);
      const peer = await RawPeer.on(peerEnd);
      await peer.send(initialize(revision));
      expect(await peer.next()).to.have.nested.property("result.protocolVersion", revision);
      await peer.send(initialized);
      const target: Target = {
        received: peer.received,
        batching: revision === "2025-03-26",
        deliver: async ({ values }) => {
          for (const value of values) await peer.send(value);
        },
      };
      await fc.assert(answersEveryRequestOnce(target, new IdSource()), fuzzParameters(RUNS));

      const before = peer.received.length;
      await peer.send(controlCall("control"));
      await settle(() => peer.received.length > before);
      expectControlResult((peer.received.find((m) => (m as { id?: unknown }).id === "control") as any)?.result);
      await expectFreshSessionServes(app);
      await peer.close();
    });
  });
}

describe("fuzz: stdio (newline-delimited JSON over a pair of streams), a 2025-03-26 session", function () {
  this.timeout(suiteTimeout(RUNS));

  it("answers every request line with a valid id exactly once, whatever the bytes around it, and keeps serving", async () => {
    const app = echoApp();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    await app.connect(stdioServer({ stdin, stdout }));
    // the test reads the server's output with the library's own client-side framing
    const reader = await RawPeer.on(streamTransport(stdout, new PassThrough()));
    stdin.write(`${JSON.stringify(initialize("2025-03-26"))}\n${JSON.stringify(initialized)}\n`);
    expect(await reader.next()).to.have.nested.property("result.protocolVersion", "2025-03-26");
    const target: Target = {
      received: reader.received,
      batching: true,
      deliver: async ({ bytes, cuts }) => {
        let from = 0;
        for (const cut of [...cuts, bytes.length]) {
          stdin.write(bytes.subarray(from, cut));
          from = cut;
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
    };
    await fc.assert(answersEveryRequestOnce(target, new IdSource()), fuzzParameters(RUNS));

    const before = reader.received.length;
    stdin.write(`\n${JSON.stringify(controlCall("control"))}\n`);
    await settle(() => reader.received.length > before);
    expectControlResult((reader.received.find((m) => (m as { id?: unknown }).id === "control") as any)?.result);
    await expectFreshSessionServes(app);
    stdin.end();
    await reader.close();
  });
});
