/**
 * The import-cycle check (`npm run lint:cycles`, part of `npm run lint`): fails on any cycle of
 * runtime imports among the modules of src/, codegen/ and generated/. An `import type` or
 * `export type` edge breaks a cycle, since it is gone from the emitted JavaScript; a plain
 * `import { X }` counts even when X is only used as a type, so write `import type` for those.
 *
 * Today there is no runtime cycle, so there is no allow-list. (The known circle in src/server/,
 * server.ts -> extensions.ts / request-context.ts / subscriptions.ts -> server-session.ts ->
 * server.ts, closes only through `import type` edges.) Should a cycle ever have to be allowed for a
 * while, add a `pathNot` to the rule's `to` naming its modules, with a comment saying why.
 *
 * @type {import("dependency-cruiser").IConfiguration}
 */
export default {
  forbidden: [
    {
      name: "no-runtime-cycle",
      severity: "error",
      comment: "A cycle of runtime imports: one of these modules reads another before it has finished loading.",
      from: {},
      to: {
        circular: true,
        dependencyTypesNot: ["type-only"],
        viaOnly: { dependencyTypesNot: ["type-only"] },
      },
    },
  ],
  options: {
    includeOnly: "^(src|codegen|generated)/",
    // Read the TypeScript source, type-only imports included, so that each edge is labelled
    // "type-only" or not (as the rule above needs) rather than guessed from the compiled output.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
