import type { RevisionSpec } from "../../generated/common.js";
import { CapabilityError } from "../protocol/errors.js";
import { hasCapability } from "../protocol/negotiation.js";
import { isObject } from "../protocol/jsonrpc.js";
import {
  frontmatterDifference,
  parseFrontmatter,
  SKILL_LIMITS,
  skillDigest,
  skillNameOf,
  skillRoot,
  SKILLS,
  SKILLS_EXTENSION_ID,
  type Skill,
  type SkillResource,
} from "../protocol/skills.js";
import type { ExtensionSpec } from "../protocol/extensions.js";
import { loadYaml } from "../protocol/yaml.js";
import { collectPages } from "./pagination.js";
import type { ClientRequestOptions } from "./types.js";

/**
 * The host side of the skills extension (`io.modelcontextprotocol/skills`, SEP-2640): listing and
 * getting entries, and loading a skill lazily with every file verified against the held entry (size,
 * then digest, then for SKILL.md the frontmatter). Unverified content is never handed out.
 */

export { SKILLS_EXTENSION_ID, type Skill, type SkillResource };

/** Why a skill's content was refused. */
export type SkillVerificationReason =
  "size" | "digest" | "frontmatter" | "unlisted" | "invalid-entry" | "limits" | "unreadable";

/** A skill file (or entry) that does not match what the held entry says; its content is not returned. */
export class SkillVerificationError extends Error {
  readonly reason: SkillVerificationReason;
  /** The skill's SKILL.md URI. */
  readonly skill: string;
  /** The file that failed. */
  readonly uri: string;

  constructor(reason: SkillVerificationReason, skill: string, uri: string, message: string) {
    super(`skill ${skill}: ${message}`);
    this.name = "SkillVerificationError";
    this.reason = reason;
    this.skill = skill;
    this.uri = uri;
  }
}

/** A verified file of a loaded skill: its raw bytes, and the text when the server sent text. */
export interface SkillFile {
  readonly uri: string;
  readonly mimeType?: string;
  readonly bytes: Uint8Array;
  readonly text?: string;
}

/** What the skills client asks of its session. */
export interface SkillCalls {
  call(method: string, params: Record<string, unknown> | undefined, options?: ClientRequestOptions): Promise<unknown>;
  /** What the server declared. */
  serverCapabilities(): unknown;
}

/** The skills extension's methods read under `revision` (a server may declare the extension at initialize too). */
export function skillsFor(revision: RevisionSpec): ExtensionSpec {
  return { ...SKILLS, revisions: [revision.name] };
}

/** Whether server capabilities declare the skills extension. */
export function declaresSkills(capabilities: unknown): boolean {
  return hasCapability(capabilities, ["extensions", SKILLS_EXTENSION_ID]);
}

/** A skill being acted on: the entry it was loaded from, its verified SKILL.md, and reads of its listed files. */
export class LoadedSkill {
  readonly entry: Skill;
  /** The verified SKILL.md. */
  readonly skillFile: SkillFile;
  readonly #calls: SkillCalls;
  #dynamicBytes: number;

  constructor(entry: Skill, skillFile: SkillFile, calls: SkillCalls) {
    this.entry = entry;
    this.skillFile = skillFile;
    this.#calls = calls;
    this.#dynamicBytes = skillFile.bytes.length;
  }

  /** The supporting files the held entry lists, as paths relative to the skill's root (none known for a "dynamic" skill). */
  get files(): string[] {
    const root = `${skillRoot(this.entry.uri)}/`;
    const { resources } = this.entry;
    if (resources === "dynamic") return [];
    return resources.filter((r) => r.uri !== this.entry.uri).map((r) => r.uri.slice(root.length));
  }

  /** The SKILL.md text. */
  get content(): string {
    return this.skillFile.text ?? Buffer.from(this.skillFile.bytes).toString("utf8");
  }

  /**
   * Reads one supporting file, by a path relative to the skill's root (`references/FORMS.md`) or its
   * URI. Only files listed in the held entry are read (an unlisted one is a verification failure
   * without any request); each is verified before it is returned.
   */
  async read(file: string, options?: ClientRequestOptions): Promise<SkillFile> {
    const root = skillRoot(this.entry.uri);
    const uri = file.includes("://") ? file : `${root}/${file}`;
    const segments = uri.slice(root.length + 1).split("/");
    if (!uri.startsWith(`${root}/`) || segments.some((s) => s === "" || s === "." || s === ".."))
      throw new SkillVerificationError("unlisted", this.entry.uri, uri, `${file} is not a file of this skill`);
    const { resources } = this.entry;
    const listed = resources === "dynamic" ? undefined : resources.find((r) => r.uri === uri);
    if (resources !== "dynamic" && !listed)
      throw new SkillVerificationError("unlisted", this.entry.uri, uri, `${uri} is not listed in the held entry`);
    const read = await readFile(this.#calls, this.entry.uri, uri, options);
    if (listed) verifyBytes(this.entry.uri, listed, read.bytes);
    else {
      this.#dynamicBytes += read.bytes.length;
      if (this.#dynamicBytes > SKILL_LIMITS.bytes)
        throw new SkillVerificationError("limits", this.entry.uri, uri, `over ${SKILL_LIMITS.bytes} bytes retrieved`);
    }
    return read;
  }
}

/** The skills methods of one session (ClientSession delegates to this). */
export class SkillsClient {
  readonly #calls: SkillCalls;

  constructor(calls: SkillCalls) {
    this.#calls = calls;
  }

  /** Every entry of `skills/list`, across pages; nothing is read. */
  async list(options?: ClientRequestOptions): Promise<Skill[]> {
    this.#check("skills/list");
    return collectPages(
      async (cursor) =>
        (await this.#calls.call("skills/list", cursor ? { cursor } : undefined, options)) as {
          skills: Skill[];
          nextCursor?: string;
        },
      (page) => page.skills,
    );
  }

  /** The current entry of one skill (`skills/get`), named by its SKILL.md URI. */
  async get(uri: string, options?: ClientRequestOptions): Promise<Skill> {
    this.#check("skills/get");
    const result = (await this.#calls.call("skills/get", { uri }, { cache: false, ...options })) as { skill: Skill };
    return result.skill;
  }

  /**
   * Loads a skill: its entry (the one given, else `skills/get`) checked, then SKILL.md read and
   * verified (size, digest, frontmatter). Supporting files are read later, through the result.
   */
  async load(skill: string | Skill, options?: ClientRequestOptions): Promise<LoadedSkill> {
    const entry = typeof skill === "string" ? await this.get(skill, options) : skill;
    checkEntry(entry);
    const file = await readFile(this.#calls, entry.uri, entry.uri, options);
    if (entry.resources !== "dynamic") {
      const listed = entry.resources.find((r) => r.uri === entry.uri)!;
      verifyBytes(entry.uri, listed, file.bytes);
    } else if (file.bytes.length > SKILL_LIMITS.bytes)
      throw new SkillVerificationError("limits", entry.uri, entry.uri, `SKILL.md is over ${SKILL_LIMITS.bytes} bytes`);
    await loadYaml();
    const parsed = parseFrontmatter(Buffer.from(file.bytes).toString("utf8"));
    if ("error" in parsed) throw new SkillVerificationError("frontmatter", entry.uri, entry.uri, parsed.error);
    const differs = frontmatterDifference(entry.frontmatter, parsed.ok);
    if (differs !== undefined)
      throw new SkillVerificationError(
        "frontmatter",
        entry.uri,
        entry.uri,
        `the frontmatter field "${differs}" of SKILL.md differs from the entry`,
      );
    return new LoadedSkill(entry, file, this.#calls);
  }

  #check(method: string): void {
    if (!declaresSkills(this.#calls.serverCapabilities()))
      throw new CapabilityError(method, "server", ["extensions", SKILLS_EXTENSION_ID]);
  }
}

/** Refuses an entry a host must not load: no resources array or "dynamic", an unlisted SKILL.md, over the limits, a name not its path's. */
function checkEntry(entry: Skill): void {
  const refuse = (message: string) => new SkillVerificationError("invalid-entry", entry.uri, entry.uri, message);
  if (!isObject(entry.frontmatter) || typeof entry.frontmatter.name !== "string") throw refuse("the entry has no name");
  if (skillNameOf(entry.uri) !== entry.frontmatter.name || !entry.uri.endsWith("/SKILL.md"))
    throw refuse(`its URI does not end in ${entry.frontmatter.name}/SKILL.md`);
  const { resources } = entry;
  if (resources === "dynamic") return;
  if (!Array.isArray(resources)) throw refuse(`its resources are neither an array nor "dynamic"`);
  if (!resources.some((r) => r.uri === entry.uri)) throw refuse("its resources do not list SKILL.md");
  const total = resources.reduce((sum, r) => sum + r.size, 0);
  if (resources.length > SKILL_LIMITS.files || total > SKILL_LIMITS.bytes)
    throw new SkillVerificationError(
      "limits",
      entry.uri,
      entry.uri,
      `${resources.length} files of ${total} bytes, over the limits (${SKILL_LIMITS.files} files, ${SKILL_LIMITS.bytes} bytes)`,
    );
}

/** Size first (a wrong length fails without hashing), then the digest. */
function verifyBytes(skill: string, listed: SkillResource, bytes: Uint8Array): void {
  if (bytes.length !== listed.size)
    throw new SkillVerificationError(
      "size",
      skill,
      listed.uri,
      `${listed.uri} is ${bytes.length} bytes, the entry says ${listed.size}`,
    );
  if (skillDigest(bytes) !== listed.digest)
    throw new SkillVerificationError("digest", skill, listed.uri, `${listed.uri} does not match its digest`);
}

/** One `resources/read` of a skill file, as raw bytes (text encoded as UTF-8, a blob decoded). */
async function readFile(
  calls: SkillCalls,
  skill: string,
  uri: string,
  options: ClientRequestOptions | undefined,
): Promise<SkillFile> {
  let result: unknown;
  try {
    result = await calls.call("resources/read", { uri }, options);
  } catch (error) {
    const wrapped = new SkillVerificationError("unreadable", skill, uri, `${uri} could not be read: ${String(error)}`);
    throw Object.assign(wrapped, { cause: error });
  }
  const contents = isObject(result) && Array.isArray(result.contents) ? (result.contents as unknown[]) : [];
  const content = contents.find((c) => isObject(c) && c.uri === uri) as Record<string, unknown> | undefined;
  const mimeType = typeof content?.mimeType === "string" ? { mimeType: content.mimeType } : {};
  if (typeof content?.text === "string")
    return { uri, ...mimeType, bytes: Buffer.from(content.text, "utf8"), text: content.text };
  if (typeof content?.blob === "string") return { uri, ...mimeType, bytes: Buffer.from(content.blob, "base64") };
  throw new SkillVerificationError("unreadable", skill, uri, `the server sent no content for ${uri}`);
}

/** A session's requests, as {@link readSkillFile} needs them. */
export interface SkillRequester {
  request(method: never, params?: never, options?: ClientRequestOptions): Promise<unknown>;
}

/**
 * Reads one file of a skill and verifies it against `entry` outside a loaded skill (a one-off read, as
 * `mcp read` makes): SKILL.md as loadSkill verifies it, any other file only if listed, size then digest.
 */
export async function readSkillFile(
  session: SkillRequester,
  entry: Skill,
  uri: string,
  options?: ClientRequestOptions,
): Promise<SkillFile> {
  const calls: SkillCalls = {
    call: (method, params, opts) => session.request(method as never, params as never, opts),
    serverCapabilities: () => undefined,
  };
  if (uri === entry.uri) return (await new SkillsClient(calls).load(entry, options)).skillFile;
  checkEntry(entry);
  const listed = entry.resources === "dynamic" ? undefined : entry.resources.find((r) => r.uri === uri);
  if (entry.resources !== "dynamic" && !listed)
    throw new SkillVerificationError("unlisted", entry.uri, uri, `${uri} is not listed in the entry`);
  const file = await readFile(calls, entry.uri, uri, options);
  if (listed) verifyBytes(entry.uri, listed, file.bytes);
  return file;
}

/**
 * What a persisted approval of a skill binds to: a digest over every (uri, digest) pair of the
 * entry's resources, in order of URI. Any file rotated, added or removed changes it, revoking the
 * approval; undefined for a "dynamic" skill, which cannot be content-bound.
 */
export function skillBinding(entry: Skill): string | undefined {
  if (entry.resources === "dynamic") return undefined;
  const pairs = entry.resources.map((r) => `${r.uri}\n${r.digest}`).sort();
  return skillDigest(Buffer.from(JSON.stringify([entry.uri, pairs])));
}
