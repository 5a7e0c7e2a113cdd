// The runtime matrix: the same FastMCP app, bundled by esbuild, served on Node 20 (this process's
// Node) and Node 22 with runHttp, on Bun (Bun.serve) and Deno (Deno.serve) with app.fetch, and on
// workerd (a Worker whose fetch is app.fetch), each driven by mcpkit's client and the official SDK's.
// The runtimes start in parallel; each comes from an npm package (node@22 through npx, the others
// as devDependencies), so `npm install` is all a machine needs.
import { rmSync } from "node:fs";
import { expect } from "chai";
import { bundle, type Bundle } from "./bundle.js";
import { expectBothServed } from "./clients.js";
import { bunBinary, denoBinary, node22, serveOn, serveOnWorkerd, type Served } from "./runtimes.js";

const RUNTIMES = ["node 20", "node 22", "bun", "deno", "workerd"] as const;
type Runtime = (typeof RUNTIMES)[number];

describe("portable: the runtime matrix (Node 20, Node 22, Bun, Deno, workerd), both clients on each", function () {
  this.timeout(180_000);
  const bundles: Bundle[] = [];
  const served = new Map<Runtime, PromiseSettledResult<Served>>();

  before(async () => {
    const [http, worker] = await Promise.all([
      bundle("http.ts"),
      // As wrangler bundles a Worker: browser platform, workerd's export conditions, and node: built-ins
      // left to workerd's Node compatibility layer.
      bundle("worker.ts", { platform: "browser", conditions: ["workerd", "worker", "browser"], external: ["node:*"] }),
    ]);
    bundles.push(http, worker);
    const starts: Record<Runtime, () => Promise<Served>> = {
      "node 20": () => serveOn("node 20", process.execPath, [], http.file),
      "node 22": async () => serveOn("node 22", await node22(), [], http.file),
      bun: () => serveOn("bun", bunBinary(), ["run"], http.file),
      deno: () => serveOn("deno", denoBinary(), ["run", "--allow-net", "--allow-env", "--allow-read"], http.file),
      workerd: () => serveOnWorkerd(worker.dir, worker.file),
    };
    const results = await Promise.allSettled(RUNTIMES.map((runtime) => starts[runtime]()));
    RUNTIMES.forEach((runtime, i) => served.set(runtime, results[i]!));
  });

  after(() => {
    for (const result of served.values()) if (result.status === "fulfilled") result.value.stop();
    for (const { dir } of bundles) rmSync(dir, { recursive: true, force: true });
  });

  for (const runtime of RUNTIMES)
    it(`${runtime}: tools/list and tools/call through mcpkit's client and the official SDK's`, async () => {
      const result = served.get(runtime)!;
      if (result.status === "rejected") throw result.reason;
      const { url, runtime: reported } = result.value;
      if (runtime.startsWith("node")) expect(reported).to.match(new RegExp(`^node v${runtime.slice(5)}\\.`));
      else expect(reported).to.equal(runtime);
      try {
        await expectBothServed({ url }, runtime);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${runtime} said:\n${result.value.output().slice(-3000)}`, {
          cause: error,
        });
      }
    });
});
