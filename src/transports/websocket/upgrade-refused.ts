import type { IncomingMessage } from "node:http";

/** The server refused a WebSocket upgrade with an HTTP answer (a 401 of a protected server, say). */
export class UpgradeRefusedError extends Error {
  /** The answer's status. */
  readonly status: number;
  /** The answer's headers, `WWW-Authenticate` included. */
  readonly headers: { get(name: string): string | null };

  constructor(message: string, response: IncomingMessage) {
    super(message);
    this.name = "UpgradeRefusedError";
    this.status = response.statusCode ?? 0;
    const raw = response.headers;
    this.headers = { get: (name) => [raw[name.toLowerCase()] ?? []].flat().join(", ") || null };
  }

  /** Nothing to read: the body was read when the refusal was made. */
  discard(): Promise<void> {
    return Promise.resolve();
  }
}
