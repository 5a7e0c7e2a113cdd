import { expect } from "chai";
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { openBrowser } from "../../../../src/auth/client/node/browser.js";
import { configDirectory, ServerAuthFile } from "../../../../src/auth/client/node/file-store.js";
import { LoopbackListener } from "../../../../src/auth/client/node/loopback.js";
import { NodeOAuthProvider } from "../../../../src/auth/client/node/provider.js";
import { FixtureServer } from "../fixture-servers.js";
import { ROOT } from "../../../support/paths.js";

const BROWSER = `node ${join(ROOT, "test/support/auto-browser.mjs")}`;

describe("auth/client/node: the file store (one 0600 file per server)", () => {
  let directory: string;
  beforeEach(async () => (directory = await mkdtemp(join(tmpdir(), "cauth2-store-"))));
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it("writes one file per server, mode 0600 in a 0700 directory, and reads it back", async () => {
    const file = new ServerAuthFile("https://mcp.example/mcp#frag", directory);
    const other = new ServerAuthFile("https://other.example/mcp", directory);
    expect(file.path).to.not.equal(other.path);
    await file.write({ server: file.server, clients: { "https://as": { client_id: "c" } } });
    expect((await stat(file.path)).mode & 0o777).to.equal(0o600);
    expect((await stat(dirname(file.path))).mode & 0o777).to.equal(0o700);
    expect((await file.read()).clients).to.deep.equal({ "https://as": { client_id: "c" } });
    expect(file.server).to.equal("https://mcp.example/mcp");
  });

  it("treats a garbled file, or one naming another server, as empty", async () => {
    const file = new ServerAuthFile("https://mcp.example/mcp", directory);
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, "{not json");
    expect(await file.read()).to.deep.equal({ server: file.server, clients: {} });
    await writeFile(
      file.path,
      JSON.stringify({ server: "https://evil.example/", clients: {}, tokens: { access_token: "x" } }),
    );
    expect((await file.read()).tokens).to.equal(undefined);
  });

  it("keeps at most 16 registrations and clears to nothing", async () => {
    const file = new ServerAuthFile("https://mcp.example/mcp", directory);
    const clients = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`https://as${i}`, { client_id: `c${i}` }]),
    );
    await file.write({ server: file.server, clients });
    const kept = Object.keys((await file.read()).clients);
    expect(kept).to.have.length(16);
    expect(kept.at(-1)).to.equal("https://as19");
    expect(await file.clear()).to.equal(true);
    expect(await file.clear()).to.equal(false);
  });

  it("finds the user's config directory per platform, MCPKIT_CONFIG_DIR first", () => {
    expect(configDirectory({ MCPKIT_CONFIG_DIR: "/x" }, "linux")).to.equal("/x");
    expect(configDirectory({ XDG_CONFIG_HOME: "/xdg" }, "linux")).to.equal("/xdg/mcpkit");
    expect(configDirectory({ APPDATA: "C:\\A" }, "win32")).to.match(/mcpkit$/);
    expect(configDirectory({}, "darwin")).to.match(/Library\/Application Support\/mcpkit$/);
  });
});

describe("auth/client/node: the loopback listener (RFC 8252)", () => {
  it("takes only GET /callback with the expected state, on 127.0.0.1, then closes", async () => {
    const listener = new LoopbackListener();
    const port = await listener.listen();
    expect(listener.redirectUrl).to.equal(`http://127.0.0.1:${port}/callback`);
    const waiting = listener.waitForCallback("s1", 5000);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).to.equal(404);
    expect((await fetch(`${listener.redirectUrl}?code=c&state=wrong`)).status).to.equal(400);
    expect((await fetch(`${listener.redirectUrl}?code=c&state=s1`)).status).to.equal(200);
    const url = await waiting;
    expect(url.searchParams.get("code")).to.equal("c");
    const refused = await fetch(listener.redirectUrl).then(
      () => "answered",
      () => "refused",
    );
    expect(refused).to.equal("refused");
  });

  it("gives up after its timeout and frees the port", async () => {
    const listener = new LoopbackListener();
    await listener.listen();
    let caught: unknown;
    await listener.waitForCallback("s", 50).catch((e: unknown) => (caught = e));
    expect((caught as Error).message).to.match(/no redirect reached .* within/);
  });
});

describe("auth/client/node: NodeOAuthProvider", () => {
  let directory: string;
  let as: FixtureServer;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "cauth2-provider-"));
    as = await new FixtureServer().start();
  });
  afterEach(async () => {
    await as.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("opens the 'browser' (a command), and takes the redirect the authorization server sends back", async () => {
    const steps: string[] = [];
    const provider = await NodeOAuthProvider.open("https://mcp.example/mcp", {
      directory,
      browserCommand: BROWSER,
      onStep: (line) => steps.push(line),
    });
    const redirect = provider.redirectUrl!;
    expect(redirect).to.match(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(provider.clientMetadata).to.include({ application_type: "native", token_endpoint_auth_method: "none" });
    // An authorization server that approves at once: 302 to the redirect URI with code, state and iss.
    as.routes["/authorize?state=xyz"] = (origin) => ({
      status: 302,
      text: "",
      headers: { location: `${redirect}?code=the-code&state=xyz&iss=${encodeURIComponent(origin)}` },
    });
    const callback = await provider.authorize(new URL(`${as.origin}/authorize?state=xyz`));
    expect(callback.searchParams.get("code")).to.equal("the-code");
    expect(steps[0]).to.match(/^authorization-request: opening the browser at http:\/\/127\.0\.0\.1:\d+\/authorize$/);
    expect(steps[1]).to.equal("authorization-response: redirect received");
    await provider.close();
  });

  it("keeps registrations per issuer, tokens and a DPoP key across runs; status shows no secret; clear forgets", async () => {
    const first = await NodeOAuthProvider.open("https://mcp.example/mcp", { directory, dpop: true });
    await first.saveClientInformation("https://as.example", { client_id: "c1", client_secret: "s3cret" });
    await first.saveTokens({
      access_token: "at-secret",
      refresh_token: "rt",
      token_type: "DPoP",
      issuer: "https://as.example",
      expires_at: 2e9,
    });
    const pair = await first.dpopKeyPair();
    await first.close();
    const text = await readFile(first.path, "utf8");
    expect(text).to.contain("at-secret");
    const second = await NodeOAuthProvider.open("https://mcp.example/mcp", { directory, dpop: true });
    expect(second.redirectUrl).to.equal(first.redirectUrl);
    expect(second.clientInformation("https://as.example")?.client_id).to.equal("c1");
    expect(second.clientInformation("https://other.example")).to.equal(undefined);
    expect(second.tokens()?.refresh_token).to.equal("rt");
    const again = await second.dpopKeyPair();
    const { exportJWK } = await import("jose");
    expect(await exportJWK(again!.publicKey)).to.deep.equal(await exportJWK(pair!.publicKey));
    const status = JSON.stringify(second.status());
    expect(status).to.not.match(/at-secret|s3cret|"rt"/);
    expect(second.status()).to.deep.include({ issuers: ["https://as.example"], dpop: true });
    await second.invalidate("client", "https://as.example");
    expect(second.clientInformation("https://as.example")).to.equal(undefined);
    expect(await second.clear()).to.equal(true);
    expect(second.tokens()).to.equal(undefined);
    await second.close();
  });

  it("uses pre-registered credentials at every issuer, and the client credentials grant without a browser", async () => {
    const provider = await NodeOAuthProvider.open("https://mcp.example/mcp", {
      directory,
      clientId: "pre",
      clientSecret: "sec",
      clientCredentials: true,
    });
    expect(provider.redirectUrl).to.equal(undefined);
    expect(provider.clientInformation("https://any.example")).to.deep.equal({ client_id: "pre", client_secret: "sec" });
    expect(provider.grant).to.be.a("function");
    let caught: unknown;
    await provider.authorize(new URL("https://as.example/authorize")).catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(Error);
    await provider.close();
  });
});

describe("auth/client/node: openBrowser", () => {
  let directory: string;
  beforeEach(async () => (directory = await mkdtemp(join(tmpdir(), "cauth2-browser-"))));
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it("hands the URL to the command as one argument, nothing in it interpreted by a shell", async () => {
    const out = join(directory, "arg.txt");
    const url = "https://as.example/authorize?state=$(touch pwned);x=`id`&y=a|b";
    const command = `node -e "require('fs').writeFileSync(process.argv[1], process.argv[2])" ${out}`;
    await openBrowser(url, command);
    for (let i = 0; i < 50 && !(await stat(out).catch(() => undefined)); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await readFile(out, "utf8")).to.equal(new URL(url).href);
    expect(await stat(join(process.cwd(), "pwned")).catch(() => undefined)).to.equal(undefined);
  });

  it("refuses a URL that is not http(s), a command with shell operators, and a command that cannot start", async () => {
    const failures = await Promise.all([
      openBrowser("file:///etc/passwd", "true").catch((e: Error) => e.message),
      openBrowser("https://as.example/", "open $(id) | sh").catch((e: Error) => e.message),
      openBrowser("https://as.example/", "/nonexistent/browser").catch((e: Error) => e.message),
    ]);
    expect(failures[0]).to.match(/not an http\(s\) URL/);
    expect(failures[1]).to.match(/must be a plain command/);
    expect(failures[2]).to.match(/cannot start \/nonexistent\/browser/);
  });
});
