import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Liveness and readiness probes served by `runHttp` beside the MCP endpoint, for a load balancer or
 * an orchestrator. Off unless asked for, so that they never take a path an application routes.
 */
export interface HealthOptions {
  /** Path answered 200 while the process serves HTTP (default `/healthz`). */
  livePath?: string;
  /**
   * Path answered 200 when this replica can serve every request, else 503 (default `/readyz`): not
   * ready while the shared store (`runHttp`'s `store`) cannot be reached, while `ready` says false,
   * and once `close()` has begun.
   */
  readyPath?: string;
  /** The application's own readiness, asked at each probe (its failure or a false answer: not ready). */
  ready?: () => boolean | Promise<boolean>;
}

/** Milliseconds a readiness check may take before the probe answers not ready. */
const CHECK_TIMEOUT = 1000;

/** The probes of one running server. */
export class HealthProbes {
  readonly #live: string;
  readonly #ready: string;
  readonly #check: (() => boolean | Promise<boolean>) | undefined;
  #closing = false;

  constructor(options: HealthOptions) {
    this.#live = options.livePath ?? "/healthz";
    this.#ready = options.readyPath ?? "/readyz";
    for (const path of [this.#live, this.#ready])
      if (!path.startsWith("/")) throw new TypeError(`mcpkit: health path ${JSON.stringify(path)} must start with "/"`);
    this.#check = options.ready;
  }

  /** The paths the probes take, to be kept apart from the endpoint and the routes. */
  get paths(): readonly string[] {
    return [this.#live, this.#ready];
  }

  /** From now on not ready: the server is closing. */
  closing(): void {
    this.#closing = true;
  }

  /** Answers `req` if it is a probe (GET or HEAD on a probe path); false when it is not one. */
  serve(pathname: string, req: IncomingMessage, res: ServerResponse): boolean {
    if (pathname !== this.#live && pathname !== this.#ready) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method not allowed");
      return true;
    }
    if (pathname === this.#live) {
      answer(res, req.method, 200, { status: "ok" });
      return true;
    }
    void this.#isReady().then((ready) =>
      answer(res, req.method!, ready ? 200 : 503, { status: ready ? "ready" : "not ready" }),
    );
    return true;
  }

  async #isReady(): Promise<boolean> {
    if (this.#closing) return false;
    return this.#check ? withTimeout(this.#check) : true;
  }
}

/** `check`'s answer, false when it throws or takes longer than CHECK_TIMEOUT. */
async function withTimeout(check: () => boolean | Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT)));
  try {
    return await Promise.race([Promise.resolve().then(check), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function answer(res: ServerResponse, method: string, status: number, body: Record<string, string>): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(method === "HEAD" ? undefined : JSON.stringify(body));
}
