import { expect } from "chai";
import { createRequire } from "node:module";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DemoInMemoryAuthProvider } from "@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js";
import { mcpAuthRouter } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { introspectionVerifier } from "../../../src/auth/server/index.js";
import { ClientSession } from "../../../src/client/client-session.js";
import { FastMCP, type HttpApp } from "../../../src/server/index.js";
import { streamableHttpClient } from "../../../src/transports/http/streamable-http-client.js";
import { captureLogger } from "../../support/peers.js";
import { testProvider } from "./mock-oauth.js";

/** The little of express (a dependency of the official SDK, untyped here) this test uses. */
interface ExpressApp {
  (req: IncomingMessage, res: ServerResponse): void;
  use(handler: unknown): void;
  post(
    path: string,
    handler: (req: { body: Record<string, unknown> }, res: { json(body: unknown): void }) => void,
  ): void;
}
interface Express {
  (): ExpressApp;
  urlencoded(options: { extended: boolean }): unknown;
}
const express = createRequire(import.meta.url)("express") as Express;

/**
 * The official TypeScript SDK's authorization server (its `mcpAuthRouter` with the demo in-memory
 * provider: DCR, PKCE, resource indicators, token introspection), on 127.0.0.1 with a free port.
 */
async function officialAuthorizationServer(
  expectedResource: () => string,
): Promise<{ issuer: string; close(): Promise<void> }> {
  // Routes are added once the port, and so the issuer, is known.
  const app = express();
  const server: Server = createServer((req, res) => app(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuerUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const provider = new DemoInMemoryAuthProvider((resource) => resource?.href === expectedResource());
  app.use(express.urlencoded({ extended: false }));
  app.use(mcpAuthRouter({ provider, issuerUrl, scopesSupported: ["mcp:tools"] }));
  app.post("/introspect", (req, res) => {
    provider.verifyAccessToken(String(req.body.token)).then(
      (info) =>
        res.json({
          active: true,
          client_id: info.clientId,
          scope: info.scopes.join(" "),
          exp: info.expiresAt,
          aud: info.resource?.href,
          sub: "demo_user",
        }),
      () => res.json({ active: false }),
    );
  });
  return {
    issuer: issuerUrl.href,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe("auth/client against the official SDK's authorization server", function () {
  this.timeout(30_000);
  let served: HttpApp | undefined;
  let as: { issuer: string; close(): Promise<void> };

  before(async () => {
    as = await officialAuthorizationServer(() => served!.endpointUrl);
    const app = new FastMCP("protected", {
      logger: captureLogger(),
      auth: {
        authorizationServers: [as.issuer],
        // The demo's introspection endpoint asks no client authentication.
        verifier: introspectionVerifier({ endpoint: new URL("introspect", as.issuer), authenticate: () => {} }),
      },
    });
    app.tool("whoami", (_args, ctx) => `${ctx.auth?.subject} ${ctx.auth?.clientId === undefined ? "" : "client"}`);
    served = await app.runHttp({ port: 0 });
  });
  after(async () => {
    await served?.close();
    await as.close();
  });

  it("registers, authorizes with PKCE and the resource, and calls a tool with the token it got", async () => {
    const provider = testProvider();
    const client = new ClientSession(streamableHttpClient(served!.endpointUrl, { auth: provider }), {
      logger: captureLogger(),
    });
    try {
      await client.initialize();
      const answer = (await client.callTool("whoami", {})).content[0] as { text: string };
      expect(answer.text).to.equal("demo_user client");
    } finally {
      await client.close();
    }
    expect(provider.tokens()?.issuer).to.equal(as.issuer);
    expect(provider.tokens()?.resource).to.equal(served!.endpointUrl);
    expect(provider.clientInformation(as.issuer)?.client_id).to.be.a("string");
  });
});
