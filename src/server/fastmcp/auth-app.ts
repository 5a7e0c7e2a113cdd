import type { IncomingMessage, ServerResponse } from "node:http";
import { bearerChallenge, bearerGuard, type GuardOutcome, type GuardRefusal } from "../../auth/server/bearer-guard.js";
import {
  resourceMetadataHandler,
  resourceMetadataPaths,
  resourceMetadataUrl,
} from "../../auth/server/resource-metadata.js";
import type { TokenVerifier } from "../../auth/server/verifier.js";
import { DpopVerifier, type DpopOptions } from "../../auth/server/dpop.js";
import type { AuthInfo } from "../../protocol/auth-info.js";
import { stderrLogger, type Logger } from "../../protocol/logger.js";
import type { MessageInfo, Transport, TransportEvents } from "../../protocol/transport.js";
import type { AdmitMessages } from "../../transports/http/exchange.js";
import type { WebHandler } from "../../transports/http/node-server.js";

/** How a FastMCP server is protected: the `auth` option. */
export interface AuthSettings {
  /**
   * The issuer identifier of the authorization server whose tokens are accepted, named in the
   * Protected Resource Metadata (the seed's `issuer`). Give it, `authorizationServers`, or both.
   */
  issuer?: string;
  /** This server's resource URL (RFC 8707), the audience tokens must be for (default: the MCP endpoint's URL). */
  resource?: string;
  /** The issuers of every authorization server whose tokens are accepted (default: `[issuer]`). */
  authorizationServers?: readonly string[];
  /** Scopes every request must have been granted (default none). */
  requiredScopes?: readonly string[];
  /** Scopes advertised in the metadata (default: `requiredScopes`). */
  scopesSupported?: readonly string[];
  /** A human-readable name of the resource, for the metadata. */
  resourceName?: string;
  /** Checks each token and says who it belongs to, e.g. {@link jwtVerifier}. */
  verifier: TokenVerifier;
  /**
   * Accept DPoP-bound tokens (RFC 9449) with their proofs: `true`, or how proofs are checked (`required`
   * refuses plain Bearer tokens; `nonces` asks for server nonces). A DPoP-bound token presented as a
   * plain Bearer token is refused either way.
   */
  dpop?: boolean | DpopOptions;
}

/**
 * A served endpoint's protection: the bearer guard every MCP request passes, and the Protected
 * Resource Metadata routes, served without a token.
 */
export class ProtectedResource {
  readonly resource: string;
  readonly metadataUrl: string;
  readonly #guard: (request: {
    method: string;
    url: string;
    headers: IncomingMessage["headers"];
  }) => Promise<GuardOutcome>;
  readonly #metadata: WebHandler;
  readonly #paths: ReadonlySet<string>;
  readonly #logger: Logger;

  constructor(settings: AuthSettings, endpointUrl: string, logger: Logger | undefined) {
    this.resource = settings.resource ?? endpointUrl;
    this.metadataUrl = resourceMetadataUrl(this.resource);
    const dpop = settings.dpop ? new DpopVerifier(settings.dpop === true ? {} : settings.dpop) : undefined;
    this.#guard = bearerGuard({
      ...(dpop ? { dpop } : {}),
      resource: this.resource,
      resourceMetadataUrl: this.metadataUrl,
      verifier: settings.verifier,
      ...(settings.requiredScopes ? { requiredScopes: settings.requiredScopes } : {}),
      ...(logger ? { logger } : {}),
    });
    const scopes = settings.scopesSupported ?? settings.requiredScopes;
    this.#metadata = resourceMetadataHandler({
      resource: this.resource,
      authorizationServers: authorizationServersOf(settings),
      ...(dpop ? { dpop: { algorithms: dpop.algorithms, required: dpop.required } } : {}),
      ...(scopes ? { scopesSupported: scopes } : {}),
      ...(settings.resourceName === undefined ? {} : { resourceName: settings.resourceName }),
    });
    this.#paths = new Set(resourceMetadataPaths(this.resource));
    this.#logger = logger ?? stderrLogger;
  }

  /** The 403 refusing a request whose caller lacks `scopes` (RFC 6750 `insufficient_scope`, naming them). */
  insufficientScope(scopes: readonly string[]): GuardRefusal {
    const list = scopes.join(" ");
    return bearerChallenge(this.metadataUrl, 403, "insufficient_scope", `this request needs the scopes ${list}`, list);
  }

  /** The metadata handler, when `pathname` is one of the well-known URLs. */
  metadataRoute(pathname: string): WebHandler | undefined {
    return this.#paths.has(pathname) ? this.#metadata : undefined;
  }

  /** Checks a node:http request; on refusal (or a failure of the check) the answer is written and undefined returned. */
  async guardNode(req: IncomingMessage, res: ServerResponse): Promise<AuthInfo | undefined> {
    let outcome: GuardOutcome;
    try {
      outcome = await this.guardUpgrade(req);
    } catch (error) {
      this.#logger.error("the bearer guard failed", error);
      res.writeHead(500, { "content-type": "text/plain" }).end("Internal error");
      return undefined;
    }
    if ("auth" in outcome) return outcome.auth;
    res.writeHead(outcome.refusal.status, outcome.refusal.headers).end(outcome.refusal.body);
    return undefined;
  }

  /** Checks a web request: the caller, or the Response refusing it. */
  async guardWeb(request: Request): Promise<AuthInfo | Response> {
    const headers = Object.fromEntries(request.headers);
    const outcome = await this.#guard({ method: request.method, url: request.url, headers });
    if ("auth" in outcome) return outcome.auth;
    const { status, headers: answer, body } = outcome.refusal;
    return new Response(body, { status, headers: answer });
  }

  /** Checks a node:http request (a WebSocket upgrade among them): the caller, or the refusal to answer with. */
  async guardUpgrade(req: IncomingMessage): Promise<GuardOutcome> {
    const url = new URL(req.url ?? "/", this.resource).href;
    return this.#guard({ method: req.method ?? "GET", url, headers: req.headers });
  }
}

/** The scopes a POST's messages need and the caller lacks (FastMCP's per-item scopes), if any. */
export type ScopeCheck = (messages: readonly unknown[], auth: AuthInfo | undefined) => readonly string[] | undefined;

/**
 * The transports' admission of a POST's messages under a scope check: a 403 `insufficient_scope`
 * naming the scopes, from the app's protection once it is known. Undefined without a check.
 */
export function scopeAdmission(
  check: ScopeCheck | undefined,
  protection: () => ProtectedResource | undefined,
): AdmitMessages | undefined {
  if (!check) return undefined;
  return (messages, auth) => {
    const guard = protection();
    const scopes = guard && check(messages, auth);
    return scopes ? guard.insufficientScope(scopes) : undefined;
  };
}

/**
 * The authorization servers a server names: `authorizationServers`, with `issuer` first when it is
 * not among them. Checked when the server is built, so a server naming none never starts.
 */
export function authorizationServersOf(settings: AuthSettings): string[] {
  const named = [...(settings.authorizationServers ?? [])];
  if (settings.issuer !== undefined && !named.includes(settings.issuer)) named.unshift(settings.issuer);
  if (named.length === 0)
    throw new TypeError("mcpkit: the auth option needs issuer or authorizationServers (whose tokens to accept)");
  for (const issuer of named) {
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw new TypeError(`mcpkit: the authorization server ${JSON.stringify(issuer)} is not an absolute URL`);
    }
    if (url.search || url.hash)
      throw new TypeError(`mcpkit: the issuer ${issuer} has a query or fragment, which RFC 8414 forbids`);
  }
  return named;
}

/**
 * A transport whose every inbound message is told as carried by one HTTP request (one caller and one
 * set of headers per connection: a WebSocket's upgrade).
 */
export function carriedBy(transport: Transport, info: MessageInfo): Transport {
  const tagged: Transport = {
    start: (events: TransportEvents) =>
      transport.start({
        message: (message: unknown, more?: MessageInfo) => events.message(message, { ...more, ...info }),
        malformed: (reason) => events.malformed(reason),
        close: (error) => events.close(error),
      }),
    send: (message, options) => transport.send(message, options),
    close: () => transport.close(),
  };
  return tagged;
}
