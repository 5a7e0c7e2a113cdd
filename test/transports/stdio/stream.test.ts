import { expect } from "chai";
import { PassThrough, Writable } from "node:stream";
import { ConnectionClosedError } from "../../../src/protocol/errors.js";
import { streamTransport } from "../../../src/transports/stdio/stream.js";
import { listenerTotal, recorder, rejection, sleep } from "../helpers.js";

describe("transports/stream: newline-delimited JSON over a pair of streams", () => {
  it("reads lines from one stream and writes lines to the other", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const seen = recorder();
    const transport = streamTransport(input, output);
    transport.start(seen.events);
    input.write('{"a":1}\n{"b"');
    input.write(":2}\r\nnot json\n");
    await transport.send({ jsonrpc: "2.0", id: 1, result: {} });
    expect(seen.messages).to.deep.equal([{ a: 1 }, { b: 2 }]);
    expect(seen.malformed).to.have.length(1);
    expect(output.read()?.toString()).to.equal('{"jsonrpc":"2.0","id":1,"result":{}}\n');
    await transport.close();
  });

  it("honours backpressure: a send resolves after 'drain', and later sends wait behind it, in order", async () => {
    const written: string[] = [];
    const callbacks: (() => void)[] = [];
    const sink = new Writable({
      highWaterMark: 8,
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString().trim());
        callbacks.push(callback);
      },
    });
    const transport = streamTransport(new PassThrough(), sink);
    transport.start(recorder().events);
    const resolved: number[] = [];
    const sends = [1, 2, 3].map((n) => transport.send({ n }).then(() => resolved.push(n)));
    await sleep(5);
    expect(written).to.deep.equal(['{"n":1}']);
    expect(resolved).to.deep.equal([]);
    while (resolved.length < 3) {
      callbacks.shift()?.();
      await sleep(1);
    }
    await Promise.all(sends);
    expect(written).to.deep.equal(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(resolved).to.deep.equal([1, 2, 3]);
    await transport.close();
    callbacks.shift()?.();
  });

  it("rejects sends still waiting for 'drain' with ConnectionClosedError when it closes", async () => {
    const sink = new Writable({ highWaterMark: 1, write() {} });
    const transport = streamTransport(new PassThrough(), sink);
    transport.start(recorder().events);
    const first = rejection(transport.send({ n: 1 }));
    const second = rejection(transport.send({ n: 2 }));
    await transport.close();
    expect(await first).to.be.instanceOf(ConnectionClosedError);
    expect(await second).to.be.instanceOf(ConnectionClosedError);
    expect(await rejection(transport.send({ n: 3 }))).to.be.instanceOf(ConnectionClosedError);
  });

  it("rejects a message JSON cannot carry, and keeps working", async () => {
    const output = new PassThrough();
    const transport = streamTransport(new PassThrough(), output);
    transport.start(recorder().events);
    expect(await rejection(transport.send({ n: 1n }))).to.be.instanceOf(TypeError);
    await transport.send({ n: 1 });
    expect(output.read()?.toString()).to.equal('{"n":1}\n');
    await transport.close();
  });

  it("the end of the input closes it cleanly, once, ending the output and removing its listeners", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const before = listenerTotal(input, output);
    const seen = recorder();
    const transport = streamTransport(input, output);
    transport.start(seen.events);
    input.end('{"last":true}');
    expect(await seen.closed()).to.equal(undefined);
    expect(seen.messages).to.deep.equal([{ last: true }]);
    expect(output.writableEnded).to.equal(true);
    await transport.close();
    expect(seen.closes).to.have.length(1);
    expect(listenerTotal(input, output)).to.equal(before);
  });

  it("an error on the output (EPIPE from a dead peer) closes it with that error, without crashing", async () => {
    const output = new PassThrough();
    const seen = recorder();
    const transport = streamTransport(new PassThrough(), output);
    transport.start(seen.events);
    const epipe = Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
    output.destroy(epipe);
    expect(await seen.closed()).to.equal(epipe);
    expect(await rejection(transport.send({}))).to.be.instanceOf(ConnectionClosedError);
    await transport.close();
    expect(seen.closes).to.have.length(1);
  });

  it("an error on the input closes it with that error", async () => {
    const input = new PassThrough();
    const seen = recorder();
    streamTransport(input, new PassThrough()).start(seen.events);
    const broken = new Error("broken input");
    input.destroy(broken);
    expect(await seen.closed()).to.equal(broken);
  });

  it("close() is idempotent, fires close once and removes every listener it added", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const before = listenerTotal(input, output);
    const seen = recorder();
    const transport = streamTransport(input, output);
    transport.start(seen.events);
    await Promise.all([transport.close(), transport.close()]);
    await transport.close();
    expect(seen.closes).to.deep.equal([undefined]);
    expect(listenerTotal(input, output)).to.equal(before);
    expect(() => transport.start(seen.events)).to.throw("already closed");
  });
});
