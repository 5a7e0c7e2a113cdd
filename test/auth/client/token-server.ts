import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One token request a {@link TokenServer} received: its path, headers and form body. */
export interface TokenCall {
  path: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

/** How a {@link TokenServer} answers: status, JSON body, extra headers. */
export interface TokenAnswer {
  status?: number;
  json: unknown;
  headers?: Record<string, string>;
}

/** A local HTTP server on 127.0.0.1 that records form posts and answers each through `answer`. */
export class TokenServer {
  readonly calls: TokenCall[] = [];
  answer: (call: TokenCall) => TokenAnswer = () => ({ json: { access_token: "t", token_type: "Bearer" } });
  origin = "";
  #server: Server | undefined;

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const call = {
          path: req.url ?? "",
          headers: req.headers,
          form: new URLSearchParams(Buffer.concat(chunks).toString()),
        };
        this.calls.push(call);
        const answer = this.answer(call);
        res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
        res.end(JSON.stringify(answer.json));
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}
