import type { ErrorObject } from "ajv";
import type { OutputUnit } from "@cfworker/json-schema";
import { nodeRequire } from "../../protocol/node-require.js";

/** One reason a value failed a JSON Schema literal: where (a JSON pointer) and why. */
interface Issue {
  path: string;
  message: string;
}

/** A JSON Schema literal's check: no issues, or why the value fails. */
export type LiteralCheck = (value: unknown) => Issue[] | undefined;

type AjvInstance = InstanceType<typeof import("ajv/dist/2020.js").default>;
/** ajv's and ajv-formats' modules, whose `default` is the export (CommonJS, imported or required). */
type AjvModules = [
  { default: typeof import("ajv/dist/2020.js").default },
  { default: typeof import("ajv-formats").default },
];

let sharedAjv: AjvInstance | undefined;

/**
 * Whether code may be generated from strings (`new Function`) now, which ajv compiles validators with.
 * Cloudflare Workers allow it while the Worker starts and forbid it while it serves a request; pages
 * under a strict Content-Security-Policy never allow it. So asked each time a schema is compiled.
 */
function generatesCode(): boolean {
  try {
    return new Function("return true")() === true;
  } catch {
    return false;
  }
}

function ajvFrom([{ default: Ajv2020 }, { default: addFormats }]: AjvModules): AjvInstance {
  // logger: false, since ajv would otherwise warn about unknown formats on the console.
  const ajv = new Ajv2020({ allErrors: false, strict: false, logger: false });
  addFormats(ajv);
  return ajv;
}

/** ajv, loaded synchronously where it can be (Node, installed): undefined elsewhere (a bundle). */
function ajvNow(): AjvInstance | undefined {
  if (sharedAjv || !generatesCode()) return sharedAjv;
  const require = nodeRequire();
  if (!require) return undefined;
  try {
    const modules = [require("ajv/dist/2020.js"), require("ajv-formats")] as AjvModules;
    return (sharedAjv = ajvFrom(modules));
  } catch {
    return undefined;
  }
}

/** ajv, loaded by literal imports (which bundlers follow). */
async function ajvLater(): Promise<AjvInstance> {
  const modules = await Promise.all([import("ajv/dist/2020.js"), import("ajv-formats")]);
  return (sharedAjv ??= ajvFrom(modules as unknown as AjvModules));
}

/** Compiles `schema` with ajv; a schema ajv refuses throws. */
function compileWith(ajv: AjvInstance, schema: Record<string, unknown>): LiteralCheck {
  let check: ReturnType<AjvInstance["compile"]>;
  try {
    check = ajv.compile(schema);
  } finally {
    // The compiled function keeps what it needs; dropping the schema from ajv's registry lets the same
    // `$id` be compiled again and keeps one-off schemas (elicitation forms) from piling up.
    ajv.removeSchema(schema);
  }
  return (value) => (check(value) ? undefined : (check.errors ?? []).map(ajvIssue));
}

/** Checks `schema` with @cfworker/json-schema, which interprets the schema and generates no code. */
async function interpreted(schema: Record<string, unknown>): Promise<LiteralCheck> {
  const { Validator } = await import("@cfworker/json-schema");
  const validator = new Validator(schema, "2020-12", true);
  return (value) => {
    const { valid, errors } = validator.validate(value);
    // The last unit is the innermost failure (the others are the keywords that contain it).
    const innermost = errors.at(-1);
    return valid ? undefined : innermost ? [cfworkerIssue(innermost)] : [{ path: "", message: "is invalid" }];
  };
}

/**
 * The check of a JSON Schema literal (draft 2020-12, without `$schema`). Where code may be generated,
 * ajv compiles it: now, when ajv can be loaded synchronously (then a schema ajv refuses throws here),
 * else at the first check. Where it may not (Cloudflare Workers), @cfworker/json-schema interprets it.
 * A check made later answers with a promise the first time.
 */
export function literalCheck(
  schema: Record<string, unknown>,
): { now: LiteralCheck } | { later: () => Promise<LiteralCheck> } {
  const ajv = ajvNow();
  if (ajv) return { now: compileWith(ajv, schema) };
  return {
    later: async () => {
      if (!generatesCode()) return interpreted(schema);
      const ajv = await ajvLater();
      try {
        return compileWith(ajv, schema);
      } catch (error) {
        if (error instanceof EvalError) return interpreted(schema);
        throw error;
      }
    },
  };
}

function cfworkerIssue(unit: OutputUnit): Issue {
  const path = unit.instanceLocation.replace(/^#/, "");
  return { path, message: unit.error };
}

function ajvIssue(error: ErrorObject): Issue {
  const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  if (error.keyword === "required" && typeof params.missingProperty === "string")
    return { path: `${error.instancePath}/${pointerToken(params.missingProperty)}`, message: "is required" };
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string")
    return { path: `${error.instancePath}/${pointerToken(params.additionalProperty)}`, message: "is not allowed" };
  return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
}

/** `key` as one JSON Pointer token (RFC 6901). */
export function pointerToken(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
