import { expect } from "chai";
import fc from "fast-check";
import { REVISIONS, revisions } from "../../generated/index.js";
import { validateMessage } from "../../src/validate/index.js";
import { fuzzParameters, jsonValue, messageOrBatch, suiteTimeout } from "./support.js";

const RUNS = 400;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** What JSON-RPC 2.0 requires of one message that was accepted, independently of validate's code. */
function expectJsonRpc(message: unknown): void {
  expect(isRecord(message)).to.equal(true);
  const m = message as Record<string, unknown>;
  expect(m.jsonrpc).to.equal("2.0");
  if ("method" in m) {
    expect(m.method).to.be.a("string");
    expect("result" in m || "error" in m).to.equal(false);
    if ("id" in m) expect(typeof m.id === "string" || Number.isInteger(m.id), `id ${String(m.id)}`).to.equal(true);
  } else {
    expect(Number("result" in m) + Number("error" in m)).to.equal(1);
    if ("result" in m) expect(typeof m.id === "string" || Number.isInteger(m.id)).to.equal(true);
    else expect(Number.isInteger((m.error as Record<string, unknown>).code)).to.equal(true);
  }
}

describe("fuzz: validateMessage, on every revision", function () {
  this.timeout(suiteTimeout(RUNS));

  it("never throws; accepts only what JSON-RPC 2.0 allows; every rejection is one line that does not repeat its path", () => {
    const revision = fc.constantFrom(...REVISIONS);
    const input = fc.oneof(messageOrBatch, jsonValue);
    fc.assert(
      fc.property(revision, input, (name, value) => {
        const result = validateMessage(value, { revision: name });
        if (result.valid) {
          expect(result.value).to.equal(value);
          if (Array.isArray(value)) {
            expect(revisions[name].batching).to.equal(true);
            value.forEach(expectJsonRpc);
          } else expectJsonRpc(value);
          return;
        }
        expect(result.errors).to.have.length.above(0);
        for (const error of result.errors) {
          expect(error.path === "" || error.path.startsWith("/"), error.path).to.equal(true);
          expect(error.message.startsWith("/"), error.message).to.equal(false);
          expect(error.message).not.to.match(/[\r\n]/);
        }
      }),
      fuzzParameters(RUNS),
    );
  });

  it("checks a response's result against any method it is said to answer without throwing", () => {
    const name = fc.constantFrom(...REVISIONS);
    const method = fc.oneof(fc.constantFrom("tools/call", "tools/list", "initialize", "nope"), fc.string());
    const response = fc.record({ jsonrpc: fc.constant("2.0"), id: fc.integer(), result: jsonValue });
    fc.assert(
      fc.property(name, method, response, (revision, resultOf, value) => {
        const result = validateMessage(value, { revision, resultOf });
        expect(typeof result.valid).to.equal("boolean");
      }),
      fuzzParameters(RUNS),
    );
  });
});
