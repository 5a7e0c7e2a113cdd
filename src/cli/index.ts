#!/usr/bin/env node
// The `mcp` command. Each command lives in ./commands; this file only wires them up.
import { registerAuth } from "./commands/auth.js";
import { registerCall } from "./commands/call.js";
import { registerConnect } from "./commands/connect.js";
import { registerGenerate } from "./commands/generate.js";
import { registerInspect } from "./commands/inspect.js";
import { registerRun } from "./commands/run.js";
import { registerValidate } from "./commands/validate.js";
import { runProgram, type Register } from "./program.js";

/** Every command of `mcp`, in the order `--help` lists them. */
export const COMMANDS: Register[] = [
  registerInspect,
  registerCall,
  registerConnect,
  registerValidate,
  registerGenerate,
  registerRun,
  registerAuth,
];

process.exitCode = await runProgram(process.argv.slice(2), { out: process.stdout, err: process.stderr }, COMMANDS);
