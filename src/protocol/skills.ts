import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Skill, SkillFrontmatter, SkillResource } from "../../generated/ext-skills/types.js";
import { extensionInfo, extensions } from "../../generated/index.js";
import type { ExtensionSpec } from "./extensions.js";
import { yaml } from "./yaml.js";

/**
 * The skills extension (`io.modelcontextprotocol/skills`, SEP-2640) as both sides read it: the
 * `SKILL.md` format (YAML frontmatter, the Agent Skills naming rule), the per-skill limits, digests
 * and `skill://` URIs. Behaviour lives in server/skills/ and client/skills.ts.
 */

export type { Skill, SkillFrontmatter, SkillResource };

/** The identifier of the skills extension, declared under `capabilities.extensions`. */
export const SKILLS_EXTENSION_ID = extensionInfo["ext-skills"].id;

/** The skills extension's methods (skills/list, skills/get, resources/directory/read), under 2026-07-28. */
export const SKILLS: ExtensionSpec = {
  id: SKILLS_EXTENSION_ID,
  spec: extensions["ext-skills"],
  revisions: extensionInfo["ext-skills"].revisions,
};

/** The per-skill limits every host accepts: entries in `resources`, and the sum of their sizes. */
export const SKILL_LIMITS = { files: 512, bytes: 16 * 1024 * 1024 } as const;

/** The MIME type of a directory resource. */
export const DIRECTORY_MIME_TYPE = "inode/directory";

/** The file every skill has at its root. */
export const SKILL_FILE = "SKILL.md";

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_NAME = 64;
const MAX_DESCRIPTION = 1024;
const MAX_FRONTMATTER = 64 * 1024;

/** Why `name` breaks the Agent Skills naming rule (1-64 of a-z, 0-9 and single inner hyphens); undefined when it keeps it. */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > MAX_NAME) return `the name must be 1 to ${MAX_NAME} characters long`;
  if (!NAME.test(name))
    return `the name "${name}" must be lowercase letters, digits and hyphens, with no leading, trailing or double hyphen`;
  return undefined;
}

/** `sha256:` and the 64 lowercase hex digits of the SHA-256 of `bytes`. */
export function skillDigest(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** A SKILL.md's frontmatter, or why it has none that a skill may carry. */
export type FrontmatterOutcome = { ok: SkillFrontmatter } | { error: string };

/**
 * The YAML frontmatter a `SKILL.md` begins with (between a first line `---` and the next `---`),
 * parsed by the YAML library as a mapping with non-empty `name` and `description` strings.
 */
export function parseFrontmatter(text: string): FrontmatterOutcome {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const open = /^---[ \t]*\r?\n/.exec(body);
  if (!open) return { error: "SKILL.md does not begin with YAML frontmatter (a --- line)" };
  const close = /^---[ \t]*$/m;
  const rest = body.slice(open[0].length);
  const end = close.exec(rest);
  if (!end) return { error: "the frontmatter of SKILL.md is not closed by a --- line" };
  if (end.index > MAX_FRONTMATTER) return { error: `the frontmatter of SKILL.md is over ${MAX_FRONTMATTER} bytes` };
  const document = yaml().parseDocument(rest.slice(0, end.index), { uniqueKeys: true });
  if (document.errors.length > 0) return { error: `the frontmatter is not valid YAML: ${document.errors[0]!.message}` };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { error: `the frontmatter is not valid YAML: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { error: "the frontmatter is not a YAML mapping" };
  const { name, description } = value as Record<string, unknown>;
  if (typeof name !== "string" || name.length === 0) return { error: "the frontmatter has no name" };
  if (typeof description !== "string" || description.trim().length === 0)
    return { error: "the frontmatter has no description" };
  if (description.length > MAX_DESCRIPTION) return { error: `the description is over ${MAX_DESCRIPTION} characters` };
  return { ok: toJson(value) as SkillFrontmatter };
}

/** The frontmatter as JSON renders it (a YAML date becomes its ISO string), so that an entry and a parse compare equal. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** The first field where two frontmatters differ (compared field by field, deeply); undefined when they are equal. */
export function frontmatterDifference(held: SkillFrontmatter, read: SkillFrontmatter): string | undefined {
  const keys = new Set([...Object.keys(held), ...Object.keys(read)]);
  for (const key of [...keys].sort()) if (!isDeepStrictEqual(held[key], read[key])) return key;
  return undefined;
}

/** The skill path of a `SKILL.md` URI (`skill://acme/refunds/SKILL.md` → `acme/refunds`); undefined for any other URI. */
export function skillPathOf(uri: string): string | undefined {
  const suffix = `/${SKILL_FILE}`;
  if (!uri.startsWith("skill://") || !uri.endsWith(suffix)) return undefined;
  const path = uri.slice("skill://".length, -suffix.length);
  return path.length > 0 && path.split("/").every(isPlainSegment) ? path : undefined;
}

/** A path segment that names something inside its folder: not empty, not `.` or `..`, no separator or NUL. */
export function isPlainSegment(segment: string): boolean {
  return segment !== "" && segment !== "." && segment !== ".." && !/[\\\0]/.test(segment);
}

/** The directory of a skill (its `SKILL.md` URI without `/SKILL.md`). */
export function skillRoot(uri: string): string {
  return uri.slice(0, uri.lastIndexOf("/"));
}

/** The final segment of a skill's path: what its frontmatter `name` must be. */
export function skillNameOf(uri: string): string {
  const root = skillRoot(uri);
  return root.slice(root.lastIndexOf("/") + 1);
}
