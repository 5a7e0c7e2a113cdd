import { nodeRequire } from "./node-require.js";

/** The `yaml` library (SKILL.md frontmatter), loaded on first use rather than with the package. */
export type Yaml = typeof import("yaml");

let loaded: Yaml | undefined;

/**
 * The YAML library, now: loaded synchronously the first time where it can be (Node, Bun, Deno with the
 * package installed). Elsewhere (a bundle, a Worker) {@link loadYaml} must have been awaited first, as
 * the skills code does before it reads a file; an error saying so otherwise.
 */
export function yaml(): Yaml {
  if (loaded) return loaded;
  const require = nodeRequire();
  try {
    if (require) return (loaded = require("yaml") as Yaml);
  } catch {
    // Not installed beside this module (a bundle): only the literal import below can load it.
  }
  throw new Error("mcpkit: the YAML library is not loaded yet here: await loadYaml() (from mcpkit/server) first");
}

/** Loads the YAML library by a literal `import()` that bundlers follow; resolves once {@link yaml} can be called. */
export async function loadYaml(): Promise<Yaml> {
  return (loaded ??= (await import("yaml")) as Yaml);
}
