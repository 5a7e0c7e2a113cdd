import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request a fixture server received. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/** An answer: status, JSON body (or raw text), extra headers. */
export interface Answer {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** A local HTTP server on 127.0.0.1 answering from a table of paths, recording every request. */
export class FixtureServer {
  readonly received: Received[] = [];
  routes: Record<string, (origin: string) => Answer> = {};
  #server: Server | undefined;
  origin = "";

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      this.received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
      const route = this.routes[req.url ?? ""];
      const answer = route ? route(this.origin) : { status: 404, text: "not found" };
      const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? "");
      res.writeHead(answer.status ?? 200, {
        "content-type": answer.json !== undefined ? "application/json" : "text/plain",
        ...answer.headers,
      });
      res.end(body);
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** The paths requested, in order. */
  get paths(): string[] {
    return this.received.map((r) => r.path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}

/** A minimal RFC 8414 document for `issuer`. */
export function asMetadata(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    response_types_supported: ["code"],
    code_challenge_methods_supported: ["S256"],
    ...extra,
  };
}
