import { expect } from "chai";
import { validate, validateMessage } from "../../src/validate/index.js";

describe("validate: messages and values", () => {
  it("checks a tools/call request as CallToolRequest and returns it typed", () => {
    const message = {
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { name: "echo", arguments: { text: "hi" } },
    };
    expect(validateMessage(message, { revision: "2025-11-25" })).to.deep.equal({ valid: true, value: message });
    const tool = validate({ name: "echo", inputSchema: { type: "object" } }, { revision: "2025-11-25", type: "Tool" });
    expect(tool.valid).to.equal(true);
    if (tool.valid) expect(tool.value.name).to.equal("echo");
  });

  it("reports the failing path apart from the reason: /params/arguments, must be object", () => {
    const result = validateMessage(
      { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "x", arguments: 3 } },
      { revision: "2025-11-25" },
    );
    expect(result).to.deep.equal({
      valid: false,
      errors: [{ path: "/params/arguments", message: "must be object" }],
    });
  });

  it("defaults to the latest revision, where ping no longer exists", () => {
    const result = validateMessage({ jsonrpc: "2.0", id: 1, method: "ping" });
    expect(result.valid).to.equal(false);
    if (!result.valid) expect(result.errors[0]!.message).to.contain("2026-07-28");
    expect(validateMessage({ jsonrpc: "2.0", id: 1, method: "ping" }, { revision: "2025-11-25" }).valid).to.equal(true);
  });

  it("checks a response's result against the method it answers when told which", () => {
    const ok = { jsonrpc: "2.0", id: 1, result: { tools: [{ name: "a", inputSchema: { type: "object" } }] } };
    expect(validateMessage(ok, { revision: "2025-06-18", resultOf: "tools/list" }).valid).to.equal(true);
    const bad = { jsonrpc: "2.0", id: 1, result: { tools: [{ inputSchema: { type: "object" } }] } };
    expect(validateMessage(bad, { revision: "2025-06-18" }).valid).to.equal(true);
    expect(validateMessage(bad, { revision: "2025-06-18", resultOf: "tools/list" })).to.deep.include({ valid: false });
    const unknown = validateMessage(ok, { revision: "2025-06-18", resultOf: "no/such" });
    expect(unknown.valid).to.equal(false);
  });

  it("accepts an InputRequiredResult for tools/call in 2026-07-28, and not in 2025-11-25", () => {
    const response = { jsonrpc: "2.0", id: 1, result: { resultType: "input_required", requestState: "abc" } };
    expect(validateMessage(response, { revision: "2026-07-28", resultOf: "tools/call" }).valid).to.equal(true);
    expect(validateMessage(response, { revision: "2025-11-25", resultOf: "tools/call" }).valid).to.equal(false);
  });

  it("checks error responses as the revision's error envelope", () => {
    expect(
      validateMessage(
        { jsonrpc: "2.0", id: 1, error: { code: -32601, message: "Method not found" } },
        { revision: "2025-11-25" },
      ).valid,
    ).to.equal(true);
    const bad = validateMessage(
      { jsonrpc: "2.0", id: 1, error: { code: "x", message: "m" } },
      { revision: "2025-11-25" },
    );
    expect(bad).to.deep.include({ valid: false });
    if (!bad.valid) expect(bad.errors[0]!.path).to.equal("/error/code");
  });

  it("accepts batches only where the revision has them (2025-03-26), each element checked", () => {
    const batch = [
      { jsonrpc: "2.0", id: 1, method: "tools/list" },
      { jsonrpc: "2.0", method: "notifications/initialized" },
    ];
    expect(validateMessage(batch, { revision: "2025-03-26" }).valid).to.equal(true);
    const noBatches = validateMessage(batch, { revision: "2025-06-18" });
    expect(noBatches.valid).to.equal(false);
    const badElement = validateMessage([batch[0], { jsonrpc: "2.0", id: 2, method: "tools/call", params: {} }], {
      revision: "2025-03-26",
    });
    expect(badElement).to.deep.equal({
      valid: false,
      errors: [{ path: "/1/params/name", message: "is required" }],
    });
    expect(validateMessage([], { revision: "2025-03-26" }).valid).to.equal(false);
  });

  it("rejects values that are no JSON-RPC message at all, at the root", () => {
    for (const value of [null, 3, "x", true, {}, { jsonrpc: "2.0" }, { jsonrpc: "2.0", id: 1 }]) {
      const result = validateMessage(value, { revision: "2025-11-25" });
      expect(result.valid, JSON.stringify(value)).to.equal(false);
    }
    expect(validateMessage({ jsonrpc: "2.0", id: 1, method: 5 }, { revision: "2025-11-25" })).to.deep.include({
      valid: false,
    });
  });

  it("refuses an unknown revision or definition with a clear error", () => {
    expect(() => validateMessage({}, { revision: "1999-01-01" as never })).to.throw(/unknown revision "1999-01-01"/);
    expect(() => validate({}, { type: "NoSuchType" as never })).to.throw(/no definition "NoSuchType"/);
  });

  it("treats method, type and revision names that shadow Object.prototype as unknown, without throwing a TypeError", () => {
    for (const method of ["toString", "__proto__", "constructor", "hasOwnProperty"]) {
      for (const message of [
        { jsonrpc: "2.0", id: 1, method },
        { jsonrpc: "2.0", method },
      ]) {
        const result = validateMessage(message, { revision: "2025-11-25" });
        expect(result, method).to.deep.include({ valid: false });
      }
      const response = validateMessage(
        { jsonrpc: "2.0", id: 1, result: {} },
        { revision: "2025-11-25", resultOf: method },
      );
      expect(response.valid, method).to.equal(false);
      expect(() => validateMessage({}, { revision: method as never })).to.throw(/unknown revision/);
    }
    expect(() => validate({}, { type: "Nope" as never })).to.throw(/no definition/);
  });
});
