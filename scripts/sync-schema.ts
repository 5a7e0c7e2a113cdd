/**
 * Puts each revision's schema.json into schema/<name>/ from $MCP_SCHEMA_DIR, else ../shared/mcp-spec,
 * else a download of the pinned upstream commit; an entry whose repository is "." (npm run
 * add-revision) from its committed copy at `path`. Checks the sha256 in schema/revisions.json every time.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { sha256 } from "../codegen/load.js";
import { THIS_REPOSITORY } from "../codegen/add-revision.js";
import { readRevisionsFile, type RevisionEntry } from "../codegen/generate.js";
import { packageRoot } from "../codegen/paths.js";

const root = packageRoot();
const mirror = process.env.MCP_SCHEMA_DIR
  ? resolve(process.env.MCP_SCHEMA_DIR)
  : resolve(root, "..", "shared", "mcp-spec");
const config = readRevisionsFile(root);

async function fetchUpstream(entry: RevisionEntry): Promise<{ bytes: Buffer; from: string }> {
  const url = `https://raw.githubusercontent.com/${entry.repository}/${entry.commit}/${entry.path}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return { bytes: Buffer.from(await response.arrayBuffer()), from: url };
}

async function source(entry: RevisionEntry): Promise<{ bytes: Buffer; from: string }> {
  if (entry.repository === THIS_REPOSITORY) {
    const committed = join(root, entry.path);
    return { bytes: readFileSync(committed), from: committed };
  }
  const local = join(mirror, entry.mirrorPath);
  if (existsSync(local)) return { bytes: readFileSync(local), from: local };
  if (process.env.MCP_SCHEMA_DIR)
    throw new Error(`${local} does not exist ($MCP_SCHEMA_DIR is set, so nothing is downloaded)`);
  return fetchUpstream(entry);
}

let failed = 0;
for (const entry of [...config.revisions, ...config.extensions]) {
  const target = join(root, "schema", entry.name, "schema.json");
  if (existsSync(target) && sha256(readFileSync(target)) === entry.sha256) continue;
  try {
    const { bytes, from } = await source(entry);
    const digest = sha256(bytes);
    if (digest !== entry.sha256) {
      throw new Error(
        `${from} has sha256 ${digest}, but schema/revisions.json pins ${entry.sha256}; point $MCP_SCHEMA_DIR at the pinned copy, or update revisions.json deliberately`,
      );
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    process.stderr.write(`sync-schema: ${entry.name} <- ${from}\n`);
  } catch (error) {
    failed++;
    process.stderr.write(`sync-schema: revision ${entry.name}: ${(error as Error).message}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
