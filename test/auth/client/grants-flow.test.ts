import { expect } from "chai";
import { sendAuthorized } from "../../../src/auth/client/authorized-request.js";
import { OAuthClientAuth } from "../../../src/auth/client/client-auth.js";
import { OAuthFlowError } from "../../../src/auth/client/errors.js";
import { clientCredentialsGrant, workloadIdentityGrant, type NoUserGrant } from "../../../src/auth/client/grants.js";
import { MemoryOAuthClientProvider } from "../../../src/auth/client/memory-provider.js";
import { MockAuthorization } from "./mock-oauth.js";

/** A provider whose only way to tokens is `grant` (it never sends a user anywhere). */
function grantProvider(grant: NoUserGrant): MemoryOAuthClientProvider & { grant: NoUserGrant } {
  const provider = new MemoryOAuthClientProvider({
    clientMetadata: { client_name: "machine", redirect_uris: [] },
    authorize: () => Promise.reject(new Error("no user here")),
  });
  return Object.assign(provider, { grant });
}

describe("auth/client: grants without a user inside the flow (401 -> discovery -> grant -> retry)", () => {
  let mock: MockAuthorization;
  beforeEach(async () => (mock = await new MockAuthorization().start()));
  afterEach(() => mock.stop());

  const post = (auth: OAuthClientAuth) =>
    sendAuthorized(auth, { method: "POST", url: mock.mcpUrl }, (headers) =>
      fetch(mock.mcpUrl, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{}" }),
    );

  it("client credentials: the token goes to the MCP server only, the secret to the token endpoint only", async () => {
    const grant = clientCredentialsGrant({ clientId: "machine", auth: { clientSecret: "s3cret" } });
    const auth = new OAuthClientAuth(mock.mcpUrl, grantProvider(grant));
    expect((await post(auth)).status).to.equal(200);
    const carrying = mock.seen.filter((s) => s.authorization !== undefined);
    expect(carrying.map((s) => `${s.server} ${s.method} ${s.path} ${s.authorization!.split(" ")[0]}`)).to.deep.equal([
      "as POST /token Basic",
      "rs POST /mcp Bearer",
    ]);
    expect(mock.paths("as")).to.not.include("POST /register");
  });

  it("workload identity: a refused assertion ends the flow at token-request, and is never sent again", async () => {
    mock.behaviour.tokenError = "invalid_grant";
    const auth = new OAuthClientAuth(
      mock.mcpUrl,
      grantProvider(workloadIdentityGrant({ clientId: "wl", assertion: "a.b.c" })),
    );
    const failures: unknown[] = [];
    for (let i = 0; i < 3; i++) await post(auth).catch((e: unknown) => failures.push(e));
    expect(failures).to.have.length(3);
    for (const failure of failures) {
      expect(failure).to.be.instanceOf(OAuthFlowError);
      expect((failure as OAuthFlowError).message).to.match(
        /^token-request: workload identity JWT-bearer grant .*: invalid_grant/,
      );
    }
    expect(mock.paths("as").filter((p) => p === "POST /token")).to.have.length(1);
    expect(mock.seen.filter((s) => s.server === "rs" && s.authorization !== undefined)).to.deep.equal([]);
  });
});
