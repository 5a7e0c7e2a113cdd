import { Buffer } from "node:buffer";
import { request as httpRequest, type Agent, type ClientRequest, type RequestOptions } from "node:http";
import type { Socket } from "node:net";
import { isLoopbackHost } from "../../protocol/loopback.js";

/** The environment variables a proxy is read from, as curl and most HTTP clients read them. */
export interface ProxyEnvironment {
  HTTPS_PROXY?: string | undefined;
  https_proxy?: string | undefined;
  HTTP_PROXY?: string | undefined;
  http_proxy?: string | undefined;
  NO_PROXY?: string | undefined;
  no_proxy?: string | undefined;
}

const DEFAULT_PORT: Record<string, string> = { "http:": "80", "https:": "443" };

/** Whether NO_PROXY (comma- or space-separated hosts, `.suffix`es, `host:port`s, or `*`) names `url`'s host. */
function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  const port = url.port || DEFAULT_PORT[url.protocol]!;
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (!match) continue;
    const name = match[1]!.replace(/^\[(.*)\]$/, "$1").replace(/^\*?\./, ".");
    if (match[2] !== undefined && match[2] !== port) continue;
    if (
      name.startsWith(".") ? host.endsWith(name) || host === name.slice(1) : host === name || host.endsWith(`.${name}`)
    )
      return true;
  }
  return false;
}

/**
 * The proxy requests to `url` go through: HTTPS_PROXY for https: URLs, HTTP_PROXY for http: (either
 * case), unless NO_PROXY names the host or the host is a loopback address (never proxied, as Go's
 * net/http has it). Only http: proxies are spoken to; a proxy URL without a scheme is taken as http:.
 */
export function proxyFor(url: URL, env: ProxyEnvironment = process.env): URL | undefined {
  const raw = url.protocol === "https:" ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  if (!raw || isLoopbackHost(url.hostname) || bypassed(url, env.NO_PROXY ?? env.no_proxy ?? "")) return undefined;
  let proxy: URL;
  try {
    proxy = new URL(raw.includes("://") ? raw : `http://${raw}`);
  } catch {
    throw new TypeError(`mcpkit: the proxy ${JSON.stringify(raw)} is not a URL`);
  }
  if (proxy.protocol !== "http:")
    throw new TypeError(`mcpkit: the proxy ${proxy.origin} is not an http: URL; only http: proxies are supported`);
  return proxy;
}

/** The Proxy-Authorization of a proxy URL with credentials (`http://user:pass@proxy:3128`). */
function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { "proxy-authorization": `Basic ${Buffer.from(credentials).toString("base64")}` };
}

/** Sends plain-http requests through a forward proxy: the request line names the whole URL (RFC 9112 3.2.2). */
export function forwardingRequest(proxy: URL): (url: URL, options: RequestOptions) => ClientRequest {
  return (url, options) =>
    httpRequest({
      ...options,
      host: proxy.hostname,
      port: proxy.port || 80,
      path: url.href,
      headers: { ...(options.headers as Record<string, string>), host: url.host, ...proxyAuthorization(proxy) },
    });
}

type HttpsAgentClass = new (options: object) => Agent;
type CreateConnection = (
  options: Record<string, unknown>,
  done: (error: Error | null, socket?: Socket) => void,
) => undefined;

/**
 * An https agent class whose connections are tunnels through `proxy` (HTTP CONNECT, RFC 9110 9.3.6)
 * with TLS to the server inside: the proxy sees only the host and port.
 */
export function tunnelingAgent(Base: HttpsAgentClass, proxy: URL): HttpsAgentClass {
  const { connect: tls } = process.getBuiltinModule("node:tls");
  const createConnection: CreateConnection = (options, done) => {
    const target = `${String(options.host)}:${String(options.port)}`;
    const connect = httpRequest({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: "CONNECT",
      path: target,
      headers: { host: target, ...proxyAuthorization(proxy) },
      agent: false,
    });
    connect.once("connect", (res, socket: Socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        return done(new Error(`the proxy ${proxy.host} refused to connect to ${target}: ${res.statusCode}`));
      }
      const servername = (options.servername as string | undefined) ?? String(options.host);
      done(null, tls({ ...options, socket, servername }) as unknown as Socket);
    });
    connect.once("error", (error) =>
      done(new Error(`the proxy ${proxy.host} failed: ${error.message}`, { cause: error })),
    );
    connect.end();
    return undefined;
  };
  return class extends Base {
    override createConnection = createConnection as never;
  };
}
