/**
 * Who is calling, as the server's token check established it: what a verified access token says about
 * its bearer. Handlers read it as `ctx.auth` (FastMCP) or `auth` on the request context.
 */
export interface AuthInfo {
  /** The access token itself; never log it. */
  readonly token: string;
  /** How the token was presented: `Bearer`, or `DPoP` when bound to a key the request proved it holds (RFC 9449). */
  readonly tokenType: "Bearer" | "DPoP";
  /** The user or service the token was issued for (the `sub` claim), when it names one. */
  readonly subject?: string;
  /** The OAuth client the token was issued to (`client_id`, else `azp`), when it names one. */
  readonly clientId?: string;
  /** The scopes the token grants. */
  readonly scopes: readonly string[];
  /** When the token expires, in seconds since the epoch, when it says. */
  readonly expiresAt?: number;
  /** The resources the token was issued for (`aud`). */
  readonly audience: readonly string[];
  /** Every claim of the token, as the verifier read them. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * The principal a verified token stands for, as one string: its issuer with its subject (else its
 * client, for a token without one). What sessions, tasks and request state are bound to: another
 * user's valid token names another principal. Undefined without a token (an unprotected server).
 */
export function principalOf(auth: AuthInfo | undefined): string | undefined {
  if (auth === undefined) return undefined;
  const issuer = typeof auth.claims.iss === "string" ? auth.claims.iss : "";
  const who = auth.subject !== undefined ? `sub:${auth.subject}` : `client:${auth.clientId ?? ""}`;
  return JSON.stringify([issuer, who]);
}
