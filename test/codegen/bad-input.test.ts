import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runTsx } from "../support/paths.js";

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[path.slice(dir.length)] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return files;
}

const schema = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, "schema", name, "schema.json"), "utf8")) as Record<string, any>;

describe("codegen: bad input exits non-zero, names the file and definition, and leaves the output untouched", () => {
  let work: string;
  let out: string;
  let before: Record<string, string>;

  const generate = (file: string) =>
    runTsx("scripts/generate.ts", ["--schema", file, "--revision", "custom", "--out", out]);

  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), "mcpkit-bad-"));
    out = join(work, "out");
    const first = await generate(join(ROOT, "schema", "2024-11-05", "schema.json"));
    expect(first.code, first.stderr).to.equal(0);
    before = snapshot(out);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  async function rejects(file: string, ...mentions: string[]) {
    const { code, stderr } = await generate(file);
    expect(code, stderr).to.equal(1);
    for (const text of [file, ...mentions]) expect(stderr).to.contain(text);
    expect(stderr.trim().split("\n")[0]).to.match(/^generate: /);
    expect(snapshot(out)).to.deep.equal(before);
  }

  it("a missing file", async () => {
    await rejects(join(work, "nope.json"), "file not found");
  });

  it("a file that is not JSON", async () => {
    writeFileSync(join(work, "broken.json"), "{ this is not json");
    await rejects(join(work, "broken.json"), "not JSON");
  });

  it("JSON that is not a supported JSON Schema", async () => {
    writeFileSync(join(work, "array.json"), "[1, 2]");
    await rejects(join(work, "array.json"), "not a JSON Schema object");
    writeFileSync(
      join(work, "dialect.json"),
      JSON.stringify({ $schema: "http://json-schema.org/draft-04/schema#", definitions: {} }),
    );
    await rejects(join(work, "dialect.json"), "unsupported");
  });

  it("a request it cannot pair with a result", async () => {
    const s = schema("2025-06-18");
    s.definitions.FrobnicateRequest = {
      type: "object",
      properties: { method: { const: "frob/nicate", type: "string" } },
      required: ["method"],
    };
    s.definitions.ClientRequest.anyOf.push({ $ref: "#/definitions/FrobnicateRequest" });
    writeFileSync(join(work, "unpaired.json"), JSON.stringify(s));
    await rejects(join(work, "unpaired.json"), "FrobnicateRequest", "FrobnicateResult", "frob/nicate");
  });

  it("an overlay exception the schema no longer needs (PingResult now exists)", async () => {
    const s = schema("2025-06-18");
    s.definitions.PingResult = { type: "object" };
    writeFileSync(join(work, "stale.json"), JSON.stringify(s));
    await rejects(join(work, "stale.json"), "PingRequest", "PingResult");
  });

  it("a union member that resolves to nothing", async () => {
    const s = schema("2025-06-18");
    s.definitions.ClientRequest.anyOf.push({ $ref: "#/definitions/Missing" });
    writeFileSync(join(work, "dangling.json"), JSON.stringify(s));
    await rejects(join(work, "dangling.json"), "ClientRequest", "#/definitions/Missing");
  });

  it("a revision name that is not a plain folder name", async () => {
    const { code, stderr } = await runTsx("scripts/generate.ts", [
      "--schema",
      join(ROOT, "schema", "2024-11-05", "schema.json"),
      "--revision",
      "../escape",
      "--out",
      out,
    ]);
    expect(code).to.equal(1);
    expect(stderr).to.contain("--revision");
    expect(snapshot(out)).to.deep.equal(before);
  });

  it("--schema without --revision, and unknown options, are usage errors", async () => {
    expect((await runTsx("scripts/generate.ts", ["--schema", "x.json"])).code).to.equal(2);
    expect((await runTsx("scripts/generate.ts", ["--bogus"])).code).to.equal(2);
  });
});
