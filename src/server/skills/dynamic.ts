import type { RequestMap } from "../../../generated/surface/methods.js";
import { ErrorCode, McpError, withHandlerMessage } from "../../protocol/errors.js";
import { yaml } from "../../protocol/yaml.js";
import { isPlainSegment, nameProblem, SKILL_FILE, type Skill, type SkillFrontmatter } from "../../protocol/skills.js";
import type { Context } from "../fastmcp/context.js";
import { SkillFolderError } from "./catalog.js";
import { contentOf, mimeTypeOf } from "./mime.js";

type Resource = RequestMap["resources/list"]["result"]["resources"][number];
type ReadResourceResult = RequestMap["resources/read"]["result"];

/**
 * A skill whose content a handler generates, so that no stable digests can be published: its entry's
 * `resources` is `"dynamic"`. mcpkit writes its SKILL.md frontmatter, so the file always matches the entry.
 */
export interface DynamicSkill {
  /** Where it is served: `reports/daily` → `skill://reports/daily/SKILL.md`; the last segment is its name. */
  path: string;
  /** The frontmatter `description`. */
  description: string;
  /** More frontmatter fields (`license`, `metadata`, ...), passed through as written. */
  frontmatter?: Record<string, unknown>;
  /** Its files besides SKILL.md, as paths relative to the skill (`templates/invoice.md`). */
  files?: readonly string[];
  /** The content of one of its files: for SKILL.md the body below the frontmatter, for the others the whole file. */
  read(file: string, ctx: Context): string | Uint8Array | Promise<string | Uint8Array>;
}

interface Registered {
  readonly skill: Skill;
  readonly source: DynamicSkill;
  readonly root: string;
}

/** The dynamic skills of a provider, checked when registered; their files are read through their handlers. */
export class DynamicSkills {
  readonly #byUri = new Map<string, Registered>();
  readonly #files = new Map<string, { owner: Registered; file: string }>();

  constructor(sources: readonly DynamicSkill[], taken: ReadonlySet<string>) {
    for (const source of sources) this.#add(source);
    this.checkAgainst(taken);
  }

  /** Refuses a dynamic skill served at the same URI as a folder skill. */
  checkAgainst(taken: ReadonlySet<string>): void {
    for (const uri of this.#byUri.keys())
      if (taken.has(uri)) throw new SkillFolderError(`dynamic skill ${uri} is also a skill of the folder`);
  }

  get skills(): Skill[] {
    return [...this.#byUri.values()].map((r) => r.skill);
  }

  has(uri: string): boolean {
    return this.#files.has(uri);
  }

  uris(): string[] {
    return [...this.#files.keys()];
  }

  resources(): Resource[] {
    return this.uris().map((uri) => this.describe(uri));
  }

  describe(uri: string): Resource {
    const { owner, file } = this.#files.get(uri)!;
    const base = file.slice(file.lastIndexOf("/") + 1);
    if (file === SKILL_FILE)
      return {
        uri,
        name: owner.skill.frontmatter.name,
        description: owner.skill.frontmatter.description,
        mimeType: "text/markdown",
      };
    return { uri, name: base, mimeType: mimeTypeOf(base) };
  }

  async read(uri: string, ctx: Context): Promise<ReadResourceResult> {
    const found = this.#files.get(uri);
    if (!found) throw new McpError(ErrorCode.InvalidParams, `No skill file is served at ${uri}`, { uri });
    const { owner, file } = found;
    const value = await withHandlerMessage(`skill ${owner.root}`, () => owner.source.read(file, ctx));
    if (typeof value !== "string" && !(value instanceof Uint8Array))
      throw new McpError(ErrorCode.InternalError, `skill ${owner.root}: the handler returned no content for ${file}`);
    const described = this.describe(uri);
    if (file !== SKILL_FILE) return { contents: [contentOf({ uri, mimeType: described.mimeType! }, toBytes(value))] };
    const body = typeof value === "string" ? value : Buffer.from(value).toString("utf8");
    const text = `---\n${yaml().stringify(owner.skill.frontmatter)}---\n\n${body}`;
    return { contents: [{ uri, mimeType: "text/markdown", text }] };
  }

  #add(source: DynamicSkill): void {
    const segments = source.path.split("/");
    if (!segments.every(isPlainSegment))
      throw new SkillFolderError(`dynamic skill path "${source.path}" is not a plain path`);
    const name = segments[segments.length - 1]!;
    const problem = nameProblem(name);
    if (problem) throw new SkillFolderError(`dynamic skill ${source.path}: ${problem}`);
    if (typeof source.description !== "string" || source.description.trim() === "")
      throw new SkillFolderError(`dynamic skill ${source.path}: it has no description`);
    if (typeof source.read !== "function")
      throw new SkillFolderError(`dynamic skill ${source.path}: read is not a function`);
    const frontmatter: SkillFrontmatter = {
      ...JSON.parse(JSON.stringify(source.frontmatter ?? {})),
      name,
      description: source.description,
    };
    const root = `skill://${source.path}`;
    const uri = `${root}/${SKILL_FILE}`;
    if (this.#byUri.has(uri)) throw new SkillFolderError(`dynamic skill ${source.path} is registered twice`);
    const registered: Registered = { skill: { uri, frontmatter, resources: "dynamic" }, source, root };
    this.#byUri.set(uri, registered);
    this.#files.set(uri, { owner: registered, file: SKILL_FILE });
    for (const file of source.files ?? []) {
      if (file === SKILL_FILE || !file.split("/").every(isPlainSegment))
        throw new SkillFolderError(`dynamic skill ${source.path}: "${file}" is not a plain relative file path`);
      this.#files.set(`${root}/${file}`, { owner: registered, file });
    }
  }
}

function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === "string" ? Buffer.from(value, "utf8") : value;
}
