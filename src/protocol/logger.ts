/** Where mcpkit reports what it noticed: bad input, dropped messages, handler crashes. */
export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

function describe(detail: unknown): string {
  if (detail === undefined) return "";
  if (detail instanceof Error) return `: ${detail.message}`;
  try {
    return `: ${JSON.stringify(detail)}`;
  } catch {
    return `: ${String(detail)}`;
  }
}

/** Writes warnings and errors to stderr, one line each; stdout is left alone since stdio transports own it. */
export const stderrLogger: Logger = {
  debug() {},
  info() {},
  warn: (message, detail) => void process.stderr.write(`mcpkit warn: ${message}${describe(detail)}\n`),
  error: (message, detail) => void process.stderr.write(`mcpkit error: ${message}${describe(detail)}\n`),
};

/** Drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
