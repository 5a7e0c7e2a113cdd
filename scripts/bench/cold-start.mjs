/**
 * Workload 6: cold start, a fresh node process importing the client entry and one importing the
 * server entry, less a bare node process; and the installed size of each package with its
 * production dependencies, counted on disk from node_modules.
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import process from "node:process";
import { ROOT, distDir, entry, median, order } from "./lib.mjs";

/** What each cold process imports; the official server entry is McpServer's module, which imports its Server. */
function entries() {
  return {
    bare: null,
    "mcpkit client": entry("."),
    "official client": import.meta.resolve("@modelcontextprotocol/sdk/client/index.js"),
    "mcpkit server": entry("./server"),
    "official server": import.meta.resolve("@modelcontextprotocol/sdk/server/mcp.js"),
  };
}

/** Milliseconds one fresh node process takes to import `url` (or nothing) and exit. */
function coldRun(url) {
  const code = url ? `await import(${JSON.stringify(url)});` : "";
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, stdio: "pipe" });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`importing ${url} failed: ${child.stderr}`);
  return ms;
}

/** Cold-start rows: per run, each import's time less the median bare process. */
function coldStart(runs) {
  const targets = entries();
  const names = Object.keys(targets);
  for (const name of names) coldRun(targets[name]);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) for (const name of order(i, names)) times[name].push(coldRun(targets[name]));
  const bare = median(times.bare);
  const net = (name) => times[name].map((t) => t - bare);
  return ["client", "server"].map((entry) => ({
    id: `cold-${entry}`,
    label: `cold start, ${entry} entry (less bare node)`,
    unit: "ms",
    better: "lower",
    mcpkit: net(`mcpkit ${entry}`),
    official: net(`official ${entry}`),
    floor: times.bare,
    floorNote: "bare node process",
    targets: [{ kind: "ratio", max: 1 / 3 }],
  }));
}

/** Bytes of the files under `dir`, apparent and allocated on disk, not descending into node_modules. */
function sizeOf(path, skipNodeModules = true) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return { bytes: stat.size, disk: stat.blocks * 512, files: 1 };
  const total = { bytes: 0, disk: stat.blocks * 512, files: 0 };
  for (const entry of readdirSync(path)) {
    if (skipNodeModules && entry === "node_modules") continue;
    const part = sizeOf(join(path, entry), skipNodeModules);
    total.bytes += part.bytes;
    total.disk += part.disk;
    total.files += part.files;
  }
  return total;
}

/** The directory of package `name` as node resolves it from `from`: the nearest node_modules holding it. */
function locate(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** What a package needs installed: its dependencies, the optional ones present, its required peers. */
function needs(pkg) {
  const optionalPeers = new Set(
    Object.entries(pkg.peerDependenciesMeta ?? {})
      .filter(([, meta]) => meta.optional)
      .map(([name]) => name),
  );
  return [
    ...Object.keys(pkg.dependencies ?? {}).map((name) => [name, true]),
    ...Object.keys(pkg.optionalDependencies ?? {}).map((name) => [name, false]),
    ...Object.keys(pkg.peerDependencies ?? {})
      .filter((name) => !optionalPeers.has(name))
      .map((name) => [name, true]),
  ];
}

/** The production dependency closure of the package at `dir` (not the package itself): directory paths. */
function closure(dir) {
  const seen = new Set();
  const queue = [dir];
  while (queue.length > 0) {
    const current = queue.shift();
    const pkg = JSON.parse(readFileSync(join(current, "package.json"), "utf8"));
    for (const [name, required] of needs(pkg)) {
      const found = locate(name, current);
      if (!found) {
        if (required) throw new Error(`${name}, needed by ${pkg.name}, is not installed`);
        continue;
      }
      if (found === dir || seen.has(found)) continue;
      seen.add(found);
      queue.push(found);
    }
  }
  return [...seen];
}

/**
 * The files `npm publish` would put in mcpkit's tarball (npm's own list, so "files" and its
 * exclusions count as published), each read from the measured dist/ when it lies under dist/.
 */
function publishedFiles() {
  const packed = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack --dry-run failed: ${packed.stderr}`);
  const [{ files }] = JSON.parse(packed.stdout);
  return files.map(({ path }) => sizeOf(path.startsWith("dist/") ? join(distDir(), path.slice(5)) : join(ROOT, path)));
}

/** Installed size of each package: its published files (mcpkit: as npm packs them) plus its closure. */
function installedSize() {
  const kitFiles = publishedFiles();
  const official = locate("@modelcontextprotocol/sdk", ROOT);
  const sum = (parts) =>
    parts.reduce((a, p) => ({ bytes: a.bytes + p.bytes, disk: a.disk + p.disk, files: a.files + p.files }));
  const kitDeps = closure(ROOT);
  const sdkDeps = closure(official);
  const kit = sum([...kitFiles, ...kitDeps.map((d) => sizeOf(d))]);
  const sdk = sum([sizeOf(official), ...sdkDeps.map((d) => sizeOf(d))]);
  const top = (deps) =>
    deps
      .map((d) => ({ name: d.slice(d.lastIndexOf("node_modules/") + 13), bytes: sizeOf(d).bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
  return {
    id: "installed-size",
    label: `installed size with prod deps (${kitDeps.length} vs ${sdkDeps.length} deps)`,
    unit: "bytes",
    better: "lower",
    mcpkit: [kit.bytes],
    official: [sdk.bytes],
    detail: {
      mcpkit: { ...kit, dependencies: kitDeps.length, largest: top(kitDeps), ownBytes: sum(kitFiles).bytes },
      official: { ...sdk, dependencies: sdkDeps.length, largest: top(sdkDeps), ownBytes: sizeOf(official).bytes },
    },
    targets: [{ kind: "ratio", max: 1 / 3 }],
  };
}

/** Runs the workload; returns its rows. */
export async function run({ coldRuns }) {
  return [...coldStart(coldRuns), installedSize()];
}
