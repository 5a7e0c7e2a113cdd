/**
 * Compiles src/, codegen/ and generated/ into dist/, then puts the generated validators (CommonJS +
 * .d.cts) beside them. The validators are minified on the way (esbuild, whitespace, syntax and local
 * names): they are the bulk of the package, nobody reads them in dist/, and generated/ keeps the
 * readable source. Last, the package's entry points are bundled into dist/bundle/ (see bundle()).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import { build, transformSync } from "esbuild";
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

/**
 * The entry points the package exports, bundled (esbuild, ES modules, shared code split into chunks
 * so that every entry sees one copy of each class): a process importing mcpkit/server reads a
 * handful of files instead of some sixty, which is most of its start-up cost. Dependencies stay imports, and
 * so does generated/: its modules find their validators relative to themselves. Not minified, so
 * that stack traces read as the source does. dist/src/ keeps the unbundled modules (their
 * declarations are the package's types; the JavaScript is not published).
 */
const ENTRIES = {
  index: "src/index.js",
  server: "src/server/index.js",
  // Its own entry point: only a process that imports mcpkit/redis loads the optional `redis` client.
  redis: "src/redis/index.js",
  validate: "src/validate/index.js",
  "validate-core": "src/validate/core.js",
  codegen: "codegen/index.js",
  cli: "src/cli/index.js",
  // Not a subpath of the package: an entry of its own puts the error classes in a chunk of their own,
  // so that a bundler given `sideEffects` drops everything else when only McpError is imported (about
  // 1 KB minified, where the shared chunk with the session engine and the registry made it 78 KB).
  errors: "src/protocol/errors.js",
};

async function bundle(): Promise<void> {
  const dist = join(root, "dist");
  const outdir = join(dist, "bundle");
  const generatedDir = join(dist, "generated") + sep;
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(dist, file)])),
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    plugins: [
      {
        name: "generated-stays-apart",
        setup(plugin) {
          plugin.onResolve({ filter: /generated/ }, ({ path, resolveDir }) => {
            const target = resolve(resolveDir, path);
            if (!target.startsWith(generatedDir)) return undefined;
            return {
              path: `./${relative(outdir, target).split(sep).join("/")}`.replace(/^\.\/\.\./, ".."),
              external: true,
            };
          });
        },
      },
    ],
  });
}

await bundle();
