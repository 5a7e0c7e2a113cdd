import { isLoopbackHost } from "../../../protocol/loopback.js";

const LOOPBACK_LITERALS = new Set(["127.0.0.1", "[::1]"]);

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/**
 * Whether a presented redirect URI matches a registered one: the same string, or (RFC 8252 section
 * 7.3) an http URI on a loopback IP literal that differs only in its port.
 */
export function redirectUriMatches(registered: string, presented: string): boolean {
  if (registered === presented) return true;
  const a = parse(registered);
  const b = parse(presented);
  if (!a || !b || a.protocol !== "http:" || b.protocol !== "http:") return false;
  if (!LOOPBACK_LITERALS.has(a.hostname) || a.hostname !== b.hostname) return false;
  if (a.username || a.password || b.username || b.password || b.hash) return false;
  return a.pathname === b.pathname && a.search === b.search;
}

/**
 * The default rule for a redirect URI a client registers: absolute, without a fragment or
 * credentials, and https, http on a loopback host, or a native app's private-use scheme in reverse
 * domain form (`com.example.app:/callback`, RFC 8252 section 7.1).
 */
export function acceptableRedirectUri(uri: string): boolean {
  const url = parse(uri);
  if (!url || url.hash || uri.includes("#") || url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  if (url.protocol === "http:") return isLoopbackHost(url.hostname);
  return /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/.test(url.protocol);
}

/** A redirect rule admitting only http URIs on a loopback host (what a local development server opens). */
export function loopbackRedirectUri(uri: string): boolean {
  const url = parse(uri);
  return !!url && url.protocol === "http:" && isLoopbackHost(url.hostname) && acceptableRedirectUri(uri);
}
