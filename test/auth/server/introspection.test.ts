import { expect } from "chai";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  bearerGuard,
  IntrospectionError,
  introspectionVerifier,
  InvalidTokenError,
  type IntrospectionVerifierOptions,
  type TokenVerifier,
} from "../../../src/auth/server/index.js";
import { captureLogger } from "../../support/peers.js";

const RESOURCE = "http://127.0.0.1:9/mcp";
const request = { method: "POST", url: RESOURCE, headers: {}, resource: RESOURCE };
const CLIENT_ID = "rs:client";
const CLIENT_SECRET = "s3cret/+ &";
const now = () => Math.floor(Date.now() / 1000);

type Behaviour = "normal" | "500" | "not-json" | "huge" | "huge-chunked" | "slow" | "no-active";

/** An authorization server's introspection endpoint on 127.0.0.1 (RFC 7662), knowing a table of tokens. */
class TestIntrospectionEndpoint {
  readonly tokens = new Map<string, Record<string, unknown>>();
  calls = 0;
  behaviour: Behaviour = "normal";
  url = "";
  #server: Server | undefined;

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#answer(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/introspect`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  async #answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.calls++;
    let text = "";
    for await (const chunk of req) text += String(chunk);
    const form = new URLSearchParams(text);
    const expected = `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${"s3cret%2F%2B+%26"}`).toString("base64")}`;
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.method !== "POST" || req.headers["content-type"] !== "application/x-www-form-urlencoded")
      return void json(400, { error: "invalid_request" });
    if (req.headers.authorization !== expected) return void json(401, { error: "invalid_client" });
    if (form.get("token_type_hint") !== "access_token") return void json(400, { error: "invalid_request" });
    if (this.behaviour === "500") return void json(500, { error: "server_error" });
    if (this.behaviour === "not-json") return void res.writeHead(200).end("<html>oops</html>");
    if (this.behaviour === "huge") return void json(200, { active: false, pad: "x".repeat(100_000) });
    if (this.behaviour === "huge-chunked") {
      res.writeHead(200, { "content-type": "application/json" }).write('{"active":false,"pad":"');
      for (let i = 0; i < 20; i++) res.write("x".repeat(8192));
      return void res.end('"}');
    }
    if (this.behaviour === "no-active") return void json(200, { sub: "u" });
    if (this.behaviour === "slow") await new Promise((resolve) => setTimeout(resolve, 500));
    const known = this.tokens.get(form.get("token") ?? "");
    json(200, known ?? { active: false });
  }
}

describe("introspectionVerifier (RFC 7662)", () => {
  const as = new TestIntrospectionEndpoint();
  const make = (options: Partial<IntrospectionVerifierOptions> = {}): TokenVerifier =>
    introspectionVerifier({ endpoint: as.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
  const active = (claims: Record<string, unknown> = {}) => ({
    active: true,
    sub: "user-1",
    client_id: "client-1",
    scope: "mcp:read mcp:write",
    aud: RESOURCE,
    exp: now() + 3600,
    iss: "https://as.example.test",
    ...claims,
  });

  async function failure(verifier: TokenVerifier, token: string): Promise<Error> {
    try {
      await verifier.verify(token, request);
    } catch (error) {
      expect((error as Error).message).not.to.include(token);
      expect(String((error as Error).stack)).not.to.include(token);
      return error as Error;
    }
    throw new Error("the token was accepted");
  }

  before(() => as.start());
  after(() => as.stop());
  beforeEach(() => {
    as.tokens.clear();
    as.behaviour = "normal";
    as.calls = 0;
  });

  it("accepts an active token for this resource, authenticating with client_secret_basic", async () => {
    as.tokens.set("tok-active", active());
    const auth = await make().verify("tok-active", request);
    expect(auth).to.include({ subject: "user-1", clientId: "client-1", tokenType: "Bearer", token: "tok-active" });
    expect(auth.scopes).to.deep.equal(["mcp:read", "mcp:write"]);
    expect(auth.audience).to.deep.equal([RESOURCE]);
    expect(auth.expiresAt).to.be.a("number");
    expect(auth.claims.iss).to.equal("https://as.example.test");
    expect(as.calls).to.equal(1);
  });

  it("accepts an aud array that contains this resource, and a configured audience", async () => {
    as.tokens.set("tok-many", active({ aud: ["https://other.example/mcp", RESOURCE] }));
    expect((await make().verify("tok-many", request)).audience).to.have.length(2);
    as.tokens.set("tok-fixed", active({ aud: "https://fixed.example/mcp" }));
    await make({ audience: "https://fixed.example/mcp" }).verify("tok-fixed", request);
  });

  it("refuses an inactive or unknown token with InvalidTokenError", async () => {
    as.tokens.set("tok-revoked", { active: false });
    for (const token of ["tok-revoked", "tok-unknown"]) {
      const error = await failure(make(), token);
      expect(error).to.be.instanceOf(InvalidTokenError);
      expect(error.message).to.match(/not active/);
    }
  });

  it("refuses a token minted for another resource, or with no aud (no passthrough, RFC 8707)", async () => {
    as.tokens.set("tok-other", active({ aud: "https://other.example/mcp" }));
    as.tokens.set("tok-other-path", active({ aud: ["http://127.0.0.1:9/other"] }));
    as.tokens.set("tok-no-aud", active({ aud: undefined }));
    for (const token of ["tok-other", "tok-other-path", "tok-no-aud"]) {
      const error = await failure(make(), token);
      expect(error).to.be.instanceOf(InvalidTokenError);
      expect(error.message).to.match(/aud/);
    }
  });

  it("refuses an active token whose exp has passed, and one not yet valid", async () => {
    as.tokens.set("tok-expired", active({ exp: now() - 10 }));
    as.tokens.set("tok-future", active({ nbf: now() + 300 }));
    expect((await failure(make(), "tok-expired")).message).to.match(/expired/);
    expect(await failure(make(), "tok-future")).to.be.instanceOf(InvalidTokenError);
  });

  it("caches an answer: a second verify makes no call, and the answer expires after cacheTtlMs", async () => {
    as.tokens.set("tok-cached", active());
    const verifier = make({ cacheTtlMs: 100 });
    await verifier.verify("tok-cached", request);
    await verifier.verify("tok-cached", request);
    expect(as.calls).to.equal(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await verifier.verify("tok-cached", request);
    expect(as.calls).to.equal(2);
  });

  it("never caches past the token's exp, and still checks the audience of a cached answer", async () => {
    as.tokens.set("tok-short", active({ exp: now() + 1 }));
    const verifier = make();
    await verifier.verify("tok-short", request);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await failure(verifier, "tok-short")).message).to.match(/expired/);
    expect(as.calls).to.equal(2);
    as.tokens.set("tok-here", active());
    await verifier.verify("tok-here", request);
    const elsewhere = { ...request, resource: "https://elsewhere.example/mcp" };
    await verifier.verify("tok-here", elsewhere).then(
      () => expect.fail("accepted for another resource"),
      (error: unknown) => expect(error).to.be.instanceOf(InvalidTokenError),
    );
  });

  it("caches inactive answers too, and asks once for concurrent verifies of one token", async () => {
    const verifier = make();
    await failure(verifier, "tok-nope");
    await failure(verifier, "tok-nope");
    expect(as.calls).to.equal(1);
    as.tokens.set("tok-burst", active());
    await Promise.all([1, 2, 3].map(() => verifier.verify("tok-burst", request)));
    expect(as.calls).to.equal(2);
  });

  it("keeps at most maxCacheEntries answers, dropping the oldest", async () => {
    for (const t of ["a1", "a2", "a3"]) as.tokens.set(t, active());
    const verifier = make({ maxCacheEntries: 2 });
    for (const t of ["a1", "a2", "a3"]) await verifier.verify(t, request);
    expect(as.calls).to.equal(3);
    await verifier.verify("a3", request);
    await verifier.verify("a2", request);
    expect(as.calls).to.equal(3);
    await verifier.verify("a1", request);
    expect(as.calls).to.equal(4);
  });

  describe("a failing endpoint is the verifier's failure (503), never a refusal (401)", () => {
    const cases: [string, () => TokenVerifier][] = [
      ["answering 500", () => ((as.behaviour = "500"), make())],
      ["answering HTML", () => ((as.behaviour = "not-json"), make())],
      ["answering more than 64 KiB", () => ((as.behaviour = "huge"), make())],
      ["streaming more than 64 KiB", () => ((as.behaviour = "huge-chunked"), make())],
      ["answering without active", () => ((as.behaviour = "no-active"), make())],
      ["too slow", () => ((as.behaviour = "slow"), make({ timeoutMs: 100 }))],
      ["rejecting the client's credentials", () => make({ clientSecret: "wrong" })],
      ["down", () => make({ endpoint: "http://127.0.0.1:9/introspect" })],
    ];
    for (const [what, setup] of cases) {
      it(`endpoint ${what}`, async () => {
        const verifier = setup();
        const token = "tok-secret-value-123";
        as.tokens.set(token, active());
        const error = await failure(verifier, token);
        expect(error).to.be.instanceOf(IntrospectionError);
        expect(error).not.to.be.instanceOf(InvalidTokenError);
        const logger = captureLogger();
        const guard = bearerGuard({ resource: RESOURCE, resourceMetadataUrl: `${RESOURCE}/prm`, verifier, logger });
        const outcome = await guard({ method: "POST", url: RESOURCE, headers: { authorization: `Bearer ${token}` } });
        if (!("refusal" in outcome)) throw new Error("accepted");
        expect(outcome.refusal.status).to.equal(503);
        expect(outcome.refusal.body).not.to.include(token);
        expect(logger.lines.join("\n")).not.to.include(token);
      });
    }

    it("a failure is not cached: the next verify asks again", async () => {
      as.tokens.set("tok-retry", active());
      const verifier = make();
      as.behaviour = "500";
      await failure(verifier, "tok-retry");
      as.behaviour = "normal";
      await verifier.verify("tok-retry", request);
      expect(as.calls).to.equal(2);
    });
  });

  it("a custom authenticate hook replaces client_secret_basic", async () => {
    const seen: string[] = [];
    as.tokens.set("tok-hook", active());
    const verifier = introspectionVerifier({
      endpoint: as.url,
      authenticate: (headers, body) => {
        seen.push(body.get("token_type_hint")!);
        headers.set("authorization", `Basic ${Buffer.from("rs%3Aclient:s3cret%2F%2B+%26").toString("base64")}`);
      },
    });
    await verifier.verify("tok-hook", request);
    expect(seen).to.deep.equal(["access_token"]);
  });

  it("refuses at construction a plain-http endpoint off loopback, and missing client credentials", () => {
    const build = (options: Partial<IntrospectionVerifierOptions>) => () =>
      introspectionVerifier({ endpoint: "https://as.example/introspect", ...options } as IntrospectionVerifierOptions);
    expect(build({ endpoint: "http://as.example/introspect", clientId: "c", clientSecret: "s" })).to.throw(
      TypeError,
      /https, or http on loopback/,
    );
    expect(build({ endpoint: "ftp://127.0.0.1/x", clientId: "c", clientSecret: "s" })).to.throw(TypeError);
    expect(build({ endpoint: "introspect", clientId: "c", clientSecret: "s" })).to.throw(TypeError);
    expect(build({ clientId: "c" })).to.throw(TypeError, /clientSecret/);
    expect(build({ clientId: "c", clientSecret: "s" })).not.to.throw();
    expect(build({ endpoint: "http://localhost:8080/i", clientId: "c", clientSecret: "s" })).not.to.throw();
  });
});
