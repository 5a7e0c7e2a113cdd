import { expect } from "chai";
import { selectScope } from "../../../src/auth/client/scope.js";

describe("auth/client: selectScope (authorization: Scope Selection Strategy, refresh tokens)", () => {
  it("uses the challenge's scope first, whatever scopes_supported says (auth/scope-from-www-authenticate)", () => {
    expect(selectScope({ challengeScope: "mcp:basic", resourceScopes: ["mcp:profile"] })).to.equal("mcp:basic");
  });

  it("uses every scope of the PRM's scopes_supported without one (auth/scope-from-scopes-supported)", () => {
    expect(selectScope({ resourceScopes: ["mcp:basic", "mcp:read", "mcp:write"] })).to.equal(
      "mcp:basic mcp:read mcp:write",
    );
    expect(selectScope({ challengeScope: "  ", resourceScopes: ["a"] })).to.equal("a");
  });

  it("omits the scope when neither gives one (auth/scope-omitted-when-undefined)", () => {
    expect(selectScope({})).to.equal(undefined);
    expect(selectScope({ resourceScopes: [], authorizationServerScopes: ["offline_access"] })).to.equal(undefined);
  });

  it("adds offline_access only when the authorization server lists it (auth/offline-access-scope, -not-supported)", () => {
    const resourceScopes = ["mcp:basic"];
    expect(selectScope({ resourceScopes, authorizationServerScopes: ["mcp:basic", "offline_access"] })).to.equal(
      "mcp:basic offline_access",
    );
    expect(selectScope({ resourceScopes, authorizationServerScopes: ["mcp:basic", "mcp:read"] })).to.equal("mcp:basic");
    expect(selectScope({ challengeScope: "a offline_access", authorizationServerScopes: ["offline_access"] })).to.equal(
      "a offline_access",
    );
  });
});
