/**
 * `npm run bench`: mcpkit's built package (dist/) against the official SDK, workload by workload,
 * each side interleaved with the other and with a raw floor measured in the same run. Prints the
 * detail of every workload, then one table, and writes scripts/bench/results.json.
 *
 *   node scripts/bench/index.mjs [--quick] [--only <workload>[,<workload>]] [--side <side>] [--dist <dir>]
 */
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import process from "node:process";
import { clearTimeout, setTimeout } from "node:timers";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BENCH_DIR, ROOT, SIDES, bytes, childArgs, distDir, fmt, median, ratios, say, stats, table } from "./lib.mjs";

/** The workloads, in the order they run. */
const WORKLOADS = {
  "in-memory": "./in-memory.mjs",
  stdio: "./stdio.mjs",
  http: "./http.mjs",
  "session-memory": "./session-memory.mjs",
  receive: "./receive.mjs",
  "cold-start": "./cold-start.mjs",
  soak: "./soak.mjs",
  cluster: "./cluster.mjs",
};

/** How long a workload's process may take to exit once it has reported (ms). */
const EXIT_GRACE = 15_000;

const USAGE = `usage: node scripts/bench/index.mjs [options]
  --quick             fewer and shorter repetitions (a rough reading in about a minute)
  --only <names>      run only these workloads, comma-separated: ${Object.keys(WORKLOADS).join(", ")}
  --side <side>       measure one side only (${SIDES.join(", ")}), e.g. under --cpu-prof; no ratios
  --dist <dir>        measure a copy of dist/ inside the package instead of dist/ itself
  --revision <rev>    the revision mcpkit's client speaks (default 2025-11-25, as the official SDK;
                      2026-07-28 measures the stateless path)
  --out <file>        where the JSON results go (scripts/bench/results.json)
each workload runs in its own node process (with --expose-gc); MCPKIT_BENCH_CHILD_ARGS adds node flags to
it and to the servers it starts, e.g. MCPKIT_BENCH_CHILD_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`;

/** Reads the command line. */
function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      side: { type: "string" },
      dist: { type: "string" },
      revision: { type: "string", default: "2025-11-25" },
      out: { type: "string", default: join(BENCH_DIR, "results.json") },
      worker: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    say(USAGE);
    process.exit(0);
  }
  const only = values.only ? values.only.split(",").map((s) => s.trim()) : Object.keys(WORKLOADS);
  const unknown = only.filter((name) => !(name in WORKLOADS));
  if (unknown.length > 0 || (values.side && !SIDES.includes(values.side))) {
    process.stderr.write(
      `unknown ${unknown.length > 0 ? `workload ${unknown.join(", ")}` : `side ${values.side}`}\n${USAGE}\n`,
    );
    process.exit(2);
  }
  if (values.dist) process.env.MCPKIT_BENCH_DIST = values.dist;
  // The revision mcpkit's client speaks: the official SDK's newest (2025-11-25) by default, so both
  // sides do the same work; 2026-07-28 measures the stateless path (per-request _meta, no sessions).
  process.env.MCPKIT_BENCH_REVISION = values.revision;
  const settings = values.quick
    ? { reps: 3, warmup: 2, ms: 200, memoryReps: 2, coldRuns: 5 }
    : { reps: 5, warmup: 2, ms: 600, memoryReps: 3, coldRuns: 10 };
  return {
    ...settings,
    quick: values.quick,
    only,
    out: values.out,
    side: values.side,
    sides: values.side ? [values.side] : SIDES,
    worker: values.worker,
  };
}

/** A value in the row's unit. */
function show(row, value) {
  if (value === undefined) return "-";
  if (row.unit === "bytes") return bytes(value);
  if (row.unit === "ms") return `${fmt(value)} ms`;
  return `${fmt(value)} ${row.unit}`;
}

/** Statistics of a row: each side's values, the per-repetition ratios, and how each target fares. */
function summarise(row) {
  const has = (side) => Array.isArray(row[side]) && row[side].length > 0;
  const out = { id: row.id, label: row.label, unit: row.unit, better: row.better };
  for (const side of SIDES) if (has(side)) out[side] = { values: row[side], ...stats(row[side]) };
  if (row.floorNote) out.floorNote = row.floorNote;
  if (has("mcpkit") && has("official")) {
    const values = ratios(row.mcpkit, row.official);
    out.ratio = { values, ...stats(values) };
  }
  for (const side of ["mcpkit", "official"])
    if (has(side) && has("floor")) {
      const values = ratios(
        row[side],
        row.floor.length === row[side].length ? row.floor : row[side].map(() => median(row.floor)),
      );
      out[`${side}ToFloor`] = { values, ...stats(values) };
    }
  out.targets = (row.targets ?? []).map((target) => {
    const value =
      target.kind === "ratio"
        ? out.ratio?.median
        : target.kind === "value"
          ? out.mcpkit?.median
          : out.mcpkitToFloor?.median;
    const met = value === undefined ? undefined : target.min !== undefined ? value >= target.min : value <= target.max;
    return { ...target, value, met };
  });
  if (row.detail) out.detail = row.detail;
  if (row.notes) out.notes = row.notes;
  return out;
}

/** How a target reads: "ratio >= 3", "mcpkit/floor >= 0.8" or, for one side's own value, "mcpkit <= 200". */
function describe(target) {
  const what = { ratio: "ratio", value: "mcpkit", floor: "mcpkit/floor" }[target.kind] ?? "mcpkit/floor";
  const bound = (x) => String(Number(x.toFixed(2)));
  return target.min !== undefined ? `${what} >= ${bound(target.min)}` : `${what} <= ${bound(target.max)}`;
}

/** Prints one workload's rows in detail. */
function printDetail(summary) {
  say(`  ${summary.label} (${summary.unit}, ${summary.better} is better)`);
  for (const side of SIDES) {
    const s = summary[side];
    if (!s) continue;
    const note = side === "floor" && summary.floorNote ? ` (${summary.floorNote})` : "";
    say(
      `    ${side.padEnd(9)} median ${show(summary, s.median)}, min ${show(summary, s.min)}, max ${show(summary, s.max)}${note}; runs: ${s.values.map((v) => fmt(v)).join(" ")}`,
    );
  }
  for (const [key, name] of [
    ["ratio", "mcpkit/official"],
    ["mcpkitToFloor", "mcpkit/floor"],
    ["officialToFloor", "official/floor"],
  ])
    if (summary[key])
      say(
        `    ${name.padEnd(16)} median ${fmt(summary[key].median)}; per run: ${summary[key].values.map(fmt).join(" ")}`,
      );
  for (const note of summary.notes ?? []) say(`    ${note}`);
}

/** The closing table. */
function printTable(summaries) {
  const rows = [["workload", "mcpkit median", "official median", "ratio", "mcpkit/floor", "official/floor", "target"]];
  for (const s of summaries)
    rows.push([
      s.label,
      show(s, s.mcpkit?.median),
      show(s, s.official?.median),
      fmt(s.ratio?.median),
      fmt(s.mcpkitToFloor?.median),
      fmt(s.officialToFloor?.median),
      s.targets.map((t) => `${describe(t)}: ${t.met === undefined ? "-" : t.met ? "met" : "NOT met"}`).join("; ") ||
        "-",
    ]);
  say(table(rows));
  say("ratio = mcpkit/official per repetition, median; higher is better for rates, lower for bytes and ms.");
}

/**
 * Runs one workload in a fresh process, so that no workload runs on code that another one left
 * optimised for other shapes, or on its garbage; the process must then exit by itself (nothing left open).
 */
function runWorkload(name, opts) {
  const args = ["--worker", name, ...(opts.quick ? ["--quick"] : []), ...(opts.side ? ["--side", opts.side] : [])];
  const child = fork(fileURLToPath(import.meta.url), args, { execArgv: ["--expose-gc", ...childArgs()] });
  return new Promise((resolve, reject) => {
    let rows;
    let timer;
    child.on("message", (message) => {
      rows = message.rows;
      timer = setTimeout(() => child.kill("SIGKILL"), EXIT_GRACE);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (rows && code === 0) resolve(rows);
      else if (rows) reject(new Error(`${name} left something open: its process did not exit (${code ?? signal})`));
      else reject(new Error(`${name} failed (exit ${code ?? signal})`));
    });
  });
}

/** The worker side of {@link runWorkload}: measures, hands the rows over and lets the process end. */
async function worker(opts) {
  const { run } = await import(WORKLOADS[opts.worker]);
  const rows = await run(opts);
  process.send({ rows }, () => process.disconnect());
}

async function main() {
  const opts = options();
  if (opts.worker) return worker(opts);
  const started = performance.now();
  const load = [loadavg()[0]];
  say(
    `mcpkit bench: ${relative(ROOT, distDir()) || "."} vs @modelcontextprotocol/sdk, node ${process.version}, ${cpus().length} cpus, ` +
      `${opts.quick ? "quick" : "full"} (${opts.reps} reps x ${opts.ms} ms after ${opts.warmup} warm-up rounds)`,
  );
  const summaries = [];
  const failures = [];
  for (const name of opts.only) {
    const t0 = performance.now();
    say(`\n${name}`);
    try {
      for (const row of await runWorkload(name, opts)) {
        const summary = summarise(row);
        printDetail(summary);
        summaries.push(summary);
      }
    } catch (error) {
      failures.push(name);
      say(`  FAILED: ${error.message}`);
    }
    say(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  load.push(loadavg()[0]);
  const seconds = (performance.now() - started) / 1000;
  say("");
  printTable(summaries);
  say(`\n${seconds.toFixed(0)} s in all; 1-minute load average ${load.map((l) => l.toFixed(2)).join(" -> ")}`);
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: load,
    settings: {
      quick: opts.quick,
      reps: opts.reps,
      warmup: opts.warmup,
      ms: opts.ms,
      memoryReps: opts.memoryReps,
      coldRuns: opts.coldRuns,
    },
    seconds,
    failures,
    rows: summaries,
  };
  writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  say(`results: ${relative(process.cwd(), opts.out)}`);
  if (failures.length > 0) {
    say(`failed: ${failures.join(", ")}`);
    process.exitCode = 1;
  }
}

await main();
