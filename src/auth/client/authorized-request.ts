import { OAuthClientAuth, type OAuthClientAuthOptions } from "./client-auth.js";
import { OAuthFlowError } from "./errors.js";
import type { OAuthClientProvider, PresentedRequest } from "./provider.js";

/** The `auth` option of the HTTP and WebSocket client transports: a provider, or a state shared with other transports. */
export type ClientAuthOption = OAuthClientProvider | OAuthClientAuth;

/** The shared state for `auth` and the server at `url`: the one given, or a new one for the provider. */
export function clientAuthFor(
  auth: ClientAuthOption,
  url: string | URL,
  options: OAuthClientAuthOptions = {},
): OAuthClientAuth {
  return auth instanceof OAuthClientAuth ? auth : new OAuthClientAuth(url, auth, options);
}

/** What {@link sendAuthorized} needs of an HTTP answer: a fetch Response, or a transport's own answer with `discard`. */
export interface AuthorizedAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  discard?(): Promise<void>;
  readonly body?: ReadableStream<Uint8Array> | null;
}

/** Throws an answer's body away, so its connection is freed. */
async function drop(answer: AuthorizedAnswer): Promise<void> {
  if (answer.discard) return answer.discard();
  await answer.body?.cancel().catch(() => {});
}

/**
 * Sends one request through `send`, given the headers that authorize it (none without a token; only
 * ever for the MCP server's own origin). A 401 the presenter can answer itself (a DPoP nonce) is
 * sent again once; any other 401 runs the flow once and retries; a 403 `insufficient_scope` steps
 * up and retries, at most `auth.maxStepUps` times. A 401 to the token the flow just obtained ends
 * with an {@link OAuthFlowError} at `authorized-request`. With `interactive` false (a DELETE on
 * close), no flow runs and the answer is returned as it is.
 */
export async function sendAuthorized<A extends AuthorizedAnswer>(
  auth: OAuthClientAuth,
  request: PresentedRequest,
  send: (headers: Record<string, string>) => Promise<A>,
  interactive = true,
): Promise<A> {
  const allowed = auth.mayAuthorize(request.url);
  let flows = 0;
  let stepUps = 0;
  let nonceRetried = false;
  for (;;) {
    const headers = allowed ? await auth.headers(request, { wait: interactive }) : {};
    const sent = tokenOf(headers);
    const response = await send(headers);
    if (!interactive || !allowed || (response.status !== 401 && response.status !== 403)) {
      if (sent !== undefined && response.status < 400) auth.accepted();
      return response;
    }
    const challenge = response.headers.get("www-authenticate");
    if (response.status === 401) {
      await drop(response);
      if (sent !== undefined && !nonceRetried && auth.presenter.retryWithoutFlow?.(response, request)) {
        nonceRetried = true;
        continue;
      }
      if (flows++ > 0) {
        throw new OAuthFlowError(
          "authorized-request",
          `${request.url.href} refused the token the flow obtained (HTTP 401)`,
        );
      }
      await auth.unauthorized(challenge, sent);
      continue;
    }
    if (stepUps >= auth.maxStepUps) return response;
    let stepped: boolean;
    try {
      stepped = await auth.forbidden(challenge, sent);
    } catch (error) {
      await drop(response);
      throw error;
    }
    if (!stepped) return response;
    await drop(response);
    stepUps++;
  }
}

/** The access token an Authorization header carries (`Bearer x`, `DPoP x`), if any. */
function tokenOf(headers: Record<string, string>): string | undefined {
  const value = headers.authorization;
  return value === undefined ? undefined : value.slice(value.indexOf(" ") + 1);
}
