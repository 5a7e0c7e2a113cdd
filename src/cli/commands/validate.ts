import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { revisions, REVISIONS, type Revision, type RevisionDefinitions } from "../../../generated/index.js";
import { LATEST_STATEFUL } from "../../protocol/negotiation.js";
import { validate, validateMessage, type ValidationError } from "../../validate/index.js";
import { paint } from "../output.js";
import type { CliContext } from "../program.js";
import { CliError, reason } from "../target.js";
import { isObject } from "../../protocol/jsonrpc.js";

/** One JSON value of the input and where it was found (`line 3`, `message 2`, `input`); `notJson` when it did not parse. */
export interface InputValue {
  where: string;
  value?: unknown;
  notJson?: string;
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * Splits an input into values: one JSON document (an array is a list of messages, each `message N`),
 * or newline-delimited JSON (each non-blank line a value, `line N`). A document that is not JSON and
 * has no line that is becomes one `input` value that did not parse. Without `arrayIsList`, a top-level
 * array is one value: a batch, for the revisions that have them.
 */
export function readValues(text: string, arrayIsList = true): InputValue[] {
  const source = text.replace(/^\uFEFF/, "");
  if (source.trim() === "") return [];
  const whole = parseJson(source);
  if (whole.ok) {
    if (arrayIsList && Array.isArray(whole.value))
      return whole.value.map((value, i) => ({ where: `message ${i + 1}`, value }));
    return [{ where: "input", value: whole.value }];
  }
  const lines: InputValue[] = [];
  source.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const parsed = parseJson(line);
    lines.push(
      parsed.ok ? { where: `line ${i + 1}`, value: parsed.value } : { where: `line ${i + 1}`, notJson: parsed.error },
    );
  });
  return lines.some((line) => line.notJson === undefined) ? lines : [{ where: "input", notJson: whole.error }];
}

/** Ids are keyed with their type: a response with id "1" does not answer the request with id 1. */
const idKey = (id: unknown) => `${typeof id}:${String(id)}`;

/**
 * Validates the messages of one input in order, pairing each response with an earlier request of the
 * same id so that its result is checked as that method's result. Requests flow both ways in a
 * captured session, so an id may be pending twice; the first pending method the result fits wins.
 */
export class MessageChecker {
  readonly #revision: Revision;
  readonly #pending = new Map<string, string[]>();
  #unpaired = 0;

  constructor(revision: Revision) {
    this.#revision = revision;
  }

  /** How many responses with a result answered no request of the input: only their envelope was checked. */
  get unpaired(): number {
    return this.#unpaired;
  }

  /** The errors of one message or batch (empty when valid). */
  check(message: unknown): ValidationError[] {
    if (!Array.isArray(message) || !revisions[this.#revision].batching) return this.#single(message);
    if (message.length === 0) return this.#errorsOf(message, undefined);
    return message.flatMap((item, i) => this.#single(item).map((error) => prefixed(error, `/${i}`)));
  }

  #single(message: unknown): ValidationError[] {
    if (!isObject(message) || !("id" in message)) return this.#errorsOf(message, undefined);
    if ("method" in message) {
      if (typeof message.method === "string" && Object.hasOwn(revisions[this.#revision].requests, message.method)) {
        const key = idKey(message.id);
        this.#pending.set(key, [...(this.#pending.get(key) ?? []), message.method]);
      }
      return this.#errorsOf(message, undefined);
    }
    const candidates = this.#pending.get(idKey(message.id)) ?? [];
    if (!("result" in message) || candidates.length === 0) {
      if ("result" in message) this.#unpaired++;
      if (candidates.length > 0) this.#settle(message.id, candidates[0]!);
      return this.#errorsOf(message, undefined);
    }
    const fits = candidates.find((method) => this.#errorsOf(message, method).length === 0);
    this.#settle(message.id, fits ?? candidates[0]!);
    return fits === undefined ? this.#errorsOf(message, candidates[0]) : [];
  }

  #settle(id: unknown, method: string): void {
    const key = idKey(id);
    const left = [...(this.#pending.get(key) ?? [])];
    left.splice(left.indexOf(method), 1);
    if (left.length > 0) this.#pending.set(key, left);
    else this.#pending.delete(key);
  }

  #errorsOf(message: unknown, resultOf: string | undefined): ValidationError[] {
    const result = validateMessage(message, { revision: this.#revision, ...(resultOf ? { resultOf } : {}) });
    return result.valid ? [] : result.errors;
  }
}

function prefixed(error: ValidationError, prefix: string): ValidationError {
  return { path: `${prefix}${error.path}`, message: error.message };
}

function revisionOf(raw: string | undefined): Revision {
  if (raw === undefined) return LATEST_STATEFUL;
  if ((REVISIONS as readonly string[]).includes(raw)) return raw as Revision;
  throw new CliError(`unknown revision ${JSON.stringify(raw)} (known: ${REVISIONS.join(", ")})`, 2);
}

function checkType(revision: Revision, type: string): void {
  const names = Object.keys(revisions[revision].validators).map((name) => name.slice("validate".length));
  if (names.includes(type)) return;
  const close = names.find((name) => name.toLowerCase() === type.toLowerCase());
  const hint = close ? `; did you mean ${close}?` : " (a definition name of the schema, e.g. Tool or CallToolRequest)";
  throw new CliError(`revision ${revision} has no definition ${JSON.stringify(type)}${hint}`, 2);
}

async function readInput(file: string): Promise<string> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : reason(error);
    throw new CliError(`cannot read ${file}: ${why}`, 2);
  }
}

/** `mcp validate [--revision R] [--type T] <file|->`: checks JSON-RPC messages (or values of one definition). */
export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .summary("check JSON-RPC messages against a revision's schema")
    .description(
      "check JSON-RPC messages (one JSON value, an array, or newline-delimited JSON such as a captured stdio session) against a revision's schema; exit status 1 when any is invalid",
    )
    .argument("<file>", 'the file to read, or "-" for stdin')
    .option("--revision <revision>", `the protocol revision (${REVISIONS.join(", ")})`, LATEST_STATEFUL)
    .option("--type <definition>", "validate each value as this schema definition (e.g. Tool) instead of as a message")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  mcp validate session.ndjson",
        "  mcp validate --revision 2025-06-18 messages.json",
        "  mcp validate - < capture.ndjson",
        "  mcp validate --type Tool tool.json",
      ].join("\n"),
    )
    .action(async (file: string, options: { revision?: string; type?: string }) => {
      const revision = revisionOf(options.revision);
      if (options.type !== undefined) checkType(revision, options.type);
      const values = readValues(await readInput(file), !(options.type === undefined && revisions[revision].batching));
      const checker = new MessageChecker(revision);
      const type = options.type as (keyof RevisionDefinitions[Revision] & string) | undefined;
      const errorsOf = (value: unknown): ValidationError[] => {
        if (type === undefined) return checker.check(value);
        const result = validate(value, { revision, type });
        return result.valid ? [] : result.errors;
      };
      const c = paint(ctx.io.out);
      // ajv reports every failed branch of an anyOf, some alike: each line once.
      const linesOf = (value: unknown) => [
        ...new Set(errorsOf(value).map((error) => `${c.yellow(error.path || "/")} ${error.message}`)),
      ];
      const lines: string[] = [];
      let invalid = 0;
      for (const { where, value, notJson } of values) {
        const errors = notJson !== undefined ? [`not JSON (${notJson})`] : linesOf(value);
        if (errors.length > 0) invalid++;
        for (const error of errors) lines.push(`${c.bold(where)}: ${error}`);
      }
      if (checker.unpaired > 0)
        lines.push(
          c.dim(
            `note: ${checker.unpaired} response${checker.unpaired === 1 ? "" : "s"} answered no request of the input; only the JSON-RPC envelope was checked`,
          ),
        );
      const count = `${values.length} message${values.length === 1 ? "" : "s"}, ${invalid} invalid`;
      lines.push(invalid > 0 ? c.red(count) : c.green(count));
      ctx.io.out.write(`${lines.join("\n")}\n`);
      if (invalid > 0) ctx.exitCode = 1;
    });
}
