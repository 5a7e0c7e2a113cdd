/**
 * Compiles src/, codegen/ and generated/ into dist/, then puts the generated validators (CommonJS +
 * .d.cts) beside them. The validators are minified on the way (esbuild, whitespace, syntax and local
 * names): they are the bulk of the package, nobody reads them in dist/, and generated/ keeps the
 * readable source.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { packageRoot } from "../codegen/paths.js";

const root = packageRoot();
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/** The validators' module, minified, under its generated header (the first line: what made it, from which schema). */
function minified(source: string): string {
  const header = source.slice(0, source.indexOf("\n") + 1);
  const { code } = transformSync(source, { loader: "js", format: "cjs", minify: true, target: "node20" });
  return header + code;
}

rmSync(join(root, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
const generated = join(root, "generated");
for (const entry of readdirSync(generated, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  for (const file of readdirSync(join(generated, entry.name))) {
    if (!file.startsWith("validators.")) continue;
    const from = join(generated, entry.name, file);
    const to = join(root, "dist", "generated", entry.name, file);
    mkdirSync(join(root, "dist", "generated", entry.name), { recursive: true });
    if (file.endsWith(".cjs")) writeFileSync(to, minified(readFileSync(from, "utf8")));
    else copyFileSync(from, to);
  }
}
