/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and self
 * time by file. `node scripts/bench/profile-summary.mjs <file.cpuprofile> [top=25]`
 */
import { readFileSync } from "node:fs";
import process from "node:process";
import { ROOT, say, table } from "./lib.mjs";

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node scripts/bench/profile-summary.mjs <file.cpuprofile> [top]\n");
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8"));

/** Where a frame's code lives, shortened: a path inside the package or a node_modules package. */
function where(url) {
  if (!url) return "";
  const path = url.replace(/^file:\/\//, "");
  const nm = path.lastIndexOf("/node_modules/");
  if (nm >= 0) return path.slice(nm + 14);
  return path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path;
}

/** A coarse bucket for a file: which layer the time is spent in. */
function category(loc, functionName) {
  if (!loc) return `(${functionName})`;
  if (loc.startsWith("@modelcontextprotocol/sdk/")) return "official SDK";
  if (/^(dist|\.probe-[^/]*)\//.test(loc)) return "mcpkit (dist)";
  if (/^(zod|hono|@hono|ajv|ajv-formats|eventsource-parser)\//.test(loc)) return loc.split("/")[0] + " (dependency)";
  if (/undici|webstreams|internal\/encoding|js_transferable|abort_controller|event_target/.test(loc))
    return "node: fetch (undici, web streams, encoding)";
  if (/_http_|node:net|stream_base_commons|internal\/streams|node:stream/.test(loc)) return "node: http, net, streams";
  if (/modules\/|bootstrap\/realm|cjs-module-lexer/.test(loc)) return "node: module loading";
  if (loc.startsWith("node:")) return "node: other";
  if (loc.includes("scripts/bench/")) return "bench harness";
  return "other";
}

// Sample counts per node id, turned into time with the profile's mean interval.
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const total = profile.samples.length;
const ms = (profile.endTime - profile.startTime) / 1000;
const byFunction = new Map();
const byFile = new Map();
const byCategory = new Map();
for (const node of profile.nodes) {
  const n = hits.get(node.id) ?? 0;
  if (n === 0) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const loc = where(url);
  const name = functionName.length > 60 ? `${functionName.slice(0, 57)}...` : functionName || "(anonymous)";
  const key = `${name} ${loc ? `${loc}:${lineNumber + 1}` : ""}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + n);
  const fileKey = loc || `(${name})`;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + n);
  const cat = category(loc, name);
  byCategory.set(cat, (byCategory.get(cat) ?? 0) + n);
}
const rows = (map) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, n]) => [name, `${((100 * n) / total).toFixed(1)}%`, `${((ms * n) / total).toFixed(0)} ms`]);
say(`${file}: ${total} samples over ${ms.toFixed(0)} ms`);
say(table([["layer (self time)", "share", "time"], ...rows(byCategory)]));
say("");
say(table([["function (self time)", "share", "time"], ...rows(byFunction)]));
say("");
say(table([["file (self time)", "share", "time"], ...rows(byFile)]));
