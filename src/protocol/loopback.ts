/**
 * Whether a host names the local machine: `localhost` (and `*.localhost`, RFC 6761), 127.0.0.0/8, or
 * `::1` (bracketed or not). One rule for where DNS-rebinding protection is on by default, and for
 * where plain http is allowed to an authorization server or an introspection endpoint.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "::1" ||
    name === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(name)
  );
}

/**
 * Whether tokens, codes and secrets may travel to `url`: https, or plain http to the local machine
 * (development and tests). One rule for authorization servers, token and introspection endpoints.
 */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
}
