/**
 * The step of the client's authorization flow at which something failed. Each names a stage of the
 * flow the MCP authorization spec orders: reading the 401's challenge, finding the Protected Resource
 * Metadata, finding the authorization server's metadata, registering the client, sending the user
 * to the authorization endpoint and checking the redirect back, the token request (or a refresh),
 * and the MCP request retried with the new token (or with more scope, after a 403).
 */
export type OAuthFlowStep =
  | "www-authenticate"
  | "protected-resource-metadata"
  | "authorization-server-metadata"
  | "registration"
  | "authorization-request"
  | "authorization-response"
  | "token-request"
  | "refresh"
  | "authorized-request"
  | "step-up";

/**
 * The authorization flow stopped: `step` says where, `reason` says why. The message is one line,
 * `<step>: <reason>`, so a caller can show it as it is.
 */
export class OAuthFlowError extends Error {
  /** The stage of the flow that failed. */
  readonly step: OAuthFlowStep;
  /** Why it failed, in one line. */
  readonly reason: string;
  /** The URL being fetched or checked when it failed, when there was one. */
  readonly url: string | undefined;
  /** The OAuth `error` code the server answered (`invalid_grant`, `invalid_client`, ...), when it gave one. */
  readonly oauthError: string | undefined;

  constructor(step: OAuthFlowStep, reason: string, options?: { url?: string; cause?: unknown; oauthError?: string }) {
    const line = reason.replace(/[\r\n]+/g, " ");
    super(`${step}: ${line}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OAuthFlowError";
    this.step = step;
    this.reason = line;
    this.url = options?.url;
    this.oauthError = options?.oauthError;
  }
}
