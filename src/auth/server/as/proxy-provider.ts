import { createHash } from "node:crypto";
import { decodeJwt } from "jose";
import { isSecureOrLoopback } from "../../../protocol/loopback.js";
import { randomToken } from "./http.js";
import { ExpiringTable } from "./table.js";
import type {
  AuthorizationOutcome,
  AuthorizationRequest,
  AuthorizationServerProvider,
  CodeRecord,
  FinishAuthorization,
  OAuthClient,
  ProviderRoute,
  RefreshRecord,
  UsedRecord,
} from "./types.js";

/** The identity provider a {@link ProxyProvider} sends users to, and this server's client registration there. */
export interface UpstreamProvider {
  /** Its issuer identifier; when set, an `iss` in its authorization response must equal it (RFC 9207). */
  issuer?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** This server's client id at the upstream provider. */
  clientId: string;
  /** Its client secret there (sent with client_secret_basic); absent: a public client (PKCE only). */
  clientSecret?: string;
  /** The scopes asked of the upstream provider (default `openid`). */
  scopes?: readonly string[];
}

/** Options of {@link ProxyProvider}. */
export interface ProxyProviderOptions {
  upstream: UpstreamProvider;
  /** This server's callback URL, registered at the upstream provider (its path becomes a route). */
  callbackUrl: string;
  /** Clients, codes and tokens: where everything but the login is kept (e.g. an {@link InMemoryProvider}). */
  store: AuthorizationServerProvider;
  /**
   * Who the user is, from the upstream provider's token response (which goes no further: the MCP
   * client only ever gets this server's tokens). Default: the `sub` of its `id_token`, after checking
   * the token's `iss` (when `upstream.issuer` is set) and that its `aud` names this server's client id.
   */
  identify?: (tokens: Readonly<Record<string, unknown>>) => Promise<Exclude<AuthorizationOutcome, Response>>;
  /** How long a user may take at the upstream provider, in ms (default 10 min). */
  loginTimeoutMs?: number;
  /** How many logins may be under way at once (default 1,000; the oldest dropped first). */
  maxPending?: number;
  /** How long a call to the upstream token endpoint may take, in ms (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

interface Pending {
  readonly request: AuthorizationRequest;
  readonly verifier: string;
}

/**
 * An {@link AuthorizationServerProvider} whose login is an upstream identity provider's: `/authorize`
 * sends the user there (authorization code with PKCE), the callback exchanges the upstream code,
 * identifies the user, and finishes the MCP client's request with this server's own code. Clients
 * and tokens are kept by `store`; the upstream tokens are never handed to the MCP client.
 */
export class ProxyProvider implements AuthorizationServerProvider {
  readonly #options: ProxyProviderOptions;
  readonly #store: AuthorizationServerProvider;
  readonly #pending: ExpiringTable<Pending>;
  readonly #fetch: typeof globalThis.fetch;
  readonly registerClient?: (client: OAuthClient) => Promise<void>;

  constructor(options: ProxyProviderOptions) {
    for (const url of [options.upstream.authorizationEndpoint, options.upstream.tokenEndpoint, options.callbackUrl]) {
      if (!isSecureOrLoopback(new URL(url)))
        throw new TypeError(`mcpkit: ProxyProvider needs https URLs (http on loopback only): ${url}`);
    }
    this.#options = options;
    this.#store = options.store;
    this.#pending = new ExpiringTable(options.maxPending ?? 1_000);
    this.#fetch = options.fetch ?? globalThis.fetch;
    if (options.store.registerClient) this.registerClient = (client) => options.store.registerClient!(client);
  }

  /** Sends the user to the upstream provider, remembering the request under a fresh `state`. */
  async authorize(request: AuthorizationRequest): Promise<AuthorizationOutcome> {
    const state = randomToken();
    const verifier = randomToken();
    this.#pending.set(state, { request, verifier }, Date.now() + (this.#options.loginTimeoutMs ?? 600_000));
    const { upstream } = this.#options;
    const url = new URL(upstream.authorizationEndpoint);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", upstream.clientId);
    url.searchParams.set("redirect_uri", this.#options.callbackUrl);
    url.searchParams.set("state", state);
    url.searchParams.set("code_challenge", createHash("sha256").update(verifier).digest("base64url"));
    url.searchParams.set("code_challenge_method", "S256");
    url.searchParams.set("scope", (upstream.scopes ?? ["openid"]).join(" "));
    return new Response(null, { status: 302, headers: { location: url.href, "cache-control": "no-store" } });
  }

  routes(finish: FinishAuthorization): readonly ProviderRoute[] {
    const path = new URL(this.#options.callbackUrl).pathname;
    return [{ method: "GET", path, handler: (request) => this.#callback(request, finish) }];
  }

  async #callback(request: Request, finish: FinishAuthorization): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const state = params.get("state") ?? "";
    const pending = this.#pending.get(state);
    if (!pending) return page(400, "This login is unknown or has expired. Start again from your application.");
    this.#pending.delete(state);
    const issuer = this.#options.upstream.issuer;
    if (params.get("error") !== null)
      return finish(pending.request, { error: "access_denied", description: "the upstream login was refused" });
    if (issuer !== undefined && params.has("iss") && params.get("iss") !== issuer)
      return finish(pending.request, {
        error: "access_denied",
        description: "the upstream response came from another issuer",
      });
    const code = params.get("code");
    if (!code)
      return finish(pending.request, { error: "access_denied", description: "the upstream response has no code" });
    let outcome: Exclude<AuthorizationOutcome, Response>;
    try {
      const tokens = await this.#exchange(code, pending.verifier);
      outcome = await (this.#options.identify ?? ((t) => this.#fromIdToken(t)))(tokens);
    } catch {
      outcome = { error: "access_denied", description: "the upstream login could not be completed" };
    }
    return finish(pending.request, outcome);
  }

  async #exchange(code: string, verifier: string): Promise<Record<string, unknown>> {
    const { upstream } = this.#options;
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: this.#options.callbackUrl,
      code_verifier: verifier,
    });
    const headers: Record<string, string> = {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    };
    if (upstream.clientSecret === undefined) body.set("client_id", upstream.clientId);
    else {
      const form = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
      headers.authorization = `Basic ${Buffer.from(`${form(upstream.clientId)}:${form(upstream.clientSecret)}`).toString("base64")}`;
    }
    const response = await this.#fetch(upstream.tokenEndpoint, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
    });
    if (response.status !== 200) throw new Error(`the upstream token endpoint answered ${response.status}`);
    const text = await response.text();
    if (text.length > 64 * 1024) throw new Error("the upstream token answer is too large");
    const tokens = JSON.parse(text) as unknown;
    if (typeof tokens !== "object" || tokens === null || Array.isArray(tokens)) throw new Error("not a JSON object");
    return tokens as Record<string, unknown>;
  }

  /** The `sub` of an ID token received straight from the upstream token endpoint over TLS (OIDC core 3.1.3.7). */
  async #fromIdToken(tokens: Readonly<Record<string, unknown>>): Promise<Exclude<AuthorizationOutcome, Response>> {
    if (typeof tokens.id_token !== "string") throw new Error("no id_token");
    const claims = decodeJwt(tokens.id_token);
    const { upstream } = this.#options;
    const audience = typeof claims.aud === "string" ? [claims.aud] : (claims.aud ?? []);
    if (upstream.issuer !== undefined && claims.iss !== upstream.issuer)
      throw new Error("id_token from another issuer");
    if (!audience.includes(upstream.clientId)) throw new Error("id_token for another client");
    if (typeof claims.exp !== "number" || claims.exp * 1000 < Date.now()) throw new Error("id_token expired");
    if (typeof claims.sub !== "string" || claims.sub === "") throw new Error("id_token without sub");
    return { subject: claims.sub };
  }

  getClient(clientId: string) {
    return this.#store.getClient(clientId);
  }
  saveCode(hash: string, record: CodeRecord) {
    return this.#store.saveCode(hash, record);
  }
  useCode(hash: string): Promise<UsedRecord<CodeRecord> | undefined> {
    return this.#store.useCode(hash);
  }
  saveRefreshToken(hash: string, record: RefreshRecord) {
    return this.#store.saveRefreshToken(hash, record);
  }
  useRefreshToken(hash: string): Promise<UsedRecord<RefreshRecord> | undefined> {
    return this.#store.useRefreshToken(hash);
  }
  peekRefreshToken(hash: string) {
    return this.#store.peekRefreshToken(hash);
  }
  revokeGrant(grantId: string, until: number) {
    return this.#store.revokeGrant(grantId, until);
  }
  revokeAccessToken(jti: string, until: number) {
    return this.#store.revokeAccessToken(jti, until);
  }
  isRevoked(jti: string, grantId: string | undefined) {
    return this.#store.isRevoked(jti, grantId);
  }
}

function page(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
