import { createHash, randomBytes } from "node:crypto";
import { expect } from "chai";
import {
  approveAtOnce,
  AuthorizationServer,
  InMemoryProvider,
  type AuthorizationServerOptions,
  type InMemoryProviderOptions,
  type OAuthClient,
} from "../../../../src/auth/server/as/index.js";
import { listen, toNodeListener } from "../../../../src/transports/http/node-server.js";

export const REDIRECT = "http://127.0.0.1/callback";

/** A public client (PKCE, no secret) and a confidential one, registered up front. */
export const PUBLIC: OAuthClient = {
  client_id: "public-client",
  redirect_uris: [REDIRECT, "https://app.example.test/cb"],
  token_endpoint_auth_method: "none",
  grant_types: ["authorization_code", "refresh_token"],
};
export const CONFIDENTIAL: OAuthClient = {
  client_id: "confidential-client",
  client_secret: "confidential-secret",
  redirect_uris: [REDIRECT],
  token_endpoint_auth_method: "client_secret_basic",
  grant_types: ["authorization_code", "refresh_token", "client_credentials"],
};
export const POSTING: OAuthClient = {
  ...CONFIDENTIAL,
  client_id: "post-client",
  token_endpoint_auth_method: "client_secret_post",
};

/** A running authorization server on 127.0.0.1 (port 0), its clock movable by `advance`. */
export interface TestAs {
  readonly as: AuthorizationServer;
  readonly issuer: string;
  readonly resource: string;
  url(path: string): string;
  /** Moves the provider's clock forward (codes and tokens in its tables expire). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startAs(
  options: Partial<AuthorizationServerOptions> | ((issuer: string) => Partial<AuthorizationServerOptions>) = {},
  provider: Partial<InMemoryProviderOptions> = {},
): Promise<TestAs> {
  const holder: { as?: AuthorizationServer } = {};
  let offset = 0;
  const listener = await listen(
    toNodeListener(async (request) => (await holder.as?.handle(request)) ?? new Response("not found", { status: 404 })),
    { port: 0 },
  );
  const issuer = listener.url;
  const resource = `${issuer}/mcp`;
  const as = (holder.as = new AuthorizationServer({
    issuer,
    resources: [resource],
    provider: new InMemoryProvider({
      login: approveAtOnce("alice"),
      clients: [PUBLIC, CONFIDENTIAL, POSTING],
      now: () => Date.now() + offset,
      ...provider,
    }),
    ...(typeof options === "function" ? options(issuer) : options),
  }));
  return {
    as,
    issuer,
    resource,
    url: (path) => `${issuer}${path}`,
    advance: (ms) => void (offset += ms),
    close: () => listener.close(),
  };
}

/** A PKCE pair (RFC 7636, S256). */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** GETs /authorize without following the redirect. */
export async function authorize(server: TestAs, params: Record<string, string>): Promise<Response> {
  return fetch(`${server.url("/authorize")}?${new URLSearchParams(params).toString()}`, { redirect: "manual" });
}

/** The parameters of the redirect an /authorize answer makes (after checking it is one). */
export function redirected(response: Response): URLSearchParams {
  expect(response.status, "an authorization redirect").to.equal(302);
  return new URL(response.headers.get("location")!).searchParams;
}

/** A code for `client` through the development login, with its PKCE verifier. */
export async function codeFor(
  server: TestAs,
  client: OAuthClient = PUBLIC,
  extra: Record<string, string> = {},
): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const params = {
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: "http://127.0.0.1:53123/callback",
    state: "s1",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  };
  const back = redirected(await authorize(server, params));
  expect(back.get("error"), back.get("error_description") ?? "").to.equal(null);
  return { code: back.get("code")!, verifier };
}

/** POSTs a form to the token endpoint (or another), with optional extra headers. */
export async function post(
  server: TestAs,
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(server.url(path), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

/** Redeems a code for `PUBLIC`. */
export function redeem(server: TestAs, code: string, verifier: string, extra: Record<string, string> = {}) {
  return post(server, "/token", {
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: "http://127.0.0.1:53123/callback",
    client_id: PUBLIC.client_id,
    ...extra,
  });
}

export const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`,
});

/** Expects an OAuth error answer. */
export function expectError(
  answer: { status: number; body: Record<string, unknown> },
  status: number,
  error: string,
): void {
  expect({ status: answer.status, error: answer.body.error }, JSON.stringify(answer.body)).to.deep.equal({
    status,
    error,
  });
  expect(answer.body.error_description).to.be.a("string");
}

/** Whether the in-process verifier accepts `token` for `resource`. */
export async function accepted(server: TestAs, token: string, resource = server.resource): Promise<boolean> {
  try {
    await server.as.verifier().verify(token, { method: "POST", url: resource, headers: {}, resource });
    return true;
  } catch {
    return false;
  }
}
