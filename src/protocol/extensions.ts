import type { RequestSpec, RevisionSpec, Validator } from "../../generated/common.js";
import { extensionInfo, extensions } from "../../generated/index.js";
import { orAlternate } from "../validate/core.js";

/**
 * Extensions (`capabilities.extensions`), as both sides read them: method tables generated from an
 * extension's own schema, spoken beside those of the revisions it applies to.
 */

/** The identifier of the tasks extension, declared under `capabilities.extensions`. */
export const TASKS_EXTENSION_ID = extensionInfo["ext-tasks"].id;

/** An extension's methods, and where they apply. */
export interface ExtensionSpec {
  /** The identifier clients and servers declare under `capabilities.extensions` (`io.modelcontextprotocol/tasks`). */
  readonly id: string;
  /** Its generated method tables and validators (`extensions["ext-tasks"]` of generated/index.ts). */
  readonly spec: RevisionSpec;
  /** The revisions it applies to; under any other its methods do not exist. */
  readonly revisions: readonly string[];
  /**
   * Methods of the revision whose result may instead be one of the extension's definitions, by the
   * name of that definition's validator (`tools/call` → `validateCreateTaskResult`).
   */
  readonly alternateResults?: Readonly<Record<string, string>>;
  /** Params validators that stand in for the generated ones of the extension's own methods (each derived from them). */
  readonly params?: Readonly<Record<string, Validator<unknown>>>;
}

/** The tasks extension (2026-07-28): tasks/get, tasks/update, tasks/cancel, and CreateTaskResult for tools/call. */
export const TASKS: ExtensionSpec = {
  id: TASKS_EXTENSION_ID,
  spec: extensions["ext-tasks"],
  revisions: extensionInfo["ext-tasks"].revisions,
  alternateResults: { "tools/call": "validateCreateTaskResult" },
};

/** `spec` with `result` or `params` replaced, when either is given. */
function respec(spec: RequestSpec, change: { result?: Validator<unknown>; params?: Validator<unknown> }): RequestSpec {
  return { ...spec, ...change };
}

/**
 * `revision` read together with the extensions that apply to it: their requests and notifications
 * added to its own (a revision's own method wins a name clash), their validators beside its own, and
 * the results they allow in place of the revision's. `revision` itself when none applies.
 */
export function extendRevision(revision: RevisionSpec, extensions: Iterable<ExtensionSpec>): RevisionSpec {
  const applying = [...extensions].filter((e) => e.revisions.includes(revision.name));
  if (applying.length === 0) return revision;
  // Validators first: reading them loads each schema's validators, after which its tables hold their final entries.
  let validators = {};
  for (const { spec } of applying) validators = { ...validators, ...spec.validators };
  validators = { ...validators, ...revision.validators };
  let requests: Record<string, RequestSpec> = {};
  let notifications = {};
  for (const extension of applying) {
    const { spec } = extension;
    const own = Object.fromEntries(
      Object.entries(spec.requests).map(([method, s]) => {
        const params = extension.params?.[method];
        return [method, params ? respec(s, { params }) : s];
      }),
    );
    requests = { ...requests, ...own };
    notifications = { ...notifications, ...spec.notifications };
  }
  requests = { ...requests, ...revision.requests };
  for (const extension of applying)
    for (const [method, name] of Object.entries(extension.alternateResults ?? {})) {
      const base = requests[method];
      if (base) requests[method] = respec(base, { result: orAlternate(base.result, extension.spec.validators, name) });
    }
  return {
    ...revision,
    requests,
    notifications: { ...notifications, ...revision.notifications },
    validators,
  };
}
