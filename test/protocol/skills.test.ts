import { expect } from "chai";
import {
  frontmatterDifference,
  nameProblem,
  parseFrontmatter,
  skillDigest,
  skillNameOf,
  skillPathOf,
} from "../../src/protocol/skills.js";

const ok = (text: string) => {
  const parsed = parseFrontmatter(text);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.ok;
};
const error = (text: string) => {
  const parsed = parseFrontmatter(text);
  return "error" in parsed ? parsed.error : undefined;
};

describe("skills format (protocol/skills.ts): SKILL.md frontmatter, names, digests, URIs", () => {
  it("parses the frontmatter as YAML, keeping every field verbatim (nested, lists, numbers)", () => {
    const text =
      "---\nname: a\ndescription: >\n  folded\n  text\nmetadata:\n  tags: [x, y]\n  n: 3\nallowed-tools: Bash\n---\nbody";
    expect(ok(text)).to.deep.equal({
      name: "a",
      description: "folded text\n",
      metadata: { tags: ["x", "y"], n: 3 },
      "allowed-tools": "Bash",
    });
  });

  it("accepts CRLF line ends and a byte-order mark", () => {
    expect(ok("\uFEFF---\r\nname: a\r\ndescription: d\r\n---\r\nbody")).to.deep.equal({ name: "a", description: "d" });
  });

  it("refuses what is not frontmatter a skill may carry, saying why", () => {
    expect(error("# title\n")).to.match(/does not begin/);
    expect(error("---\nname: a\n")).to.match(/not closed/);
    expect(error("---\nname: [a\n---\n")).to.match(/not valid YAML/);
    expect(error("---\njust a string\n---\n")).to.match(/not a YAML mapping/);
    expect(error("---\nname: a\n---\n")).to.match(/no description/);
    expect(error("---\ndescription: d\n---\n")).to.match(/no name/);
    expect(error(`---\nname: a\ndescription: ${"x".repeat(1025)}\n---\n`)).to.match(/over 1024/);
  });

  it("refuses an alias bomb instead of expanding it", () => {
    const bomb = ["---", "name: a", "description: d", "a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      bomb.push(`${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
    }
    expect(error([...bomb, "---", ""].join("\n"))).to.match(/not valid YAML/);
  });

  it("the naming rule: 1-64 lowercase letters, digits and single inner hyphens", () => {
    for (const good of ["a", "pdf-processing", "v2", "x".repeat(64)])
      expect(nameProblem(good), good).to.equal(undefined);
    for (const bad of ["", "-a", "a-", "a--b", "A", "a_b", "a.b", "x".repeat(65)])
      expect(nameProblem(bad), bad).to.be.a("string");
  });

  it("digests, skill paths and names", () => {
    expect(skillDigest(Buffer.from("abc"))).to.equal(
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(skillPathOf("skill://acme/billing/refunds/SKILL.md")).to.equal("acme/billing/refunds");
    expect(skillPathOf("skill://a/../b/SKILL.md")).to.equal(undefined);
    expect(skillPathOf("skill://a/README.md")).to.equal(undefined);
    expect(skillNameOf("skill://git-workflow/SKILL.md")).to.equal("git-workflow");
    expect(skillNameOf("skill://acme/billing/refunds/SKILL.md")).to.equal("refunds");
  });

  it("compares frontmatter field by field, deeply", () => {
    expect(
      frontmatterDifference(
        { name: "a", description: "d", m: { x: [1] } },
        { name: "a", description: "d", m: { x: [1] } },
      ),
    ).to.equal(undefined);
    expect(frontmatterDifference({ name: "a", description: "d" }, { name: "a", description: "e" })).to.equal(
      "description",
    );
    expect(frontmatterDifference({ name: "a", description: "d" }, { name: "a", description: "d", extra: 1 })).to.equal(
      "extra",
    );
    expect(
      frontmatterDifference(
        { name: "a", description: "d", m: { x: [1] } },
        { name: "a", description: "d", m: { x: ["1"] } },
      ),
    ).to.equal("m");
  });
});
