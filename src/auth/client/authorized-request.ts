import { OAuthClientAuth, type OAuthClientAuthOptions } from "./client-auth.js";
import { OAuthFlowError } from "./errors.js";
import type { OAuthClientProvider } from "./provider.js";

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

/** `headers` with the `Authorization` value and the DPoP proof added, when there are any. */
export function authorized<H extends Record<string, string | undefined>>(
  headers: H,
  authorization: string | undefined,
  dpop?: string,
): H {
  if (authorization === undefined) return headers;
  return { ...headers, authorization, ...(dpop === undefined ? {} : { dpop }) };
}

/** Throws an answer's body away, so its connection is freed. */
async function drop(answer: AuthorizedAnswer): Promise<void> {
  if (answer.discard) return answer.discard();
  await answer.body?.cancel().catch(() => {});
}

/**
 * Sends one request through `send`, given the `Authorization` header to add (undefined: none; only
 * ever set for the MCP server's own origin). A 401 runs the flow once and retries; a 403
 * `insufficient_scope` steps up and retries, at most `auth.maxStepUps` times. A 401 to the token
 * the flow just obtained ends with an {@link OAuthFlowError} at `authorized-request`. With
 * `interactive` false (a DELETE on close), no flow runs and the answer is returned as it is.
 */
export async function sendAuthorized<A extends AuthorizedAnswer>(
  auth: OAuthClientAuth,
  url: URL,
  send: (authorization: string | undefined, dpop?: string) => Promise<A>,
  interactive = true,
  method = "POST",
): Promise<A> {
  const allowed = auth.mayAuthorize(url);
  let flows = 0;
  let stepUps = 0;
  let nonces = 0;
  for (;;) {
    const authorization = allowed ? await auth.authorization() : undefined;
    const proof = await auth.proof(method, url, authorization);
    const response = await send(authorization, proof);
    // A DPoP server may ask for a nonce (RFC 9449 section 9): one more try with a fresh proof carrying it.
    if (proof !== undefined && (await auth.dpopNonce(url, response.status, response.headers)) && nonces++ < 1) {
      await drop(response);
      continue;
    }
    if (!interactive || !allowed || (response.status !== 401 && response.status !== 403)) {
      if (authorization !== undefined && response.status < 400) auth.accepted();
      return response;
    }
    const challenge = response.headers.get("www-authenticate");
    if (response.status === 401) {
      await drop(response);
      if (flows++ > 0) {
        throw new OAuthFlowError("authorized-request", `${url.href} refused the token the flow obtained (HTTP 401)`);
      }
      await auth.unauthorized(challenge, authorization);
      continue;
    }
    if (stepUps >= auth.maxStepUps) return response;
    let stepped: boolean;
    try {
      stepped = await auth.forbidden(challenge, authorization);
    } catch (error) {
      await drop(response);
      throw error;
    }
    if (!stepped) return response;
    await drop(response);
    stepUps++;
  }
}
