import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { addAuthOptions } from "../auth.js";
import type { ClientRequestOptions, ClientSession, RequestResult } from "../../client/client-session.js";
import { McpError } from "../../protocol/errors.js";
import type { RequestOptions } from "../../protocol/outbound.js";
import type { RequestMap } from "../../../generated/surface/methods.js";
import { paint, table, type Io, type Paint } from "../output.js";
import { connectionOf, type CliContext } from "../program.js";
import { CliError, connect, parseTarget, reason } from "../target.js";
import { parseArguments, renderBlock } from "./call.js";
import { coerce, fieldPrompt, type Field, type Value } from "../form.js";
import { splitWords, Terminal } from "../terminal.js";
import { summarizeSchema } from "./inspect.js";
import { HELP, NAMES, sessionHelp } from "./connect-help.js";
import { ModeAdapter, LEVELS } from "./connect-mode.js";

export { splitWords };

// A command waits for the server under its own deadline (which a question to the user holds), not the session's.
const UNBOUNDED: RequestOptions = { timeout: 86_400_000, maxTotalTimeout: 86_400_000 };

type Tool = RequestResult<"tools/list">["tools"][number];
type Block = RequestResult<"tools/call">["content"][number];

/** The deadline of one command: --timeout of the server's time, held while the user answers a question. */
class Deadline {
  readonly #ms: number;
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    this.#ms = ms;
    this.restart();
  }

  get options(): RequestOptions {
    return { ...UNBOUNDED, signal: this.#controller.signal };
  }

  restart(): void {
    this.hold();
    const error = new CliError(`no answer from the server within ${this.#ms} ms`);
    this.#timer = setTimeout(() => this.#controller.abort(error), this.#ms);
  }

  hold(): void {
    clearTimeout(this.#timer);
  }

  cancel(): void {
    this.hold();
    this.#controller.abort(new CliError("cancelled"));
  }
}

/** What the server offers, kept for tab completion and refreshed when the server says a list changed. */
class Catalog {
  tools: Tool[] = [];
  resources: string[] = [];
  templates: string[] = [];
  prompts: { name: string; arguments?: { name: string }[] }[] = [];
  readonly #session: ClientSession;

  constructor(session: ClientSession) {
    this.#session = session;
  }

  async refresh(kind: "tools" | "resources" | "prompts"): Promise<void> {
    const caps = this.#session.serverCapabilities ?? {};
    if (kind === "tools" && caps.tools) this.tools = await this.#session.listAllTools();
    if (kind === "resources" && caps.resources) {
      this.resources = (await this.#session.listAllResources()).map((r) => r.uri);
      this.templates = (await this.#session.listAllResourceTemplates()).map((t) => t.uriTemplate);
    }
    if (kind === "prompts" && caps.prompts) this.prompts = await this.#session.listAllPrompts();
  }

  /** readline's completer: command names, then tool, resource, prompt and argument names by position. */
  complete(line: string): [string[], string] {
    const words = line.trimStart().split(/\s+/);
    const current = words.at(-1) ?? "";
    const [command, second = "", third = ""] = words;
    const pick = (options: string[]): [string[], string] => {
      const hits = options.filter((o) => o.startsWith(current));
      // A single hit is a whole word: the space saves typing it; `key=` is left open for its value.
      return [hits.length === 1 && !hits[0]!.endsWith("=") ? [`${hits[0]} `] : hits, current];
    };
    const position = words.length;
    if (position === 1) return pick(NAMES.split(" "));
    const template = (t: string) => [...t.matchAll(/\{[+#./;?&]?([^}]+)\}/g)].flatMap((m) => m[1]!.split(","));
    const promptArgs = (name: string) => this.prompts.find((p) => p.name === name)?.arguments?.map((a) => a.name);
    if (command === "call")
      return pick(position === 2 ? this.tools.map((t) => t.name) : this.#toolArgs(second).map((a) => `${a}=`));
    if (command === "read" || command === "subscribe" || command === "unsubscribe") return pick(this.resources);
    if (command === "prompt")
      return pick(position === 2 ? this.prompts.map((p) => p.name) : (promptArgs(second) ?? []).map((a) => `${a}=`));
    if (command === "level") return pick([...LEVELS]);
    if (command !== "complete") return pick([]);
    if (position === 2) return pick(["prompt", "resource"]);
    const byPrompt = second === "prompt";
    if (position === 3) return pick(byPrompt ? this.prompts.map((p) => p.name) : this.templates);
    return pick(position === 4 ? ((byPrompt ? promptArgs(third) : template(third)) ?? []) : []);
  }

  #toolArgs(name: string): string[] {
    const schema = this.tools.find((t) => t.name === name)?.inputSchema as { properties?: object } | undefined;
    return Object.keys(schema?.properties ?? {});
  }
}

/** One interactive session: the server's requests answered by asking, notifications printed, commands run. */
class Repl {
  readonly #c: Paint;
  readonly #term: Terminal;
  readonly #session: ClientSession;
  readonly #catalog: Catalog;
  readonly #mode: ModeAdapter;
  readonly #timeout: number;
  #deadline: Deadline | undefined;
  #closing = false;
  #lost: Error | undefined;

  constructor(io: Io, input: NodeJS.ReadableStream & { isTTY?: boolean }, session: ClientSession, timeout: number) {
    this.#c = paint(io.out);
    this.#session = session;
    this.#timeout = timeout;
    this.#catalog = new Catalog(session);
    this.#mode = new ModeAdapter(session, (text) => {
      if (!this.#closing && !this.#lost) this.#term.print(this.#c.dim(text));
    });
    this.#term = new Terminal(input, io.out, (line) => this.#catalog.complete(line));
    this.#term.onInterrupt = () => (this.#deadline ? (this.#deadline.cancel(), true) : false);
    session.onClose((error) => {
      if (this.#closing) return;
      this.#lost = error ?? new Error("the server closed the connection");
      this.#term.close();
    });
  }

  /** Reads and runs commands until exit, the end of input, or the server going away (a CliError). */
  async run(): Promise<void> {
    const s = this.#session;
    const server = `${s.serverInfo?.name ?? "?"} ${s.serverInfo?.version ?? ""} (${s.protocolVersion})`;
    this.#term.print(this.#c.dim(`connected to ${server}; type help for commands, exit to leave`));
    const deadline = new Deadline(this.#timeout);
    const kinds = ["tools", "resources", "prompts"] as const;
    await Promise.all([...kinds.map((kind) => this.#refresh(kind)), this.#mode.followLists(deadline.options)]);
    deadline.hold();
    this.#term.start();
    for (;;) {
      const line = this.#lost ? null : await this.#term.read(this.#c.cyan("mcp> "));
      if (line === null || /^\s*(exit|quit)\s*$/.test(line)) break;
      try {
        await this.#execute(line);
      } catch (error) {
        if (!this.#lost) this.#term.print(`${this.#c.red("error:")} ${reason(error)}`);
      } finally {
        this.#deadline?.hold();
        this.#deadline = undefined;
      }
    }
    this.#closing = true;
    this.#term.close();
    await this.#mode.close();
    await s.close();
    if (this.#lost) throw new CliError(`the server went away: ${reason(this.#lost)}`);
  }

  /** Answers sampling, elicitation and roots by asking the user; prints what the server tells. */
  install(roots: { uri: string; name?: string }[]): void {
    const s = this.#session;
    s.onCreateMessage((params) => this.#ask(() => this.#sample(params)));
    s.onElicit((params) => this.#ask(() => this.#elicit(params)));
    s.onListRoots(() => {
      this.#term.print(this.#c.dim(`[roots] answered ${roots.map((r) => r.uri).join(", ")}`));
      return { roots };
    });
    s.onLoggingMessage(({ level, logger, data }) => {
      const text = typeof data === "string" ? data : JSON.stringify(data);
      this.#term.print(this.#c.dim(`[log ${level}] ${logger ? `${logger}: ` : ""}${text}`));
    });
    s.onResourceUpdated(({ uri }) => this.#term.print(this.#c.yellow(`[updated] ${uri}`)));
    s.onElicitationComplete(({ elicitationId }) => this.#term.print(`[elicitation complete] ${elicitationId}`));
    for (const kind of ["tools", "resources", "prompts"] as const) {
      const handler = () => {
        this.#term.print(this.#c.yellow(`[list_changed] ${kind}`));
        void this.#refresh(kind);
      };
      if (kind === "tools") s.onToolListChanged(handler);
      else if (kind === "resources") s.onResourceListChanged(handler);
      else s.onPromptListChanged(handler);
    }
  }

  async #refresh(kind: "tools" | "resources" | "prompts"): Promise<void> {
    await this.#catalog.refresh(kind).catch(() => {});
  }

  /** Runs one conversation with the user; the running command's deadline waits meanwhile. */
  #ask<T>(question: () => Promise<T>): Promise<T> {
    return this.#term.dialog(async () => {
      this.#deadline?.hold();
      try {
        return await question();
      } finally {
        this.#deadline?.restart();
      }
    });
  }

  async #sample(params: RequestMap["sampling/createMessage"]["params"]) {
    const c = this.#c;
    const lines = [c.bold(`sampling request (up to ${params.maxTokens} tokens); answer as the model, blank declines:`)];
    if (params.systemPrompt) lines.push(`  system: ${params.systemPrompt}`);
    for (const message of params.messages) {
      const blocks = Array.isArray(message.content) ? message.content : [message.content];
      const text = blocks.map((b) => renderBlock(b as Block)).join("\n");
      lines.push(`  ${message.role}: ${text.replace(/\n/g, `\n${" ".repeat(message.role.length + 4)}`)}`);
    }
    this.#term.print(lines.join("\n"));
    const text = await this.#term.read(c.cyan("reply> "), true);
    if (!text?.trim()) throw new McpError(-1, "the user declined the sampling request");
    return { role: "assistant" as const, content: { type: "text" as const, text }, model: "human" };
  }

  async #elicit(params: RequestMap["elicitation/create"]["params"]) {
    const c = this.#c;
    const url = params.mode === "url" ? params.url : undefined;
    this.#term.print(c.bold(`elicitation: ${params.message}`) + (url ? `\n  open: ${url}` : ""));
    const answer = await this.#term.read(c.cyan("accept? [y/N] "), true);
    if (answer === null || /^c(ancel)?$/i.test(answer.trim())) return { action: "cancel" as const };
    if (!/^y(es)?$/i.test(answer.trim())) return { action: "decline" as const };
    if (params.mode === "url") return { action: "accept" as const };
    const content: Record<string, Value> = {};
    const required = new Set(params.requestedSchema.required ?? []);
    for (const [name, field] of Object.entries(params.requestedSchema.properties as Record<string, Field>)) {
      const about = [field.title, field.description].filter(Boolean).join(": ");
      if (about) this.#term.print(c.dim(`  ${about}`));
      for (;;) {
        const raw = await this.#term.read(fieldPrompt(name, field, required.has(name)), true);
        if (raw === null) return { action: "cancel" as const };
        const value = coerce(field, raw, required.has(name));
        if (value instanceof Error) this.#term.print(c.red(`  ${value.message}`));
        else {
          if (value !== undefined) content[name] = value;
          break;
        }
      }
    }
    return { action: "accept" as const, content };
  }

  async #execute(line: string): Promise<void> {
    const [command = "", first, ...rest] = splitWords(line);
    const need = (usage: string, ...words: (string | undefined)[]) => {
      if (words.some((w) => w === undefined)) throw new CliError(`usage: ${usage}`);
      this.#deadline = new Deadline(this.#timeout);
      return this.#mode.options(this.#deadline.options);
    };
    const out = (text: string) => this.#term.print(text);
    switch (command) {
      case "":
        return;
      case "help":
        return out(HELP.map(([usage, what]) => `  ${usage.padEnd(44)} ${this.#c.dim(what)}`).join("\n"));
      case "tools":
      case "resources":
      case "templates":
      case "prompts":
        return this.#list(command, need(command));
      case "call":
        return this.#call(line, need("call <tool> [json | key=value ...]", first));
      case "read":
        return this.#read(first!, need("read <uri>", first));
      case "prompt":
        return this.#prompt(first!, rest, need("prompt <name> [key=value ...]", first));
      case "subscribe":
      case "unsubscribe":
        await this.#mode[command](first!, need(`${command} <uri>`, first));
        return out(`${command}d ${first}`);
      case "complete":
        return this.#complete(first, rest, need("complete prompt|resource <name> <arg> [value]", first, rest[1]));
      case "level":
        if (!(LEVELS as readonly string[]).includes(first ?? ""))
          throw new CliError(`usage: level <${LEVELS.join("|")}>`);
        return out(await this.#mode.setLevel(first as (typeof LEVELS)[number], need("level")));
      case "ping":
        return out(`pong (${await this.#mode.ping(need("ping"))} ms)`);
      default:
        throw new CliError(`unknown command ${JSON.stringify(command)} (type help)`);
    }
  }

  async #list(kind: "tools" | "resources" | "templates" | "prompts", options: ClientRequestOptions): Promise<void> {
    const s = this.#session;
    const cut = (text = "") => text.split("\n")[0]!;
    let rows: string[][];
    let headers: string[];
    if (kind === "tools") {
      const tools = (this.#catalog.tools = await s.listAllTools(options));
      headers = ["NAME", "DESCRIPTION", "INPUT"];
      rows = tools.map((t) => [t.name, cut(t.description), summarizeSchema(t.inputSchema)]);
    } else if (kind === "resources") {
      const resources = await s.listAllResources(options);
      this.#catalog.resources = resources.map((r) => r.uri);
      headers = ["NAME", "URI", "MIME TYPE"];
      rows = resources.map((r) => [r.name, r.uri, r.mimeType ?? ""]);
    } else if (kind === "templates") {
      headers = ["NAME", "URI TEMPLATE", "MIME TYPE"];
      rows = (await s.listAllResourceTemplates(options)).map((t) => [t.name, t.uriTemplate, t.mimeType ?? ""]);
    } else {
      const prompts = (this.#catalog.prompts = await s.listAllPrompts(options));
      headers = ["NAME", "DESCRIPTION", "ARGUMENTS"];
      rows = prompts.map((p) => {
        const args = (p.arguments ?? []).map((a) => `${a.name}${a.required ? "*" : ""}`);
        return [p.name, cut(p.description), args.join(", ")];
      });
    }
    this.#term.print(rows.length === 0 ? this.#c.dim(`(no ${kind})`) : table(headers, rows));
  }

  async #call(line: string, options: ClientRequestOptions): Promise<void> {
    // Arguments are re-read from the raw line so that unquoted JSON (`call t {"a": 1}`) keeps its quotes.
    const [, name = "", raw = ""] = /^\s*\S+\s+(\S+)\s*(.*)$/.exec(line) ?? [];
    let tool = this.#catalog.tools.find((t) => t.name === name);
    if (!tool) await this.#refresh("tools");
    tool = this.#catalog.tools.find((t) => t.name === name);
    if (!tool) {
      const known = this.#catalog.tools.map((t) => t.name).join(", ") || "none";
      throw new CliError(`unknown tool ${JSON.stringify(name)} (the server has: ${known})`);
    }
    const args = parseArguments(raw.startsWith("{") ? [raw] : splitWords(raw), tool.inputSchema);
    const onprogress = ({ progress, total, message }: { progress: number; total?: number; message?: string }) => {
      this.#deadline?.restart();
      this.#term.print(this.#c.dim(`progress ${progress}${total === undefined ? "" : `/${total}`} ${message ?? ""}`));
    };
    const result = await this.#session.callTool(name, args, { ...options, onprogress });
    const text =
      result.content.map(renderBlock).join("\n") ||
      (result.structuredContent === undefined ? "" : JSON.stringify(result.structuredContent));
    this.#term.print(result.isError ? `${this.#c.red("tool error:")} ${text}` : text);
  }

  async #read(uri: string, options: ClientRequestOptions): Promise<void> {
    const { contents } = await this.#session.readResource({ uri }, options);
    for (const item of contents) {
      if (contents.length > 1)
        this.#term.print(this.#c.dim(`${item.uri}${item.mimeType ? ` (${item.mimeType})` : ""}`));
      const size = "blob" in item ? Buffer.from(item.blob, "base64").length : 0;
      this.#term.print("text" in item ? item.text : `[blob ${item.uri}, ${item.mimeType ?? "?"}, ${size} bytes]`);
    }
  }

  async #prompt(name: string, words: string[], options: ClientRequestOptions): Promise<void> {
    const args: Record<string, string> = {};
    for (const word of words) {
      const eq = word.indexOf("=");
      if (eq <= 0) throw new CliError(`expected key=value, not ${JSON.stringify(word)}`);
      args[word.slice(0, eq)] = word.slice(eq + 1);
    }
    const result = await this.#session.getPrompt({ name, arguments: args }, options);
    if (result.description) this.#term.print(this.#c.dim(result.description));
    for (const m of result.messages)
      this.#term.print(`${this.#c.bold(`${m.role}:`)}\n${indent(renderBlock(m.content))}`);
  }

  async #complete(kind: string | undefined, [name, arg, value = ""]: string[], options: ClientRequestOptions) {
    if (kind !== "prompt" && kind !== "resource") throw new CliError("usage: complete prompt|resource ...");
    const ref =
      kind === "prompt" ? { type: "ref/prompt" as const, name: name! } : { type: "ref/resource" as const, uri: name! };
    const { completion } = await this.#session.complete({ ref, argument: { name: arg!, value } }, options);
    const left = completion.total === undefined ? "" : `${completion.total - completion.values.length} `;
    const more = completion.hasMore ? this.#c.dim(`\n(${left}more)`) : "";
    this.#term.print((completion.values.join("\n") || this.#c.dim("(no completions)")) + more);
  }
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}

/** A root from `--root`: a URI as given, or a path made a file:// URI. */
function rootOf(value: string): { uri: string; name?: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { uri: value };
  const url = pathToFileURL(value);
  return { uri: url.href, name: basename(url.pathname) || "/" };
}

/** `mcp client connect <command...>` / `--url <url>`: an interactive session with a server. */
export function registerConnect(program: Command, ctx: CliContext): void {
  const client =
    program.commands.find((c) => c.name() === "client") ??
    program
      .command("client")
      .description("talk to a server as a client")
      .addHelpText(
        "after",
        `${sessionHelp()}\n\nExamples:\n  mcp client connect node --import tsx examples/notes-server.ts`,
      );
  addAuthOptions(client.command("connect"))
    .description("connect to a server and type commands at it: tools, call, read, prompt, subscribe, complete, ...")
    .argument("[command...]", "the server command and its arguments (stdio)")
    .option("--url <url>", "an http(s):// (Streamable HTTP) or ws(s):// server URL")
    .option("--sse", "speak the legacy HTTP+SSE transport to --url")
    .option("--root <uri>", "a root to offer the server (repeatable; default: the current directory)", collect)
    .passThroughOptions()
    .addHelpText(
      "after",
      [
        "\nExamples:",
        "  mcp client connect node --import tsx examples/notes-server.ts",
        "  mcp client connect --url http://127.0.0.1:3000/mcp --root file:///srv/notes",
        "  printf 'tools\\ncall add_note title=Idea body=...\\n' | mcp client connect node server.js",
        sessionHelp(),
        "\nTab completes commands, tools, resources and prompts.",
      ].join("\n"),
    )
    .action(async (words: string[], options: { url?: string; sse?: boolean; root?: string[] }, command: Command) => {
      const connection = connectionOf(command);
      const { timeout } = connection;
      const target = parseTarget(words, options);
      const roots = (options.root ?? [process.cwd()]).map(rootOf);
      let repl: Repl | undefined;
      await connect(ctx.io, target, {
        ...connection,
        capabilities: { sampling: {}, elicitation: { form: {}, url: {} }, roots: {} },
        setup: (session) => {
          repl = new Repl(ctx.io, process.stdin, session, timeout);
          repl.install(roots);
        },
      });
      await repl!.run();
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
