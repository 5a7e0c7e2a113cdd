/**
 * Protection against DNS rebinding: a page on another site that resolves its own name to 127.0.0.1
 * must not reach a local server. The Host header (and Origin, when sent) must name an allowed host.
 */
export interface TransportSecuritySettings {
  /** Check Host and Origin (default: on when the server is bound to a loopback address). */
  dnsRebindingProtection?: boolean;
  /** Allowed Host values, with or without a port (default: localhost, 127.0.0.1 and [::1]). */
  allowedHosts?: string[];
  /** Allowed Origin values, e.g. `http://localhost:3000` (default: http(s) origins on the allowed hosts). */
  allowedOrigins?: string[];
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/** Whether `host` (a bind address) is a loopback address, where protection is on by default. */
export function isLoopback(host: string | undefined): boolean {
  return host === undefined || host === "localhost" || host === "::1" || host.startsWith("127.");
}

/** `host` without its port: `localhost:3000` -> `localhost`, `[::1]:80` -> `[::1]`. */
function hostname(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.indexOf(":");
  return colon < 0 ? host : host.slice(0, colon);
}

/**
 * Why a request is refused under `settings`, or undefined when it may pass. A Host naming an allowed
 * host passes with any port; an Origin must be http(s) on an allowed host, or listed exactly.
 */
export function rebindingRefusal(
  header: (name: string) => string | null,
  settings: TransportSecuritySettings,
): string | undefined {
  if (!settings.dnsRebindingProtection) return undefined;
  const allowed = new Set((settings.allowedHosts ?? LOOPBACK).map((h) => hostname(h.toLowerCase())));
  const host = header("host");
  if (!host || !allowed.has(hostname(host.toLowerCase()))) return `Host ${JSON.stringify(host)} is not allowed`;
  const origin = header("origin");
  if (origin === null) return undefined;
  if (settings.allowedOrigins?.includes(origin)) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `Origin ${JSON.stringify(origin)} is not allowed`;
  }
  const sameHost = (url.protocol === "http:" || url.protocol === "https:") && allowed.has(url.hostname.toLowerCase());
  const bracketed = url.hostname.includes(":") ? `[${url.hostname}]` : url.hostname;
  return sameHost || allowed.has(bracketed.toLowerCase())
    ? undefined
    : `Origin ${JSON.stringify(origin)} is not allowed`;
}
