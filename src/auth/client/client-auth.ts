import { authorizeWithCode } from "./authorization-code.js";
import { discoverAuthorization, type AuthorizationDiscovery } from "./discovery.js";
import { OAuthFlowError, type OAuthFlowStep } from "./errors.js";
import { MetadataFetcher, type DiscoveryFetchOptions } from "./metadata-fetch.js";
import * as oauth from "oauth4webapi";
import { dpopFetch, dpopPresenter, DPoPProver } from "./dpop.js";
import type { OAuthClientProvider, OAuthTokens, PresentedRequest, TokenPresenter } from "./provider.js";
import { obtainClient } from "./registration.js";
import { parseWwwAuthenticate, selectChallenge } from "./www-authenticate.js";
import { oauthClient, refreshTokens, type TokenRequestContext } from "./token-request.js";

/** Options of {@link OAuthClientAuth}. */
export interface OAuthClientAuthOptions extends DiscoveryFetchOptions {
  /**
   * Whether a server with no Protected Resource Metadata is treated as a 2025-03-26 one: its origin
   * is the authorization server, with `/authorize`, `/token` and `/register` when it has no metadata
   * either (true).
   */
  legacyFallback?: boolean;
  /** How many step-ups (403 `insufficient_scope`) one request may cause (2). */
  maxStepUps?: number;
  /** Seconds before expiry at which a token is refreshed rather than sent (30). */
  refreshSkewSeconds?: number;
  /**
   * How tokens are put on requests: by default `Authorization: Bearer`, or, when the provider keeps a
   * DPoP key pair, the DPoP presenter (`dpopPresenter`) over that key.
   */
  presenter?: TokenPresenter;
  /** The scope to ask for instead of the one the spec's selection order picks (the 401's, else the PRM's). */
  scope?: string;
  /**
   * Told each step of a flow as it completes, in one line (never a token or secret): for a CLI or a
   * log to show the flow's progress.
   */
  onStep?: (step: OAuthFlowStep, detail: string) => void;
}

/** `Authorization: Bearer <token>`. */
const bearer: TokenPresenter = {
  headers(tokens) {
    if (tokens.token_type.toLowerCase() !== "bearer") {
      const why = `the token is of type ${tokens.token_type}, and no presenter for it was given`;
      return Promise.reject(new OAuthFlowError("authorized-request", why));
    }
    return Promise.resolve({ authorization: `Bearer ${tokens.access_token}` });
  },
};

/** Splits a space-separated scope string into its scopes. */
function scopes(scope: string | undefined): string[] {
  return scope?.split(/\s+/).filter(Boolean) ?? [];
}

/**
 * The authorization state of one MCP server, shared by every request a client sends to it: the
 * current token, the flow that obtains one (at most one runs at a time; every request that meets a
 * 401 meanwhile waits for it), refresh at expiry, and step-up on 403 `insufficient_scope`.
 * Transports use it through their `auth` option; tokens go only to the server's own origin.
 */
export class OAuthClientAuth {
  readonly #server: URL;
  readonly #provider: OAuthClientProvider;
  readonly #options: OAuthClientAuthOptions;
  #flow: Promise<void> | undefined;
  #discovery: AuthorizationDiscovery | undefined;
  /** Flows completed in a row whose token the server refused with 401 again. */
  #refusals = 0;
  /** The DPoP presenter over the provider's key pair, once needed. */
  #dpop: TokenPresenter | undefined;

  constructor(serverUrl: string | URL, provider: OAuthClientProvider, options: OAuthClientAuthOptions = {}) {
    this.#server = new URL(serverUrl);
    this.#provider = provider;
    this.#options = options;
  }

  /** The provider this state belongs to. */
  get provider(): OAuthClientProvider {
    return this.#provider;
  }

  /** How many step-ups one request may cause. */
  get maxStepUps(): number {
    return this.#options.maxStepUps ?? 2;
  }

  /** Whether a request to `url` may carry the token: only one to the MCP server's own origin. */
  mayAuthorize(url: URL): boolean {
    return url.origin === this.#server.origin;
  }

  /** How tokens are put on requests. */
  get presenter(): TokenPresenter {
    if (this.#options.presenter) return this.#options.presenter;
    const provider = this.#provider;
    if (provider.dpopKeyPair === undefined) return bearer;
    this.#dpop ??= dpopPresenter(() => provider.dpopKeyPair!());
    return this.#dpop;
  }

  /**
   * The headers that authorize `request` (none when there is no usable token). Waits for a flow
   * under way (unless `wait` is false); refreshes a token at or near its expiry first (a failed refresh forgets the tokens,
   * so the request goes without and its 401 starts the flow).
   */
  async headers(request: PresentedRequest, options: { wait?: boolean } = {}): Promise<Record<string, string>> {
    if (this.#flow) {
      // A request that must not wait (a DELETE on close) goes with what is kept now.
      if (options.wait === false) return this.#presentKept(request);
      await this.#flow;
    }
    let tokens = await this.#provider.tokens();
    if (tokens === undefined) return {};
    const discovery = this.#discovery;
    if (discovery !== undefined && tokens.issuer !== discovery.issuer) return {};
    if (this.#expiring(tokens) && tokens.refresh_token !== undefined) {
      const stored = tokens;
      // Tokens kept from an earlier run: discovery first (from the well-known metadata), then the refresh.
      const refresh = discovery ? () => this.#refresh(discovery, stored) : () => this.#run(null, { refresh: true });
      tokens = await this.#shared(refresh).then(
        () => this.#provider.tokens(),
        () => undefined,
      );
      if (tokens === undefined) return {};
    }
    return this.presenter.headers(tokens, request);
  }

  /**
   * Runs the flow now, before any request meets a 401 (`mcp auth login`, or an app that authorizes
   * up front): discovery from the server's well-known metadata, then registration and authorization.
   * `scope` replaces the one the spec's selection would choose. Rejects with an {@link OAuthFlowError}.
   */
  login(options: { scope?: string } = {}): Promise<void> {
    return this.#shared(() => this.#run(null, { refresh: false, scope: options.scope }));
  }

  /** The server accepted a request with the token: the refusal count starts again. */
  accepted(): void {
    this.#refusals = 0;
  }

  /**
   * The server answered 401 to a request sent with the access token `sent` (undefined: none): runs the flow,
   * or waits for the one under way, or does nothing when the token was replaced meanwhile. Rejects
   * with an {@link OAuthFlowError} naming the failed step.
   */
  async unauthorized(wwwAuthenticate: string | null, sent: string | undefined): Promise<void> {
    if (this.#flow) return this.#flow;
    const current = await this.#currentToken();
    if (current !== undefined && current !== sent) return;
    if (sent !== undefined && ++this.#refusals > 2) {
      this.#refusals = 0;
      throw new OAuthFlowError("authorized-request", "the server refused every token the flow obtained (HTTP 401)");
    }
    return this.#shared(() => this.#run(wwwAuthenticate, { refresh: sent !== undefined }));
  }

  /**
   * The server answered 403 to a request sent with `sent`. When its challenge is
   * `insufficient_scope`, re-authorizes with the union of the scopes granted and those the challenge
   * names, and answers true (retry); otherwise answers false. A challenge asking only for scopes the
   * token already has ends with an {@link OAuthFlowError} at `step-up`: authorizing again would not help.
   */
  async forbidden(wwwAuthenticate: string | null, sent: string | undefined): Promise<boolean> {
    if (wwwAuthenticate === null) return false;
    let challenge;
    try {
      challenge = selectChallenge(parseWwwAuthenticate(wwwAuthenticate));
    } catch {
      return false;
    }
    if (challenge.error !== "insufficient_scope") return false;
    if (this.#flow) {
      await this.#flow;
      return true;
    }
    const current = await this.#currentToken();
    if (current !== undefined && current !== sent) return true;
    const tokens = await this.#provider.tokens();
    const granted = scopes(tokens?.scope);
    const wanted = scopes(challenge.scope);
    // A challenge that names no scope gives nothing to ask for: the 403 stands.
    if (wanted.length === 0) return false;
    if (wanted.every((scope) => granted.includes(scope))) {
      throw new OAuthFlowError(
        "step-up",
        `the server still answers insufficient_scope for ${challenge.scope}, which the token was granted`,
      );
    }
    const union = [...new Set([...granted, ...wanted])].join(" ");
    this.#step("step-up", `the server needs ${challenge.scope}; asking for ${union}`);
    await this.#shared(() => this.#run(wwwAuthenticate, { refresh: false, scope: union === "" ? undefined : union }));
    return true;
  }

  async #presentKept(request: PresentedRequest): Promise<Record<string, string>> {
    const tokens = await this.#provider.tokens();
    return tokens === undefined ? {} : this.presenter.headers(tokens, request).catch(() => ({}));
  }

  #step(step: OAuthFlowStep, detail: string): void {
    this.#options.onStep?.(step, detail);
  }

  /** The access token now kept, to tell whether the one a refused request carried was replaced meanwhile. */
  async #currentToken(): Promise<string | undefined> {
    return (await this.#provider.tokens())?.access_token;
  }

  /** Whether the token expires within the skew: 30 s, or half its lifetime for a shorter-lived one. */
  #expiring(tokens: OAuthTokens): boolean {
    if (tokens.expires_at === undefined) return false;
    let skew = this.#options.refreshSkewSeconds ?? 30;
    if (tokens.obtained_at !== undefined) skew = Math.min(skew, (tokens.expires_at - tokens.obtained_at) / 2);
    return tokens.expires_at - skew <= Date.now() / 1000;
  }

  /** Runs `task` as the one flow under way; others wait for it. */
  #shared(task: () => Promise<void>): Promise<void> {
    if (this.#flow) return this.#flow;
    const flow = task().finally(() => {
      if (this.#flow === flow) this.#flow = undefined;
    });
    this.#flow = flow;
    return flow;
  }

  async #context(discovery: AuthorizationDiscovery, fetcher: MetadataFetcher): Promise<TokenRequestContext> {
    const { issuer, authorizationServer: as } = discovery;
    const { information, kind } = await obtainClient(this.#provider, issuer, as, fetcher);
    this.#step("registration", `${kind} client ${information.client_id} at ${issuer}`);
    const signingKey = await this.#provider.clientSigningKey?.(issuer);
    const pair = await this.#provider.dpopKeyPair?.();
    const dpop = pair === undefined ? undefined : oauth.DPoP(oauthClient(information), pair);
    return { issuer, as, client: information, signingKey, resource: discovery.resource, fetcher, dpop };
  }

  async #refresh(discovery: AuthorizationDiscovery, tokens: OAuthTokens): Promise<void> {
    const fetcher = new MetadataFetcher(this.#options);
    try {
      const refreshed = await refreshTokens(await this.#context(discovery, fetcher), tokens);
      await this.#provider.saveTokens(refreshed);
      this.#step("refresh", `refreshed the token at ${discovery.issuer}`);
    } catch (error) {
      await this.#provider.invalidate?.("tokens", discovery.issuer);
      throw error;
    }
  }

  /**
   * The flow in the spec's order: discovery (from the challenge), then a refresh when tokens from
   * the same issuer have a refresh token, else the provider's own grant, else registration and the
   * authorization-code round. Tokens from another issuer are never refreshed or reused.
   */
  /** The fetch a grant without a user sends with: DPoP proofs on its token requests when the provider keeps a key. */
  async #grantFetch(discovery: AuthorizationDiscovery): Promise<typeof globalThis.fetch> {
    const fetch = this.#options.fetch ?? globalThis.fetch;
    const pair = await this.#provider.dpopKeyPair?.();
    const endpoint = discovery.authorizationServer.token_endpoint;
    if (pair === undefined || endpoint === undefined) return fetch;
    const tokenEndpoint = new URL(endpoint).href;
    return dpopFetch(new DPoPProver(pair), { fetch, applies: (url) => url.href === tokenEndpoint });
  }

  async #run(wwwAuthenticate: string | null, how: { refresh: boolean; scope?: string | undefined }): Promise<void> {
    const fetcher = new MetadataFetcher(this.#options);
    const discovery = await discoverAuthorization(this.#server, {
      ...this.#options,
      challenge: wwwAuthenticate,
      fetcher,
      legacyFallback: this.#options.legacyFallback ?? true,
    });
    this.#discovery = discovery;
    const found = discovery.resourceMetadataUrl?.href ?? "no resource metadata (2025-03-26 fallback)";
    this.#step("protected-resource-metadata", `${found}: authorization server ${discovery.issuer}`);
    const endpoints = discovery.defaultEndpoints ? " (no metadata: default endpoints)" : "";
    this.#step("authorization-server-metadata", `${discovery.issuer}${endpoints}`);
    const tokens = await this.#provider.tokens();
    if (how.refresh && tokens?.refresh_token !== undefined && tokens.issuer === discovery.issuer) {
      try {
        await this.#refresh(discovery, tokens);
        return;
      } catch {
        // The refresh token is no longer good: authorize afresh.
      }
    }
    const scope = how.scope ?? this.#options.scope ?? discovery.scope;
    const { issuer, authorizationServer, resource } = discovery;
    const grant = this.#provider.grant;
    if (grant !== undefined) {
      const fetch = await this.#grantFetch(discovery);
      const signal = this.#options.signal;
      const context = { issuer, authorizationServer, resource, scope, fetch, ...(signal ? { signal } : {}) };
      await this.#provider.saveTokens(await grant.call(this.#provider, context));
      return this.#step("token-request", `obtained a token from ${issuer} without a user`);
    }
    const context = await this.#context(discovery, fetcher);
    this.#step("authorization-request", `asking the user to authorize at ${issuer}${scope ? ` (scope ${scope})` : ""}`);
    try {
      const obtained = await authorizeWithCode(this.#provider, context, {
        scope,
        defaultEndpoints: discovery.defaultEndpoints,
      });
      await this.#provider.saveTokens(obtained);
      this.#step("token-request", `obtained a token from ${issuer}${obtained.scope ? ` for ${obtained.scope}` : ""}`);
    } catch (error) {
      if (error instanceof OAuthFlowError && error.oauthError === "invalid_client") {
        await this.#provider.invalidate?.("client", issuer);
      }
      throw error;
    }
  }
}
