import { expect } from "chai";
import { OAuthFlowError } from "../../../src/auth/client/errors.js";
import { parseWwwAuthenticate, selectChallenge } from "../../../src/auth/client/www-authenticate.js";

function failure(header: string | null): OAuthFlowError {
  try {
    parseWwwAuthenticate(header);
  } catch (error) {
    expect(error).to.be.instanceOf(OAuthFlowError);
    return error as OAuthFlowError;
  }
  throw new Error(`${JSON.stringify(header)} parsed`);
}

describe("auth/client: parseWwwAuthenticate (authorization-server-discovery: parse WWW-Authenticate)", () => {
  it("reads a Bearer challenge's resource_metadata, scope, error and error_description", () => {
    const [c] = parseWwwAuthenticate(
      'Bearer error="invalid_token", error_description="expired", scope="files:read files:write", ' +
        'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"',
    );
    expect(c).to.deep.include({
      scheme: "Bearer",
      error: "invalid_token",
      errorDescription: "expired",
      scope: "files:read files:write",
      resourceMetadata: "https://mcp.example.com/.well-known/oauth-protected-resource",
    });
  });

  it("reads a DPoP challenge's algs and spells the schemes canonically whatever their case", () => {
    const challenges = parseWwwAuthenticate('dpop algs="ES256 PS256", error="use_dpop_nonce", BEARER scope=a');
    expect(challenges.map((c) => c.scheme)).to.deep.equal(["DPoP", "Bearer"]);
    expect(challenges[0]!.algs).to.deep.equal(["ES256", "PS256"]);
    expect(challenges[1]!.scope).to.equal("a");
  });

  it("undoes escapes in quoted strings and keeps commas and = inside them", () => {
    const [c] = parseWwwAuthenticate('Bearer error_description="a \\"quoted\\", x=y \\\\ done"');
    expect(c!.errorDescription).to.equal('a "quoted", x=y \\ done');
  });

  it("separates several challenges, token68 and parameterless ones included, with any spacing", () => {
    const challenges = parseWwwAuthenticate(
      ' Negotiate ,Basic YWxhZGRpbjpvcGVuc2VzYW1l==  ,  Newauth realm="apps",type=1 ,\ttitle = "Login" , Bearer  scope = "x"  ',
    );
    expect(challenges.map((c) => c.scheme)).to.deep.equal(["Negotiate", "Basic", "Newauth", "Bearer"]);
    expect(challenges[1]!.token68).to.equal("YWxhZGRpbjpvcGVuc2VzYW1l==");
    expect(challenges[2]!.params).to.deep.equal({ realm: "apps", type: "1", title: "Login" });
    expect(challenges[3]!.scope).to.equal("x");
  });

  it("tolerates a header folded over lines, as the spec's examples show it", () => {
    const [c] = parseWwwAuthenticate('Bearer resource_metadata="https://a.example/prm",\r\n    scope="files:read"');
    expect(c).to.deep.include({ resourceMetadata: "https://a.example/prm", scope: "files:read" });
  });

  it("reads a lone token after the scheme as a token68 (RFC 9110 grammar), not as a parameter", () => {
    expect(parseWwwAuthenticate("Bearer scope=")[0]).to.deep.include({ token68: "scope=", params: {} });
  });

  it("lower-cases parameter names", () => {
    const [c] = parseWwwAuthenticate('Bearer Resource_Metadata="https://a.example/prm"');
    expect(c!.resourceMetadata).to.equal("https://a.example/prm");
  });

  const bad: [string | null, RegExp][] = [
    [null, /no WWW-Authenticate header/],
    ["", /header is empty/],
    [" , ,", /header is empty/],
    ['Bearer scope="unterminated', /unterminated quoted string/],
    ['Bearer scope="a", scope="b"', /parameter scope given twice/],
    ['Bearer error="x", scope=', /expected a value for parameter scope/],
    ['Bearer scope="a" error="b"', /expected "," or the end after parameter scope/],
    ['"Bearer"', /expected an auth-scheme/],
    ['Bearer="x"', /expected a space after the scheme/],
    ['Bearer scope="a\u0001"', /control character/],
    ["Bearer a=b, =c", /expected an auth-scheme/],
  ];
  for (const [header, reason] of bad) {
    it(`refuses ${JSON.stringify(header)} with a typed error at step www-authenticate`, () => {
      const error = failure(header);
      expect(error.step).to.equal("www-authenticate");
      expect(error.reason).to.match(reason);
      expect(error.message).to.equal(`www-authenticate: ${error.reason}`);
      expect(error.message).not.to.include("\n");
    });
  }

  it("selects the Bearer challenge, else DPoP, and names the offered schemes when neither is there", () => {
    const both = parseWwwAuthenticate('DPoP algs="ES256", Bearer scope="a"');
    expect(selectChallenge(both).scheme).to.equal("Bearer");
    expect(selectChallenge(both, ["DPoP", "Bearer"]).scheme).to.equal("DPoP");
    expect(selectChallenge(parseWwwAuthenticate('DPoP algs="ES256"')).scheme).to.equal("DPoP");
    expect(() => selectChallenge(parseWwwAuthenticate('Basic realm="x"')))
      .to.throw(OAuthFlowError)
      .with.property("reason", "no Bearer or DPoP challenge (the server offered Basic)");
  });
});
