import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The path the authorization server redirects to on the loopback listener. */
export const CALLBACK_PATH = "/callback";

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${text}</p>`;

/**
 * A listener on 127.0.0.1 for the authorization redirect of a native app (RFC 8252 section 7.3):
 * an IP literal rather than `localhost`, a port the system picks (or the one used last time, when it
 * is free), and only `GET /callback` with a `state` the flow expects is taken; anything else is 404
 * or 400 and the wait goes on. The listener is closed once a callback is taken or the wait ends.
 */
export class LoopbackListener {
  #server: Server | undefined;
  #port = 0;
  #waiter: { state: string | undefined; resolve: (url: URL) => void } | undefined;

  /** Binds 127.0.0.1 on `port` when it is free, else on a port the system picks. Idempotent. */
  async listen(port = 0): Promise<number> {
    if (this.#server) return this.#port;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", `http://127.0.0.1:${this.#port}`);
      if (req.method !== "GET" || url.pathname !== CALLBACK_PATH) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const waiter = this.#waiter;
      if (waiter === undefined || (waiter.state !== undefined && url.searchParams.get("state") !== waiter.state)) {
        res
          .writeHead(400, { "content-type": "text/html" })
          .end(PAGE("Unexpected", "No authorization is waiting for this answer."));
        return;
      }
      this.#waiter = undefined;
      const failed = url.searchParams.has("error");
      res
        .writeHead(200, { "content-type": "text/html", "cache-control": "no-store" })
        .end(
          failed
            ? PAGE("Authorization failed", "Authorization failed; you can close this tab.")
            : PAGE("Authorized", "Authorized; you can close this tab and return to the terminal."),
        );
      waiter.resolve(url);
    });
    this.#port = await bind(server, port).catch(() => bind(server, 0));
    server.unref();
    this.#server = server;
    return this.#port;
  }

  /** The port bound, 0 before {@link listen}. */
  get port(): number {
    return this.#port;
  }

  /** The redirect URI this listener serves: `http://127.0.0.1:<port>/callback`. */
  get redirectUrl(): string {
    return `http://127.0.0.1:${this.#port}${CALLBACK_PATH}`;
  }

  /**
   * Waits for the redirect carrying `state` (any state when undefined) and resolves with its URL; rejects
   * after `timeoutMs` or when `signal` aborts. Closes the listener either way.
   */
  async waitForCallback(state: string | undefined, timeoutMs: number, signal?: AbortSignal): Promise<URL> {
    if (!this.#server) await this.listen();
    try {
      return await new Promise<URL>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no redirect reached ${this.redirectUrl} within ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        );
        const abort = () => reject(new Error("the authorization was cancelled"));
        signal?.addEventListener("abort", abort, { once: true });
        this.#waiter = {
          state,
          resolve: (url) => {
            clearTimeout(timer);
            signal?.removeEventListener("abort", abort);
            resolve(url);
          },
        };
      });
    } finally {
      this.#waiter = undefined;
      await this.close();
    }
  }

  /** Stops listening. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function bind(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
