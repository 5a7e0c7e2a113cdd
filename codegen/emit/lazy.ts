import { header } from "./names.js";

/** The text of lazy.ts before the class: how a runtime without a synchronous loader is told apart and waited for. */
const LOADING = `/** The CommonJS \`require\` of the module at \`url\`, where the runtime has one (Node, Bun, Deno): found at run time, so that bundlers and edge runtimes see no \`node:module\` import. */
function nodeRequire(url: string): ((id: string) => unknown) | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const module = process?.getBuiltinModule?.("node:module") as
    | { createRequire(url: string): (id: string) => unknown }
    | undefined;
  try {
    return module && typeof url === "string" ? module.createRequire(url) : undefined;
  } catch {
    // A runtime that names node:module but cannot make a require of a file URL (an edge runtime).
    return undefined;
  }
}

/**
 * Thrown when a validator is read before its revision's validators are loaded and they cannot be
 * loaded synchronously (a bundle, an edge runtime): \`loading\` settles once they are, and the reader
 * tries again then. A connection does that for every message it receives and every request it sends.
 */
export class ValidatorsLoading extends Error {
  readonly loading: Promise<void>;

  constructor(file: string, loading: Promise<void>) {
    super(\`mcpkit: the validators \${file} are still loading; await \\\`loadValidators(revision)\\\` before reading one synchronously\`);
    this.name = "ValidatorsLoading";
    this.loading = loading;
  }
}

const loaders = new WeakMap<object, LazyValidators<object>>();

/**
 * Loads the validators of a revision (its \`validators\` object) if they are not yet loaded: what code
 * that reads validators synchronously awaits first where they cannot be loaded synchronously.
 */
export function loadValidators(revision: { readonly validators: object }): Promise<void> {
  return loaders.get(revision.validators)?.ready() ?? Promise.resolve();
}

`;

/** The text of lazy.ts from the class on. */
const LAZY_VALIDATORS = `/**
 * One revision's validators, loaded from their CommonJS file the first time one of them is read.
 * \`exports\` names every validator from the start, each a getter that loads the file; the method
 * tables given to \`table\` read \`exports\` through getters of their own. Loading replaces all of
 * them with plain values, and each table entry with a plain copy: once loaded, reading a validator
 * costs what reading any data property costs.
 *
 * Where the runtime has a CommonJS \`require\` and the file sits beside the module (Node, Bun, Deno,
 * unbundled), the first read loads it synchronously. Elsewhere (a bundle, an edge runtime) \`load\`,
 * the module's \`import("./validators.cjs")\` that bundlers follow, loads it: the first read throws
 * {@link ValidatorsLoading}, whose promise settles once it is loaded.
 */
export class LazyValidators<V extends object> {
  /** Every validator by export name. */
  readonly exports: V;
  readonly #url: string;
  readonly #file: string;
  readonly #import: (() => Promise<unknown>) | undefined;
  readonly #tables: Record<string, object>[] = [];
  #loaded = false;
  #loading: Promise<void> | undefined;

  /** \`file\` is resolved against \`url\` (the importing module's \`import.meta.url\`); \`load\` imports it. */
  constructor(url: string, file: string, names: readonly (keyof V & string)[], load?: () => Promise<unknown>) {
    this.#url = url;
    this.#file = file;
    this.#import = load;
    const exports = {} as V;
    const read = (name: keyof V) => {
      this.#loadNow();
      return exports[name];
    };
    for (const name of names)
      Object.defineProperty(exports, name, { get: () => read(name), enumerable: true, configurable: true });
    this.exports = exports;
    loaders.set(exports, this as LazyValidators<object>);
  }

  /** \`table\`, whose entries read \`exports\` through getters: each entry is replaced by a plain copy on loading. */
  table<T extends Record<string, object>>(table: T): T {
    this.#tables.push(table);
    return table;
  }

  /** Resolves once the validators are loaded (at once if they are); rejects when they cannot be. */
  ready(): Promise<void> {
    if (this.#loaded) return Promise.resolve();
    if (!this.#import) return Promise.resolve().then(() => this.#loadNow());
    this.#loading ??= this.#import().then(
      (module) => this.#settle(((module as { default?: V }).default ?? module) as V),
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  #loadNow(): void {
    if (this.#loaded) return;
    const require = nodeRequire(this.#url);
    if (require) {
      let module: V | undefined;
      try {
        module = require(this.#file) as V;
      } catch (error) {
        if (!this.#import) throw error;
      }
      if (module) return this.#settle(module);
    }
    if (!this.#import) throw new Error(\`mcpkit: cannot load \${this.#file}: this runtime has no require\`);
    throw new ValidatorsLoading(this.#file, this.ready());
  }

  #settle(module: V): void {
    if (this.#loaded) return;
    this.#loaded = true;
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

/**
 * Emits lazy.ts: how a revision's validators (validators.cjs, a few hundred kilobytes of ajv
 * standalone code each) are loaded the first time one is read (synchronously where the runtime can,
 * else by the module's literal import(), which bundlers follow), so that importing the
 * registry costs none of them. The same text for every schema; the only behaviour generated/ holds.
 */
export function emitLazy(): string {
  return `${header("the generator itself", "none")}\n${LOADING}${LAZY_VALIDATORS}`;
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
export { LazyValidators, ValidatorsLoading, loadValidators } from "./lazy.js";
`;
}
