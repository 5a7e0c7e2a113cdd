import { expect } from "chai";
import { ClientSession } from "../../../src/client/client-session.js";
import { FastMCP } from "../../../src/server/fastmcp/fastmcp.js";
import { shapeVariables, templateVariables } from "../../../src/server/fastmcp/template-variables.js";
import { memoryPair } from "../../../src/transports/memory/memory.js";
import { captureLogger } from "../../support/peers.js";

describe("resource template variables: a string each, a list only for an explode form", () => {
  it("reads the variables off the template: operator, explode, prefix dropped", () => {
    expect(templateVariables("x://{a}{/b*}{?c,d:3}")).to.deep.equal([
      { name: "a", explode: false, operator: "" },
      { name: "b", explode: true, operator: "/" },
      { name: "c", explode: false, operator: "?" },
      { name: "d", explode: false, operator: "?" },
    ]);
  });

  it("shapes what the matcher gives: lists split by the operator's separator, name= dropped, absent ones empty", () => {
    const specs = templateVariables("x://{a}{/b*}{.e*}{?q*}{?s}");
    expect(shapeVariables(specs, { a: "1,2", b: "p/q/r", e: ["x", "y"], q: ["q=1", "q=2"] })).to.deep.equal({
      a: "1,2",
      b: ["p", "q", "r"],
      e: ["x", "y"],
      q: ["1", "2"],
      s: "",
    });
    expect(shapeVariables(specs, { a: ["1", "2"] })).to.deep.include({ a: "1,2", b: [], q: [] });
  });

  it("a handler gets {id} as a string (a comma in it kept) and {/path*} as a list, over a real session", async () => {
    const app = new FastMCP("templates", { logger: captureLogger() });
    const seen: unknown[] = [];
    app.resource("notes://{id}", (variables) => {
      seen.push(variables);
      return `note ${variables.id.toUpperCase()}`;
    });
    app.resource("files://root{/path*}", ({ path }) => {
      seen.push({ path });
      return path.join(" > ");
    });
    const [clientEnd, serverEnd] = memoryPair();
    await app.connect(serverEnd);
    await using client = new ClientSession(clientEnd, { logger: captureLogger() });
    await client.initialize();
    const note = await client.readResource("notes://a,b");
    expect((note.contents[0] as { text: string }).text).to.equal("note A,B");
    const file = await client.readResource("files://root/docs/guide/intro");
    expect((file.contents[0] as { text: string }).text).to.equal("docs > guide > intro");
    expect(seen).to.deep.equal([{ id: "a,b" }, { path: ["docs", "guide", "intro"] }]);
  });
});
