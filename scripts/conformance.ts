/**
 * Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against mcpkit:
 * `npm run conformance [-- --verbose] [-- --out DIR] [-- --server-only | --client-only | --authorization-only]`.
 *
 * Server legs: the everything server (test/conformance/everything-server.ts) is started on a free port,
 * the harness's server scenarios are run against it once per revision, each judged against
 * test/conformance/server-expected-failures.yaml, and the server is stopped. Each leg prints its
 * scenario counts and check totals; the run exits 1 when a leg fails (an unexpected failure, or a
 * baseline entry that now passes). It builds nothing: the server runs from src/ under tsx.
 * Client legs: the harness's mock servers drive test/conformance/everything-client.ts. `--client-only`
 * runs just those (no everything server is started), `--server-only` just the server legs.
 * Authorization leg (with the server legs): the harness's authorization-server scenarios against the
 * everything server's `--auth` mode, its login followed unattended (scripts/conformance-authorization.ts).
 *
 * The harness needs Node 22 or later; on an older Node it runs under `npx -y node@22` (downloaded once,
 * then cached by npm), or under the binary named by MCPKIT_NODE22.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, stripVTControlCharacters } from "node:util";
import { authorizationArgs, authorizationFollower, freeCallbackPort } from "./conformance-authorization.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const HARNESS = createRequire(import.meta.url).resolve("@modelcontextprotocol/conformance/dist/index.js");
const SERVER_SCRIPT = join(ROOT, "test", "conformance", "everything-server.ts");
const SERVER_BASELINE = join(ROOT, "test", "conformance", "server-expected-failures.yaml");
const CLIENT_BASELINE = join(ROOT, "test", "conformance", "client-expected-failures.yaml");

/** One run of the harness: a mode and its arguments (the server URL is added for server legs). */
export interface Leg {
  name: string;
  mode: "server" | "client" | "authorization";
  args: string[];
  /** The fewest scenarios a run of the leg may count (the test's sanity bound; 16 when absent). */
  minScenarios?: number;
}

/**
 * The server legs: every scenario of each stateful revision, pending ones included; every scenario on
 * the stateless 2026-07-28 wire; and the whole suite at each scenario's own revision, which adds the
 * 2026-only scenarios and the extensions (tasks, skills).
 */
export const SERVER_LEGS: Leg[] = [
  ...["2025-11-25", "2025-06-18", "2026-07-28"].map((revision) => ({
    name: `server ${revision}`,
    mode: "server" as const,
    args: ["--suite", "all", "--spec-version", revision, "--expected-failures", SERVER_BASELINE],
  })),
  {
    name: "server all",
    mode: "server",
    args: ["--suite", "all", "--expected-failures", SERVER_BASELINE],
  },
];

// ---------------------------------------------------------------------------------------------------
// CLIENT LEGS. The harness starts its own mock servers and runs `npm run everything-client -- <url>`
// (test/conformance/everything-client.ts) once per scenario; `--server-only` leaves them out.
// ---------------------------------------------------------------------------------------------------
function clientLeg(revision: string, suite: string, minScenarios?: number): Leg {
  const args = ["--command", "npm run --silent everything-client --", "--suite", suite, "--spec-version", revision];
  return {
    name: `client ${revision}`,
    mode: "client",
    args: [...args, "--expected-failures", CLIENT_BASELINE],
    ...(minScenarios === undefined ? {} : { minScenarios }),
  };
}

/**
 * The whole suite at 2025-11-25 and 2026-07-28; at 2025-06-18, the five scenarios that revision has
 * (initialize, tools_call, the token-endpoint-auth ones); at 2025-03-26, the backcompat suite (the
 * two authorization fallbacks of that revision).
 */
export const CLIENT_LEGS: Leg[] = [
  clientLeg("2025-11-25", "all"),
  clientLeg("2026-07-28", "all"),
  clientLeg("2025-06-18", "all", 5),
  clientLeg("2025-03-26", "backcompat", 2),
  // The six authorization extensions (client credentials jwt/basic, enterprise-managed, WIF, DPoP, DPoP
  // nonce) belong to no revision: `--spec-version` would filter them all out, so the `extensions` suite
  // runs without one (the harness then speaks 2025-11-25).
  {
    name: "client extensions",
    mode: "client",
    args: [
      "--command",
      "npm run --silent everything-client --",
      "--suite",
      "extensions",
      "--expected-failures",
      CLIENT_BASELINE,
    ],
    minScenarios: 6,
  },
];

// SKILLS HOST LEGS. The skills extension's host scenarios (SEP-2640) are in no client suite but `all`,
// and any --spec-version drops extension scenarios, so each runs by name at its own revision.
export const SKILLS_CLIENT_SCENARIOS = [
  "sep-2640-client-no-prefetch",
  "sep-2640-client-verify-digest",
  "sep-2640-client-verify-size",
  "sep-2640-client-verify-frontmatter",
];
export const SKILLS_CLIENT_LEGS: Leg[] = SKILLS_CLIENT_SCENARIOS.map((scenario) => ({
  name: `client ${scenario}`,
  mode: "client",
  args: [
    "--command",
    "npm run --silent everything-client --",
    "--scenario",
    scenario,
    "--expected-failures",
    CLIENT_BASELINE,
  ],
  minScenarios: 1,
}));

/** The authorization-server scenarios against the everything server's own authorization server (`--auth`). */
export const AUTHORIZATION_LEGS: Leg[] = [{ name: "authorization", mode: "authorization", args: [], minScenarios: 2 }];

type Status = "SUCCESS" | "FAILURE" | "WARNING" | "SKIPPED" | "INFO";
const STATUSES: Status[] = ["SUCCESS", "FAILURE", "WARNING", "SKIPPED", "INFO"];

/** What one leg found. */
export interface LegReport {
  leg: string;
  /** The harness's verdict against the baseline (exit code 0). */
  ok: boolean;
  exitCode: number | null;
  seconds: number;
  scenarios: { passed: number; failed: number; total: number };
  checks: Record<Status, number>;
  /** Per failed scenario, one line: `scenario: check-id STATUS (message); …` for each bad check. */
  failures: string[];
  /** What the harness printed. */
  output: string;
}

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** Run the client legs too (default true). */
  client?: boolean;
  /** Run the server legs too (default true); without them no everything server is started. */
  server?: boolean;
  /** Run the authorization leg too (default: as `server`). */
  authorization?: boolean;
  /** Keep the harness's checks.json files here (default: a temporary directory, removed when all legs pass). */
  out?: string;
  /** Print the harness's own output for every leg, not only for failed ones. */
  verbose?: boolean;
  /** Where progress lines go (default: stdout). */
  log?: (line: string) => void;
}

/**
 * Runs the legs; resolves with one report per leg. A scenario counts as failed when any of its checks
 * is FAILURE or WARNING (as the baseline judges it). Throws only when the harness or the server cannot run.
 */
export async function runConformance(options: ConformanceOptions = {}): Promise<{ ok: boolean; legs: LegReport[] }> {
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const out = options.out === undefined ? mkdtempSync(join(tmpdir(), "mcpkit-conformance-")) : resolve(options.out);
  const node = await node22();
  const legs: LegReport[] = [];
  if (options.server ?? true) {
    const server = await startServer();
    try {
      log(`everything server at ${server.url}`);
      for (const leg of SERVER_LEGS) legs.push(await runLeg(node, leg, join(out, slug(leg)), server.url, log, options));
    } finally {
      await server.stop();
    }
  }
  if (options.authorization ?? options.server ?? true)
    for (const leg of AUTHORIZATION_LEGS)
      legs.push(await runAuthorizationLeg(node, leg, join(out, slug(leg)), log, options));
  if (options.client ?? true)
    for (const leg of [...CLIENT_LEGS, ...SKILLS_CLIENT_LEGS])
      legs.push(await runLeg(node, leg, join(out, slug(leg)), undefined, log, options));
  const ok = legs.every((leg) => leg.ok);
  if (ok && options.out === undefined) rmSync(out, { recursive: true, force: true });
  else log(`checks.json files kept in ${out}`);
  return { ok, legs };
}

/** Runs an authorization leg against the everything server's `--auth` mode, following the login it asks for. */
async function runAuthorizationLeg(
  node: string,
  leg: Leg,
  dir: string,
  log: (line: string) => void,
  options: ConformanceOptions,
): Promise<LegReport> {
  const server = await startServer(["--auth"]);
  try {
    const issuer = new URL(server.url).origin;
    const port = await freeCallbackPort();
    log(`everything server with its authorization server at ${issuer}`);
    const withArgs = { ...leg, args: [...authorizationArgs(issuer, port), ...leg.args] };
    return await runLeg(node, withArgs, dir, undefined, log, options, authorizationFollower(issuer, port, log));
  } finally {
    await server.stop();
  }
}

async function runLeg(
  node: string,
  leg: Leg,
  dir: string,
  url: string | undefined,
  log: (line: string) => void,
  options: ConformanceOptions,
  onStdout?: (chunk: string) => void,
): Promise<LegReport> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = [HARNESS, leg.mode, ...(url === undefined ? [] : ["--url", url]), ...leg.args, "-o", dir];
  const started = performance.now();
  const { code, output } = await capture(node, args, onStdout);
  const seconds = (performance.now() - started) / 1000;
  const report: LegReport = { leg: leg.name, ok: code === 0, exitCode: code, seconds, output, ...tally(dir, leg.mode) };
  const { passed, failed, total } = report.scenarios;
  const checks = STATUSES.map((s) => `${report.checks[s]} ${s.toLowerCase()}`).join(", ");
  log(
    `${report.ok ? "ok  " : "FAIL"} ${leg.name}: ${total} scenarios, ${passed} passed, ${failed} failed; ` +
      `checks: ${checks} (${seconds.toFixed(1)} s)`,
  );
  for (const failure of report.failures) log(`       x ${failure}`);
  if (options.verbose) log(indent(output));
  else if (!report.ok) log(indent(summary(output)));
  return report;
}

/** Counts scenarios and checks from the checks.json files the harness wrote under `dir`. */
function tally(dir: string, mode: Leg["mode"]): Pick<LegReport, "scenarios" | "checks" | "failures"> {
  const checks = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const failures: string[] = [];
  let passed = 0;
  let failed = 0;
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(`${sep}checks.json`));
  for (const file of files.sort()) {
    // [server-]<scenario>-<timestamp>/checks.json; a scenario named a/b is in a subdirectory a/.
    let name = dirname(file)
      .split(sep)
      .join("/")
      .replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z$/, "");
    if (mode === "server") name = name.replace(/^server-/, "");
    if (mode === "authorization") name = name.replace(/^authorization-server-/, "");
    const results = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
      id: string;
      status: Status;
      errorMessage?: string;
    }[];
    const bad: string[] = [];
    for (const check of results) {
      checks[check.status] = (checks[check.status] ?? 0) + 1;
      if (check.status !== "FAILURE" && check.status !== "WARNING") continue;
      const why = check.errorMessage ? ` (${check.errorMessage.split("\n")[0]!.slice(0, 160)})` : "";
      bad.push(`${check.id} ${check.status}${why}`);
    }
    if (bad.length > 0) failures.push(`${name}: ${bad.join("; ")}`);
    if (bad.length > 0) failed++;
    else passed++;
  }
  return { scenarios: { passed, failed, total: passed + failed }, checks, failures };
}

/** A Node binary of version 22 or later, which the harness needs. */
async function node22(): Promise<string> {
  if (process.env.MCPKIT_NODE22) return process.env.MCPKIT_NODE22;
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  const { code, output, stdout } = await capture(npx, ["-y", "node@22", "-p", "process.execPath"]);
  const path = stdout.trim().split("\n").pop() ?? "";
  if (code !== 0 || !existsSync(path))
    throw new Error(`the conformance harness needs Node 22; \`npx -y node@22\` failed:\n${output}`);
  return path;
}

/** Starts the everything server on a free port; resolves once it answers HTTP. */
async function startServer(extra: string[] = []): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER_SCRIPT, "--port", "0", ...extra], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const stop = () => stopChild(child, exited);
  try {
    const url = await new Promise<string>((done, fail) => {
      let stdout = "";
      const timer = setTimeout(() => fail(new Error("the everything server did not start within 60 s")), 60_000);
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        const found = /listening on (\S+)/.exec(stdout);
        if (!found) return;
        clearTimeout(timer);
        done(found[1]!);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`the everything server exited (${code}) before listening:\n${stderr}`));
      });
    });
    await waitUntilAnswering(url);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await (await fetch(url, { method: "GET" })).body?.cancel();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the everything server does not answer at ${url}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killer);
}

/** Runs a command to its end (at most 15 min), keeping its output. */
function capture(
  command: string,
  args: string[],
  onStdout?: (chunk: string) => void,
): Promise<{ code: number | null; stdout: string; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => ((stdout += chunk), (output += chunk)));
    if (onStdout) child.stdout.on("data", onStdout);
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 15 * 60_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, output });
    });
  });
}

function slug(leg: Leg): string {
  return leg.name.replace(/[^\w.-]+/g, "-");
}

/** The harness's summary and baseline verdict: its output from `=== SUMMARY ===` on, else its last lines. */
function summary(output: string): string {
  const at = output.lastIndexOf("=== SUMMARY ===");
  return at >= 0 ? output.slice(at) : output.split("\n").slice(-80).join("\n");
}

function indent(text: string): string {
  return stripVTControlCharacters(text)
    .trimEnd()
    .split("\n")
    .map((line) => `    | ${line}`)
    .join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "server-only": { type: "boolean" },
      "client-only": { type: "boolean" },
      "authorization-only": { type: "boolean" },
      verbose: { type: "boolean" },
      out: { type: "string" },
    },
  });
  if (values["server-only"] && values["client-only"])
    throw new Error("--server-only and --client-only exclude each other");
  const only = values["authorization-only"];
  const { ok, legs } = await runConformance({
    client: !values["server-only"] && !only,
    server: !values["client-only"] && !only,
    authorization: only || !values["client-only"],
    ...(values.verbose ? { verbose: true } : {}),
    ...(values.out === undefined ? {} : { out: values.out }),
  });
  const failed = legs.filter((leg) => !leg.ok).map((leg) => leg.leg);
  process.stdout.write(ok ? "conformance: every leg passed\n" : `conformance: failed legs: ${failed.join(", ")}\n`);
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
