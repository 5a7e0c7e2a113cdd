import type { IncomingMessage, ServerResponse } from "node:http";
import { stderrLogger, type Logger } from "../../protocol/logger.js";
import { toNodeListener } from "../../transports/http/node-server.js";
import { securityForBinding } from "../../transports/http/security.js";
import {
  StreamableHttpServer,
  type ConnectSession,
  type StreamableHttpServerOptions,
} from "../../transports/http/streamable-http-server.js";
import { ProtectedResource, scopeAdmission, type AuthSettings, type ScopeCheck } from "./auth-app.js";
import { appHandler, type Routes } from "./http-app.js";

/** Where and how `app.handler()` serves: the endpoint's options, and its path. */
export interface McpHandlerOptions extends StreamableHttpServerOptions {
  /** Path of the MCP endpoint (default /mcp); the custom routes and, with `auth`, the metadata are served beside it. */
  path?: string;
}

/** A node:http request as frameworks hand it over: Express's `express.json()` leaves the parsed body on it. */
export type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/**
 * FastMCP's HTTP handler, one function for both kinds of server: given a web `Request` (Bun, Deno,
 * Cloudflare Workers, Hono, anything fetch-shaped) it resolves with a `Response`; given node:http's
 * request and response (Express, Fastify's `request.raw`/`reply.raw`, a bare `createServer`) it
 * answers in place. It makes every check `runHttp` makes.
 */
export interface McpHandler {
  (request: Request, ...platform: unknown[]): Promise<Response>;
  /**
   * `third` is Express's `next` (called for paths this handler does not serve, so that it can be
   * mounted as middleware) or a body the framework already parsed (Fastify's `request.body`).
   */
  (req: NodeRequest, res: ServerResponse, third?: unknown): Promise<void>;
  /** The Streamable HTTP endpoint behind it. */
  readonly endpoint: StreamableHttpServer;
  /** Ends the endpoint's sessions and streams. */
  close(): Promise<void>;
}

/** Whether the framework already read the body: body-parser and Fastify read the stream to its end. */
function parsedBody(req: NodeRequest, third: unknown): { body: unknown } | undefined {
  if (third !== undefined && typeof third !== "function") return { body: third };
  const consumed = req.readableEnded || (req as { _body?: unknown })._body === true;
  return consumed && req.body !== undefined ? { body: req.body } : undefined;
}

/**
 * Makes the handler behind `app.fetch` and `app.handler()`. Unlike runHttp it cannot know the address
 * it is served on, so DNS-rebinding protection is on unless `security` says otherwise (allowed hosts:
 * localhost, 127.0.0.1, [::1], or `security.allowedHosts`); with `auth`, `auth.resource` must name
 * the URL clients reach the endpoint at, which the request's own Host may not be trusted to tell.
 */
export function mcpHandler(
  connect: ConnectSession,
  routes: Routes,
  options: McpHandlerOptions,
  logger: Logger | undefined,
  auth?: AuthSettings,
  scopes?: ScopeCheck,
): McpHandler {
  const { path = "/mcp", security, ...endpointOptions } = options;
  if (auth && auth.resource === undefined)
    throw new TypeError(
      "mcpkit: a FastMCP with auth served by app.fetch or app.handler() needs auth.resource, the endpoint's public URL " +
        '(e.g. "https://mcp.example.com/mcp"): tokens must name it as their audience',
    );
  const log = logger ?? endpointOptions.logger ?? stderrLogger;
  let protection: ProtectedResource | undefined;
  // Made at the first request: nothing is built at module load (a Worker's global scope).
  const guard = () => (auth ? (protection ??= new ProtectedResource(auth, auth.resource!, logger)) : undefined);
  const admit = auth ? scopeAdmission(scopes, guard) : undefined;
  const endpoint = new StreamableHttpServer(connect, {
    ...endpointOptions,
    ...(logger ? { logger } : {}),
    ...(admit ? { admit } : {}),
    security: securityForBinding(undefined, security, log),
  });
  const web = appHandler(
    { serves: (pathname) => pathname === path, handle: (request, caller) => endpoint.handle(request, caller) },
    routes,
    guard,
  );
  const others = toNodeListener(
    appHandler({ serves: () => false, handle: async () => new Response(null, { status: 404 }) }, routes, guard),
    logger,
  );
  const node = async (req: NodeRequest, res: ServerResponse, third: unknown): Promise<void> => {
    const pathname = (req.originalUrl ?? req.url ?? "/").split("?", 1)[0]!;
    if (pathname !== path) {
      const ours = guard()?.metadataRoute(pathname) ?? routes.find(req.method ?? "GET", pathname);
      if (!ours && typeof third === "function") return void (third as () => void)();
      return others(req, res);
    }
    const parsed = parsedBody(req, third);
    const protectedBy = guard();
    const caller = protectedBy ? await protectedBy.guardNode(req, res) : undefined;
    if (protectedBy && !caller) return;
    await endpoint.handleNode(req, res, caller, parsed);
  };
  const handler = (first: Request | NodeRequest, second?: unknown, third?: unknown) =>
    typeof (first as Request).headers?.get === "function"
      ? Promise.resolve(web(first as Request))
      : node(first as NodeRequest, second as ServerResponse, third);
  return Object.assign(handler as McpHandler, { endpoint, close: () => endpoint.close() });
}
