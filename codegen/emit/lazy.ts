import { header } from "./names.js";

/**
 * Emits lazy.ts: how a revision's validators (validators.cjs, a few hundred kilobytes of ajv
 * standalone code each) are loaded the first time one is read, synchronously, so that importing the
 * registry costs none of them. The same text for every schema; the only behaviour generated/ holds.
 */
export function emitLazy(): string {
  return `${header("the generator itself", "none")}import { createRequire } from "node:module";

/**
 * One revision's validators, required from its CommonJS file the first time one of them is read.
 * \`exports\` names every validator from the start, each a getter that loads the file; the method
 * tables given to \`table\` read \`exports\` through getters of their own. Loading replaces all of
 * them with plain values, and each table entry with a plain copy: once loaded, reading a validator
 * costs what reading any data property costs.
 */
export class LazyValidators<V extends object> {
  /** Every validator by export name. */
  readonly exports: V;
  readonly #url: string;
  readonly #file: string;
  readonly #tables: Record<string, object>[] = [];

  /** \`file\` is resolved against \`url\` (the importing module's \`import.meta.url\`). */
  constructor(url: string, file: string, names: readonly (keyof V & string)[]) {
    this.#url = url;
    this.#file = file;
    const exports = {} as V;
    const load = (name: keyof V) => {
      this.#load();
      return exports[name];
    };
    for (const name of names)
      Object.defineProperty(exports, name, { get: () => load(name), enumerable: true, configurable: true });
    this.exports = exports;
  }

  /** \`table\`, whose entries read \`exports\` through getters: each entry is replaced by a plain copy on loading. */
  table<T extends Record<string, object>>(table: T): T {
    this.#tables.push(table);
    return table;
  }

  #load(): void {
    const module = createRequire(this.#url)(this.#file) as V;
    for (const name of Object.keys(this.exports) as (keyof V)[])
      Object.defineProperty(this.exports, name, { value: module[name], enumerable: true, configurable: false });
    for (const table of this.#tables as Record<string, object>[])
      for (const [key, entry] of Object.entries(table)) table[key] = settle(entry);
  }
}

/** A plain copy of \`entry\` (V8 keeps an object literal with getters in slow dictionary mode); its getters become values too. */
function settle(entry: object): object {
  const copy: Record<string, unknown> = { ...entry };
  for (const [key, property] of Object.entries(Object.getOwnPropertyDescriptors(entry)))
    if (property.get)
      Object.defineProperty(entry, key, { value: copy[key], writable: true, enumerable: true, configurable: true });
  return copy;
}
`;
}

/**
 * Emits runtime.ts, the package's `mcpkit/generated` subpath: what a revision generated outside the
 * package (`mcp generate`) imports, so that its files name the installed mcpkit's shared types and
 * loader instead of carrying copies of them.
 */
export function emitRuntime(): string {
  return `${header("the generator itself", "none")}
/** The shared types of generated revisions (\`RevisionSpec\`, \`Validator\`, ...). */
export type * from "./common.js";

/** How a generated revision's validators are loaded on first use. */
export { LazyValidators } from "./lazy.js";
`;
}
