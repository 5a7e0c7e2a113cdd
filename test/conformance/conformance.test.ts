import { expect } from "chai";
import {
  AUTHORIZATION_LEGS,
  CLIENT_LEGS,
  runConformance,
  SERVER_LEGS,
  SKILLS_CLIENT_LEGS,
} from "../../scripts/conformance.js";

describe("the official conformance suite (npm run conformance)", function () {
  // Each server leg takes a few seconds; the first run may also fetch Node 22 through npx.
  this.timeout(300_000);

  it("every server and client leg passes against test/conformance/*-expected-failures.yaml", async () => {
    const lines: string[] = [];
    const { ok, legs } = await runConformance({ log: (line) => void lines.push(line) });
    const all = [...SERVER_LEGS, ...AUTHORIZATION_LEGS, ...CLIENT_LEGS, ...SKILLS_CLIENT_LEGS];
    expect(legs.map((leg) => leg.leg)).to.deep.equal(all.map((leg) => leg.name));
    expect(ok, lines.join("\n")).to.equal(true);
    const least = new Map(all.map((leg) => [leg.name, leg.minScenarios ?? 16]));
    for (const leg of legs) {
      const fewest = least.get(leg.leg)!;
      expect(leg.scenarios.total, `${leg.leg} ran too few scenarios:\n${lines.join("\n")}`).to.be.at.least(fewest);
      expect(leg.checks.SUCCESS).to.be.greaterThan(0);
    }
  });

  it("the authorization leg passes 2 of 2 against mcpkit's own authorization server, its login followed unattended", async () => {
    const lines: string[] = [];
    const { ok, legs } = await runConformance({
      server: false,
      client: false,
      authorization: true,
      log: (line) => void lines.push(line),
    });
    expect(ok, lines.join("\n")).to.equal(true);
    expect(legs.map((leg) => [leg.leg, leg.scenarios])).to.deep.equal([
      ["authorization", { passed: 2, failed: 0, total: 2 }],
    ]);
    expect(legs[0]!.checks.FAILURE + legs[0]!.checks.WARNING).to.equal(0);
  });
});
