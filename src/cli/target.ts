import { parse as parseShell } from "shell-quote";
import type { Revision } from "../../generated/index.js";
import { ClientSession, type ClientCapabilities } from "../client/client-session.js";
import { silentLogger } from "../protocol/logger.js";
import type { Transport } from "../protocol/transport.js";
import { stdioClient } from "../transports/stdio/stdio.js";
import { streamableHttpClient } from "../transports/http/streamable-http-client.js";
import { sseClient } from "../transports/http/sse-client.js";
import { websocketClient } from "../transports/websocket/websocket.js";
import type { ClientAuthOption } from "../auth/client/authorized-request.js";
import { flowFailure, flowFailureError, openAuth, type CliAuthOptions } from "./auth.js";
import { authorizationError, authorizationRefusal } from "./authorization.js";
import { CliError } from "./cli-error.js";
import { withSpinner, type Io } from "./output.js";

/** Something to connect to: a URL, or a server command and its arguments. */
export type Target = { url: string; sse?: boolean } | { command: string; args: string[] };

export { CliError };

/**
 * Reads a target from words: `http(s)://…` and `ws(s)://…` are URLs; anything else is a server command.
 * A single word with spaces (`"node server.js"`) is split as a shell would. `sse` (`--sse`) asks for
 * the legacy HTTP+SSE transport, which only an http(s) URL can mean: with anything else it is a usage error.
 */
export function parseTarget(words: string[], options: { url?: string; sse?: boolean } = {}): Target {
  const url = options.url ?? (/^(https?|wss?):\/\//i.test(words[0] ?? "") ? words[0] : undefined);
  if (options.sse && !/^https?:\/\//i.test(url ?? ""))
    throw new CliError("--sse speaks HTTP+SSE to an http(s):// URL; it cannot apply to this target", 2);
  if (url !== undefined) return { url, ...(options.sse ? { sse: true } : {}) };
  const first = words[0];
  if (first === undefined)
    throw new CliError("no server given: pass a command (e.g. `node server.js`) or --url <url>", 2);
  const split =
    words.length === 1 ? parseShell(first).filter((part): part is string => typeof part === "string") : words;
  const [command, ...args] = split;
  if (!command) throw new CliError(`cannot read a command from ${JSON.stringify(first)}`, 2);
  return { command, args };
}

/** Describes a target for messages. */
export function describeTarget(target: Target): string {
  return "url" in target ? target.url : [target.command, ...target.args].join(" ");
}

/**
 * The transport a target calls for: stdio for a command, Streamable HTTP (or HTTP+SSE) or WebSocket for a
 * URL. A server command's stderr is kept out of the way, its last lines going into the error its exit
 * causes; `stderr` (--verbose) is handed every line as it comes. `auth` authorizes requests to a URL.
 */
export function transportFor(
  target: Target,
  stderr: (line: string) => void = () => {},
  auth?: ClientAuthOption,
): Transport {
  if (!("url" in target)) return stdioClient({ command: target.command, args: target.args, stderr });
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    throw new CliError(`not a URL: ${target.url}`, 2);
  }
  const options = auth === undefined ? {} : { auth };
  if (url.protocol === "ws:" || url.protocol === "wss:") return websocketClient(url, options);
  return target.sse ? sseClient(url, options) : streamableHttpClient(url, options);
}

/** Options of a CLI connection. */
export interface ConnectOptions {
  /** Milliseconds to wait for the server to answer initialize, and for each call. */
  timeout: number;
  /** The revision to speak (`--protocol-version`); by default 2026-07-28, falling back to a stateful handshake. */
  protocolVersion?: Revision;
  /** Client capabilities to declare beyond those the handlers set up imply (e.g. URL elicitation). */
  capabilities?: ClientCapabilities;
  setup?: (session: ClientSession) => void;
  /** `--verbose`: a server command's stderr is printed as it comes, not only its last lines on failure. */
  verbose?: boolean;
  /** How to answer a server that asks for authorization (absent: as with `--no-auth`). */
  auth?: CliAuthOptions;
}

/**
 * Connects and initializes, behind a spinner on a terminal; failures become one clear line. A URL
 * that refuses with 401 is an `AuthorizationRequiredError` saying what it requires.
 */
export async function connect(io: Io, target: Target, options: ConnectOptions): Promise<ClientSession> {
  const stderr = options.verbose ? (line: string) => void io.err.write(`${line}\n`) : undefined;
  const url = "url" in target ? target.url : undefined;
  const cliAuth = url === undefined ? undefined : await openAuth(io, url, options.auth);
  const session = new ClientSession(transportFor(target, stderr, cliAuth?.auth), {
    clientInfo: { name: "mcpkit-cli", version: "0.1.0" },
    logger: silentLogger,
    requestTimeout: options.timeout,
    ...(options.protocolVersion ? { protocolVersion: options.protocolVersion } : {}),
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
  });
  options.setup?.(session);
  try {
    await withSpinner(io, `connecting to ${describeTarget(target)}`, session.initialize({ timeout: options.timeout }));
    return session;
  } catch (error) {
    await session.close().catch(() => {});
    const failure = flowFailure(error);
    if (failure !== undefined && url !== undefined) throw flowFailureError(url, failure);
    const refusal = authorizationRefusal(error);
    if (refusal !== undefined && "url" in target) throw await authorizationError(target.url, refusal);
    throw new CliError(`cannot connect to ${describeTarget(target)}: ${reason(error)}`);
  } finally {
    // The loopback listener opens again if the session needs another authorization (a step-up).
    await cliAuth?.provider.close();
  }
}

/** The one-line reason of a failure, with its cause when it has one. */
export function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause =
    error.cause instanceof Error && !error.message.includes(error.cause.message) ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}
