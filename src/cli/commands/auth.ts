import type { Command } from "commander";
import { NodeOAuthProvider, type StoredAuthStatus } from "../../auth/client/node/provider.js";
import { addAuthOptions, authOptionsOf } from "../auth.js";
import type { Io } from "../output.js";
import { connectionOf, type CliContext } from "../program.js";
import { CliError, connect, parseTarget } from "../target.js";

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
  const connection = connectionOf(command);
  const options = authOptionsOf(command.opts());
  if (options.auth === false) throw new CliError("auth login cannot be --no-auth", 2);
  // Forget the tokens (not the registration), so that the server's 401 runs the whole flow.
  const before = await stored(url);
  await before.invalidate("tokens");
  await before.close();
  const session = await connect(io, parseTarget([url]), { ...connection, auth: options });
  await session.close();
  const after = (await stored(url)).status();
  if (after.tokens === undefined) {
    io.out.write(`${url} did not ask for authorization; nothing stored\n`);
    return;
  }
  io.out.write(`logged in to ${url} (${after.tokens.tokenType} token from ${after.tokens.issuer})\n`);
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
