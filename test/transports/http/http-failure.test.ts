import { expect } from "chai";
import { httpFailure, httpFailureData } from "../../../src/transports/http/sse-parse.js";

const answer = (status: number, headers: Record<string, string>, body: string) => {
  const response = new Response(body, { status, headers });
  return { status, statusText: "", headers: response.headers, text: () => response.text() };
};

describe("transports/http httpFailure", () => {
  it("a 401 keeps its status and WWW-Authenticate challenge in the error's data", async () => {
    const challenge = 'Bearer resource_metadata="https://a.example/.well-known/oauth-protected-resource"';
    const failure = await httpFailure(answer(401, { "www-authenticate": challenge }, '{"error":"unauthorized"}'));
    expect(failure.message).to.equal('HTTP 401: {"error":"unauthorized"}');
    expect(failure.data).to.deep.equal({ status: 401, wwwAuthenticate: challenge });
    expect(httpFailureData(failure.data)).to.deep.equal({ status: 401, wwwAuthenticate: challenge });
  });

  it("without a challenge the data is the status alone; other data is not HttpFailureData", async () => {
    const failure = await httpFailure(answer(500, {}, "boom"));
    expect(failure.data).to.deep.equal({ status: 500 });
    expect(httpFailureData(failure.data)).to.deep.equal({ status: 500 });
    expect(httpFailureData({ status: "401" })).to.equal(undefined);
    expect(httpFailureData(undefined)).to.equal(undefined);
  });

  it("a JSON-RPC error body is the server's word, kept as it is", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32001, message: "nope" } });
    const failure = await httpFailure(
      answer(401, { "content-type": "application/json", "www-authenticate": "Bearer" }, body),
    );
    expect(failure).to.deep.equal({ code: -32001, message: "nope" });
  });
});
