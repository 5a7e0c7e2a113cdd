import { expect } from "chai";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { splitWords } from "../../src/cli/commands/connect.js";
import { ROOT, run } from "../support/paths.js";

const BIN = join(ROOT, "dist", "bundle", "cli.js");
const NOTES = [process.execPath, "--import", "tsx", "examples/notes-server.ts"];
const FORMS = [process.execPath, "--import", "tsx", "test/fixtures/cli-connect/form-server.ts"];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A `mcp client connect` child driven line by line: write a command, wait for what it prints. */
class Repl {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exit: Promise<number | null>;
  stdout = "";
  stderr = "";
  closed = false;
  #seen = 0;
  readonly #waiters = new Set<() => void>();

  /** `globals` go before the command (`--protocol-version 2025-11-25`), `args` after `client connect`. */
  constructor(args: string[], globals: string[] = []) {
    this.child = spawn(process.execPath, [BIN, ...globals, "client", "connect", ...args], { cwd: ROOT });
    const wake = () => this.#waiters.forEach((waiter) => waiter());
    this.child.stdout.setEncoding("utf8").on("data", (text: string) => {
      this.stdout += text;
      wake();
    });
    this.child.stderr.setEncoding("utf8").on("data", (text: string) => (this.stderr += text));
    this.exit = new Promise((resolve) =>
      this.child.on("close", (code) => {
        this.closed = true;
        wake();
        resolve(code);
      }),
    );
  }

  send(line: string): this {
    this.child.stdin.write(`${line}\n`);
    return this;
  }

  /** Waits until the output after the last match matches `pattern` (a string matches literally); returns that output. */
  expect(pattern: string | RegExp, ms = 20_000): Promise<string> {
    const re = typeof pattern === "string" ? new RegExp(escape(pattern)) : pattern;
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = re.exec(this.stdout.slice(this.#seen));
        if (!match) return false;
        const upTo = this.#seen + match.index + match[0].length;
        resolve(this.stdout.slice(this.#seen, upTo));
        this.#seen = upTo;
        return true;
      };
      if (check()) return;
      const fail = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        reject(new Error(`no ${re} in:\n${this.stdout.slice(this.#seen)}\nstderr: ${this.stderr}`));
      };
      const timer = setTimeout(fail, ms);
      const waiter = () => {
        if (check()) {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
        } else if (this.closed) fail();
      };
      if (this.closed) return fail();
      this.#waiters.add(waiter);
    });
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}

describe("mcp client connect (the built bin, as a subprocess)", function () {
  this.timeout(60_000);

  describe("an interactive session with examples/notes-server.ts (2026-07-28, stateless)", () => {
    let repl: Repl;
    before(async () => {
      repl = new Repl(NOTES);
      await repl.expect("connected to notes 1.0.0 (2026-07-28); type help for commands, exit to leave\n");
    });
    after(() => repl.kill());

    it("lists the tools as a table", async () => {
      const out = await repl.send("tools").expect(/^list_workspaces .*\n/m);
      expect(out).to.match(/^mcp> tools\nNAME\s+DESCRIPTION\s+INPUT\n/);
      expect(out).to.match(
        /^add_note\s+Store a note and return its id\s+title: string\*, body: string\*, tags: string\[\]$/m,
      );
      expect(out).to.match(/^reindex\s+Rebuild the search index, reporting progress\s+passes: integer\*$/m);
    });

    it("calls a tool: its log message and the subscribed resource's update print as they arrive, then the result", async () => {
      await repl.send("subscribe notes://index").expect("subscribed notes://index\n");
      const out = await repl.send(`call add_note title="An idea" body="Buy milk" tags='["todo"]'`).expect('{"id":"3"');
      expect(out).to.include('[log info] notes: {"message":"note added","id":"3"}\n');
      expect(out).to.include("[updated] notes://index\n");
      await repl.expect('"count":3}\n');
    });

    it("reads a resource", async () => {
      const out = await repl.send("read notes://3").expect("tags: todo\n");
      expect(out).to.equal("mcp> read notes://3\n# An idea\n\nBuy milk\n\ntags: todo\n");
    });

    it("gets a prompt and prints its messages", async () => {
      const out = await repl.send("prompt review_note id=1 style=brief").expect("tags: intro\n");
      expect(out).to.include("Ask for a review of a note\nuser:\n  Review this note (brief):\n  \n  # Welcome\n");
    });

    it("prints the progress of a running call", async () => {
      const out = await repl.send("call reindex passes=3").expect("Reindexed 3 notes in 3 passes.\n");
      expect(out).to.match(/progress 1\/3 pass 1 of 3\n[^]*progress 2\/3 pass 2 of 3\n[^]*progress 3\/3 pass 3 of 3\n/);
      expect(out).to.include("[log debug] notes: pass 3 done\n");
    });

    it("answers a sampling request with the reply typed on stdin (model: human)", async () => {
      const asked = await repl.send("call summarize_note id=1").expect("Notes are plain text with tags.\n");
      expect(asked).to.include("sampling request (up to 100 tokens); answer as the model, blank declines:\n");
      expect(asked).to.include("  user: Summarize in one line:\n");
      const out = await repl.send("Plain-text notes, tagged.").expect(/tagged\.\n.*tagged\.\n/);
      expect(out).to.equal("reply> Plain-text notes, tagged.\nPlain-text notes, tagged.\n");
    });

    it("answers an elicitation field by field, and a blank first answer declines", async () => {
      await repl.send("call delete_note id=2").expect("elicitation: Delete note 2?\n");
      await repl.send("y").expect("accept? [y/N] y\n");
      await repl.send("perhaps").expect("  confirm (boolean, required): perhaps\n  answer y or n\n");
      await repl.send("yes").expect("Deleted note 2.\n");
      await repl.send("call delete_note id=1").expect("elicitation: Delete note 1?\n");
      await repl.send("").expect("accept? [y/N] \nKept note 1.\n");
      const index = await repl.send("read notes://index").expect("]\n");
      expect(index).to.include('"id":"1"').and.include('"id":"3"').and.not.include('"id":"2"');
    });

    it("answers roots/list with the current directory", async () => {
      const out = await repl.send("call list_workspaces").expect(/: file:.*\n/);
      expect(out).to.include(`[roots] answered ${pathToFileURL(ROOT).href}\n`);
    });

    it("completes arguments, sets the logging level (asked for on every later request), pings (server/discover)", async () => {
      expect(await repl.send("complete prompt review_note style b").expect("brief\n")).to.match(/style b\nbrief\n$/);
      await repl.send("complete resource notes://{id} id 3").expect(/id 3\n3\n/);
      await repl.send("level warning").expect("logging level warning (asked for on every request from now on)\n");
      const out = await repl.send("call reindex passes=1").expect("Reindexed");
      expect(out, "debug logs are no longer sent").not.to.include("[log debug]");
      await repl.send("ping").expect(/pong \(\d+ ms\)\n/);
    });

    it("an unknown tool or command, or a tool's error result, prints one error line and the session goes on", async () => {
      const out = await repl.send("call no_such_tool").expect(/\n/);
      expect(out).to.equal("mcp> call no_such_tool\n");
      await repl.expect(/^error: unknown tool "no_such_tool" \(the server has: add_note, search_notes, .*\)\n/);
      await repl.send("frobnicate").expect('mcp> frobnicate\nerror: unknown command "frobnicate" (type help)\n');
      await repl.send("read").expect("error: usage: read <uri>\n");
      await repl.send("call summarize_note id=99").expect("mcp> call summarize_note id=99\ntool error: No note 99\n");
      await repl.send("ping").expect(/pong/);
    });

    it("help says what level and ping do on each mode", async () => {
      const out = await repl.send("help").expect(/exit \| quit \| Ctrl-D .*\n/);
      expect(out).to.match(
        /^ {2}level <debug\|info\|notice\|\.\.\.> +set the logging level \(2026-07-28: asked for on each request\)$/m,
      );
      expect(out).to.match(/^ {2}ping +time a round trip: ping \(2026-07-28: server\/discover\)$/m);
    });

    it("unsubscribe ends a resource's subscription: no more updates; unsubscribing again is an error", async () => {
      await repl.send("unsubscribe notes://index").expect("unsubscribed notes://index\n");
      const out = await repl.send("call add_note title=Later body=Quiet").expect('"count":');
      expect(out).not.to.include("[updated]");
      await repl.send("unsubscribe notes://index").expect("error: not subscribed to notes://index\n");
    });

    it("exit closes the session with status 0", async () => {
      repl.send("exit");
      expect(await repl.exit).to.equal(0);
      expect(repl.stderr).to.equal("");
      expect(repl.stdout, "no colour when not a terminal").not.to.include("\u001b[");
    });
  });

  describe("--protocol-version 2025-11-25: the same session, stateful", () => {
    let repl: Repl;
    before(async () => {
      repl = new Repl(NOTES, ["--protocol-version", "2025-11-25"]);
      await repl.expect("connected to notes 1.0.0 (2025-11-25); type help for commands, exit to leave\n");
    });
    after(() => repl.kill());

    it("follows a resource with resources/subscribe, logs unasked, sets the level with logging/setLevel, pings", async () => {
      await repl.send("subscribe notes://index").expect("subscribed notes://index\n");
      const out = await repl.send("call add_note title=Stateful body=Stateful").expect('{"id":"3"');
      expect(out).to.include('[log info] notes: {"message":"note added","id":"3"}\n');
      expect(out).to.include("[updated] notes://index\n");
      await repl.send("level warning").expect("mcp> level warning\nlogging level warning\n");
      expect(await repl.send("call reindex passes=1").expect("Reindexed")).not.to.include("[log debug]");
      await repl.send("ping").expect(/pong \(\d+ ms\)\n/);
      repl.send("exit");
      expect(await repl.exit).to.equal(0);
      expect(repl.stderr).to.equal("");
    });
  });

  it("a --protocol-version mcpkit does not speak is a one-line usage error (status 2)", async () => {
    const { code, stdout, stderr } = await run(process.execPath, [
      BIN,
      "--protocol-version",
      "2025-13-01",
      "client",
      "connect",
      ...NOTES,
    ]);
    expect(code).to.equal(2);
    expect(stdout).to.equal("");
    expect(stderr).to.equal(
      "mcp: --protocol-version must be one of 2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25, 2026-07-28, not 2025-13-01\n",
    );
  });

  describe("with a fixture server", () => {
    let repl: Repl;
    afterEach(() => repl.kill());

    it("coerces form fields (defaults, integer bounds, titled enums, booleans, multi-select) and asks again", async () => {
      repl = new Repl(FORMS);
      await repl.send("call survey").expect("elicitation: Tell us about you\n");
      for (const answer of ["y", "", "", "200", "12", "blue", "Green", "", "cat,bird", "cat, dog"]) repl.send(answer);
      const out = await repl.expect(/\{"action".*\n/);
      expect(out).to.include('  name (string, default "anonymous"): \n');
      expect(out).to.include("  age (integer, required): \n  an answer is required\n");
      expect(out).to.include("  age (integer, required): 200\n  expected a number from 0 to 150\n");
      expect(out).to.include("  colour (string, one of r (Red), g (Green), required): blue\n  expected one of r, g\n");
      expect(out).to.include('  pets (list, any of cat, dog, fish, optional): cat,bird\n  "bird" is not one of cat');
      expect(JSON.parse(out.slice(out.indexOf('{"action"')))).to.deep.equal({
        action: "accept",
        content: { name: "anonymous", age: 12, colour: "g", subscribe: false, pets: ["cat", "dog"] },
      });
    });

    it("shows a URL elicitation's URL and answers accept or decline; offers --root roots", async () => {
      repl = new Repl(["--root", "file:///srv/notes", "--root", "/tmp", ...FORMS]);
      await repl
        .send("call authorize")
        .expect("elicitation: Sign in to continue\n  open: https://example.com/login?x=1\n");
      await repl.send("y").expect("action: accept\n");
      await repl.send("call authorize").expect("open: https://example.com/login?x=1\n");
      await repl.send("n").expect("action: decline\n");
      const roots = await repl.send("call roots").expect(/\[\{.*\n/);
      expect(JSON.parse(roots.slice(roots.indexOf("[{")))).to.deep.equal([
        { uri: "file:///srv/notes" },
        { uri: "file:///tmp", name: "tmp" },
      ]);
    });

    it("prints notifications that arrive while idle (2025-11-25: a late log), and refreshes the tool list", async () => {
      repl = new Repl(FORMS, ["--protocol-version", "2025-11-25"]);
      await repl.expect("(2025-11-25)");
      await repl.send("call later").expect("scheduled\n");
      await repl.expect("[log warning] forms: something happened later\n[list_changed] tools\n");
      await repl.send("tools").expect(/^extra\s+Added later/m);
    });

    it("2026-07-28: list changes arrive on the subscription opened at start, and the tool list is refreshed", async () => {
      repl = new Repl(FORMS);
      await repl.expect("(2026-07-28)");
      await repl.send("call later").expect("scheduled\n");
      await repl.expect("[list_changed] tools\n");
      await repl.send("tools").expect(/^extra\s+Added later/m);
      await repl.send("call extra").expect("mcp> call extra\nextra!\n");
    });

    it("a server that goes away ends the session with one line and status 1", async () => {
      repl = new Repl(FORMS);
      await repl.send("call crash").expect("bye\n");
      expect(await repl.exit).to.equal(1);
      expect(repl.stderr).to.match(/^mcp: the server went away: the server process `.*` exited with code 3\n$/);
    });
  });

  it("piped input runs in order (a question's answer included) and its end closes the session with status 0", async () => {
    const repl = new Repl(NOTES);
    try {
      repl.child.stdin.end("call summarize_note id=2\nGroceries to buy.\nping\n");
      expect(await repl.exit).to.equal(0);
      expect(repl.stdout).to.match(
        /Milk, eggs, bread\.\nreply> Groceries to buy\.\nGroceries to buy\.\nmcp> ping\npong/,
      );
    } finally {
      repl.kill();
    }
  });

  it("a server command that does not exist fails quickly with one line", async () => {
    const started = Date.now();
    const { code, stdout, stderr } = await run(process.execPath, [BIN, "client", "connect", "no-such-server-xyz"]);
    expect(code).to.equal(1);
    expect(stdout).to.equal("");
    expect(stderr).to.match(/^mcp: cannot connect to no-such-server-xyz: .+\n$/);
    expect(Date.now() - started).to.be.below(5_000);
  });

  it("--help gives examples", async () => {
    const { code, stdout } = await run(process.execPath, [BIN, "client", "connect", "--help"]);
    expect(code).to.equal(0);
    expect(stdout).to.include("Examples:\n  mcp client connect node --import tsx examples/notes-server.ts");
  });

  it("splits a command line as a shell would (quotes, backslashes)", () => {
    expect(splitWords(`call add_note title="An idea" body="say \\"hi\\"" tags='["a b"]' x=\\"`)).to.deep.equal([
      "call",
      "add_note",
      "title=An idea",
      'body=say "hi"',
      'tags=["a b"]',
      'x="',
    ]);
    expect(() => splitWords('call "open')).to.throw('unclosed "');
  });
});
