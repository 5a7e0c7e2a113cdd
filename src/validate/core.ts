import type { RevisionSpec, Validator, ValidatorIssue } from "../../generated/common.js";
import { classifyEnvelope } from "./envelope.js";

/** One reason a value was rejected: a JSON pointer to the fault (`""` for the whole value) and why, in one line. */
export interface ValidationError {
  path: string;
  message: string;
}

/** The outcome of a validation: the value, typed, or why it was rejected. */
export type ValidationResult<T> = { valid: true; value: T } | { valid: false; errors: ValidationError[] };

/** Options of message validation. */
export interface MessageOptions {
  /** The method of the request a response answers: its `result` is then checked as that method's result. */
  resultOf?: string;
}

const fail = (path: string, reason: string): { valid: false; errors: ValidationError[] } => ({
  valid: false,
  errors: [{ path, message: reason }],
});

/** A name from the message, quoted and escaped so that an error stays one short line. */
const quote = (name: string) => JSON.stringify(name.length > 100 ? `${name.slice(0, 100)}…` : name);

/** Turns ajv's issues into pointer-first errors; a missing or unexpected property is pointed at itself. */
export function toErrors(issues: readonly ValidatorIssue[] | null | undefined, prefix = ""): ValidationError[] {
  return (issues ?? []).map((issue) => {
    let path = prefix + issue.instancePath;
    let reason = issue.message ?? `fails ${issue.keyword}`;
    if (issue.keyword === "required" && typeof issue.params.missingProperty === "string") {
      path += `/${issue.params.missingProperty}`;
      reason = "is required";
    } else if (issue.keyword === "additionalProperties" && typeof issue.params.additionalProperty === "string") {
      path += `/${issue.params.additionalProperty}`;
      reason = "is not allowed here";
    }
    return { path, message: reason };
  });
}

/** Runs a generated validator and shapes its outcome. */
export function check<T>(validator: Validator<T>, value: unknown, prefix = ""): ValidationResult<T> {
  return validator(value) ? { valid: true, value } : { valid: false, errors: toErrors(validator.errors, prefix) };
}

/** Validates `value` as the definition `type` of a revision. */
export function validateValue<T = unknown>(revision: RevisionSpec, value: unknown, type: string): ValidationResult<T> {
  const validator = own(revision.validators, `validate${type}`);
  if (!validator) throw new TypeError(`mcpkit: revision ${revision.name} has no definition "${type}"`);
  return check(validator as Validator<T>, value);
}

/** An own entry of a table: a method named "toString" or "__proto__" must not find Object.prototype's. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Validates a JSON-RPC message against the definition its method selects: a `tools/call` request as
 * CallToolRequest, a notification as its own type, a response as the envelope and, with `resultOf`,
 * its result as that method's result. Batches are accepted only where the revision has them.
 */
export function validateMessageValue(
  revision: RevisionSpec,
  message: unknown,
  options: MessageOptions = {},
): ValidationResult<unknown> {
  if (Array.isArray(message)) return validateBatch(revision, message, options);
  return validateSingle(revision, message, options, "");
}

function validateBatch(revision: RevisionSpec, batch: unknown[], options: MessageOptions): ValidationResult<unknown> {
  if (!revision.batching) return fail("", `is a batch, and JSON-RPC batches are not part of revision ${revision.name}`);
  if (batch.length === 0) return fail("", "is an empty batch");
  const errors = batch.flatMap((item, i) => {
    const result = validateSingle(revision, item, options, `/${i}`);
    return result.valid ? [] : result.errors;
  });
  return errors.length ? { valid: false, errors } : { valid: true, value: batch };
}

function validateSingle(
  revision: RevisionSpec,
  message: unknown,
  options: MessageOptions,
  at: string,
): ValidationResult<unknown> {
  const envelope = classifyEnvelope(message, at);
  if (envelope.kind === "invalid") return fail(envelope.path, envelope.reason);
  const names = revision.envelope;
  if (!names) throw new TypeError(`mcpkit: ${revision.name} defines no JSON-RPC envelope`);
  if (envelope.kind === "error") return check(revision.validators[`validate${names.error}`]!, envelope.message, at);
  if (envelope.kind === "result") {
    const outer = check(revision.validators[`validate${names.result}`]!, envelope.message, at);
    if (!outer.valid || options.resultOf === undefined) return outer;
    const spec = own(revision.requests, options.resultOf);
    if (!spec)
      return fail(
        `${at}/result`,
        `answers ${quote(options.resultOf)}, which is not a request method of revision ${revision.name}`,
      );
    const inner = check(spec.result, envelope.message.result, `${at}/result`);
    return inner.valid ? outer : inner;
  }
  const isRequest = envelope.kind === "request";
  const spec = isRequest ? own(revision.requests, envelope.method) : own(revision.notifications, envelope.method);
  if (!spec) {
    return fail(
      `${at}/method`,
      `${quote(envelope.method)} is not a ${envelope.kind} method of revision ${revision.name}`,
    );
  }
  return check("request" in spec ? spec.request : spec.notification, envelope.message, at);
}

/**
 * A validator accepting what `first` or `second` accepts (a method's result, or an alternative such as
 * CreateTaskResult), reporting `first`'s errors when neither does.
 */
export function eitherValidator(first: Validator<unknown>, second: Validator<unknown>): Validator<unknown> {
  const check = ((value: unknown) => {
    if (second(value)) return true;
    const ok = first(value);
    check.errors = first.errors;
    return ok;
  }) as Validator<unknown>;
  return check;
}

/**
 * A result validator that also accepts the definition validated by `validators[name]` (a task made in
 * place of the result: CreateTaskResult), or `result` itself when the validators have no such one.
 * The one rule for results a task may stand in for: the tasks utility (2025-11-25) and the tasks
 * extension (2026-07-28) both read it.
 */
export function orAlternate(
  result: Validator<unknown>,
  validators: Readonly<Record<string, Validator<unknown>>>,
  name = "validateCreateTaskResult",
): Validator<unknown> {
  const alternate = own(validators, name);
  return alternate ? eitherValidator(result, alternate) : result;
}
