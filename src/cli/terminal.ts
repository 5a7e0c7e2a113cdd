import { clearLine, createInterface, cursorTo, type Interface } from "node:readline";
import type { Io } from "./output.js";
import { CliError } from "./target.js";

/** Splits a command line into words as a shell would for quotes and backslashes (no variables, no operators). */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let open = false;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"' && /["\\]/.test(line[i + 1] ?? "")) word += line[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") [quote, open] = [ch, true];
    else if (ch === "\\" && i + 1 < line.length) [word, open] = [word + line[++i], true];
    else if (/\s/.test(ch)) {
      if (open) words.push(word);
      [word, open] = ["", false];
    } else [word, open] = [word + ch, true];
  }
  if (quote) throw new CliError(`unclosed ${quote}`);
  if (open) words.push(word);
  return words;
}

type Reader = { prompt: string; cancellable: boolean; resolve: (line: string | null) => void };

/**
 * The user's side of the session over node:readline. Lines go to the newest reader (a question asked
 * while the `mcp>` prompt waits takes precedence) or wait in a queue, so piped input is read in order.
 * On a terminal, output is printed above the prompt; elsewhere each consumed line is echoed after its prompt.
 */
export class Terminal {
  readonly terminal: boolean;
  /** Called on Ctrl-C when no question is open; returns whether it stopped something. */
  onInterrupt: () => boolean = () => false;
  readonly #input: NodeJS.ReadableStream;
  readonly #out: Io["out"];
  readonly #completer: (line: string) => [string[], string];
  #rl: Interface | undefined;
  readonly #queue: string[] = [];
  readonly #readers: Reader[] = [];
  #closed = false;
  #showing = false;
  #dialogs: Promise<unknown> = Promise.resolve();

  constructor(
    input: NodeJS.ReadableStream & { isTTY?: boolean },
    out: Io["out"],
    completer: (line: string) => [string[], string],
  ) {
    this.terminal = input.isTTY === true && out.isTTY === true;
    this.#input = input;
    this.#out = out;
    this.#completer = completer;
  }

  /** Starts reading input (on a terminal, readline takes the keyboard from here on, Ctrl-C included). */
  start(): void {
    const { terminal } = this;
    this.#rl = createInterface({ input: this.#input, output: this.#out, terminal, completer: this.#completer });
    this.#rl.on("line", (line) => this.#line(line));
    this.#rl.on("close", () => this.#close());
    this.#rl.on("SIGINT", () => this.#interrupt());
  }

  /** The next line, or null at the end of input (or, for a cancellable question, on Ctrl-C). */
  read(prompt: string, cancellable = false): Promise<string | null> {
    if (this.#readers.length === 0 && this.#queue.length > 0) return Promise.resolve(this.#take(prompt));
    if (this.#closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#readers.push({ prompt, cancellable, resolve });
      this.#show();
    });
  }

  /** Prints lines without breaking a prompt being typed at: clear it, print, prompt again. */
  print(text: string): void {
    if (!this.#showing || !this.#rl) return void this.#out.write(`${text}\n`);
    clearLine(this.#out, 0);
    cursorTo(this.#out, 0);
    this.#out.write(`${text}\n`);
    this.#rl.prompt(true);
  }

  /** Runs questions to the user one conversation at a time, however many requests the server sends at once. */
  dialog<T>(ask: () => Promise<T>): Promise<T> {
    const turn = this.#dialogs.then(ask, ask);
    this.#dialogs = turn.catch(() => {});
    return turn;
  }

  close(): void {
    this.#rl?.close();
  }

  #take(prompt: string): string {
    const line = this.#queue.shift()!;
    if (!this.terminal) this.#out.write(`${prompt}${line}\n`);
    return line;
  }

  #show(): void {
    const top = this.#readers.at(-1);
    if (!top || !this.terminal || !this.#rl) return;
    this.#rl.setPrompt(top.prompt);
    this.#rl.prompt();
    this.#showing = true;
  }

  #line(line: string): void {
    this.#queue.push(line);
    const reader = this.#readers.pop();
    if (!reader) return;
    this.#showing = false;
    reader.resolve(this.#take(reader.prompt));
    this.#show();
  }

  #close(): void {
    if (this.#showing) this.#out.write("\n");
    this.#closed = true;
    this.#showing = false;
    for (const reader of this.#readers.splice(0)) reader.resolve(null);
  }

  #interrupt(): void {
    const top = this.#readers.at(-1);
    if (top?.cancellable) {
      this.#readers.pop();
      this.#out.write("^C\n");
      this.#showing = false;
      top.resolve(null);
      return this.#show();
    }
    if (this.onInterrupt()) return;
    if (!this.#rl || this.#rl.line === "") return this.print("(type exit or press Ctrl-D to leave)");
    this.#rl.write(null, { ctrl: true, name: "e" });
    this.#rl.write(null, { ctrl: true, name: "u" });
  }
}
