import type { Command } from "commander";
import { OAuthClientAuth } from "../auth/client/client-auth.js";
import { OAuthFlowError } from "../auth/client/errors.js";
import { NodeOAuthProvider } from "../auth/client/node/provider.js";
import { CliError } from "./cli-error.js";
import type { Io } from "./output.js";

/** The authorization options of the commands that connect to a server. */
export interface CliAuthOptions {
  /** False with `--no-auth`: a server that asks for authorization is reported, never logged in to. */
  auth?: boolean;
  clientId?: string;
  clientSecret?: string;
  clientCredentials?: boolean;
  scope?: string;
  dpop?: boolean;
}

/** Adds `--no-auth`, `--client-id`, `--client-secret`, `--client-credentials`, `--scope` and `--dpop` to a command. */
export function addAuthOptions(command: Command): Command {
  return command
    .option("--no-auth", "do not authorize: a server that asks for authorization is only described")
    .option("--client-id <id>", "a client id registered with the server's authorization server (default: register one)")
    .option("--client-secret <secret>", "the client's secret (default: $MCP_CLIENT_SECRET when --client-id is given)")
    .option("--client-credentials", "authorize as the client itself (client credentials grant), without a browser")
    .option("--scope <scopes>", "the scopes to ask for, space-separated (default: those the server names)")
    .option("--dpop", "bind the tokens to a key of this machine (DPoP, RFC 9449)");
}

/** The authorization options among a command's parsed options. */
export function authOptionsOf(options: Record<string, unknown>): CliAuthOptions {
  const text = (name: string) => (typeof options[name] === "string" ? (options[name] as string) : undefined);
  const clientId = text("clientId");
  const clientSecret = text("clientSecret") ?? (clientId ? process.env.MCP_CLIENT_SECRET || undefined : undefined);
  const result: CliAuthOptions = { auth: options.auth !== false };
  if (clientId) result.clientId = clientId;
  if (clientSecret) result.clientSecret = clientSecret;
  if (options.clientCredentials === true) result.clientCredentials = true;
  if (text("scope")) result.scope = text("scope")!;
  if (options.dpop === true) result.dpop = true;
  if (result.clientCredentials && (!result.clientId || !result.clientSecret)) {
    throw new CliError("--client-credentials needs --client-id and --client-secret (or $MCP_CLIENT_SECRET)", 2);
  }
  if (result.clientSecret && !result.clientId) throw new CliError("--client-secret needs --client-id", 2);
  return result;
}

/** A server's authorization for one CLI run: the stored state, and the flow's shared state over it. */
export interface CliAuth {
  provider: NodeOAuthProvider;
  auth: OAuthClientAuth;
}

/**
 * The authorization for `url`, unless `--no-auth`: a {@link NodeOAuthProvider} over the file kept for
 * that server (browser and loopback redirect, or the client credentials grant), its steps printed to
 * stderr one per line.
 */
export async function openAuth(io: Io, url: string, options: CliAuthOptions | undefined): Promise<CliAuth | undefined> {
  if (options === undefined || options.auth === false) return undefined;
  const onStep = (line: string) => void io.err.write(`${line}\n`);
  const onFlowStep = (step: string, detail: string) => onStep(`${step}: ${detail}`);
  const provider = await NodeOAuthProvider.open(url, {
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
    ...(options.clientCredentials ? { clientCredentials: true } : {}),
    ...(options.dpop ? { dpop: true } : {}),
    clientName: "mcp (mcpkit)",
    onStep,
  });
  const auth = new OAuthClientAuth(url, provider, {
    ...(options.scope ? { scope: options.scope } : {}),
    onStep: onFlowStep,
  });
  return { provider, auth };
}

/** The authorization-flow failure somewhere in an error's cause chain, if any. */
export function flowFailure(error: unknown): OAuthFlowError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (e instanceof OAuthFlowError) return e;
  }
  return undefined;
}

/** The CLI's line for a flow that failed: the server, the step and the reason. */
export function flowFailureError(url: string, failure: OAuthFlowError): CliError {
  return new CliError(`authorizing with ${url} failed at ${failure.step}: ${failure.reason}`);
}
