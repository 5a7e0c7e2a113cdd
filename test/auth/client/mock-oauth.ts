import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { MemoryOAuthClientProvider } from "../../../src/auth/client/memory-provider.js";

/** One request a mock server received. */
export interface Seen {
  server: string;
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, url: URL) => void;

/** A node:http server on 127.0.0.1 (port 0) whose routes a test sets; every request is logged to `seen`. */
export class MockServer {
  readonly routes = new Map<string, Handler>();
  origin = "";
  #server: Server | undefined;

  constructor(
    readonly name: string,
    readonly seen: Seen[],
  ) {}

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", this.origin);
        const authorization = req.headers.authorization;
        this.seen.push({ server: this.name, method: req.method ?? "", path: url.pathname, authorization, body });
        const handler = this.routes.get(`${req.method} ${url.pathname}`);
        if (handler) handler(req, res, body, url);
        else json(res, 404, { error: "not_found" });
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}

/** Answers JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** What the mock authorization server and resource do; a test changes fields before the flow runs. */
export interface MockBehaviour {
  /** The 401's WWW-Authenticate (a function of the PRM URL). */
  challenge: (prmUrl: string) => string;
  /** The PRM document (a function of the two origins). */
  prm: (rs: string, as: string) => Record<string, unknown>;
  /** Changes to the AS metadata. */
  metadata: Record<string, unknown>;
  /** Changes to the redirect's query (null deletes a parameter). */
  redirect: Record<string, string | null>;
  /** An OAuth error the token endpoint answers instead of tokens. */
  tokenError?: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  /** Whether the resource accepts the tokens the AS issued (false: 401 to every token). */
  rsAccepts: boolean;
  /** Scopes a request needs: a token granted fewer gets 403 insufficient_scope. */
  requiredScope?: string;
  /** Whether every token gets 403 insufficient_scope for `requiredScope`, whatever it was granted. */
  forbidAll?: boolean;
  /** The scope every token is granted, whatever was asked (by default, the scope asked for). */
  grantedScope?: string;
}

/** A mock MCP resource (RS) and authorization server (AS) on two loopback origins. */
export class MockAuthorization {
  readonly seen: Seen[] = [];
  readonly rs = new MockServer("rs", this.seen);
  readonly as = new MockServer("as", this.seen);
  readonly behaviour: MockBehaviour = {
    challenge: (prm) => `Bearer error="invalid_token", resource_metadata="${prm}"`,
    prm: (rs, as) => ({ resource: `${rs}/mcp`, authorization_servers: [as] }),
    metadata: {},
    redirect: {},
    expiresIn: 3600,
    rsAccepts: true,
  };
  /** Tokens issued, with the scope granted. */
  readonly issued = new Map<string, string>();
  #count = 0;

  get mcpUrl(): URL {
    return new URL(`${this.rs.origin}/mcp`);
  }

  async start(): Promise<this> {
    await this.rs.start();
    await this.as.start();
    this.#resource();
    this.#authorizationServer();
    return this;
  }

  async stop(): Promise<void> {
    await this.rs.stop();
    await this.as.stop();
  }

  /** The requests one server received, as `METHOD /path`. */
  paths(server: "rs" | "as"): string[] {
    return this.seen.filter((s) => s.server === server).map((s) => `${s.method} ${s.path}`);
  }

  #resource(): void {
    const prmPath = "/.well-known/oauth-protected-resource/mcp";
    this.rs.routes.set(`GET ${prmPath}`, (_req, res) =>
      json(res, 200, this.behaviour.prm(this.rs.origin, this.as.origin)),
    );
    this.rs.routes.set("POST /mcp", (req, res) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      const granted = token === undefined ? undefined : this.issued.get(token);
      if (granted === undefined || !this.behaviour.rsAccepts) {
        return json(res, 401, {}, { "www-authenticate": this.behaviour.challenge(`${this.rs.origin}${prmPath}`) });
      }
      const needed = this.behaviour.requiredScope;
      const has = granted.split(" ");
      if (needed !== undefined && (this.behaviour.forbidAll || !needed.split(" ").every((s) => has.includes(s)))) {
        const challenge = `Bearer error="insufficient_scope", scope="${needed}"`;
        return json(res, 403, {}, { "www-authenticate": challenge });
      }
      json(res, 200, { ok: true });
    });
  }

  #authorizationServer(): void {
    this.as.routes.set("GET /.well-known/oauth-authorization-server", (_req, res) => {
      const issuer = this.as.origin;
      json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        registration_endpoint: `${issuer}/register`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
        authorization_response_iss_parameter_supported: true,
        ...this.behaviour.metadata,
      });
    });
    this.as.routes.set("POST /register", (_req, res) => json(res, 201, { client_id: `client-of-${this.as.origin}` }));
    this.as.routes.set("GET /authorize", (_req, res, _body, url) => {
      const to = new URL(url.searchParams.get("redirect_uri")!);
      to.searchParams.set("code", "the-code");
      to.searchParams.set("state", url.searchParams.get("state") ?? "");
      to.searchParams.set("iss", this.as.origin);
      for (const [name, value] of Object.entries(this.behaviour.redirect)) {
        if (value === null) to.searchParams.delete(name);
        else to.searchParams.set(name, value);
      }
      this.#lastScope = url.searchParams.get("scope") ?? "";
      res.writeHead(302, { location: to.href });
      res.end();
    });
    this.as.routes.set("POST /token", (_req, res) => {
      if (this.behaviour.tokenError) return json(res, 400, { error: this.behaviour.tokenError });
      const token = `tok-${++this.#count}`;
      // Both grants give the scope of the last authorization request.
      const scope = this.behaviour.grantedScope ?? this.#lastScope;
      this.issued.set(token, scope);
      json(res, 200, {
        access_token: token,
        token_type: "Bearer",
        expires_in: this.behaviour.expiresIn,
        refresh_token: `refresh-${this.#count}`,
        ...(scope ? { scope } : {}),
      });
    });
  }

  #lastScope = "";
}

/** Requests the authorization URL as a browser would and answers the redirect's target, never fetching it. */
export async function followRedirect(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: "manual" });
  await response.body?.cancel();
  const location = response.headers.get("location");
  if (location === null) throw new Error(`no redirect (HTTP ${response.status})`);
  return new URL(location, url);
}

/** An in-memory provider that follows the authorization URL itself. */
export function testProvider(): MemoryOAuthClientProvider {
  return new MemoryOAuthClientProvider({
    clientMetadata: { client_name: "test", redirect_uris: ["http://127.0.0.1:1/callback"] },
    authorize: followRedirect,
  });
}
