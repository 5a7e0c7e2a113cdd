import { expect } from "chai";
import { CLIENT_LEGS, runConformance, SERVER_LEGS, SKILLS_CLIENT_LEGS } from "../../scripts/conformance.js";

describe("the official conformance suite (npm run conformance)", function () {
  // Each server leg takes a few seconds; the first run may also fetch Node 22 through npx.
  this.timeout(300_000);

  it("every server and client leg passes against test/conformance/*-expected-failures.yaml", async () => {
    const lines: string[] = [];
    const { ok, legs } = await runConformance({ log: (line) => void lines.push(line) });
    expect(legs.map((leg) => leg.leg)).to.deep.equal(
      [...SERVER_LEGS, ...CLIENT_LEGS, ...SKILLS_CLIENT_LEGS].map((leg) => leg.name),
    );
    expect(ok, lines.join("\n")).to.equal(true);
    for (const leg of legs) {
      // A skills host leg runs its one scenario by name.
      const fewest = SKILLS_CLIENT_LEGS.some((skills) => skills.name === leg.leg) ? 0 : 15;
      expect(leg.scenarios.total, `${leg.leg} ran too few scenarios:\n${lines.join("\n")}`).to.be.greaterThan(fewest);
      expect(leg.checks.SUCCESS).to.be.greaterThan(0);
    }
  });
});
