import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The mcpkit package root, found from this file whether it runs from source or from dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "schema", "revisions.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("mcpkit: cannot find the package's schema/revisions.json");
    dir = parent;
  }
  return dir;
}
