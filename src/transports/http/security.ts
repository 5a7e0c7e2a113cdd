import type { Logger } from "../../protocol/logger.js";
import { isLoopbackHost } from "../../protocol/loopback.js";

/**
 * Protection against DNS rebinding: a page on another site that resolves its own name to 127.0.0.1
 * must not reach a local server. The Host header (and Origin, when sent) must name an allowed host.
 */
export interface TransportSecuritySettings {
  /**
   * Check Host and Origin. Unset, `runHttp`, `runSse`, `runWebSocket` and `attachWebSocket` turn it on
   * when bound to a loopback address or given `allowedHosts`, and otherwise leave it off with one
   * warning; a `StreamableHttpServer` or `SseServer` handler used on its own, which cannot know where
   * it is bound, leaves it off.
   */
  dnsRebindingProtection?: boolean;
  /** Allowed Host values, with or without a port (default: localhost, 127.0.0.1 and [::1]). */
  allowedHosts?: string[];
  /** Allowed Origin values, e.g. `http://localhost:3000` (default: http(s) origins on the allowed hosts). */
  allowedOrigins?: string[];
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/** Whether `host` (a bind address) is a loopback address, where protection is on by default. */
export function isLoopback(host: string | undefined): boolean {
  return host === undefined || isLoopbackHost(host);
}

/**
 * The settings an endpoint served on `host` runs with. An explicit `dnsRebindingProtection` is kept
 * as it is; otherwise protection is on when `host` is a loopback address or `allowedHosts` is given,
 * and off elsewhere, with one warning on `logger` naming the risk and the option, since a server
 * reachable from other machines can be reached from a rebound page too. Call it once per start.
 */
export function securityForBinding(
  host: string | undefined,
  settings: TransportSecuritySettings | undefined,
  logger: Logger,
): TransportSecuritySettings {
  if (settings?.dnsRebindingProtection !== undefined) return settings;
  const on = isLoopback(host) || settings?.allowedHosts !== undefined;
  if (!on)
    logger.warn(
      `DNS rebinding protection is off because the server is bound to ${host}, not a loopback address: ` +
        "a web page whose name resolves to this machine can reach it. Turn it on with " +
        '`security: { dnsRebindingProtection: true, allowedHosts: ["your.host"] }`, or accept the risk ' +
        "with `security: { dnsRebindingProtection: false }`, which also silences this warning.",
    );
  return { ...settings, dnsRebindingProtection: on };
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

/**
 * Why a WebSocket handshake with these Host and Origin headers is refused, or undefined when it may
 * pass: first the allow-list of `settings`, then `verifyOrigin`. Browsers apply no CORS to WebSockets,
 * so while the allow-list is off the default `verifyOrigin` still refuses an Origin that does not name
 * the Host it was sent to (a request without an Origin is not from a browser and passes).
 */
export function handshakeRefusal(
  host: string | undefined,
  origin: string | undefined,
  settings: TransportSecuritySettings,
  verifyOrigin?: (origin: string | undefined, host: string | undefined) => boolean,
): string | undefined {
  const refusal = rebindingRefusal(
    (name) => (name === "host" ? host : name === "origin" ? origin : undefined) ?? null,
    settings,
  );
  if (refusal) return refusal;
  const verify = verifyOrigin ?? (settings.dnsRebindingProtection ? undefined : sameOrigin);
  return verify && !verify(origin, host) ? `Origin ${JSON.stringify(origin)} is not allowed` : undefined;
}

/** Passes a request without an Origin, or one whose Origin names the host it was sent to. */
function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
