/**
 * The `--auth` mode of the everything server: the same server, protected by mcpkit's own
 * authorization server on the same origin (issuer `http://<host>:<port>`). Its login is the
 * development one (approves at once as `conformance-user`); Dynamic Client Registration is open to
 * loopback redirect URIs; the confidential client `conformance-client` / `conformance-secret`
 * (client_secret_post) is registered up front and may redirect to `http://127.0.0.1:<any port>/callback`.
 */
import { createServer } from "node:net";
import {
  approveAtOnce,
  AuthorizationServer,
  InMemoryProvider,
  loopbackRedirectUri,
  type OAuthClient,
} from "../../src/auth/server/as/index.js";
import type { AuthSettings } from "../../src/server/fastmcp/auth-app.js";
import type { FastMCP, HttpCloseOptions } from "../../src/server/index.js";

/** The pre-registered client the `authorization` suite runs as. */
export const CONFORMANCE_CLIENT: OAuthClient = {
  client_id: "conformance-client",
  client_secret: "conformance-secret",
  redirect_uris: ["http://127.0.0.1/callback"],
  token_endpoint_auth_method: "client_secret_post",
  grant_types: ["authorization_code", "refresh_token", "client_credentials"],
  response_types: ["code"],
  client_name: "MCP conformance suite",
};

/** A free TCP port on `host` (for a server whose URL must be known before it listens). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(0, host, resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The authorization server of an everything server at `origin`, and the `auth` option protecting it. */
export function everythingAuthorization(origin: string): { as: AuthorizationServer; auth: AuthSettings } {
  const resource = `${origin}/mcp`;
  const as = new AuthorizationServer({
    issuer: origin,
    provider: new InMemoryProvider({ login: approveAtOnce("conformance-user"), clients: [CONFORMANCE_CLIENT] }),
    resources: [resource],
    // No `none`: the suite authenticates with the first of none / client_secret_post / client_secret_basic listed.
    tokenEndpointAuthMethods: ["client_secret_post", "client_secret_basic", "private_key_jwt"],
    registration: { redirectUri: loopbackRedirectUri },
  });
  return { as, auth: { resource, authorizationServers: [as.issuer], verifier: as.verifier() } };
}

/** Serves `build(auth)` protected by its authorization server at `http://host:port` (port 0: a free one). */
export async function serveWithAuthorization(
  build: (auth: AuthSettings) => FastMCP,
  port: number,
  host = "127.0.0.1",
): Promise<{ endpointUrl: string; issuer: string; close(options?: HttpCloseOptions): Promise<void> }> {
  const bound = port === 0 ? await freePort(host) : port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  const { as, auth } = everythingAuthorization(origin);
  const app = build(auth);
  as.mount(app);
  const http = await app.runHttp({ port: bound, host, path: "/mcp" });
  return { endpointUrl: http.endpointUrl, issuer: as.issuer, close: (options) => http.close(options) };
}
