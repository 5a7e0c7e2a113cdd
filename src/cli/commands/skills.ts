import type { ClientSession, ClientRequestOptions } from "../../client/client-session.js";
import {
  declaresSkills,
  readSkillFile,
  SkillVerificationError,
  type Skill,
  type SkillFile,
} from "../../client/skills.js";
import { McpError, ErrorCode } from "../../protocol/errors.js";
import { CliError } from "../cli-error.js";

/** The skills `inspect` lists: those of a server that declares the extension (none otherwise); nothing is read. */
export function listedSkills(session: ClientSession): Promise<Skill[]> {
  return declaresSkills(session.serverCapabilities) ? session.listSkills() : Promise.resolve([]);
}

/** One row per skill: name, URI, its files (a count, or "dynamic"), description. */
export function skillRows(skills: readonly Skill[]): string[][] {
  return skills.map((s) => [
    s.frontmatter.name,
    s.uri,
    s.resources === "dynamic" ? "dynamic" : String(s.resources.length),
    s.frontmatter.description,
  ]);
}

/**
 * The entry a skill file belongs to: for a SKILL.md its own (skills/get), else the deepest listed skill
 * whose manifest lists the file, or whose root holds it when its resources are "dynamic".
 */
async function owningSkill(
  session: ClientSession,
  uri: string,
  options: ClientRequestOptions,
): Promise<Skill | undefined> {
  if (uri.endsWith("/SKILL.md")) {
    try {
      return await session.getSkill(uri, options);
    } catch (error) {
      if (error instanceof McpError && error.code === ErrorCode.InvalidParams) return undefined;
      throw error;
    }
  }
  const owners = (await session.listSkills(options)).filter((s) =>
    s.resources === "dynamic"
      ? uri.startsWith(`${s.uri.slice(0, -"SKILL.md".length)}`)
      : s.resources.some((r) => r.uri === uri),
  );
  return owners.sort((a, b) => b.uri.length - a.uri.length)[0];
}

/**
 * `mcp read` of a file of a skill the server serves: read and verified against the skill's entry (a
 * verification failure is a CliError, and the content is not printed); undefined for any other resource.
 */
export async function readVerified(
  session: ClientSession,
  uri: string,
  options: ClientRequestOptions,
): Promise<{ file: SkillFile; skill: Skill } | undefined> {
  if (!declaresSkills(session.serverCapabilities)) return undefined;
  const skill = await owningSkill(session, uri, options);
  if (!skill) return undefined;
  try {
    return { file: await readSkillFile(session, skill, uri, { ...options, cache: false }), skill };
  } catch (error) {
    if (error instanceof SkillVerificationError) throw new CliError(`${error.message} (not printed)`);
    throw error;
  }
}
