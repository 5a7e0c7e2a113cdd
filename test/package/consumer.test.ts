import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { ROOT } from "../support/paths.js";

const exec = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The fenced blocks of the README's "Use it in your project" section, in order, with their language. */
function firstSection(): { lang: string; code: string }[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("\n## Use it in your project\n");
  expect(start, "the README has a 'Use it in your project' section").to.be.greaterThan(-1);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

/** The version this repository has installed, so that the consumer's install can come from the npm cache. */
const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

/** Runs a command, resolving with its output whatever its exit code. */
async function run(command: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("the packed package in an empty project, as the README's first example uses it", function () {
  this.timeout(300_000);
  const blocks = firstSection();
  const ts = blocks.filter((b) => b.lang === "ts").map((b) => b.code);
  const tsconfig = JSON.parse(blocks.find((b) => b.lang === "json")!.code) as {
    compilerOptions: Record<string, unknown>;
  };
  let work: string;
  let project: string;
  let installOutput: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), "mcpkit-consumer-"));
    project = join(work, "project");
    // `npm test` built dist/ just before (pretest), so pack it as it is.
    const packed = await run(npm, ["pack", "--ignore-scripts", "--pack-destination", work, "--json"], ROOT);
    expect(packed.code, packed.stderr).to.equal(0);
    const tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);

    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    // What the README installs, mcpkit from the tarball, the rest at this repository's versions (cached).
    const deps = ["zod", "typescript", "@types/node"].map((name) => `${name}@${installedVersion(name)}`);
    const installed = await run(
      npm,
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel", "warn", tarball, ...deps],
      project,
    );
    installOutput = installed.stdout + installed.stderr;
    expect(installed.code, installOutput).to.equal(0);

    writeFileSync(join(project, "server.ts"), ts[0]!);
    writeFileSync(join(project, "client.ts"), ts[1]!);
    // What the README says to write with ESNext.Disposable in lib (its tsconfig has it): await using.
    writeFileSync(
      join(project, "client-using.ts"),
      [
        'import { ClientSession, stdioClient } from "mcpkit";',
        'await using session = new ClientSession(stdioClient({ command: "node", args: ["server.js"] }));',
        "await session.initialize();",
        'console.log((await session.callTool("calculate_sum", { a: 1, b: 2 })).content);',
        "",
      ].join("\n"),
    );
    const compilerOptions = { ...tsconfig.compilerOptions, skipLibCheck: false };
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions }, null, 2));
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it("the README shows a server, a client and a strict tsconfig, and installs mcpkit with zod", () => {
    expect(ts[0]).to.include('from "mcpkit/server"');
    expect(ts[1]).to.include('from "mcpkit"');
    expect(tsconfig.compilerOptions.strict).to.equal(true);
    const install = blocks.find((b) => b.lang === "sh")!.code;
    expect(install).to.match(/npm install mcpkit zod\n/);
  });

  it("installs without a warning (no EBADENGINE, no install script, nothing deprecated)", () => {
    const warnings = installOutput.split("\n").filter((line) => /\bwarn\b/i.test(line));
    expect(warnings).to.deep.equal([]);
  });

  it("type-checks with strict and skipLibCheck false, under NodeNext and Node16 resolution", async () => {
    const tsc = join(project, "node_modules", "typescript", "bin", "tsc");
    const compiled = await run(process.execPath, [tsc, "-p", "."], project);
    expect(compiled.code, compiled.stdout + compiled.stderr).to.equal(0);
    // Under node16 a .d.cts is CommonJS to TypeScript: its imports of ESM types need resolution-mode.
    const node16 = [tsc, "-p", ".", "--noEmit", "--module", "node16", "--moduleResolution", "node16"];
    const checked = await run(process.execPath, node16, project);
    expect(checked.code, checked.stdout + checked.stderr).to.equal(0);
  });

  it("runs: the client starts the server and calls its tool", async () => {
    const ran = await run(process.execPath, ["client.js"], project);
    expect(ran.code, ran.stderr).to.equal(0);
    expect(ran.stdout).to.include("[ 'calculate_sum' ]");
    expect(ran.stdout).to.include("text: '42'");
    const using = await run(process.execPath, ["client-using.js"], project);
    expect(using.code, using.stderr).to.equal(0);
    expect(using.stdout).to.include("text: '3'");
  });

  it("a bundle that imports only McpError holds little more than it (sideEffects, the errors in a chunk of their own)", async () => {
    writeFileSync(
      join(project, "only-error.mjs"),
      'import { McpError } from "mcpkit";\nconsole.log(new McpError(-32001, "late").code);\n',
    );
    const outfile = join(project, "only-error.bundle.mjs");
    await build({
      entryPoints: [join(project, "only-error.mjs")],
      bundle: true,
      minify: true,
      platform: "node",
      format: "esm",
      outfile,
      logLevel: "silent",
    });
    expect(statSync(outfile).size, "bytes").to.be.below(4096);
    const ran = await run(process.execPath, [outfile], project);
    expect(ran.stdout).to.equal("-32001\n");
  });

  it("the package's mcp command calls the same tool", async () => {
    const mcp = join(project, "node_modules", ".bin", "mcp");
    const called = await run(mcp, ["call", "node server.js", "calculate_sum", "a=2", "b=40"], project);
    expect(called.code, called.stderr).to.equal(0);
    expect(called.stdout.trim()).to.equal("42");
  });
});
