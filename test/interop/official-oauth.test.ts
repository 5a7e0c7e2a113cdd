import { UnauthorizedError, type OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import { expect } from "chai";
import { decodeJwt } from "jose";
import {
  approveAtOnce,
  AuthorizationServer,
  InMemoryProvider,
  type OAuthClient,
} from "../../src/auth/server/as/index.js";
import { FastMCP } from "../../src/server/index.js";
import { freePort, serveWithAuthorization } from "../conformance/everything-auth.js";
import { everythingServer } from "../conformance/everything-server.js";

const REDIRECT = "http://127.0.0.1/callback";

/**
 * The official SDK's own OAuth client provider contract, as an application implements it: here the
 * "browser" is a fetch that reads the authorization endpoint's redirect (the development login
 * approves at once) instead of following it.
 */
class TestProvider implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  #client: OAuthClientInformationMixed | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier = "";

  constructor(
    readonly clientMetadata: OAuthClientMetadata,
    client?: OAuthClientInformationMixed,
  ) {
    this.#client = client;
  }

  get redirectUrl(): string {
    return REDIRECT;
  }
  clientInformation() {
    return this.#client;
  }
  saveClientInformation(client: OAuthClientInformationMixed) {
    this.#client = client;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
}

/** Opens the authorization URL as a browser would; the code from the redirect, after checking state and iss. */
async function login(url: URL, issuer: string): Promise<string> {
  const answer = await fetch(url, { redirect: "manual" });
  expect(answer.status).to.equal(302);
  const back = new URL(answer.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).to.equal(REDIRECT);
  expect(back.searchParams.get("state")).to.equal(url.searchParams.get("state"));
  expect(back.searchParams.get("iss")).to.equal(issuer);
  return back.searchParams.get("code")!;
}

/** Connects the SDK client: a 401, the authorization it asks for, then a connection with its token. */
async function connectWithOAuth(endpoint: string, issuer: string, provider: TestProvider): Promise<Client> {
  const first = new Client({ name: "sdk-oauth-interop", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(endpoint), { authProvider: provider });
  const refused = await first.connect(transport).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refused).to.be.instanceOf(UnauthorizedError);
  expect(provider.authorizationUrl, "the SDK asked for no authorization").to.not.equal(undefined);
  await transport.finishAuth(await login(provider.authorizationUrl!, issuer));
  const client = new Client({ name: "sdk-oauth-interop", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(endpoint), { authProvider: provider }));
  return client;
}

describe("interop: the official SDK 1.32.2 client authorizes with mcpkit's authorization server", function () {
  this.timeout(30_000);
  let endpoint: string;
  let issuer: string;
  let close: () => Promise<void>;

  before(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    const confidential: OAuthClient = {
      client_id: "sdk-confidential",
      client_secret: "sdk-confidential-secret",
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["authorization_code", "refresh_token"],
    };
    const as = new AuthorizationServer({
      issuer,
      provider: new InMemoryProvider({ login: approveAtOnce("sdk-user"), clients: [confidential] }),
      resources: [`${issuer}/mcp`],
      scopesSupported: ["mcp:tools"],
    });
    const app = new FastMCP("oauth-interop", {
      version: "1.0.0",
      auth: { authorizationServers: [as.issuer], verifier: as.verifier(), requiredScopes: ["mcp:tools"] },
    });
    app.tool("whoami", { description: "Says who the caller is" }, (_args, ctx) =>
      JSON.stringify({ subject: ctx.auth?.subject, client: ctx.auth?.clientId, scopes: ctx.auth?.scopes }),
    );
    as.mount(app);
    const http = await app.runHttp({ port, path: "/mcp" });
    endpoint = http.endpointUrl;
    close = () => http.close();
  });

  after(() => close?.());

  it("registers dynamically (public client, PKCE), is issued a token for this resource and calls a tool", async () => {
    const provider = new TestProvider({
      client_name: "sdk public client",
      redirect_uris: [REDIRECT],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    });
    const client = await connectWithOAuth(endpoint, issuer, provider);
    try {
      const result = await client.callTool({ name: "whoami", arguments: {} });
      const content = result.content as { type: string; text: string }[];
      const who = JSON.parse(content[0]!.text) as { subject: string; client: string; scopes: string[] };
      expect(who.subject).to.equal("sdk-user");
      expect(who.scopes).to.deep.equal(["mcp:tools"]);
      expect(who.client).to.equal(provider.clientInformation()!.client_id);
      const tokens = provider.tokens()!;
      expect(decodeJwt(tokens.access_token)).to.include({ aud: endpoint, iss: issuer, sub: "sdk-user" });
      expect(tokens.refresh_token).to.be.a("string");
      const url = provider.authorizationUrl!;
      expect(url.searchParams.get("resource")).to.equal(endpoint);
      expect(url.searchParams.get("code_challenge_method")).to.equal("S256");
    } finally {
      await client.close();
    }
  });

  it("authenticates a pre-registered confidential client with client_secret_basic", async () => {
    const provider = new TestProvider(
      { client_name: "sdk confidential client", redirect_uris: [REDIRECT] },
      { client_id: "sdk-confidential", client_secret: "sdk-confidential-secret" },
    );
    const client = await connectWithOAuth(endpoint, issuer, provider);
    try {
      const result = await client.callTool({ name: "whoami", arguments: {} });
      const content = result.content as { type: string; text: string }[];
      expect(JSON.parse(content[0]!.text)).to.include({ subject: "sdk-user", client: "sdk-confidential" });
    } finally {
      await client.close();
    }
  });

  it("completes authorization against everything-server --auth (its conformance configuration) and calls a tool", async () => {
    const served = await serveWithAuthorization(everythingServer, 0);
    try {
      const provider = new TestProvider({
        client_name: "sdk client of the everything server",
        redirect_uris: [REDIRECT],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "none",
      });
      const client = await connectWithOAuth(served.endpointUrl, served.issuer, provider);
      try {
        // The server takes no public clients, so registration made this one confidential.
        expect(provider.clientInformation()).to.have.property("client_secret").that.is.a("string");
        const result = await client.callTool({ name: "test_simple_text", arguments: {} });
        expect(result.content).to.deep.equal([{ type: "text", text: "This is a simple text response for testing." }]);
      } finally {
        await client.close();
      }
    } finally {
      await served.close();
    }
  });
});
