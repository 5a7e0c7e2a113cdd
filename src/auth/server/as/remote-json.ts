import { isIP } from "node:net";
import { isLoopbackHost } from "../../../protocol/loopback.js";
import { readCappedText } from "../../../protocol/capped-read.js";

/** How the authorization server fetches a URL a client gave it (a metadata document, a `jwks_uri`). */
export interface RemoteFetchOptions {
  /**
   * Which URLs are fetched. Default: https URLs with a path, on a host name that is neither loopback
   * nor an IP literal (no requests into the server's own network).
   */
  allowUrl?: (url: URL) => boolean;
  /** How long a fetch may take, in ms (default 5 s). */
  timeoutMs?: number;
  /** The largest answer read, in bytes (default 5 KiB). */
  maxBytes?: number;
  /** The fetch to use (default the global one). */
  fetch?: typeof globalThis.fetch;
}

/** The default rule: https, a path, a host name that is not loopback and not an IP address. */
export function publicHttpsUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return url.protocol === "https:" && url.pathname !== "/" && !isLoopbackHost(host) && isIP(host) === 0;
}

/**
 * GETs a client-supplied URL as JSON: only when `allowUrl` admits it, without following redirects,
 * within the time and size bounds; anything but a 200 with a JSON body is an error.
 */
export async function fetchJson(value: string, options: RemoteFetchOptions = {}): Promise<unknown> {
  const url = new URL(value);
  if (url.href !== value || url.hash || url.username || url.password || !(options.allowUrl ?? publicHttpsUrl)(url))
    throw new Error("that URL is not fetched");
  const response = await (options.fetch ?? globalThis.fetch)(url, {
    redirect: "manual",
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
  });
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`answered ${response.status}`);
  }
  return JSON.parse(
    await readCappedText(response.body, options.maxBytes ?? 5 * 1024, () => new Error("the answer is too large")),
  ) as unknown;
}
