import { expect } from "chai";
import {
  DEFAULT_CLIENT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  encode,
  LineDecoder,
  MessageDecoder,
  OVERSIZE,
} from "../../../src/transports/stdio/ndjson.js";

/** A MessageDecoder whose events are recorded in order. */
function recording(maxMessageSize?: number) {
  const events: ({ message: unknown } | { malformed: string })[] = [];
  const decoder = new MessageDecoder(
    { message: (message) => events.push({ message }), malformed: (malformed) => events.push({ malformed }) },
    { maxMessageSize },
  );
  return { decoder, events };
}

describe("transports/ndjson: newline-delimited JSON framing", () => {
  describe("LineDecoder", () => {
    it("joins a line split across many writes, one byte at a time, multi-byte UTF-8 included", () => {
      const decoder = new LineDecoder();
      const bytes = Buffer.from('{"text":"héllo, wörld ✓ 🙂"}\n', "utf8");
      const lines: (string | typeof OVERSIZE)[] = [];
      for (let i = 0; i < bytes.length; i++) lines.push(...decoder.push(bytes.subarray(i, i + 1)));
      expect(lines).to.deep.equal(['{"text":"héllo, wörld ✓ 🙂"}']);
      expect(decoder.buffered).to.equal(0);
    });

    it("yields every line of a write that holds several, and keeps the unfinished tail", () => {
      const decoder = new LineDecoder();
      expect(decoder.push("1\n2\n3\n4")).to.deep.equal(["1", "2", "3"]);
      expect(decoder.buffered).to.equal(1);
      expect(decoder.push("2\n")).to.deep.equal(["42"]);
    });

    it("strips a trailing \\r, even when it ended the previous chunk, and skips blank lines", () => {
      const decoder = new LineDecoder();
      expect(decoder.push("a\r\n\r\n\n  \nb\r")).to.deep.equal(["a"]);
      expect(decoder.push("\nc\n")).to.deep.equal(["b", "c"]);
    });

    it("drops a line over the limit up to its newline, reports it once, and goes on", () => {
      const decoder = new LineDecoder({ maxMessageSize: 8 });
      expect(decoder.push("12345678\n123456789\nok\n")).to.deep.equal(["12345678", OVERSIZE, "ok"]);
      // Spread over chunks, the overflow is reported when seen and nothing more is kept.
      expect(decoder.push("12345")).to.deep.equal([]);
      expect(decoder.push("67890")).to.deep.equal([OVERSIZE]);
      expect(decoder.buffered).to.equal(0);
      expect(decoder.push("abc".repeat(10))).to.deep.equal([]);
      expect(decoder.push("xyz\nnext\n")).to.deep.equal(["next"]);
    });

    it("returns what follows the last newline at the end of input", () => {
      const decoder = new LineDecoder();
      decoder.push("a\nb");
      expect(decoder.end()).to.deep.equal(["b"]);
      expect(decoder.end()).to.deep.equal([]);
    });

    it("limits a line to 4 MiB by default, the server default of every transport; a client's is 64 MiB", () => {
      expect(DEFAULT_MAX_MESSAGE_BYTES).to.equal(4 * 1024 * 1024);
      expect(DEFAULT_CLIENT_MAX_MESSAGE_BYTES).to.equal(64 * 1024 * 1024);
      const decoder = new LineDecoder();
      expect(decoder.maxMessageSize).to.equal(DEFAULT_MAX_MESSAGE_BYTES);
      expect(decoder.push(`${"x".repeat(DEFAULT_MAX_MESSAGE_BYTES)}\n`)).to.have.length(1);
      expect(decoder.push(`${"x".repeat(DEFAULT_MAX_MESSAGE_BYTES + 1)}\n`)).to.deep.equal([OVERSIZE]);
    });

    it("refuses a limit that is not positive", () => {
      expect(() => new LineDecoder({ maxMessageSize: 0 })).to.throw(RangeError);
    });
  });

  describe("MessageDecoder", () => {
    it("delivers each parsed line as a message, whatever JSON value it holds", () => {
      const { decoder, events } = recording();
      decoder.push('{"jsonrpc":"2.0","method":"a"}\n[1,2]\n"text"\n');
      expect(events).to.deep.equal([
        { message: { jsonrpc: "2.0", method: "a" } },
        { message: [1, 2] },
        { message: "text" },
      ]);
    });

    it("reports invalid JSON as malformed with a short reason, then still decodes the next message", () => {
      const { decoder, events } = recording();
      decoder.push(`{"jsonrpc": "2.0", "id": 1, "method": \n{"ok":true}\n${"x".repeat(100_000)}\n`);
      expect(events).to.have.length(3);
      expect(events[0])
        .to.have.property("malformed")
        .that.matches(/^invalid JSON: /);
      expect(events[1]).to.deep.equal({ message: { ok: true } });
      expect((events[2] as { malformed: string }).malformed.length).to.be.at.most(200);
    });

    it("decodes a 10 MB message fed in 1 KB chunks in linear time", function () {
      this.timeout(5000);
      const { decoder, events } = recording(DEFAULT_CLIENT_MAX_MESSAGE_BYTES);
      const message = { jsonrpc: "2.0", id: 1, result: { blob: "x".repeat(10 * 1024 * 1024) } };
      const bytes = Buffer.from(`${JSON.stringify(message)}\n`);
      const started = performance.now();
      for (let i = 0; i < bytes.length; i += 1024) decoder.push(bytes.subarray(i, i + 1024));
      // Re-joining the buffer on every chunk would copy ~50 GB here; joining once copies 10 MB.
      expect(performance.now() - started).to.be.below(2000);
      expect(events).to.have.length(1);
      expect(events[0]).to.deep.equal({ message });
    });

    it("reports an oversize message as 'message exceeds N bytes' and delivers the next one", () => {
      const { decoder, events } = recording(1024);
      decoder.push(`{"big":"${"x".repeat(600)}`);
      decoder.push(`${"x".repeat(600)}"}\n{"small":1}\n`);
      expect(events).to.deep.equal([{ malformed: "message exceeds 1024 bytes" }, { message: { small: 1 } }]);
    });

    it("decodes an unterminated last line at the end of input, and reports it if it was cut short", () => {
      const { decoder, events } = recording();
      decoder.push('{"a":1}');
      decoder.end();
      decoder.push('{"b":');
      decoder.end();
      expect(events[0]).to.deep.equal({ message: { a: 1 } });
      expect(events[1]).to.have.property("malformed");
    });
  });

  describe("encode", () => {
    it("writes JSON and one newline; newlines inside strings stay escaped", () => {
      expect(encode({ text: "a\nb" })).to.equal('{"text":"a\\nb"}\n');
    });

    it("throws for what JSON cannot carry: a BigInt, a cycle, undefined", () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      expect(() => encode({ n: 1n })).to.throw(TypeError);
      expect(() => encode(cyclic)).to.throw(TypeError);
      expect(() => encode(undefined)).to.throw(TypeError, "cannot send undefined");
    });
  });
});
