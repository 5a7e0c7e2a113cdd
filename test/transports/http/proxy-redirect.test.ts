// The node:http client path where users are: behind HTTPS_PROXY / HTTP_PROXY (a real forward and
// CONNECT proxy written with node:http here, reaching a server by a name only it resolves), and
// following redirects on one origin while refusing any to another.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Agent as HttpsAgent, createServer as createHttpsServer } from "node:https";
import { connect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { ClientSession, silentLogger, streamableHttpClient, type Transport } from "../../../src/index.js";
import { FastMCP } from "../../../src/server/index.js";
import { NodeHttpRequester } from "../../../src/transports/http/node-client.js";
import { proxyFor } from "../../../src/transports/http/proxy.js";

/** A name nothing resolves but the proxy below: a request reaching the server went through it. */
const NAME = "mcp.proxied.test";

const portOf = (server: Server) => (server.address() as AddressInfo).port;
const listening = (server: Server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

function stop(server: Server, sockets: Set<Socket> = new Set()): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A forward proxy (absolute-form requests) and CONNECT tunnel that resolves NAME to 127.0.0.1, and what it was asked. */
async function startProxy(): Promise<{
  url: string;
  seen: string[];
  authorizations: string[];
  close(): Promise<void>;
}> {
  const seen: string[] = [];
  const authorizations: string[] = [];
  const tunnels = new Set<Socket>();
  const resolve = (host: string) => (host === NAME ? "127.0.0.1" : host);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    authorizations.push(String(req.headers["proxy-authorization"] ?? ""));
    const target = new URL(req.url!);
    const { "proxy-authorization": _auth, ...headers } = req.headers;
    const upstream = request(
      {
        host: resolve(target.hostname),
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("connect", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    authorizations.push(String(req.headers["proxy-authorization"] ?? ""));
    const [host, port] = req.url!.split(":");
    const upstream = connect(Number(port), resolve(host!), () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    tunnels.add(socket).add(upstream);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  await listening(server);
  return {
    url: `http://user:s%3Acret@127.0.0.1:${portOf(server)}`,
    seen,
    authorizations,
    close: () => stop(server, tunnels),
  };
}

function app(): FastMCP {
  const server = new FastMCP("proxied", { logger: silentLogger });
  server.tool("ping_me", { description: "Answers" }, () => "pong");
  return server;
}

/** The transport made while `env` is the process's environment (the client reads it once, when made). */
function withEnv(env: Record<string, string>, make: () => Transport): Transport {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return make();
  } finally {
    for (const [key, value] of Object.entries(saved))
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  }
}

async function callThrough(transport: Transport): Promise<string | undefined> {
  const session = new ClientSession(transport, { logger: silentLogger });
  try {
    await session.initialize();
    const result = await session.callTool("ping_me", {});
    return (result.content as { text?: string }[])[0]?.text;
  } finally {
    await session.close();
  }
}

describe("transports/http: the node:http client behind a proxy, and redirects", function () {
  this.timeout(30_000);

  describe("proxyFor (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)", () => {
    const url = (href: string) => new URL(href);

    it("picks the variable by scheme, in either case, and leaves loopback hosts alone", () => {
      const env = { HTTPS_PROXY: "http://secure:3128", http_proxy: "plain:8080" };
      expect(proxyFor(url("https://api.example.com/mcp"), env)?.href).to.equal("http://secure:3128/");
      expect(proxyFor(url("http://api.example.com/mcp"), env)?.href).to.equal("http://plain:8080/");
      expect(proxyFor(url("http://127.0.0.1:9/mcp"), env)).to.equal(undefined);
      expect(proxyFor(url("https://localhost/mcp"), env)).to.equal(undefined);
      expect(proxyFor(url("http://[::1]:9/mcp"), env)).to.equal(undefined);
      expect(proxyFor(url("https://api.example.com/mcp"), {})).to.equal(undefined);
    });

    it("honours NO_PROXY: names, subdomains, .suffixes, ports and *", () => {
      const at = (noProxy: string, href: string) =>
        proxyFor(url(href), { HTTPS_PROXY: "http://p:1", NO_PROXY: noProxy });
      expect(at("example.com", "https://api.example.com/")).to.equal(undefined);
      expect(at("example.com", "https://example.com/")).to.equal(undefined);
      expect(at(".example.com", "https://api.example.com/")).to.equal(undefined);
      expect(at("other.com, example.com:8443", "https://example.com:8443/")).to.equal(undefined);
      expect(at("example.com:8443", "https://example.com/")).to.not.equal(undefined);
      expect(at("ample.com", "https://example.com/")).to.not.equal(undefined);
      expect(at("*", "https://anything.test/")).to.equal(undefined);
    });

    it("refuses a proxy that is not an http: URL, instead of connecting straight", () => {
      expect(() => proxyFor(url("https://a.example/"), { HTTPS_PROXY: "socks5://p:1080" })).to.throw(
        TypeError,
        /http:/,
      );
      expect(() => proxyFor(url("https://a.example/"), { HTTPS_PROXY: "http://[bad" })).to.throw(TypeError);
    });
  });

  it("HTTP_PROXY: a plain-http server reached through the forward proxy, its credentials sent to the proxy only", async () => {
    const proxy = await startProxy();
    const server = app();
    const served = await server.runHttp({ port: 0, security: { allowedHosts: [NAME] } });
    try {
      const target = `http://${NAME}:${new URL(served.endpointUrl).port}/mcp`;
      const transport = withEnv({ HTTP_PROXY: proxy.url }, () => streamableHttpClient(target));
      expect(await callThrough(transport)).to.equal("pong");
      expect(proxy.seen[0]).to.equal(`POST ${target}`);
      expect(proxy.authorizations[0]).to.equal(`Basic ${Buffer.from("user:s:cret").toString("base64")}`);
    } finally {
      await served.close();
      await proxy.close();
    }
  });

  it("HTTPS_PROXY: an https server reached through a CONNECT tunnel, TLS to the server inside, the caller's CA kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpkit-tls-"));
    const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", key, "-out", cert],
        ...["-subj", `/CN=${NAME}`, "-addext", `subjectAltName=DNS:${NAME}`],
      ],
      { stdio: "ignore" },
    );
    const proxy = await startProxy();
    const server = app();
    const handler = server.handler({ security: { allowedHosts: [NAME] } });
    const https = createHttpsServer(
      { key: readFileSync(key), cert: readFileSync(cert) },
      (req, res) => void handler(req, res),
    );
    await listening(https);
    try {
      const target = `https://${NAME}:${portOf(https)}/mcp`;
      const agent = new HttpsAgent({ ca: readFileSync(cert) });
      const transport = withEnv({ HTTPS_PROXY: proxy.url }, () => streamableHttpClient(target, { agent }));
      expect(await callThrough(transport)).to.equal("pong");
      expect(proxy.seen[0]).to.equal(`CONNECT ${NAME}:${portOf(https)}`);
      expect(proxy.seen.every((line) => line.startsWith("CONNECT "))).to.equal(true);
    } finally {
      await handler.close();
      await stop(https);
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("redirects", () => {
    let origin: Server;
    let other: Server;
    const otherRequests: IncomingMessage[] = [];
    const received: { method: string; url: string; body: string; authorization?: string }[] = [];

    before(async () => {
      other = createServer((req, res) => {
        otherRequests.push(req);
        res.end("{}");
      });
      await listening(other);
      origin = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        req.on("end", () => {
          received.push({
            method: req.method!,
            url: req.url!,
            body,
            ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          });
          const status = /^\/(30[1-8])/.exec(req.url!)?.[1];
          if (req.url === "/away") res.writeHead(307, { location: `http://127.0.0.1:${portOf(other)}/stolen` }).end();
          else if (req.url === "/loop") res.writeHead(307, { location: "/loop" }).end();
          else if (status) res.writeHead(Number(status), { location: "/final?from=" + status }).end("moved");
          else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: req.url }));
        });
      });
      await listening(origin);
    });

    after(async () => {
      await stop(origin);
      await stop(other);
    });

    beforeEach(() => (received.length = 0));

    const send = async (path: string, method = "POST") => {
      const requester = new NodeHttpRequester(new URL(`http://127.0.0.1:${portOf(origin)}${path}`));
      try {
        const answer = await requester.request(
          method,
          { "content-type": "application/json", authorization: "Bearer secret" },
          method === "POST" ? '{"jsonrpc":"2.0"}' : undefined,
          new AbortController().signal,
        );
        return { status: answer.status, text: await answer.text() };
      } finally {
        requester.close();
      }
    };

    it("307 and 308 on the same origin keep the method, the body and Authorization", async () => {
      for (const status of [307, 308]) {
        received.length = 0;
        expect(await send(`/${status}`)).to.deep.equal({
          status: 200,
          text: JSON.stringify({ ok: `/final?from=${status}` }),
        });
        expect(received[1]).to.deep.equal({
          method: "POST",
          url: `/final?from=${status}`,
          body: '{"jsonrpc":"2.0"}',
          authorization: "Bearer secret",
        });
      }
    });

    it("301, 302 and 303 turn a POST into a GET without its body, as fetch does", async () => {
      for (const status of [301, 302, 303]) {
        received.length = 0;
        expect((await send(`/${status}`)).status).to.equal(200);
        expect(received[1]).to.deep.include({ method: "GET", body: "", url: `/final?from=${status}` });
      }
    });

    it("refuses a redirect to another origin: an error naming it, nothing sent there", async () => {
      const error = await send("/away").then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).to.include("another origin").and.include("/stolen");
      expect(otherRequests).to.have.length(0);
    });

    it("stops after 20 redirects", async () => {
      const error = await send("/loop", "GET").then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).to.include("more than 20");
      expect(received).to.have.length(21);
    });
  });
});
