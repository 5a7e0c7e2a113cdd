import type { RequestSpec, RevisionSpec, Validator } from "../../generated/common.js";
import { hasCapability } from "../protocol/negotiation.js";
import { own } from "../validate/core.js";
import { metaOf, missingCapability, requestCapabilities } from "./modern.js";

/**
 * Extensions (`capabilities.extensions`): method tables generated from an extension's own schema,
 * served beside a revision's. A request is read under its revision's methods plus those of every
 * extension registered for that revision; an extension method is served only to a request whose
 * client capabilities declare the extension.
 */

/** An extension a server serves under some revisions: its identifier, its generated methods, where it applies. */
export interface ServerExtension {
  /** The identifier clients and servers declare under `capabilities.extensions` (`io.modelcontextprotocol/tasks`). */
  readonly id: string;
  /** Its generated method tables and validators (`extensions["ext-tasks"]` of generated/index.ts). */
  readonly spec: RevisionSpec;
  /** The revisions it applies to; under any other its methods do not exist. */
  readonly revisions: readonly string[];
  /** What the server declares under `capabilities.extensions[id]` (default `{}`: supported, no settings). */
  readonly settings?: Record<string, unknown>;
  /**
   * Methods of the revision whose result may instead be one of the extension's definitions, by the
   * name of that definition's validator (`tools/call` → `validateCreateTaskResult`).
   */
  readonly alternateResults?: Readonly<Record<string, string>>;
  /** Params validators that stand in for the generated ones of the extension's own methods (each derived from them). */
  readonly params?: Readonly<Record<string, Validator<unknown>>>;
}

/** A validator that accepts what either of two accepts, reporting the first one's errors. */
function either(first: Validator<unknown>, second: Validator<unknown>): Validator<unknown> {
  const check = ((value: unknown) => {
    if (second(value)) return true;
    const ok = first(value);
    check.errors = first.errors;
    return ok;
  }) as Validator<unknown>;
  return check;
}

/** `spec` with `result` or `params` replaced, when either is given. */
function respec(spec: RequestSpec, change: { result?: Validator<unknown>; params?: Validator<unknown> }): RequestSpec {
  return { ...spec, ...change };
}

/**
 * `revision` read together with the extensions that apply to it: their requests and notifications
 * added to its own (a revision's own method wins a name clash), their validators beside its own, and
 * the results they allow in place of the revision's. `revision` itself when none applies.
 */
export function extendRevision(revision: RevisionSpec, extensions: Iterable<ServerExtension>): RevisionSpec {
  const applying = [...extensions].filter((e) => e.revisions.includes(revision.name));
  if (applying.length === 0) return revision;
  let requests: Record<string, RequestSpec> = {};
  let notifications = {};
  let validators = {};
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
    validators = { ...validators, ...spec.validators };
  }
  requests = { ...requests, ...revision.requests };
  for (const extension of applying)
    for (const [method, name] of Object.entries(extension.alternateResults ?? {})) {
      const base = requests[method];
      const alternate = own(extension.spec.validators, name);
      if (base && alternate) requests[method] = respec(base, { result: either(base.result, alternate) });
    }
  return {
    ...revision,
    requests,
    notifications: { ...notifications, ...revision.notifications },
    validators: { ...validators, ...revision.validators },
  };
}

/** The extension among `extensions` that applies to `revision` and defines request `method`, if any. */
export function extensionOf(
  extensions: Iterable<ServerExtension>,
  revision: string,
  method: string,
): ServerExtension | undefined {
  for (const extension of extensions)
    if (extension.revisions.includes(revision) && Object.hasOwn(extension.spec.requests, method)) return extension;
  return undefined;
}

/** Whether client capabilities declare extension `id`. */
export function declaresExtension(capabilities: unknown, id: string): boolean {
  return hasCapability(capabilities, ["extensions", id]);
}

/**
 * The refusal of an extension method whose request does not declare the extension in its `_meta`
 * client capabilities: -32021 naming it in `data.requiredCapabilities`; undefined when it does.
 */
export function extensionRefusal(extension: ServerExtension, message: Record<string, unknown>) {
  if (declaresExtension(requestCapabilities(metaOf(message)), extension.id)) return undefined;
  return missingCapability(
    { extensions: { [extension.id]: {} } },
    `Missing required client capability: extension ${extension.id} (required by ${String(message.method)})`,
  );
}
