/**
 * Shared pieces of the benchmark: where the built package is, how a rate is measured, how the sides
 * of a workload are interleaved, and the statistics printed for them.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import process from "node:process";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

/** This directory. */
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
/** The package root. */
export const ROOT = join(BENCH_DIR, "..", "..");

/**
 * The built package measured: dist/, or a copy of it named by MCPKIT_BENCH_DIST (set by `--dist`),
 * which must sit inside the package so that its imports resolve to the same node_modules.
 */
export function distDir() {
  return process.env.MCPKIT_BENCH_DIST ? resolve(process.env.MCPKIT_BENCH_DIST) : join(ROOT, "dist");
}

/** Extra node flags for the server processes the workloads start, from MCPKIT_BENCH_CHILD_ARGS (e.g. "--cpu-prof"). */
export function childArgs() {
  return (process.env.MCPKIT_BENCH_CHILD_ARGS ?? "").split(" ").filter(Boolean);
}

/**
 * A file URL of what the package exports as `name` (".", "./server", "./validate"), as a consumer's
 * import would resolve it, read from the measured dist/.
 */
export function entry(name) {
  const target = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).exports[name]?.default;
  if (!target?.startsWith("./dist/")) throw new Error(`package.json exports no ${name} from dist/`);
  return dist(target.slice("./dist/".length));
}

/** A file URL of a module of the built package, e.g. `dist("src/index.js")`. */
export function dist(path) {
  const file = join(distDir(), path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return pathToFileURL(file).href;
}

/** The sides every workload measures, in the order of the first repetition. */
export const SIDES = ["mcpkit", "official", "floor"];

/** Writes one line to stdout (library lint forbids console). */
export function say(line = "") {
  process.stdout.write(`${line}\n`);
}

/** Collects garbage when node runs with --expose-gc, so one side's garbage is not collected on the next one's time. */
export function collect() {
  if (typeof globalThis.gc === "function") globalThis.gc();
}

/**
 * Calls `op` in a closed loop from `inFlight` concurrent workers for about `ms` milliseconds and
 * returns completions per second; the clock stops when the last worker has finished its call.
 */
export async function rate(op, inFlight, ms) {
  collect();
  let done = 0;
  let stop = false;
  const start = performance.now();
  const deadline = start + ms;
  const worker = async () => {
    while (!stop) {
      await op();
      done++;
      if (performance.now() >= deadline) stop = true;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return (done * 1000) / (performance.now() - start);
}

/** Like {@link rate} for synchronous work: `op()` does `op.count` units per call. */
export function syncRate(op, units, ms) {
  collect();
  let done = 0;
  const start = performance.now();
  const deadline = start + ms;
  let now = start;
  while (now < deadline) {
    op();
    done += units;
    now = performance.now();
  }
  return (done * 1000) / (now - start);
}

/** The sides in the order repetition `i` runs them: rotated so that no side always goes first. */
export function order(i, sides = SIDES) {
  return sides.map((_, k) => sides[(i + k) % sides.length]);
}

/**
 * Runs `measure(side)` for each side, `warmup` untimed rounds then `reps` timed rounds, the sides
 * interleaved and rotated; returns `{ mcpkit: [...], official: [...], floor: [...] }`.
 */
export async function interleave(measure, { reps, warmup = 1, sides = SIDES }) {
  for (let i = 0; i < warmup; i++) for (const side of order(i, sides)) await measure(side, -1);
  const out = Object.fromEntries(sides.map((s) => [s, []]));
  for (let i = 0; i < reps; i++) for (const side of order(i, sides)) out[side][i] = await measure(side, i);
  return out;
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min and max of a list. */
export function stats(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** The pairwise ratios a[i] / b[i]. */
export function ratios(a, b) {
  return a.map((x, i) => x / b[i]);
}

/** A number in a short, readable form: 3 significant digits, thousands kept whole. */
export function fmt(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return "-";
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A byte count in KB or MB. */
export function bytes(value) {
  if (Math.abs(value) >= 1e6) return `${(value / 1e6).toFixed(2)} MB`;
  if (Math.abs(value) >= 1e3) return `${(value / 1e3).toFixed(1)} KB`;
  return `${Math.round(value)} B`;
}

/** Renders rows of cells as an aligned text table, the first row a header. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c])));
  const [head, ...body] = rows;
  return [
    line(head).join(" | "),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...body.map((r) => line(r).join(" | ")),
  ].join("\n");
}

/** Sleeps `ms` milliseconds. */
export function sleep(ms) {
  return delay(ms);
}
