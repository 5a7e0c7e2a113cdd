import { expect } from "chai";
import { CLIENT_LEGS, runConformance, SERVER_LEGS } from "../../scripts/conformance.js";

describe("the official conformance suite (npm run conformance)", function () {
  // Each server leg takes a few seconds; the first run may also fetch Node 22 through npx.
  this.timeout(300_000);

  it("every server and client leg passes against test/conformance/*-expected-failures.yaml", async () => {
    const lines: string[] = [];
    const { ok, legs } = await runConformance({ log: (line) => void lines.push(line) });
    expect(legs.map((leg) => leg.leg)).to.deep.equal([...SERVER_LEGS, ...CLIENT_LEGS].map((leg) => leg.name));
    expect(ok, lines.join("\n")).to.equal(true);
    const least = new Map([...SERVER_LEGS, ...CLIENT_LEGS].map((leg) => [leg.name, leg.minScenarios ?? 16]));
    for (const leg of legs) {
      const fewest = least.get(leg.leg)!;
      expect(leg.scenarios.total, `${leg.leg} ran too few scenarios:\n${lines.join("\n")}`).to.be.at.least(fewest);
      expect(leg.checks.SUCCESS).to.be.greaterThan(0);
    }
  });
});
