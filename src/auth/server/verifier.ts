import type { AuthInfo } from "../../protocol/auth-info.js";

/** The HTTP request a token arrived with, as a verifier is shown it. */
export interface TokenRequest {
  readonly method: string;
  /** The request's full URL. */
  readonly url: string;
  /** The request headers by lower-case name. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** This server's resource URL (RFC 8707): the audience a token must have been issued for. */
  readonly resource: string;
}

/**
 * Checks an access token and says who it belongs to. Resolves with the caller's {@link AuthInfo};
 * rejects with {@link InvalidTokenError} when the token is not acceptable (malformed, expired, not
 * issued for this server, badly signed). Any other rejection is a failure of the verifier itself.
 */
export interface TokenVerifier {
  verify(token: string, request: TokenRequest): Promise<AuthInfo>;
}

/**
 * A token refused by a {@link TokenVerifier}: answered 401 with `error="invalid_token"`. The message
 * becomes the `error_description`, so it must say what is wrong without repeating the token.
 */
export class InvalidTokenError extends Error {
  override readonly name = "InvalidTokenError";

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
