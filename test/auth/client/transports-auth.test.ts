import { expect } from "chai";
import { OAuthFlowError } from "../../../src/auth/client/errors.js";
import { MemoryOAuthClientProvider } from "../../../src/auth/client/memory-provider.js";
import { InvalidTokenError, type TokenVerifier } from "../../../src/auth/server/verifier.js";
import { ClientSessionGroup } from "../../../src/client/client-session-group.js";
import { ClientSession } from "../../../src/client/client-session.js";
import type { Transport } from "../../../src/protocol/transport.js";
import { FastMCP } from "../../../src/server/index.js";
import { sseClient } from "../../../src/transports/http/sse-client.js";
import { streamableHttpClient } from "../../../src/transports/http/streamable-http-client.js";
import { websocketClient } from "../../../src/transports/websocket/websocket.js";
import { captureLogger } from "../../support/peers.js";
import { MockAuthorization, testProvider } from "./mock-oauth.js";

/** A verifier that accepts exactly the tokens the mock authorization server issued (and not revoked). */
function mockVerifier(mock: MockAuthorization): TokenVerifier {
  return {
    verify(token, request) {
      const scope = mock.issued.get(token);
      if (scope === undefined) return Promise.reject(new InvalidTokenError("the token is unknown or revoked"));
      const scopes = scope.split(" ").filter(Boolean);
      return Promise.resolve({
        token,
        tokenType: "Bearer",
        subject: "user",
        scopes,
        audience: [request.resource],
        claims: {},
      });
    },
  };
}

function protectedApp(mock: MockAuthorization): FastMCP {
  const app = new FastMCP("protected", {
    logger: captureLogger(),
    auth: { authorizationServers: [mock.as.origin], verifier: mockVerifier(mock) },
  });
  app.tool("whoami", (_args, ctx) => ctx.auth?.subject ?? "nobody");
  return app;
}

async function whoami(client: ClientSession): Promise<string> {
  return ((await client.callTool("whoami", {})).content[0] as { text: string }).text;
}

async function session(transport: Transport, protocolVersion?: "2026-07-28"): Promise<ClientSession> {
  const client = new ClientSession(transport, {
    logger: captureLogger(),
    ...(protocolVersion ? { protocolVersion } : {}),
  });
  await client.initialize();
  return client;
}

describe("auth/client: the auth option of the client transports against a protected FastMCP server", function () {
  this.timeout(30_000);
  let mock: MockAuthorization;

  beforeEach(async () => (mock = await new MockAuthorization().start()));
  afterEach(() => mock.stop());

  /** Bearer tokens went only to the MCP server: never to the authorization server. */
  function tokensOnlyToServer(): void {
    for (const seen of mock.seen.filter((s) => s.server === "as")) expect(seen.authorization).to.equal(undefined);
  }

  for (const protocolVersion of [undefined, "2026-07-28"] as const) {
    it(`Streamable HTTP ${protocolVersion ?? "stateful"}: a 401 at the first request and at a later call each run the flow and retry`, async () => {
      const served = await protectedApp(mock).runHttp({ port: 0 });
      const provider = testProvider();
      try {
        const client = await session(streamableHttpClient(served.endpointUrl, { auth: provider }), protocolVersion);
        expect(await whoami(client)).to.equal("user");
        // The token is revoked mid-session: the next call meets a 401, refreshes, and goes through.
        mock.issued.clear();
        expect(await whoami(client)).to.equal("user");
        await client.close();
        const grants = mock.seen
          .filter((s) => s.path === "/token")
          .map((s) => new URLSearchParams(s.body).get("grant_type"));
        expect(grants).to.deep.equal(["authorization_code", "refresh_token"]);
        expect(mock.paths("as").filter((p) => p === "GET /authorize")).to.have.length(1);
        tokensOnlyToServer();
      } finally {
        await served.close();
      }
    });
  }

  it("HTTP+SSE: the stream's GET meets the 401, runs the flow, and the POSTs carry the token", async () => {
    const served = await protectedApp(mock).runSse({ port: 0 });
    try {
      const client = await session(sseClient(served.endpointUrl, { auth: testProvider() }));
      expect(await whoami(client)).to.equal("user");
      await client.close();
      tokensOnlyToServer();
    } finally {
      await served.close();
    }
  });

  it("WebSocket: the upgrade meets the 401, runs the flow, and connects again with the token", async () => {
    const served = await protectedApp(mock).runWebSocket({ port: 0 });
    try {
      const client = await session(websocketClient(served.endpointUrl, { auth: testProvider() }));
      expect(await whoami(client)).to.equal("user");
      await client.close();
      expect(mock.paths("as").filter((p) => p === "POST /token")).to.have.length(1);
      tokensOnlyToServer();
    } finally {
      await served.close();
    }
  });

  it("a flow that fails rejects the request with the OAuthFlowError naming the step, and sends no token", async () => {
    const served = await protectedApp(mock).runHttp({ port: 0 });
    const provider = new MemoryOAuthClientProvider({
      clientMetadata: { redirect_uris: ["http://127.0.0.1:1/callback"] },
      authorize: () => Promise.reject(new Error("the user closed the window")),
    });
    const client = new ClientSession(streamableHttpClient(served.endpointUrl, { auth: provider }), {
      logger: captureLogger(),
    });
    try {
      const error = await client.initialize().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(OAuthFlowError);
      expect((error as OAuthFlowError).step).to.equal("authorization-request");
      expect((error as OAuthFlowError).reason).to.include("the user closed the window");
      expect(mock.paths("as")).not.to.include("POST /token");
    } finally {
      await client.close();
      await served.close();
    }
  });

  it("ClientSessionGroup: a remote server given by URL with auth", async () => {
    const served = await protectedApp(mock).runHttp({ port: 0 });
    const group = new ClientSessionGroup({ session: { logger: captureLogger() } });
    try {
      const client = await group.connectToServer({ url: served.endpointUrl, auth: testProvider() });
      expect(await whoami(client)).to.equal("user");
    } finally {
      await group.close();
      await served.close();
    }
  });
});
