/**
 * mcpkit/validate: check values and JSON-RPC messages against the schema of any revision.
 * Every validator was compiled at generation time; importing this module compiles nothing.
 */
import { LATEST, revisions, type Revision, type RevisionDefinitions } from "../../generated/index.js";
import { own, validateMessageValue, validateValue, type MessageOptions, type ValidationResult } from "./core.js";

export type { MessageOptions, ValidationError, ValidationResult } from "./core.js";
export { REVISIONS, LATEST, type Revision } from "../../generated/index.js";

/** Which definition of which revision to validate against (the revision defaults to the latest). */
export interface ValidateOptions<R extends Revision, T> {
  revision?: R;
  type: T;
}

function revisionSpec(revision: string | undefined) {
  const name = revision ?? LATEST;
  const spec = own(revisions as Record<string, (typeof revisions)[Revision]>, name);
  if (!spec) throw new TypeError(`mcpkit: unknown revision "${name}"; known: ${Object.keys(revisions).join(", ")}`);
  return spec;
}

/**
 * Validates `value` as the definition `type` (e.g. "CallToolRequest") of a revision.
 * On success the value comes back typed as that definition.
 */
export function validate<
  R extends Revision = typeof LATEST,
  T extends keyof RevisionDefinitions[R] & string = keyof RevisionDefinitions[R] & string,
>(value: unknown, options: ValidateOptions<R, T>): ValidationResult<RevisionDefinitions[R][T]> {
  return validateValue(revisionSpec(options.revision), value, options.type);
}

/**
 * Validates a JSON-RPC message (or a batch, where the revision allows them) against the definition
 * its method selects; `resultOf` checks a response's result as that method's result.
 */
export function validateMessage(
  message: unknown,
  options: MessageOptions & { revision?: Revision } = {},
): ValidationResult<unknown> {
  return validateMessageValue(revisionSpec(options.revision), message, options);
}
