/**
 * The step of the client's authorization flow at which something failed. Each names a stage of the
 * flow the MCP authorization spec orders: reading the 401's challenge, finding the Protected Resource
 * Metadata, finding the authorization server's metadata.
 */
export type OAuthFlowStep = "www-authenticate" | "protected-resource-metadata" | "authorization-server-metadata";

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

  constructor(step: OAuthFlowStep, reason: string, options?: { url?: string; cause?: unknown }) {
    const line = reason.replace(/[\r\n]+/g, " ");
    super(`${step}: ${line}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OAuthFlowError";
    this.step = step;
    this.reason = line;
    this.url = options?.url;
  }
}
