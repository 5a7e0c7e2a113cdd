import { expect } from "chai";
import { join } from "node:path";
import { ROOT, run } from "../support/paths.js";

const BIN = join(ROOT, "dist", "bundle", "cli.js");
const mcp = (...args: string[]) => run(process.execPath, [BIN, ...args]);
const sum = `${process.execPath} --import tsx examples/calculate-sum.ts`;

describe("mcp usage errors (the built bin, as a subprocess)", function () {
  this.timeout(60_000);

  const cases: [string, string[], RegExp][] = [
    ["an unknown command", ["nope"], /^mcp: unknown command 'nope'$/],
    ["an unknown option", ["--bogus", "server", "inspect", "x"], /^mcp: unknown option '--bogus'$/],
    ["a missing argument", ["call"], /^mcp: missing required argument 'target'$/],
    ["a missing required option", ["generate"], /^mcp: required option '--schema <file>' not specified$/],
    ["a bad --timeout", ["--timeout", "abc", "call", "x", "y"], /^mcp: --timeout must be a positive number/],
    ["a revision mcpkit does not speak", ["--protocol-version", "1999", "call", "x", "y"], /^mcp: --protocol-version/],
    ["no server", ["server", "inspect"], /^mcp: no server given/],
    ["--sse without a URL", ["call", "--sse", "x", "y"], /^mcp: --sse speaks HTTP\+SSE/],
    [
      "an unknown revision to validate against",
      ["validate", "--revision", "1999", "README.md"],
      /^mcp: unknown revision/,
    ],
    ["a bad --transport", ["run", "examples/calculate-sum.ts", "--transport", "bogus"], /^mcp: --transport must be/],
    ["arguments that are neither key=value nor JSON", ["call", sum, "calculate_sum", "a"], /^mcp: expected key=value/],
  ];
  for (const [what, args, message] of cases)
    it(`${what}: one line starting "mcp:", status 2`, async () => {
      const { code, stdout, stderr } = await mcp(...args);
      expect(code, stderr).to.equal(2);
      expect(stderr.trimEnd().split("\n"), stderr).to.have.length(1);
      expect(stderr.trimEnd()).to.match(message);
      expect(stdout).to.equal("");
    });
});
