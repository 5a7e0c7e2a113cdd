import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The MCP specification mirror the schemas were synced from. */
export const SPEC_DIR = process.env.MCP_SCHEMA_DIR
  ? resolve(process.env.MCP_SCHEMA_DIR)
  : join(ROOT, "..", "shared", "mcp-spec");

export const hasSpecMirror = existsSync(join(SPEC_DIR, "schema"));

/** Runs a command to completion and reports its exit code and output; never throws on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(command, args, { cwd: options.cwd ?? ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Runs a TypeScript script of the project under tsx. */
export function runTsx(script: string, args: string[]) {
  return run(process.execPath, ["--import", "tsx", join(ROOT, script), ...args]);
}
