/**
 * The CommonJS `require` of this module where the runtime has one (Node, Bun, Deno): how a dependency
 * is loaded synchronously, on first use, where the package is installed beside the code. Undefined
 * elsewhere (a Worker); a bundle has one but not the package, so callers fall back to a literal
 * `import()`, which bundlers follow.
 */
export function nodeRequire(): ((id: string) => unknown) | undefined {
  try {
    const module = globalThis.process?.getBuiltinModule?.("node:module");
    return module && typeof import.meta.url === "string" ? module.createRequire(import.meta.url) : undefined;
  } catch {
    return undefined;
  }
}
