import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../support/paths.js";

/** Where the interop fixtures live. */
export const FIXTURES = join(ROOT, "test", "fixtures", "interop");

/** The entry point of the reference server-everything package. */
export const EVERYTHING_BIN = join(
  ROOT,
  "node_modules",
  "@modelcontextprotocol",
  "server-everything",
  "dist",
  "index.js",
);

/** The command line that runs a TypeScript fixture under tsx, as a child of this Node. */
export function tsxCommand(fixture: string): { command: string; args: string[]; cwd: string } {
  return { command: process.execPath, args: ["--import", "tsx", join(FIXTURES, fixture)], cwd: ROOT };
}

interface Waiter<T> {
  predicate: (item: T) => boolean;
  from: number;
  resolve: (item: T) => void;
}

/**
 * What a peer sent, in arrival order, with a way to wait for the first item matching a predicate
 * (already arrived or still to come) instead of sleeping.
 */
export class Inbox<T> {
  readonly items: T[] = [];
  readonly #waiters = new Set<Waiter<T>>();

  /** Records one item and wakes whoever waits for it. */
  push = (item: T): void => {
    this.items.push(item);
    const index = this.items.length - 1;
    for (const waiter of this.#waiters) {
      if (index >= waiter.from && waiter.predicate(item)) {
        this.#waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  };

  /** The position the next item will take; pass it to `since` or `waitFor` to skip older ones. */
  mark(): number {
    return this.items.length;
  }

  /** The items that arrived at or after `mark`. */
  since(mark: number): T[] {
    return this.items.slice(mark);
  }

  /** The first item at or after `from` matching `predicate`; rejects after `timeout` ms saying what was awaited. */
  waitFor(
    predicate: (item: T) => boolean,
    options: { from?: number; timeout?: number; what?: string } = {},
  ): Promise<T> {
    const from = options.from ?? 0;
    const found = this.items.slice(from).find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timeout = options.timeout ?? 15_000;
      const waiter: Waiter<T> = {
        predicate,
        from,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const seen = JSON.stringify(this.items.slice(from));
        reject(new Error(`no ${options.what ?? "matching item"} arrived within ${timeout} ms; got ${seen}`));
      }, timeout);
      this.#waiters.add(waiter);
    });
  }
}

/** The error a promise rejects with; fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    const value = await promise;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`, { cause: "resolved" });
  } catch (error) {
    if (error instanceof Error && error.cause === "resolved") throw error;
    return error as Error & Record<string, unknown>;
  }
}

/** The text of every text block of a tool result or prompt message list, in order. */
export function texts(content: readonly unknown[] | undefined): string[] {
  return (content ?? []).flatMap((block) => {
    const b = block as { type?: string; text?: unknown };
    return b.type === "text" && typeof b.text === "string" ? [b.text] : [];
  });
}

/** Whether a child process has exited (by code or signal). */
export function exited(child: ChildProcess | undefined | null): boolean {
  return !child || child.exitCode !== null || child.signalCode !== null;
}

/** Collects a child's stderr lines, and writes them out when the test that owns them failed. */
export class StderrLog {
  readonly lines: string[] = [];
  constructor(readonly label: string) {}

  line = (line: string): void => {
    this.lines.push(line);
  };

  /** Writes the collected lines to this process's stderr. */
  dump(): void {
    if (this.lines.length === 0) return;
    process.stderr.write(`--- stderr of ${this.label} ---\n${this.lines.join("\n")}\n--- end ---\n`);
  }

  /** Writes the collected lines out if `ctx`'s current test failed. */
  dumpIfFailed(ctx: Mocha.Context): void {
    if (ctx.currentTest?.state === "failed") this.dump();
  }
}
