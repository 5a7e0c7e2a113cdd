import { createHash } from "node:crypto";
import { expect } from "chai";
import {
  audio,
  bytes,
  embedded,
  image,
  resourceLink,
  text,
  toCallToolResult,
  toPromptMessages,
  toResourceContents,
  type ToolOutcome,
} from "../../../src/server/fastmcp/content.js";

const plain = { structured: false };
const structured = { structured: true };

function resultOf(outcome: ToolOutcome) {
  if ("error" in outcome) throw new Error(`expected a result, got the error ${outcome.error}`);
  return outcome.result;
}

function errorOf(outcome: { error: string } | object): string {
  if (!("error" in outcome)) throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

const cyclic: Record<string, unknown> = { name: "loop" };
cyclic.self = cyclic;

describe("content: helpers and return-value conversion", () => {
  describe("content block helpers", () => {
    it("make text, image, audio, resource links and embedded resources", () => {
      expect(text("hi")).to.deep.equal({ type: "text", text: "hi" });
      expect(text("hi", { annotations: { priority: 1 } })).to.deep.equal({
        type: "text",
        text: "hi",
        annotations: { priority: 1 },
      });
      expect(image(new Uint8Array([1, 2, 3]), "image/png")).to.deep.equal({
        type: "image",
        data: "AQID",
        mimeType: "image/png",
      });
      expect(image("AQID", "image/png")).to.deep.equal({ type: "image", data: "AQID", mimeType: "image/png" });
      expect(audio(Buffer.from([255]), "audio/wav")).to.deep.equal({
        type: "audio",
        data: "/w==",
        mimeType: "audio/wav",
      });
      expect(resourceLink({ uri: "notes://1", name: "One", mimeType: "text/plain" })).to.deep.equal({
        type: "resource_link",
        uri: "notes://1",
        name: "One",
        mimeType: "text/plain",
      });
      expect(embedded({ uri: "notes://1", text: "body" })).to.deep.equal({
        type: "resource",
        resource: { uri: "notes://1", text: "body" },
      });
    });

    it("base64-encodes only the viewed part of a buffer", () => {
      const view = new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4);
      expect(image(view, "image/png").data).to.equal("AQID");
    });
  });

  describe("toCallToolResult without an output schema", () => {
    it("a string is one text block; a number its String()", () => {
      expect(resultOf(toCallToolResult("hello", plain))).to.deep.equal({ content: [{ type: "text", text: "hello" }] });
      expect(resultOf(toCallToolResult(5, plain)).content).to.deep.equal([{ type: "text", text: "5" }]);
      expect(resultOf(toCallToolResult(NaN, plain)).content).to.deep.equal([{ type: "text", text: "NaN" }]);
    });

    it("undefined and null are empty content", () => {
      expect(resultOf(toCallToolResult(undefined, plain))).to.deep.equal({ content: [] });
      expect(resultOf(toCallToolResult(null, plain))).to.deep.equal({ content: [] });
    });

    it("a content block is the one block", () => {
      const link = resourceLink({ uri: "notes://1", name: "One" });
      expect(resultOf(toCallToolResult(link, plain))).to.deep.equal({ content: [link] });
      const resource = embedded({ uri: "data://x", blob: "AQID", mimeType: "application/octet-stream" });
      expect(resultOf(toCallToolResult(resource, plain)).content).to.deep.equal([resource]);
    });

    it("an array of strings and blocks is those blocks", () => {
      const picture = image("AQID", "image/png");
      expect(resultOf(toCallToolResult(["a", picture], plain)).content).to.deep.equal([text("a"), picture]);
    });

    it("a CallToolResult passes through as it is", () => {
      const result = { content: [text("no")], isError: true, _meta: { trace: "1" } };
      expect(resultOf(toCallToolResult(result, plain))).to.equal(result);
    });

    it("a CallToolResult whose content holds something else is an error", () => {
      expect(errorOf(toCallToolResult({ content: [{ type: "text" }] }, plain))).to.match(
        /content\[0\] that is not a content block/,
      );
    });

    it("bytes() become an image, audio, or an embedded blob resource", () => {
      const data = new Uint8Array([1, 2, 3]);
      expect(resultOf(toCallToolResult(bytes(data, "image/png"), plain)).content).to.deep.equal([
        image(data, "image/png"),
      ]);
      expect(resultOf(toCallToolResult(bytes(data, "audio/mpeg"), plain)).content).to.deep.equal([
        audio(data, "audio/mpeg"),
      ]);
      const hash = createHash("sha256").update(data).digest("hex");
      expect(resultOf(toCallToolResult(bytes(data, "application/pdf"), plain)).content).to.deep.equal([
        embedded({ uri: `mcpkit://bytes/${hash}`, mimeType: "application/pdf", blob: "AQID" }),
      ]);
      expect(resultOf(toCallToolResult(bytes(data, "application/pdf", "file:///r.pdf"), plain)).content).to.deep.equal([
        embedded({ uri: "file:///r.pdf", mimeType: "application/pdf", blob: "AQID" }),
      ]);
    });

    it("bytes without a MIME type are an error asking for bytes(data, mimeType)", () => {
      expect(errorOf(toCallToolResult(new Uint8Array([1]), plain))).to.include("bytes(data, mimeType)");
      expect(errorOf(toCallToolResult(Buffer.from("x"), plain))).to.include("bytes(data, mimeType)");
      expect(errorOf(toCallToolResult(new ArrayBuffer(2), plain))).to.include("bytes(data, mimeType)");
    });

    it("any other value is one text block of its JSON", () => {
      expect(resultOf(toCallToolResult(true, plain)).content).to.deep.equal([text("true")]);
      expect(resultOf(toCallToolResult({ a: 1, b: [2] }, plain))).to.deep.equal({ content: [text('{"a":1,"b":[2]}')] });
      expect(resultOf(toCallToolResult([1, "two"], plain)).content).to.deep.equal([text('[1,"two"]')]);
      expect(resultOf(toCallToolResult([], plain)).content).to.deep.equal([text("[]")]);
      expect(resultOf(toCallToolResult({ type: "text", words: 3 }, plain)).content).to.deep.equal([
        text('{"type":"text","words":3}'),
      ]);
    });

    it("a value JSON cannot carry is an error, never a throw", () => {
      expect(errorOf(toCallToolResult(10n, plain))).to.match(/^the tool's result cannot be serialised: .*BigInt/);
      expect(errorOf(toCallToolResult(cyclic, plain))).to.match(/^the tool's result cannot be serialised: .*circular/);
      expect(errorOf(toCallToolResult(cyclic, plain))).to.not.include("\n");
      expect(errorOf(toCallToolResult(() => 1, plain))).to.equal(
        "the tool's result cannot be serialised: a function is not JSON",
      );
      expect(errorOf(toCallToolResult(Symbol("s"), plain))).to.include("a symbol is not JSON");
      const hostile = {
        toJSON() {
          throw new Error("no");
        },
      };
      expect(errorOf(toCallToolResult(hostile, plain))).to.equal("the tool's result cannot be serialised: no");
      const trap = new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error("trapped");
          },
        },
      );
      expect(errorOf(toCallToolResult(trap, plain))).to.include("trapped");
    });

    it("an unserialisable structuredContent in a passed-through result is an error", () => {
      expect(errorOf(toCallToolResult({ content: [], structuredContent: { n: 1n } }, plain))).to.include("BigInt");
    });
  });

  describe("toCallToolResult with an output schema (structuredContent)", () => {
    it("an object becomes structuredContent plus its JSON text", () => {
      const outcome = toCallToolResult({ mean: 2, n: 3 }, structured);
      expect(outcome).to.deep.equal({
        result: { content: [text('{"mean":2,"n":3}')], structuredContent: { mean: 2, n: 3 } },
        structured: { mean: 2, n: 3 },
      });
    });

    it("structuredContent is the value as JSON carries it", () => {
      const outcome = toCallToolResult({ at: new Date(0), gone: undefined }, structured);
      expect(resultOf(outcome).structuredContent).to.deep.equal({ at: "1970-01-01T00:00:00.000Z" });
    });

    it("a CallToolResult passes through, its structuredContent to be checked", () => {
      const result = { content: [text("{}")], structuredContent: { n: 1 } };
      expect(toCallToolResult(result, structured)).to.deep.equal({ result, structured: { n: 1 } });
      const refusal = { content: [text("no")], isError: true };
      expect(toCallToolResult(refusal, structured)).to.deep.equal({ result: refusal, structured: undefined });
    });

    it("anything but an object is an error, since structuredContent is an object", () => {
      for (const value of [5, "text", true, null, undefined, [1, 2], text("hi"), bytes(new Uint8Array(1), "image/png")])
        expect(errorOf(toCallToolResult(value, structured))).to.match(
          /has an output schema, so it must return an object/,
        );
      expect(errorOf(toCallToolResult(new Date(0), structured))).to.match(/must be a JSON object .* not a string/);
      expect(errorOf(toCallToolResult(cyclic, structured))).to.match(/cannot be serialised/);
    });
  });

  describe("toPromptMessages", () => {
    const assistant = { role: "assistant" as const, content: text("Hi!") };

    it("a string is one user message", () => {
      expect(toPromptMessages("Hello")).to.deep.equal({ ok: { messages: [{ role: "user", content: text("Hello") }] } });
    });

    it("an array holds strings and messages; a single message stands alone", () => {
      expect(toPromptMessages(["Hello", assistant])).to.deep.equal({
        ok: { messages: [{ role: "user", content: text("Hello") }, assistant] },
      });
      expect(toPromptMessages(assistant)).to.deep.equal({ ok: { messages: [assistant] } });
    });

    it("a GetPromptResult passes through", () => {
      const result = { description: "Greets", messages: [assistant], _meta: { a: 1 } };
      expect(toPromptMessages(result)).to.deep.equal({ ok: result });
    });

    it("anything else is an error", () => {
      expect(errorOf(toPromptMessages(undefined))).to.match(
        /must return a string, messages or a GetPromptResult, not undefined/,
      );
      expect(errorOf(toPromptMessages(42))).to.include("not a number");
      expect(errorOf(toPromptMessages(["ok", { role: "system", content: text("x") }]))).to.include("message 1");
      expect(errorOf(toPromptMessages({ messages: [{ role: "user", content: "raw" }] }))).to.include("message 0");
    });
  });

  describe("toResourceContents", () => {
    const uri = "config://settings";

    it("a string is text, of the registered MIME type if any", () => {
      expect(toResourceContents(uri, "a=1")).to.deep.equal({ ok: { contents: [{ uri, text: "a=1" }] } });
      expect(toResourceContents(uri, "a=1", "text/plain")).to.deep.equal({
        ok: { contents: [{ uri, mimeType: "text/plain", text: "a=1" }] },
      });
    });

    it("bytes are a base64 blob", () => {
      expect(toResourceContents(uri, new Uint8Array([1, 2, 3]), "application/octet-stream")).to.deep.equal({
        ok: { contents: [{ uri, mimeType: "application/octet-stream", blob: "AQID" }] },
      });
      expect(toResourceContents(uri, Buffer.from([1, 2, 3]))).to.deep.equal({
        ok: { contents: [{ uri, blob: "AQID" }] },
      });
      expect(
        toResourceContents(uri, bytes(new Uint8Array([1, 2, 3]), "image/png"), "application/octet-stream"),
      ).to.deep.equal({
        ok: { contents: [{ uri, mimeType: "image/png", blob: "AQID" }] },
      });
    });

    it("an object with contents passes through", () => {
      const result = {
        contents: [
          { uri, text: "x" },
          { uri: `${uri}/2`, blob: "AQID" },
        ],
      };
      expect(toResourceContents(uri, result)).to.deep.equal({ ok: result });
      expect(errorOf(toResourceContents(uri, { contents: [{ uri }] }))).to.include("contents[0]");
    });

    it("another JSON value is its JSON text, application/json unless a MIME type is registered", () => {
      expect(toResourceContents(uri, { id: "alice", active: true })).to.deep.equal({
        ok: { contents: [{ uri, mimeType: "application/json", text: '{"id":"alice","active":true}' }] },
      });
      expect(toResourceContents(uri, [1], "application/vnd.x+json")).to.deep.equal({
        ok: { contents: [{ uri, mimeType: "application/vnd.x+json", text: "[1]" }] },
      });
      expect(toResourceContents(uri, null)).to.deep.equal({
        ok: { contents: [{ uri, mimeType: "application/json", text: "null" }] },
      });
    });

    it("undefined and unserialisable values are errors", () => {
      expect(errorOf(toResourceContents(uri, undefined))).to.equal("the resource's handler returned nothing");
      expect(errorOf(toResourceContents(uri, 1n))).to.match(/^the resource's value cannot be serialised/);
      expect(errorOf(toResourceContents(uri, cyclic))).to.match(/circular/);
    });
  });
});
