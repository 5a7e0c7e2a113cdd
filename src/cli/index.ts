#!/usr/bin/env node
// The `mcp` command. Each command lives in ./commands; this file only wires them up.
import { registerCall } from "./commands/call.js";
import { registerInspect } from "./commands/inspect.js";
import { runProgram, type Register } from "./program.js";

/** Every command of `mcp`, in the order `--help` lists them. */
export const COMMANDS: Register[] = [registerInspect, registerCall];

process.exitCode = await runProgram(process.argv.slice(2), { out: process.stdout, err: process.stderr }, COMMANDS);
