import { expect } from "chai";
import { createServer, type Server as NodeServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FastMCP, jwtVerifier, ProtectedResource, Server, StreamableHttpServer } from "../../../src/server/index.js";
import { TestIssuer } from "./issuer.js";

describe("AuthSettings: issuer and authorization servers", () => {
  const issuer = new TestIssuer();
  before(() => issuer.start());
  after(() => issuer.stop());
  const verifier = () => jwtVerifier({ issuer: issuer.issuer, jwksUrl: issuer.jwksUrl });

  async function metadataOf(app: FastMCP): Promise<Record<string, unknown>> {
    const served = await app.runHttp({ port: 0 });
    try {
      return (await (await fetch(`${served.url}/.well-known/oauth-protected-resource/mcp`)).json()) as never;
    } finally {
      await served.close();
    }
  }

  it("the seed's shape { issuer, resource, requiredScopes, verifier }: the issuer is the metadata's authorization server", async () => {
    const app = new FastMCP("s", {
      auth: {
        issuer: issuer.issuer,
        resource: "https://mcp.example.test/mcp",
        requiredScopes: ["a"],
        verifier: verifier(),
      },
    });
    const metadata = await metadataOf(app);
    expect(metadata.authorization_servers).to.deep.equal([issuer.issuer]);
    expect(metadata.resource).to.equal("https://mcp.example.test/mcp");
    expect(metadata.scopes_supported).to.deep.equal(["a"]);
  });

  it("authorizationServers still works, alone or with the issuer put first", async () => {
    const alone = new FastMCP("s", { auth: { authorizationServers: ["https://b.test"], verifier: verifier() } });
    expect((await metadataOf(alone)).authorization_servers).to.deep.equal(["https://b.test"]);
    const both = new FastMCP("s", {
      auth: { issuer: "https://a.test", authorizationServers: ["https://b.test"], verifier: verifier() },
    });
    expect((await metadataOf(both)).authorization_servers).to.deep.equal(["https://a.test", "https://b.test"]);
  });

  it("a server naming no authorization server, or a malformed one, is refused when built", () => {
    expect(() => new FastMCP("s", { auth: { verifier: verifier() } })).to.throw(
      TypeError,
      /issuer or authorizationServers/,
    );
    expect(() => new FastMCP("s", { auth: { issuer: "not a url", verifier: verifier() } })).to.throw(TypeError);
    expect(() => new FastMCP("s", { auth: { issuer: "https://a.test/?x=1", verifier: verifier() } })).to.throw(
      TypeError,
      /query/,
    );
  });

  it("a low-level StreamableHttpServer mounted on the user's own node:http server guards with ProtectedResource", async () => {
    const server = new Server({ name: "low", version: "1" });
    const endpoint = new StreamableHttpServer((transport, init) => server.connect(transport, init));
    const guard: { protection?: ProtectedResource } = {};
    const http: NodeServer = createServer((req, res) => {
      const metadata = guard.protection!.metadataRoute((req.url ?? "/").split("?")[0]!);
      if (metadata) return void res.writeHead(200, { "content-type": "application/json" }).end("{}");
      void guard.protection!.guardNode(req, res).then((caller) => caller && endpoint.handleNode(req, res, caller));
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
    guard.protection = new ProtectedResource({ issuer: issuer.issuer, verifier: verifier() }, url, undefined);
    try {
      const ping = (headers: Record<string, string>) =>
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
        });
      expect((await ping({})).status).to.equal(401);
      const other = await issuer.mint("https://other.example.test/mcp");
      expect((await ping({ authorization: `Bearer ${other}` })).status).to.equal(401);
      const good = await issuer.mint(url);
      const answer = await ping({ authorization: `Bearer ${good}`, "mcp-protocol-version": "2025-11-25" });
      expect(answer.status).to.not.equal(401);
    } finally {
      await endpoint.close();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
