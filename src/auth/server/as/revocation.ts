import { authenticateClient } from "./client-auth.js";
import type { ServerContext } from "./context.js";
import { endpoint, nowSeconds, readForm, required, sha256 } from "./http.js";

/**
 * The revocation endpoint (RFC 7009): a client revokes one of its own tokens. A refresh token takes
 * its whole grant with it (every access token issued from it too); an access token is refused from
 * then on. The answer is 200 whether or not the token was known or the client's (section 2.2).
 */
export function revocationEndpoint(context: ServerContext): (request: Request) => Promise<Response> {
  return endpoint(["POST"], async (request) => {
    const form = await readForm(request);
    const client = await authenticateClient(request, form, context.revocationAuth);
    const token = required(form, "token");
    const refresh = await context.provider.peekRefreshToken(sha256(token));
    if (refresh) {
      if (refresh.clientId === client.client_id)
        await context.provider.revokeGrant(refresh.grantId, nowSeconds() + context.accessTokenTtl);
    } else {
      const claims = await context.signer.read(token);
      if (claims && claims.client_id === client.client_id && typeof claims.jti === "string")
        await context.provider.revokeAccessToken(claims.jti, claims.exp ?? nowSeconds() + context.accessTokenTtl);
    }
    return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
  });
}
