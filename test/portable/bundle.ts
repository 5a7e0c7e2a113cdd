// Single-file esbuild bundles of the portable fixtures, as a user's build would make them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type BuildOptions } from "esbuild";
import { ROOT } from "../support/paths.js";

/** What a bundle left as imports, by output file, and where it is. */
export interface Bundle {
  file: string;
  dir: string;
  outputs: string[];
  imports: string[];
}

/**
 * Bundles `test/fixtures/portable/<entry>` into one ES module in a fresh temporary folder, away from
 * node_modules and generated/: whatever the bundle does not hold, it cannot find at run time.
 */
export async function bundle(entry: string, options: BuildOptions = {}): Promise<Bundle> {
  const dir = mkdtempSync(join(tmpdir(), "mcpkit-portable-"));
  const file = join(dir, entry.replace(/\.ts$/, ".mjs"));
  const result = await build({
    entryPoints: [join(ROOT, "test", "fixtures", "portable", entry)],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    outfile: file,
    metafile: true,
    logLevel: "error",
    ...options,
  });
  const outputs = Object.keys(result.metafile!.outputs);
  const imports = Object.values(result.metafile!.outputs).flatMap((o) => o.imports.map((i) => i.path));
  return { file, dir, outputs, imports };
}
