import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { paint } from "../output.js";
import { timeoutOf, type CliContext } from "../program.js";
import { CliError } from "../target.js";

/** Where `mcp run --transport http` asks the server to listen unless told otherwise (FastMCP.runHttp's defaults). */
const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_PORT = 3000;

const TYPESCRIPT = new Set([".ts", ".mts", ".cts"]);
const JAVASCRIPT = new Set([".js", ".mjs", ".cjs"]);
const FORWARDED = ["SIGINT", "SIGTERM"] as const;

/**
 * The URL of tsx's loader, looked up from the server file's folder (the user's project), then the
 * working directory, then mcpkit itself; undefined when none of them can reach it.
 */
export function findTsx(file: string): string | undefined {
  for (const base of [file, join(process.cwd(), "noop.js"), import.meta.url]) {
    try {
      return pathToFileURL(createRequire(base).resolve("tsx")).href;
    } catch {
      // not reachable from there; try the next place
    }
  }
  return undefined;
}

/** How to start a server file with this Node: plain for JavaScript, through tsx's loader for TypeScript. */
function nodeArgs(file: string, given: string): string[] {
  const ext = extname(file).toLowerCase();
  if (JAVASCRIPT.has(ext)) return [file];
  if (!TYPESCRIPT.has(ext)) throw new CliError(`expected a .ts or .js server file, not ${given}`, 2);
  const tsx = findTsx(file);
  if (tsx === undefined)
    throw new CliError(
      `running a TypeScript file needs tsx: install it (npm install --save-dev tsx) or compile the server to JavaScript`,
    );
  return ["--import", tsx, file];
}

/** The environment of the server: this one, plus the transport it is to serve (MCPKIT_TRANSPORT, _HOST, _PORT). */
function childEnv(transport: { http: false } | { http: true; host: string; port: number }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MCPKIT_TRANSPORT: transport.http ? "http" : "stdio" };
  delete env.MCPKIT_HOST;
  delete env.MCPKIT_PORT;
  if (transport.http) Object.assign(env, { MCPKIT_HOST: transport.host, MCPKIT_PORT: String(transport.port) });
  return env;
}

/** Resolves with the exit status the child leaves: its code, or 128 + the signal that ended it. */
function exited(child: ChildProcess): Promise<number> {
  return new Promise((done, fail) => {
    child.once("error", fail);
    child.once("exit", (code, signal) => done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
}

/** Passes SIGINT and SIGTERM on to the child while it runs; returns the function that stops doing so. */
function forwardSignals(child: ChildProcess): () => void {
  const handlers = FORWARDED.map((signal) => {
    const handler = () => void child.kill(signal);
    process.on(signal, handler);
    return () => void process.off(signal, handler);
  });
  return () => handlers.forEach((off) => off());
}

/** Whether anything answers HTTP at `url` (any status counts; a refused connection does not). */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/** Waits until `url` answers, the child exits (a CliError), or `timeout` ms pass (a CliError naming the time). */
async function waitForServer(url: string, done: Promise<number>, timeout: number): Promise<void> {
  let code: number | undefined;
  void done.then((c) => (code = c)).catch(() => {});
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await answers(url)) return;
    if (code !== undefined)
      throw new CliError(
        `the server exited (status ${code}) before answering at ${url}; does it honour MCPKIT_TRANSPORT=http?`,
      );
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new CliError(
    `the server did not answer at ${url} within ${timeout / 1000} s (set --timeout <ms> to wait longer)`,
  );
}

function portOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new CliError(`--port must be a port number from 1 to 65535, not ${raw}`, 2);
  return port;
}

interface RunOptions {
  transport: string;
  port?: string;
  host?: string;
}

/** `mcp run <server.ts|server.js>`: runs a FastMCP server file over stdio (as if it were the server) or HTTP. */
export function registerRun(program: Command, ctx: CliContext): void {
  program
    .command("run")
    .summary("run a FastMCP server file over stdio or HTTP")
    .description(
      "run a FastMCP server file (TypeScript through tsx, or JavaScript): over stdio, standing in for the server, or over Streamable HTTP",
    )
    .argument("<file>", "the server file (.ts or .js)")
    .option("--transport <transport>", "stdio or http", "stdio")
    .option("--port <port>", `the HTTP port (default ${DEFAULT_PORT})`)
    .option("--host <host>", `the HTTP address to bind (default ${DEFAULT_HOST})`)
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  mcp run examples/calculate-sum.ts",
        "  mcp run examples/notes-server.ts --transport http --port 8080",
        '  mcp server inspect "mcp run examples/calculate-sum.ts"',
        "",
        "The server is told its transport through its environment: MCPKIT_TRANSPORT (stdio or http),",
        "and for http MCPKIT_HOST and MCPKIT_PORT.",
      ].join("\n"),
    )
    .action(async (file: string, options: RunOptions, command: Command) => {
      if (options.transport !== "stdio" && options.transport !== "http")
        throw new CliError(`--transport must be stdio or http, not ${options.transport}`, 2);
      const http = options.transport === "http";
      if (!http && (options.port !== undefined || options.host !== undefined))
        throw new CliError("--port and --host go with --transport http", 2);
      const path = resolve(file);
      if (!existsSync(path)) throw new CliError(`cannot run ${file}: no such file`, 2);
      if (statSync(path).isDirectory()) throw new CliError(`cannot run ${file}: it is a directory`, 2);
      const args = nodeArgs(path, file);
      if (!http) {
        ctx.exitCode = await runChild(args, childEnv({ http: false }));
        return;
      }
      const host = options.host ?? DEFAULT_HOST;
      const port = portOf(options.port);
      const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/mcp`;
      const timeout = timeoutOf(command);
      if (await answers(url)) throw new CliError(`something already answers at ${url}; choose another --port`);
      ctx.exitCode = await runChild(args, childEnv({ http: true, host, port }), async (done) => {
        await waitForServer(url, done, timeout);
        ctx.io.out.write(`serving ${file} at ${paint(ctx.io.out).cyan(url)} (Ctrl-C to stop)\n`);
      });
    });
}

/**
 * Spawns the server (sharing this process's stdio, or, with `ready`, all but stdin), forwards signals
 * to it until it exits, and resolves with its exit status; `ready` runs while it starts.
 */
async function runChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready?: (done: Promise<number>) => Promise<void>,
): Promise<number> {
  const child = spawn(process.execPath, args, { env, stdio: ready ? ["ignore", "inherit", "inherit"] : "inherit" });
  const done = exited(child);
  const stopForwarding = forwardSignals(child);
  try {
    await ready?.(done);
    return await done;
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await done.catch(() => {});
    throw error;
  } finally {
    stopForwarding();
  }
}
