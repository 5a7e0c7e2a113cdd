import { expect } from "chai";
import { REVISIONS, revisions, surface } from "../../generated/index.js";
import { unionMethods } from "../support/schemas.js";

const methodsTravelling = (table: Record<string, { directions: readonly string[] }>, direction: string) =>
  Object.values(table)
    .filter((spec) => spec.directions.includes(direction))
    .map((spec) => (spec as unknown as { method: string }).method)
    .sort();

describe("codegen: method tables match the schema's unions", () => {
  for (const name of REVISIONS) {
    it(`${name}: requests and notifications in each direction equal ClientRequest/ServerRequest/ClientNotification/ServerNotification`, () => {
      const spec = revisions[name];
      expect(methodsTravelling(spec.requests, "clientToServer")).to.deep.equal(unionMethods(name, "ClientRequest"));
      expect(methodsTravelling(spec.requests, "serverToClient")).to.deep.equal(unionMethods(name, "ServerRequest"));
      expect(methodsTravelling(spec.notifications, "clientToServer")).to.deep.equal(
        unionMethods(name, "ClientNotification"),
      );
      expect(methodsTravelling(spec.notifications, "serverToClient")).to.deep.equal(
        unionMethods(name, "ServerNotification"),
      );
    });
  }

  it("2024-11-05 has 13 client requests and 3 server requests; 2026-07-28 has 10 client requests and none from the server", () => {
    expect(methodsTravelling(revisions["2024-11-05"].requests, "clientToServer")).to.have.length(13);
    expect(methodsTravelling(revisions["2024-11-05"].requests, "serverToClient")).to.have.length(3);
    expect(methodsTravelling(revisions["2026-07-28"].requests, "clientToServer")).to.have.length(10);
    expect(methodsTravelling(revisions["2026-07-28"].requests, "serverToClient")).to.have.length(0);
  });

  it("pairs requests with results by name, and through the overlay where the name does not tell", () => {
    const r = revisions["2025-11-25"].requests;
    expect(r["tools/call"].resultType).to.equal("CallToolResult");
    expect(r["ping"].resultType).to.equal("EmptyResult");
    expect(r["logging/setLevel"].resultType).to.equal("EmptyResult");
    expect(r["tasks/result"].resultType).to.equal("GetTaskPayloadResult");
  });

  it("gates methods on the capability the other side declared, where the revision has that capability", () => {
    expect(revisions["2025-11-25"].requests["tools/call"].capability).to.deep.equal({
      side: "server",
      path: ["tools"],
    });
    expect(revisions["2025-11-25"].requests["resources/subscribe"].capability).to.deep.equal({
      side: "server",
      path: ["resources", "subscribe"],
    });
    expect(revisions["2025-11-25"].requests["sampling/createMessage"].capability).to.deep.equal({
      side: "client",
      path: ["sampling"],
    });
    expect(revisions["2025-03-26"].requests["completion/complete"].capability).to.deep.equal({
      side: "server",
      path: ["completions"],
    });
    // 2024-11-05 had no `completions` capability: completion was not gated.
    expect(revisions["2024-11-05"].requests["completion/complete"].capability).to.equal(null);
    expect(revisions["2025-11-25"].requests["ping"].capability).to.equal(null);
  });

  it("derives protocol traits: stateful handshake, batching", () => {
    expect(REVISIONS.filter((n) => revisions[n].stateful)).to.deep.equal([
      "2024-11-05",
      "2025-03-26",
      "2025-06-18",
      "2025-11-25",
    ]);
    expect(REVISIONS.filter((n) => revisions[n].batching)).to.deep.equal(["2025-03-26"]);
  });

  it("lists each method of the cross-revision surface with the revisions that have it", () => {
    expect(surface.requests["logging/setLevel"].revisions).to.deep.equal([
      "2024-11-05",
      "2025-03-26",
      "2025-06-18",
      "2025-11-25",
    ]);
    expect(surface.requests["server/discover"].revisions).to.deep.equal(["2026-07-28"]);
    expect(surface.requests["tools/call"].revisions).to.have.length(5);
    expect(surface.requests["elicitation/create"].directions).to.deep.equal(["serverToClient"]);
  });
});
