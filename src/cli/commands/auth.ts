import type { Command } from "commander";
import { NodeOAuthProvider, type StoredAuthStatus } from "../../auth/client/node/provider.js";
import { addAuthOptions, authOptionsOf, flowFailure, flowFailureError, openAuth } from "../auth.js";
import type { Io } from "../output.js";
import type { CliContext } from "../program.js";
import { CliError } from "../target.js";

/** An http(s) or ws(s) server URL, as the auth commands take one. */
function serverUrl(word: string): string {
  if (!/^(https?|wss?):\/\//i.test(word)) throw new CliError(`not a server URL: ${word} (http(s):// or ws(s)://)`, 2);
  try {
    return new URL(word).href;
  } catch {
    throw new CliError(`not a URL: ${word}`, 2);
  }
}

/** `Tokens  Bearer from https://as, scope mcp:read, expires in 3599 s, refreshable` and the like. */
function statusLines(status: StoredAuthStatus): string[] {
  const lines = [`Server        ${status.server}`, `File          ${status.file}`];
  for (const issuer of status.issuers) lines.push(`Registered    ${issuer} as ${status.clientIds[issuer]}`);
  const t = status.tokens;
  if (t === undefined) lines.push("Tokens        none");
  else {
    const now = Math.floor(Date.now() / 1000);
    const expiry =
      t.expiresAt === undefined
        ? "no expiry given"
        : t.expiresAt > now
          ? `expires in ${t.expiresAt - now} s`
          : "expired";
    const parts = [`${t.tokenType} from ${t.issuer}`, ...(t.scope ? [`scope ${t.scope}`] : []), expiry];
    if (t.refreshable) parts.push("refreshable");
    lines.push(`Tokens        ${parts.join(", ")}`);
  }
  if (status.dpop) lines.push("DPoP key      kept (tokens bound to it)");
  return lines;
}

/** What is stored for `url`, without a loopback listener: status and logout only read and delete. */
function stored(url: string): Promise<NodeOAuthProvider> {
  return NodeOAuthProvider.open(url, { listen: false });
}

/** `mcp auth login <url>`: authorizes afresh (the browser, or the client credentials grant) and keeps the tokens. */
async function login(io: Io, url: string, command: Command): Promise<void> {
  const options = authOptionsOf(command.opts());
  if (options.auth === false) throw new CliError("auth login cannot be --no-auth", 2);
  const opened = (await openAuth(io, url, options))!;
  try {
    // The stored tokens are replaced, the registration kept: the whole flow runs now, before any request.
    await opened.provider.invalidate("tokens");
    await opened.auth.login(options.scope ? { scope: options.scope } : {});
  } catch (error) {
    const failure = flowFailure(error);
    throw failure === undefined ? error : flowFailureError(url, failure);
  } finally {
    await opened.provider.close();
  }
  const tokens = opened.provider.status().tokens;
  io.out.write(`logged in to ${url} (${tokens?.tokenType ?? "no"} token from ${tokens?.issuer ?? "nowhere"})\n`);
}

/** `mcp auth login | logout | status <url>`: what is stored for a server, kept in one 0600 file per server. */
export function registerAuth(program: Command, ctx: CliContext): void {
  const auth = program
    .command("auth")
    .description("log in to a protected server, log out, or show what is stored for it")
    .addHelpText(
      "after",
      "\nExamples:\n  mcp auth login https://mcp.example.com/mcp\n  mcp auth login https://mcp.example.com/mcp --client-id ci --client-credentials\n  mcp auth status https://mcp.example.com/mcp\n  mcp auth logout https://mcp.example.com/mcp\n\nMCPKIT_BROWSER names the command that opens the authorization page (the URL is appended).",
    );
  addAuthOptions(auth.command("login"))
    .description("authorize with a server now (opens the browser) and keep its tokens")
    .argument("<url>", "the server URL")
    .action(async (word: string, _options: unknown, command: Command) => login(ctx.io, serverUrl(word), command));
  auth
    .command("logout")
    .description("forget the registrations, tokens and key stored for a server")
    .argument("<url>", "the server URL")
    .action(async (word: string) => {
      const url = serverUrl(word);
      const provider = await stored(url);
      const file = provider.path;
      ctx.io.out.write((await provider.clear()) ? `forgot ${url} (deleted ${file})\n` : `nothing stored for ${url}\n`);
    });
  auth
    .command("status")
    .description("show what is stored for a server: registrations, token type, scope, expiry (never the tokens)")
    .argument("<url>", "the server URL")
    .option("--json", "print one JSON document")
    .action(async (word: string, options: { json?: boolean }) => {
      const provider = await stored(serverUrl(word));
      const status = provider.status();
      if (options.json) ctx.io.out.write(`${JSON.stringify(status, null, 2)}\n`);
      else ctx.io.out.write(`${statusLines(status).join("\n")}\n`);
      if (status.tokens === undefined && status.issuers.length === 0) ctx.exitCode = 1;
    });
}
