import { expect } from "chai";
import { REVISIONS, revisions } from "../../generated/index.js";
import { validate, validateMessage, type ValidationResult } from "../../src/validate/index.js";
import { requiredParams } from "../support/schemas.js";

/** Asserts a rejection whose first error points at `path` (or one of `paths`). */
function rejectedAt(result: ValidationResult<unknown>, ...paths: string[]): void {
  expect(result.valid, JSON.stringify(result)).to.equal(false);
  if (result.valid) return;
  expect(paths, JSON.stringify(result.errors)).to.include(result.errors[0]!.path);
  expect(result.errors[0]!.message.startsWith("/")).to.equal(false);
}

describe("validate: invalid messages derived from the model are rejected at the fault", () => {
  for (const name of REVISIONS) {
    const spec = revisions[name];
    const requests = Object.values(spec.requests);
    const notifications = Object.values(spec.notifications);

    describe(name, () => {
      it("a request or notification missing `method` is rejected at /method, as its own type", () => {
        for (const r of requests)
          rejectedAt(
            validate({ jsonrpc: "2.0", id: 1, params: {} }, { revision: name, type: r.type as never }),
            "/method",
          );
        for (const n of notifications)
          rejectedAt(validate({ jsonrpc: "2.0", params: {} }, { revision: name, type: n.type as never }), "/method");
      });

      it("a wrong `method` const is rejected at /method", () => {
        for (const r of requests)
          rejectedAt(
            validate(
              { jsonrpc: "2.0", id: 1, method: "no/such", params: {} },
              { revision: name, type: r.type as never },
            ),
            "/method",
          );
        rejectedAt(
          validateMessage({ jsonrpc: "2.0", id: 1, method: "no/such", params: {} }, { revision: name }),
          "/method",
        );
      });

      it("a wrong `jsonrpc` is rejected at /jsonrpc", () => {
        for (const r of requests)
          rejectedAt(
            validateMessage({ jsonrpc: "1.0", id: 1, method: r.method, params: {} }, { revision: name }),
            "/jsonrpc",
          );
        rejectedAt(validateMessage({ id: 1, method: "ping" }, { revision: name }), "/jsonrpc");
      });

      it("params of the wrong type are rejected at /params", () => {
        for (const m of [...requests, ...notifications].filter((m) => m.params)) {
          const message = {
            jsonrpc: "2.0",
            ...(m.method in spec.requests ? { id: 1 } : {}),
            method: m.method,
            params: 42,
          };
          rejectedAt(validateMessage(message, { revision: name }), "/params");
        }
      });

      it("params missing a required field are rejected at that field", () => {
        for (const r of requests) {
          const required = requiredParams(name, r.type);
          if (required.length === 0) continue;
          rejectedAt(
            validateMessage({ jsonrpc: "2.0", id: 1, method: r.method, params: {} }, { revision: name }),
            ...required.map((k) => `/params/${k}`),
          );
        }
      });

      it("params of another method are rejected at a field the method requires", () => {
        let checked = 0;
        for (const r of requests) {
          const required = requiredParams(name, r.type);
          const other = requests.find(
            (s) =>
              s !== r &&
              requiredParams(name, s.type).length > 0 &&
              required.some((k) => !requiredParams(name, s.type).includes(k)),
          );
          if (!other || required.length === 0) continue;
          const borrowed = Object.fromEntries(
            requiredParams(name, other.type).map((k) => [k, k === "_meta" ? {} : "x"]),
          );
          const missing = required.filter((k) => !(k in borrowed));
          const result = validateMessage(
            { jsonrpc: "2.0", id: 1, method: r.method, params: borrowed },
            { revision: name },
          );
          rejectedAt(result, ...missing.map((k) => `/params/${k}`));
          checked++;
        }
        expect(checked).to.be.greaterThan(0);
      });

      it("a response whose result does not fit the request's result type is rejected inside /result", () => {
        const withRequiredResult = requests.filter((r) => r.method === "tools/list" || r.method === "prompts/list");
        for (const r of withRequiredResult) {
          const result = validateMessage({ jsonrpc: "2.0", id: 1, result: {} }, { revision: name, resultOf: r.method });
          expect(result.valid).to.equal(false);
          if (!result.valid) expect(result.errors[0]!.path.startsWith("/result")).to.equal(true);
        }
      });
    });
  }
});
