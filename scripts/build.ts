/** Compiles src/, codegen/ and generated/ into dist/, then copies the generated validators (CommonJS + .d.cts) beside them. */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "../codegen/paths.js";

const root = packageRoot();
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
rmSync(join(root, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
const generated = join(root, "generated");
for (const entry of readdirSync(generated, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  for (const file of readdirSync(join(generated, entry.name))) {
    if (!file.startsWith("validators.")) continue;
    mkdirSync(join(root, "dist", "generated", entry.name), { recursive: true });
    copyFileSync(join(generated, entry.name, file), join(root, "dist", "generated", entry.name, file));
  }
}
