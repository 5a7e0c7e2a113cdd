/**
 * The API report: for each entry point in package.json "exports", the declarations it exports, as
 * the .d.ts files in dist/ declare them, written to api/<name>.api.d.ts and committed, so every
 * change of the public API shows in review. Declarations that an export reaches but that no entry
 * point exports (an options interface, a base class) are printed too, in the first report that
 * reaches them: changing them changes the API as much. `npm run api` builds and rewrites the
 * reports; `npm run api:check` (run by pretest, after its build) fails when they differ.
 *
 * API Extractor was the first choice, but it stops on the generated `typeof import("./validators.cjs")`
 * (an import type naming a whole module), as does rollup-plugin-dts; the TypeScript compiler API
 * reads it, so this is written on that. Entries come from package.json, comments are left out,
 * and everything is sorted by name, so a moved file changes nothing here.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as prettier from "prettier";
import ts from "typescript";
import { packageRoot } from "../codegen/paths.js";

const root = packageRoot();
const reportFolder = join(root, "api");

/**
 * What "./types/*" is reported for: besides "./types" (the latest revision), the last stateful
 * revision. The other revisions come from the same generator, so a change to it shows here; all
 * of them would repeat each change five times over.
 */
const TYPES_REVISIONS = ["2025-11-25"];

interface Entry {
  /** The report's file name without extension: the subpath with "/" as "-" ("mcpkit-validate-core"). */
  name: string;
  /** The subpath as package.json spells it ("./validate/core"). */
  subpath: string;
  /** The entry point's declarations, absolute. */
  dts: string;
}

/** The exported subpaths with their "types" file, "./types/*" expanded to TYPES_REVISIONS. */
function entries(): Entry[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    name: string;
    exports: Record<string, string | { types?: string }>;
  };
  const result: Entry[] = [];
  for (const [pattern, target] of Object.entries(pkg.exports)) {
    const types = typeof target === "string" ? undefined : target.types;
    if (types === undefined) continue;
    for (const star of pattern.includes("*") ? TYPES_REVISIONS : [""]) {
      const subpath = pattern.replace("*", star);
      const name = [pkg.name, ...subpath.split("/").slice(1)].join("-");
      result.push({ name, subpath, dts: join(root, types.replace("*", star)) });
    }
  }
  return result;
}

/** The program over every entry point, compiled as a user of the package would. */
function program(all: Entry[]): ts.Program {
  return ts.createProgram(
    all.map((entry) => entry.dts),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ["node"],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
  );
}

/** A symbol with its import and export aliases followed to the declaration. */
function resolved(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The symbols one entry point exports, by the name it exports them under, sorted. */
function exportsOf(checker: ts.TypeChecker, source: ts.SourceFile): [string, ts.Symbol][] {
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`${source.fileName} is not a module`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((symbol): [string, ts.Symbol] => [symbol.name, resolved(checker, symbol)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether a declaration is a top-level one of the package's own (in dist/), not Node's or a dependency's. */
function isOwn(declaration: ts.Declaration): boolean {
  const file = declaration.getSourceFile().fileName;
  if (!file.startsWith(join(root, "dist") + "/")) return false;
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return ts.isSourceFile(statement.parent) || ts.isModuleBlock(statement.parent);
}

/** The node to print for a declaration: a variable's whole statement, else the declaration. */
function printable(declaration: ts.Declaration): ts.Node {
  if (ts.isVariableDeclaration(declaration)) return declaration.parent.parent;
  return declaration;
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** Every own symbol a declaration's text refers to by name (types, base classes, typeof). */
function referencedSymbols(checker: ts.TypeChecker, node: ts.Node): ts.Symbol[] {
  const found: ts.Symbol[] = [];
  const visit = (child: ts.Node): void => {
    let name: ts.Node | undefined;
    if (ts.isTypeReferenceNode(child)) name = child.typeName;
    else if (ts.isExpressionWithTypeArguments(child)) name = child.expression;
    else if (ts.isTypeQueryNode(child)) name = child.exprName;
    else if (ts.isImportTypeNode(child)) name = child.qualifier;
    if (name !== undefined) {
      const right = ts.isQualifiedName(name) ? name.right : ts.isPropertyAccessExpression(name) ? name.name : name;
      const symbol = checker.getSymbolAtLocation(right);
      if (symbol !== undefined) found.push(resolved(checker, symbol));
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found.filter((symbol) => (symbol.declarations ?? []).some(isOwn));
}

/** What every report shares: which symbols some entry exports, and which were printed already. */
interface Reach {
  exported: Set<ts.Symbol>;
  printed: Set<ts.Symbol>;
}

/** A symbol's declarations as text, and the own symbols they refer to. */
function declarationText(checker: ts.TypeChecker, symbol: ts.Symbol): { text: string; refs: ts.Symbol[] } {
  const parts: string[] = [];
  const refs: ts.Symbol[] = [];
  for (const declaration of symbol.declarations ?? []) {
    if (ts.isSourceFile(declaration) || !isOwn(declaration)) continue;
    const node = printable(declaration);
    parts.push(printer.printNode(ts.EmitHint.Unspecified, node, declaration.getSourceFile()));
    refs.push(...referencedSymbols(checker, node));
  }
  return { text: parts.join("\n"), refs };
}

/** One entry point's report: its exports, then what they reach that no entry exports. */
function report(checker: ts.TypeChecker, entry: Entry, source: ts.SourceFile, reach: Reach): string {
  const out = [
    `// API report for "${entry.subpath === "." ? "mcpkit" : `mcpkit/${entry.subpath.slice(2)}`}", made by scripts/api-report.ts from dist/: do not edit, run \`npm run api\`.`,
    "",
  ];
  const queue: ts.Symbol[] = [];
  for (const [name, symbol] of exportsOf(checker, source)) {
    if ((symbol.declarations ?? []).every(ts.isSourceFile)) {
      out.push(`// export * as ${name} (a module)`, "");
      continue;
    }
    const { text, refs } = declarationText(checker, symbol);
    out.push(symbol.name === name ? text : `// exported as ${name}\n${text}`, "");
    queue.push(...refs);
  }
  out.push(...reachedText(checker, queue, reach));
  return out.join("\n").trimEnd() + "\n";
}

/**
 * What the exports' declarations reach (following `queue`) that no entry point exports and no
 * earlier report printed, grouped by the module declaring it: the same name can be declared by
 * several revisions.
 */
function reachedText(checker: ts.TypeChecker, queue: ts.Symbol[], reach: Reach): string[] {
  const reached: [string, string][] = [];
  while (queue.length > 0) {
    const symbol = queue.shift()!;
    if (reach.exported.has(symbol) || reach.printed.has(symbol)) continue;
    reach.printed.add(symbol);
    const { text, refs } = declarationText(checker, symbol);
    const module = relative(join(root, "dist"), symbol.declarations![0]!.getSourceFile().fileName);
    if (text !== "") reached.push([`${module}\0${symbol.name}`, text]);
    queue.push(...refs);
  }
  if (reached.length === 0) return [];
  const out = ["// Reached from the exports above, but not exported by any entry point:", ""];
  let module = "";
  for (const [key, text] of reached.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const from = key.slice(0, key.indexOf("\0"));
    if (from !== module) out.push(`// ${(module = from)}`, "");
    out.push(text, "");
  }
  return out;
}

/** Every report's text, by file name. */
function reports(): Map<string, string> {
  const all = entries();
  const built = program(all);
  const checker = built.getTypeChecker();
  const sources = all.map((entry) => {
    const source = built.getSourceFile(entry.dts);
    if (source === undefined) throw new Error(`${entry.dts} is missing: run npm run build first`);
    return source;
  });
  const reach: Reach = { exported: new Set(), printed: new Set() };
  for (const source of sources) for (const [, symbol] of exportsOf(checker, source)) reach.exported.add(symbol);
  const result = new Map<string, string>();
  all.forEach((entry, index) => result.set(`${entry.name}.api.d.ts`, report(checker, entry, sources[index]!, reach)));
  return result;
}

/** The reports formatted by prettier with the project's configuration, as `prettier --check .` expects. */
async function formatted(texts: Map<string, string>): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const [file, text] of texts) {
    const filepath = join(reportFolder, file);
    const options = (await prettier.resolveConfig(filepath)) ?? {};
    result.set(file, await prettier.format(text, { ...options, filepath }));
  }
  return result;
}

/** Writes the reports (removing stale ones) and returns the files that changed. */
function write(texts: Map<string, string>): string[] {
  mkdirSync(reportFolder, { recursive: true });
  const changed: string[] = [];
  for (const file of readdirSync(reportFolder)) {
    if (file.endsWith(".api.d.ts") && !texts.has(file)) {
      rmSync(join(reportFolder, file));
      changed.push(file);
    }
  }
  for (const [file, text] of texts) {
    if (read(file) === text) continue;
    writeFileSync(join(reportFolder, file), text);
    changed.push(file);
  }
  return changed;
}

/** A committed report, or undefined when there is none. */
function read(file: string): string | undefined {
  try {
    return readFileSync(join(reportFolder, file), "utf8");
  } catch {
    return undefined;
  }
}

/** The files whose committed report differs from dist/, with the start of each difference printed. */
function check(texts: Map<string, string>): string[] {
  const stale = readdirSync(reportFolder).filter((file) => file.endsWith(".api.d.ts") && !texts.has(file));
  const changed = [...texts].filter(([file, text]) => read(file) !== text).map(([file]) => file);
  const temp = mkdtempSync(join(tmpdir(), "mcpkit-api-"));
  try {
    for (const file of changed) {
      writeFileSync(join(temp, file), texts.get(file)!);
      const diff = (() => {
        try {
          return execFileSync("diff", ["-u", join(reportFolder, file), join(temp, file)], { encoding: "utf8" });
        } catch (error) {
          return String((error as { stdout?: unknown }).stdout ?? "");
        }
      })().split("\n");
      process.stderr.write(diff.slice(0, 40).join("\n") + (diff.length > 40 ? "\n...\n" : "\n"));
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return [...stale, ...changed];
}

const texts = await formatted(reports());
if (process.argv.includes("--check")) {
  const differ = check(texts);
  if (differ.length > 0) {
    process.stderr.write(
      `\nThe public API differs from the committed report (${differ.map((f) => `api/${f}`).join(", ")}).\n` +
        "If the change is meant, run `npm run api` and commit the change.\n",
    );
    process.exitCode = 1;
  }
} else {
  const changed = write(texts);
  process.stdout.write(changed.length > 0 ? `Updated api/: ${changed.join(", ")}\n` : "api/ is up to date.\n");
}
