import { expect } from "chai";
import { ConnectionClosedError } from "../../../src/protocol/errors.js";
import type { TransportEvents } from "../../../src/protocol/transport.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";

/** Transport events recorded in order. */
function recorder() {
  const log: unknown[] = [];
  const events: TransportEvents = {
    message: (message) => log.push(message),
    malformed: (reason) => log.push({ malformed: reason }),
    close: (error) => log.push({ close: error ?? null }),
  };
  return { log, events };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("transports/memory: the in-memory pair", () => {
  it("delivers asynchronously, in order, the very same object", async () => {
    const [a, b] = memoryPair();
    const bSide = recorder();
    a.start(recorder().events);
    b.start(bSide.events);
    const first = { jsonrpc: "2.0", method: "one" };
    const sent = [a.send(first), a.send({ jsonrpc: "2.0", method: "two" })];
    expect(bSide.log).to.deep.equal([]);
    await Promise.all(sent);
    await tick();
    expect(bSide.log).to.deep.equal([first, { jsonrpc: "2.0", method: "two" }]);
    expect(bSide.log[0]).to.equal(first);
    await a.close();
  });

  it("holds what was sent before the other end started until it does", async () => {
    const [a, b] = memoryPair();
    await a.send(1);
    await a.send(2);
    await tick();
    const bSide = recorder();
    b.start(bSide.events);
    await a.send(3);
    await tick();
    expect(bSide.log).to.deep.equal([1, 2, 3]);
    await b.close();
  });

  it("closing one end closes both, each firing close once, after what was already sent", async () => {
    const [a, b] = memoryPair();
    const aSide = recorder();
    const bSide = recorder();
    a.start(aSide.events);
    b.start(bSide.events);
    await a.send("last words");
    await a.close();
    expect(aSide.log).to.deep.equal([{ close: null }]);
    await tick();
    expect(bSide.log).to.deep.equal(["last words", { close: null }]);
    await a.close();
    await b.close();
    await tick();
    expect(aSide.log).to.have.length(1);
    expect(bSide.log).to.have.length(2);
  });

  it("rejects sends from either end once closed with ConnectionClosedError", async () => {
    const [a, b] = memoryPair();
    a.start(recorder().events);
    b.start(recorder().events);
    await b.close();
    for (const end of [a, b]) {
      const error = await Promise.resolve(end.send({})).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).to.be.instanceOf(ConnectionClosedError);
    }
  });

  it("passes what JSON cannot carry through by default, and rejects it with serialize: true", async () => {
    const [a, b] = memoryPair();
    const bSide = recorder();
    a.start(recorder().events);
    b.start(bSide.events);
    await a.send({ n: 1n });
    await tick();
    expect(bSide.log).to.deep.equal([{ n: 1n }]);
    await a.close();

    const [c, d] = memoryPair({ serialize: true });
    const dSide = recorder();
    c.start(recorder().events);
    d.start(dSide.events);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [{ n: 1n }, cyclic, undefined]) {
      const error = await c.send(bad).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).to.be.instanceOf(TypeError);
    }
    await c.send({ fine: true });
    await tick();
    expect(dSide.log).to.deep.equal([{ fine: true }]);
    await d.close();
  });

  it("refuses to start twice", async () => {
    const [a, b] = memoryPair();
    a.start(recorder().events);
    expect(() => a.start(recorder().events)).to.throw("already started");
    await b.close();
  });
});
