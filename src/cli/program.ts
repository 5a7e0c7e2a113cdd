import { Command, CommanderError } from "commander";
import { LATEST, REVISIONS, type Revision } from "../../generated/index.js";
import { authOptionsOf, type CliAuthOptions } from "./auth.js";
import type { Io } from "./output.js";
import { CliError, reason } from "./target.js";

/** What every command gets: where to write, and the exit code to leave. */
export interface CliContext {
  io: Io;
  /** Set by a command to end with a non-zero status without an error line (e.g. a tool result with isError). */
  exitCode: number;
}

/** A command module adds its commands to the program. */
export type Register = (program: Command, ctx: CliContext) => void;

/** Runs the `mcp` program over `argv` (without node and the script); resolves with the exit status. */
export async function runProgram(argv: string[], io: Io, registers: Register[]): Promise<number> {
  const ctx: CliContext = { io, exitCode: 0 };
  const program = new Command("mcp")
    .description("The Model Context Protocol from the command line: inspect, call, read, validate, generate, run.")
    .option("--verbose", "print stack traces and protocol details")
    .option("--timeout <ms>", "how long to wait for a server, in milliseconds", "30000")
    .option(
      "--protocol-version <revision>",
      `the revision to speak to a server (${REVISIONS.join(", ")}; default: ${LATEST}, falling back to the initialize handshake)`,
      parseRevision,
    )
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.out.write(text),
      writeErr: (text) => void io.err.write(text),
      // A usage error commander finds reads like every other one: `mcp: ...`, status 2.
      outputError: (text, write) => write(text.replace(/^error: /, "mcp: ")),
    });
  for (const register of registers) register(program, ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : Math.max(error.exitCode, 2);
    const verbose = program.opts<{ verbose?: boolean }>().verbose === true;
    io.err.write(`mcp: ${reason(error)}\n`);
    if (verbose && error instanceof Error && error.stack) io.err.write(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/** The global --timeout, as milliseconds. */
export function timeoutOf(command: Command): number {
  const raw = command.optsWithGlobals<{ timeout?: string }>().timeout ?? "30000";
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0)
    throw new CliError(`--timeout must be a positive number of milliseconds, not ${raw}`, 2);
  return ms;
}

/** A `--protocol-version` value, checked against the revisions mcpkit speaks when the command line is read. */
function parseRevision(value: string): Revision {
  if (!(REVISIONS as readonly string[]).includes(value))
    throw new CliError(`--protocol-version must be one of ${REVISIONS.join(", ")}, not ${value}`, 2);
  return value as Revision;
}

/** What every connection takes from the global options: --timeout, --protocol-version and --verbose. */
export function connectionOf(command: Command): {
  timeout: number;
  protocolVersion?: Revision;
  verbose: boolean;
  auth?: CliAuthOptions;
} {
  const { protocolVersion: version, verbose } = command.optsWithGlobals<{
    protocolVersion?: Revision;
    verbose?: boolean;
  }>();
  // The commands given addAuthOptions() have `auth` (true unless --no-auth) among their options.
  const opts = command.opts<Record<string, unknown>>();
  return {
    timeout: timeoutOf(command),
    ...(version ? { protocolVersion: version } : {}),
    verbose: verbose === true,
    ...("auth" in opts ? { auth: authOptionsOf(opts) } : {}),
  };
}
