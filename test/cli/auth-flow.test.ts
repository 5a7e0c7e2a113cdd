import { expect } from "chai";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { ServerAuthFile } from "../../src/auth/client/node/file-store.js";
import { registerAuth } from "../../src/cli/commands/auth.js";
import { registerCall } from "../../src/cli/commands/call.js";
import { registerInspect } from "../../src/cli/commands/inspect.js";
import { runProgram } from "../../src/cli/program.js";
import type { HttpApp } from "../../src/server/index.js";
import {
  AUTO_BROWSER,
  MACHINE_CLIENT,
  NATIVE_CLIENT_ID,
  OidcCodeIssuer,
  protectedServer,
} from "../fixtures/auth/oidc-code-issuer.js";

/** Runs `mcp <argv>` in this process; resolves with the status and output. */
async function mcp(...argv: string[]) {
  let out = "";
  let err = "";
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        write(chunk.toString());
        done();
      },
    });
  const io = { out: sink((text) => (out += text)), err: sink((text) => (err += text)) };
  const code = await runProgram(argv, io, [registerInspect, registerCall, registerAuth]);
  return { code, out, err };
}

/** `mcp` against a server protected by a real authorization server (oidc-provider), the browser scripted. */
describe("mcp against a protected server: the browser flow, mcp auth login|logout|status", function () {
  this.timeout(60_000);
  const oidc = new OidcCodeIssuer();
  let served: HttpApp;
  let url: string;
  let directory: string;
  const saved = { dir: process.env.MCPKIT_CONFIG_DIR, browser: process.env.MCPKIT_BROWSER };

  before(async () => {
    await oidc.start();
    served = await protectedServer(oidc);
    url = served.endpointUrl;
    directory = await mkdtemp(join(tmpdir(), "cauth2-cli-"));
    process.env.MCPKIT_CONFIG_DIR = directory;
    process.env.MCPKIT_BROWSER = AUTO_BROWSER;
  });
  after(async () => {
    for (const [name, value] of [
      ["MCPKIT_CONFIG_DIR", saved.dir],
      ["MCPKIT_BROWSER", saved.browser],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await served.close();
    await oidc.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("call runs the flow once, one line per step on stderr, no secret printed; the next call reuses the tokens", async () => {
    const first = await mcp("call", url, "whoami");
    expect(first.code, first.err).to.equal(0);
    expect(first.out).to.equal(`alice ${url}\n`);
    const lines = first.err.trimEnd().split("\n");
    const prm = `${new URL(url).origin}/.well-known/oauth-protected-resource/mcp`;
    expect(lines[0]).to.equal(`protected-resource-metadata: ${prm}: authorization server ${oidc.issuer}`);
    expect(lines[1]).to.equal(`authorization-server-metadata: ${oidc.issuer}`);
    expect(lines[2]).to.match(new RegExp(`^registration: dynamic client \\S+ at ${oidc.issuer}$`));
    expect(lines[3]).to.equal(
      `authorization-request: asking the user to authorize at ${oidc.issuer} (scope mcp:read offline_access)`,
    );
    expect(lines[4]).to.equal(`authorization-request: opening the browser at ${oidc.issuer}/auth`);
    expect(lines[5]).to.equal("authorization-response: redirect received");
    expect(lines[6]).to.equal(`token-request: obtained a token from ${oidc.issuer} for mcp:read`);
    expect(lines).to.have.length(7);
    const file = new ServerAuthFile(url, directory);
    const stored = await file.read();
    expect(first.err).to.not.contain(stored.tokens!.access_token);
    expect((await stat(file.path)).mode & 0o777).to.equal(0o600);

    const second = await mcp("call", url, "whoami");
    expect(second.code).to.equal(0);
    expect(second.err).to.equal("");
    expect(oidc.to("/reg")).to.have.length(1);
  });

  it("auth status shows what is stored and never a token; logout forgets; --no-auth only describes", async () => {
    await mcp("auth", "login", url);
    const status = await mcp("auth", "status", url);
    expect(status.code).to.equal(0);
    expect(status.out).to.match(new RegExp(`^Registered\\s+${oidc.issuer} as \\S+$`, "m"));
    expect(status.out).to.match(/^Tokens\s+Bearer from .*, expires in \d+ s, refreshable$/m);
    const { tokens } = await new ServerAuthFile(url, directory).read();
    expect(status.out).to.not.contain(tokens!.access_token).and.not.contain(tokens!.refresh_token);

    const logout = await mcp("auth", "logout", url);
    expect(logout.out).to.match(/^forgot .* \(deleted .*\.json\)\n$/);
    const after = await mcp("auth", "status", url);
    expect(after.code).to.equal(1);
    expect(after.out).to.match(/^Tokens\s+none$/m);

    const refused = await mcp("call", "--no-auth", url, "whoami");
    expect(refused.code).to.equal(1);
    expect(refused.err).to.match(/requires authorization .*; not authorizing \(--no-auth\)\n$/);
  });

  it("auth login runs the flow afresh and says so in one line", async () => {
    const login = await mcp("auth", "login", url, "--scope", "mcp:read");
    expect(login.code, login.err).to.equal(0);
    expect(login.out).to.equal(`logged in to ${url} (Bearer token from ${oidc.issuer})\n`);
    expect(login.err).to.contain("authorization-request: opening the browser");
  });

  it("--client-credentials authorizes as a pre-registered client, without a browser", async () => {
    await mcp("auth", "logout", url);
    const args = ["--client-credentials", "--client-id", MACHINE_CLIENT.id, "--client-secret", MACHINE_CLIENT.secret];
    const run = await mcp("call", url, "whoami", ...args);
    expect(run.code, run.err).to.equal(0);
    expect(run.err).to.not.contain("browser");
    expect(run.err).to.contain(`token-request: obtained a token from ${oidc.issuer} without a user`);
  });

  it("--client-id uses a pre-registered client (no registration); --dpop binds the tokens for a DPoP-only server", async () => {
    const dpopOnly = await protectedServer(oidc, "required");
    try {
      const registrations = oidc.to("/reg").length;
      const run = await mcp("call", dpopOnly.endpointUrl, "whoami", "--client-id", NATIVE_CLIENT_ID, "--dpop");
      expect(run.code, run.err).to.equal(0);
      expect(run.out).to.equal(`alice ${dpopOnly.endpointUrl}\n`);
      expect(run.err).to.match(new RegExp(`^registration: stored client ${NATIVE_CLIENT_ID} at `, "m"));
      expect(oidc.to("/reg")).to.have.length(registrations);
      const status = await mcp("auth", "status", dpopOnly.endpointUrl);
      expect(status.out).to.match(/^Tokens\s+DPoP from /m);
      expect(status.out).to.match(/^DPoP key\s+kept/m);
      const bearerOnly = await mcp("call", dpopOnly.endpointUrl, "whoami", "--no-auth");
      expect(bearerOnly.code).to.equal(1);
    } finally {
      await dpopOnly.close();
    }
  });

  it("a failing step ends with one line naming the step and the reason", async () => {
    await mcp("auth", "logout", url);
    const args = ["--client-credentials", "--client-id", "nobody", "--client-secret", "wrong"];
    const run = await mcp("call", url, "whoami", ...args);
    expect(run.code).to.equal(1);
    const last = run.err.trimEnd().split("\n").pop();
    expect(last).to.match(
      new RegExp(
        `^mcp: authorizing with ${url} failed at token-request: client credentials grant at .*: invalid_client`,
      ),
    );
    const usage = await mcp("call", url, "whoami", "--client-credentials");
    expect(usage.code).to.equal(2);
    expect(usage.err).to.match(/--client-credentials needs --client-id and --client-secret/);
  });
});

describe("mcp: stored tokens that expired between two runs are refreshed silently", function () {
  this.timeout(60_000);
  const oidc = new OidcCodeIssuer({ accessTokenTtl: 2 });
  let served: HttpApp;
  let directory: string;
  const saved = { dir: process.env.MCPKIT_CONFIG_DIR, browser: process.env.MCPKIT_BROWSER };
  before(async () => {
    await oidc.start();
    served = await protectedServer(oidc);
    directory = await mkdtemp(join(tmpdir(), "cauth2-cli-refresh-"));
    process.env.MCPKIT_CONFIG_DIR = directory;
    process.env.MCPKIT_BROWSER = AUTO_BROWSER;
  });
  after(async () => {
    if (saved.dir === undefined) delete process.env.MCPKIT_CONFIG_DIR;
    else process.env.MCPKIT_CONFIG_DIR = saved.dir;
    if (saved.browser === undefined) delete process.env.MCPKIT_BROWSER;
    else process.env.MCPKIT_BROWSER = saved.browser;
    await served.close();
    await oidc.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("the second run refreshes with the stored refresh token, without the browser", async () => {
    const first = await mcp("call", served.endpointUrl, "whoami");
    expect(first.code, first.err).to.equal(0);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const second = await mcp("call", served.endpointUrl, "whoami");
    expect(second.code, second.err).to.equal(0);
    expect(second.out).to.equal(first.out);
    expect(second.err).to.not.contain("browser");
    expect(second.err).to.contain(`refresh: refreshed the token at ${oidc.issuer}`);
  });
});
