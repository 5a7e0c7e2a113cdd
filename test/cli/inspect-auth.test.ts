import { expect } from "chai";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { registerCall } from "../../src/cli/commands/call.js";
import { registerInspect } from "../../src/cli/commands/inspect.js";
import { runProgram } from "../../src/cli/program.js";
import { FastMCP, jwtVerifier, type HttpApp } from "../../src/server/index.js";
import { captureLogger } from "../support/peers.js";
import { TestIssuer } from "../auth/server/issuer.js";

const AS = "https://as.example.test";

/** Runs `mcp <argv>` in this process with `server inspect`, `call` and `read`; resolves with the status and output. */
async function mcp(...argv: string[]) {
  let out = "";
  let err = "";
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        write(chunk.toString());
        done();
      },
    });
  const io = { out: sink((text) => (out += text)), err: sink((text) => (err += text)) };
  const code = await runProgram(argv, io, [registerInspect, registerCall]);
  return { code, out, err };
}

describe("mcp server inspect, call and read against a protected server, with --no-auth", () => {
  const issuer = new TestIssuer();
  let served: HttpApp;
  let url: string;
  let prm: string;
  /** Every request the protected server received: method, path, and its Authorization header. */
  const seen: { method: string; path: string; authorization: string | undefined }[] = [];

  before(async () => {
    await issuer.start();
    const app = new FastMCP("protected", {
      logger: captureLogger(),
      auth: {
        authorizationServers: [AS],
        requiredScopes: ["mcp:read", "mcp:write"],
        verifier: jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl }),
      },
    });
    app.tool("whoami", (_args, ctx) => `${ctx.auth?.subject}`);
    served = await app.runHttp({ port: 0 });
    served.server.on("request", (req: { method?: string; url?: string; headers: Record<string, unknown> }) => {
      const authorization = req.headers.authorization;
      seen.push({
        method: req.method ?? "",
        path: new URL(req.url ?? "/", "http://x").pathname,
        authorization: typeof authorization === "string" ? authorization : undefined,
      });
    });
    url = served.endpointUrl;
    prm = `${served.url}/.well-known/oauth-protected-resource/mcp`;
  });
  after(async () => {
    await served.close();
    await issuer.stop();
  });
  beforeEach(() => (seen.length = 0));

  const line = () =>
    `mcp: ${url} requires authorization (authorization server ${AS}, scopes mcp:read mcp:write); not authorizing (--no-auth)\n`;

  it("prints the resource, authorization servers, scopes and bearer methods, then one line, status 1", async () => {
    const { code, out, err } = await mcp("server", "inspect", "--no-auth", url);
    expect(code).to.equal(1);
    expect(err).to.equal(line());
    expect(out).to.match(new RegExp(`^Server\\s+${url}$`, "m"));
    expect(out).to.match(/^Authorization\s+required \(HTTP 401 Bearer\)$/m);
    expect(out).to.match(new RegExp(`^Resource\\s+${url}$`, "m"));
    expect(out).to.match(new RegExp(`^Metadata\\s+${prm}$`, "m"));
    expect(out).to.match(/^Auth servers\s+https:\/\/as\.example\.test$/m);
    expect(out).to.match(/^Scopes\s+mcp:read mcp:write$/m);
    expect(out).to.match(/^Bearer methods\s+header$/m);
  });

  it("--json prints the requirement as one document", async () => {
    const { code, out, err } = await mcp("server", "inspect", "--no-auth", "--json", url);
    expect(code).to.equal(1);
    expect(err).to.equal(line());
    const doc = JSON.parse(out) as Record<string, unknown>;
    expect(doc).to.deep.include({
      authorizationRequired: true,
      url,
      status: 401,
      resource: url,
      resourceMetadataUrl: prm,
      authorizationServers: [AS],
      scopes: ["mcp:read", "mcp:write"],
      bearerMethods: ["header"],
    });
    expect(doc.challenge).to.deep.equal({
      scheme: "Bearer",
      scope: "mcp:read mcp:write",
      error: null,
      errorDescription: null,
      resourceMetadata: prm,
    });
    expect((doc.resourceMetadata as { scopes_supported: string[] }).scopes_supported).to.deep.equal([
      "mcp:read",
      "mcp:write",
    ]);
  });

  it("fetches the metadata and sends no Authorization header anywhere", async () => {
    await mcp("server", "inspect", "--no-auth", url);
    expect(seen.map((r) => `${r.method} ${r.path}`)).to.include(`GET /.well-known/oauth-protected-resource/mcp`);
    expect(seen.filter((r) => r.authorization !== undefined)).to.deep.equal([]);
  });

  it("call and read fail with the same one line, not a raw 401", async () => {
    for (const argv of [
      ["call", "--no-auth", url, "whoami"],
      ["read", "--no-auth", url, "notes://1"],
      ["--protocol-version", "2025-11-25", "call", "--no-auth", url, "whoami"],
    ]) {
      const { code, out, err } = await mcp(...argv);
      expect(code, argv.join(" ")).to.equal(1);
      expect(out).to.equal("");
      expect(err, argv.join(" ")).to.equal(line());
    }
  });
});

describe("mcp server inspect when discovering what a server requires fails", () => {
  let server: Server;
  let base: string;
  let challenge: (base: string) => string | undefined;

  before(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (req.method === "POST" && path === "/mcp") {
        const header = challenge(base);
        res.writeHead(401, { "content-type": "application/json", ...(header ? { "www-authenticate": header } : {}) });
        res.end(JSON.stringify({ error: "unauthorized" }));
        return;
      }
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it("a resource_metadata that answers 404 is one line naming the step", async () => {
    challenge = (b) => `Bearer resource_metadata="${b}/missing-prm"`;
    const { code, out, err } = await mcp("server", "inspect", "--no-auth", "--json", `${base}/mcp`);
    expect(code).to.equal(1);
    expect(out).to.equal("");
    expect(err).to.equal(
      `mcp: ${base}/mcp requires authorization (HTTP 401); discovering what it requires failed at ` +
        `protected-resource-metadata: no document at ${base}/missing-prm\n`,
    );
  });

  it("a challenge that does not parse is one line naming the www-authenticate step", async () => {
    challenge = () => `Bearer realm="unterminated`;
    const { code, err } = await mcp("call", "--no-auth", `${base}/mcp`, "whoami");
    expect(code).to.equal(1);
    expect(err).to.match(/^mcp: .* requires authorization \(HTTP 401\); .* failed at www-authenticate: unterminated/);
    expect(err.split("\n")).to.have.length(2);
  });

  it("no challenge and no well-known document names the URLs tried", async () => {
    challenge = () => undefined;
    const { code, err } = await mcp("server", "inspect", "--no-auth", `${base}/mcp`);
    expect(code).to.equal(1);
    expect(err).to.equal(
      `mcp: ${base}/mcp requires authorization (HTTP 401); discovering what it requires failed at ` +
        `protected-resource-metadata: no document at ${base}/.well-known/oauth-protected-resource/mcp ` +
        `or ${base}/.well-known/oauth-protected-resource\n`,
    );
  });
});
