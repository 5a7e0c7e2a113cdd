import { expect } from "chai";
import { REVISIONS, revisions } from "../../generated/index.js";
import { validateMessage, type ValidationResult } from "../../src/validate/index.js";

/** Asserts one rejection, at `path`, whose one-line message says `reason` without repeating the path. */
function rejected(result: ValidationResult<unknown>, path: string, reason: RegExp): void {
  expect(result.valid, JSON.stringify(result)).to.equal(false);
  if (result.valid) return;
  const [error] = result.errors;
  expect(error!.path, JSON.stringify(result.errors)).to.equal(path);
  expect(error!.message.startsWith("/")).to.equal(false);
  expect(error!.message).to.match(reason);
  expect(error!.message).not.to.contain("\n");
}

// tools/list with the _meta 2026-07-28 requires: valid on every revision.
const request = "tools/list";
const params = {
  _meta: {
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientInfo": { name: "t", version: "1" },
  },
};

/** JSON-RPC 2.0 §4 (Request object), §4.1 (Notification), §5 (Response object), §5.1 (Error object), §6 (Batch). */
describe("validate: the JSON-RPC 2.0 envelope rules hold on every revision, whatever the schema's unions admit", () => {
  for (const name of REVISIONS) {
    const spec = revisions[name];
    const notification = "notifications/tools/list_changed";

    describe(name, () => {
      it("a request with a string or integer id, and a notification without one, are accepted", () => {
        for (const id of [0, -3, 2 ** 40, "", "abc"])
          expect(
            validateMessage({ jsonrpc: "2.0", id, method: request, params }, { revision: name }).valid,
            `${id}`,
          ).to.equal(true);
        expect(validateMessage({ jsonrpc: "2.0", method: notification }, { revision: name }).valid).to.equal(true);
      });

      it("an id of false, {}, null, 1.5 or an array is refused at /id, not taken for a notification", () => {
        for (const id of [false, true, {}, null, 1.5, [], [1]])
          rejected(
            validateMessage({ jsonrpc: "2.0", id, method: notification }, { revision: name }),
            "/id",
            /must be a string or an integer/,
          );
        rejected(
          validateMessage({ jsonrpc: "2.0", id: null, method: request }, { revision: name }),
          "/id",
          /must be a string or an integer/,
        );
      });

      it("a request or notification carrying result or error is refused", () => {
        rejected(
          validateMessage({ jsonrpc: "2.0", id: 1, method: request, result: {} }, { revision: name }),
          "/result",
          /not allowed in a request/,
        );
        rejected(
          validateMessage(
            { jsonrpc: "2.0", method: notification, error: { code: 1, message: "m" } },
            { revision: name },
          ),
          "/error",
          /not allowed in a request/,
        );
      });

      it("a response carrying both result and error is refused", () => {
        rejected(
          validateMessage(
            { jsonrpc: "2.0", id: 1, result: {}, error: { code: -32603, message: "m" } },
            { revision: name },
          ),
          "",
          /both result and error/,
        );
      });

      it("a response's id is a string or an integer (null only on an error, where the schema also decides)", () => {
        for (const id of [false, {}, 1.5, []])
          for (const body of [{ result: {} }, { error: { code: 1, message: "m" } }])
            rejected(validateMessage({ jsonrpc: "2.0", id, ...body }, { revision: name }), "/id", /must be a string/);
        rejected(validateMessage({ jsonrpc: "2.0", id: null, result: {} }, { revision: name }), "/id", /must be/);
      });

      it("an error object has an integer code and a string message", () => {
        const at = (error: unknown) => validateMessage({ jsonrpc: "2.0", id: 1, error }, { revision: name });
        rejected(at(null), "/error", /must be an object/);
        rejected(at([]), "/error", /must be an object/);
        rejected(at({ code: 1.5, message: "m" }), "/error/code", /must be an integer/);
        rejected(at({ message: "m" }), "/error/code", /is required/);
        rejected(at({ code: 1 }), "/error/message", /is required/);
        rejected(at({ code: 1, message: 2 }), "/error/message", /must be a string/);
        expect(at({ code: -32601, message: "m", data: [1] }).valid).to.equal(true);
      });

      it(`a batch is ${spec.batching ? "checked item by item, each at its index" : "refused"}`, () => {
        const batch = [
          { jsonrpc: "2.0", id: 1, method: request, params },
          { jsonrpc: "2.0", id: false, method: notification },
        ];
        const result = validateMessage(batch, { revision: name });
        if (spec.batching) rejected(result, "/1/id", /must be a string or an integer/);
        else rejected(result, "", /batch/);
      });
    });
  }

  it("an unknown method's name is quoted in the error, so that it stays one line", () => {
    const result = validateMessage({ jsonrpc: "2.0", method: "a\nb" }, { revision: "2024-11-05" });
    rejected(result, "/method", /^"a\\nb" is not a notification method/);
  });
});
