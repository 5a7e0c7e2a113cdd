import type { ClientAuthContext } from "./client-auth.js";
import type { TokenSigner } from "./tokens.js";
import type { AuthorizationServerProvider, ClientAuthMethod, OAuthClient } from "./types.js";

/** What the endpoints of one authorization server share. */
export interface ServerContext {
  readonly issuer: string;
  readonly provider: AuthorizationServerProvider;
  readonly signer: TokenSigner;
  /** The resources tokens may be for; the first is the default. */
  readonly resources: readonly string[];
  readonly scopesSupported?: readonly string[];
  readonly accessTokenTtl: number;
  readonly refreshTokenTtl: number;
  readonly codeTtl: number;
  readonly authMethods: readonly ClientAuthMethod[];
  /** A client by id: registered, or (a URL) its Client ID Metadata Document. */
  readonly getClient: (clientId: string) => Promise<OAuthClient | undefined>;
  /** Client authentication at the token endpoint. */
  readonly tokenAuth: ClientAuthContext;
  /** Client authentication at the revocation endpoint. */
  readonly revocationAuth: ClientAuthContext;
}

/** The scopes of a space-separated `scope` value. */
export function scopeList(scope: string | undefined): string[] {
  return scope === undefined ? [] : [...new Set(scope.split(" ").filter(Boolean))];
}
