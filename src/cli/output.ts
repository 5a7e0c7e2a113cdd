import type { Writable } from "node:stream";

/** Where the CLI writes, and whether those are terminals (colour and spinners only there). */
export interface Io {
  out: Writable & { isTTY?: boolean };
  err: Writable & { isTTY?: boolean };
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

/** Colours for one stream: ANSI on a terminal (unless NO_COLOR is set), plain text elsewhere. */
export type Paint = Record<keyof typeof CODES, (text: string) => string>;

export function paint(stream: { isTTY?: boolean }): Paint {
  const on = stream.isTTY === true && !process.env.NO_COLOR;
  const entries = Object.entries(CODES).map(([name, [open, close]]) => [
    name,
    (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text),
  ]);
  return Object.fromEntries(entries) as Paint;
}

/** A one-line spinner on stderr while `work` runs, shown only on a terminal; resolves with its result. */
export async function withSpinner<T>(io: Io, label: string, work: Promise<T>): Promise<T> {
  if (!io.err.isTTY) return work;
  const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
  const started = Date.now();
  let i = 0;
  const timer = setInterval(() => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.err.write(`\r${frames[i++ % frames.length]} ${label} (${seconds} s)`);
  }, 80);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    io.err.write("\r\u001b[2K");
  }
}

/** A progress report as one line: `progress 1/2 pass 1 of 2`. */
export function progressLine({ progress, total, message }: { progress: number; total?: number; message?: string }) {
  return `progress ${progress}${total === undefined ? "" : `/${total}`}${message ? ` ${message}` : ""}`;
}

/** A line on stderr while a spinner may be showing there: the spinner's line is cleared first (a terminal only). */
export function printAboveSpinner(io: Io, line: string): void {
  io.err.write(`${io.err.isTTY ? "\r\u001b[2K" : ""}${line}\n`);
}

/** A plain-text table: a header row, then rows, columns padded to the widest cell (cells cut at `max`). */
export function table(headers: string[], rows: string[][], max = 60): string {
  const cut = (cell: string) => {
    const flat = cell.replace(/\s+/g, " ").trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const cells = [headers, ...rows].map((row) => row.map(cut));
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => row[c]?.length ?? 0)));
  return cells
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
