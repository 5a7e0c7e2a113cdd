import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import {
  nameProblem,
  parseFrontmatter,
  SKILL_FILE,
  SKILL_LIMITS,
  skillDigest,
  type Skill,
  type SkillFrontmatter,
  type SkillResource,
} from "../../protocol/skills.js";
import { mimeTypeOf } from "./mime.js";

/** A skill folder that cannot be served, and why (thrown at registration, or logged when a reload finds it). */
export class SkillFolderError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(`mcpkit skills: ${message}`, options);
    this.name = "SkillFolderError";
  }
}

/** Bounds on one scan of a skills folder. */
export interface ScanLimits {
  /** Skills in the folder (default 1000). */
  maxSkills?: number;
  /** Folder depth below the skills folder (default 16). */
  maxDepth?: number;
  /** Files looked at under the folder, across all skills (default 20,000). */
  maxFiles?: number;
}

/** One file a skill serves: where it is on disk (resolved, inside the folder) and how it is described. */
export interface ServedFile {
  readonly uri: string;
  readonly path: string;
  readonly size: number;
  readonly digest: string;
  readonly mimeType: string;
  readonly name: string;
  readonly description?: string;
}

/** Every skill under a folder, its files, and the directories they sit in; immutable once scanned. */
export interface Catalog {
  /** The skills folder, resolved. */
  readonly root: string;
  readonly skills: readonly Skill[];
  readonly files: ReadonlyMap<string, ServedFile>;
  /** Directory URI → the URIs of its direct children (files and directories), sorted. */
  readonly directories: ReadonlyMap<string, readonly string[]>;
  /** A digest of the whole catalog: it changes when any served byte or name changes. */
  readonly fingerprint: string;
}

interface Walk {
  readonly root: string;
  readonly limits: Required<ScanLimits>;
  readonly files: Map<string, { path: string; size: number }>;
  readonly skillDirs: string[];
}

/** Reads a skills folder: every `SKILL.md` under it makes a skill; refuses the folder, naming why, when a skill breaks a rule. */
export function scanSkills(folder: string, limits: ScanLimits = {}): Catalog {
  let root: string;
  try {
    root = realpathSync(folder);
    if (!statSync(root).isDirectory()) throw new Error("not a directory");
  } catch (error) {
    throw new SkillFolderError(`${folder} is not a readable directory (${(error as Error).message})`, { cause: error });
  }
  const walk: Walk = {
    root,
    limits: { maxSkills: 1000, maxDepth: 16, maxFiles: 20_000, ...limits },
    files: new Map(),
    skillDirs: [],
  };
  visit(walk, root, [], 0);
  if (walk.skillDirs.length > walk.limits.maxSkills)
    throw new SkillFolderError(`${folder} holds more than ${walk.limits.maxSkills} skills`);
  return build(walk);
}

function visit(walk: Walk, dir: string, segments: string[], depth: number): void {
  if (depth > walk.limits.maxDepth)
    throw new SkillFolderError(`${dir} is more than ${walk.limits.maxDepth} folders deep`);
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (entries.some((e) => e.name === SKILL_FILE)) walk.skillDirs.push(segments.join("/"));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const real = inside(walk.root, path);
    const stats = statSync(real);
    if (stats.isDirectory()) {
      if (lstatSync(path).isSymbolicLink())
        throw new SkillFolderError(`${path} is a symbolic link to a folder (only files may be linked)`);
      visit(walk, path, [...segments, entry.name], depth + 1);
    } else if (stats.isFile()) {
      if (walk.files.size >= walk.limits.maxFiles)
        throw new SkillFolderError(`the folder holds more than ${walk.limits.maxFiles} files`);
      walk.files.set([...segments, entry.name].join("/"), { path: real, size: stats.size });
    }
  }
}

/** The real path of `path`, which must lie inside `root` (a symbolic link leading out is refused). */
export function inside(root: string, path: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    throw new SkillFolderError(`${path} cannot be resolved (${(error as Error).message})`, { cause: error });
  }
  const rel = relative(root, real);
  if (rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || rel.includes(`${sep}..${sep}`) || isAbsolute(rel))
    throw new SkillFolderError(`${path} leads out of the skills folder`);
  return real;
}

function isAbsolute(rel: string): boolean {
  return rel.startsWith(sep) || /^[A-Za-z]:/.test(rel);
}

function build(walk: Walk): Catalog {
  const files = new Map<string, ServedFile>();
  const skills: Skill[] = [];
  const described = new Map<string, SkillFrontmatter>();
  for (const dir of walk.skillDirs) {
    if (dir === "")
      throw new SkillFolderError(`${SKILL_FILE} at the top of the folder: each skill needs its own folder`);
    described.set(dir, readSkill(walk, dir));
  }
  for (const [dir, frontmatter] of described) {
    const prefix = `${dir}/`;
    const own = [...walk.files].filter(([rel]) => rel.startsWith(prefix));
    if (own.length > SKILL_LIMITS.files)
      throw new SkillFolderError(`skill ${dir} has ${own.length} files, over the limit of ${SKILL_LIMITS.files}`);
    const total = own.reduce((sum, [, f]) => sum + f.size, 0);
    if (total > SKILL_LIMITS.bytes)
      throw new SkillFolderError(`skill ${dir} holds ${total} bytes, over the limit of ${SKILL_LIMITS.bytes}`);
    const resources: SkillResource[] = own.map(([rel]) => served(walk, files, rel, described).entry);
    const uri = `skill://${dir}/${SKILL_FILE}`;
    resources.sort((a, b) => (a.uri === uri ? -1 : b.uri === uri ? 1 : a.uri < b.uri ? -1 : 1));
    skills.push({ uri, frontmatter, resources });
  }
  // Files outside every skill folder are not served.
  const directories = directoryTree(files.keys());
  const fingerprint = skillDigest(Buffer.from(JSON.stringify(skills)));
  return { root: walk.root, skills, files, directories, fingerprint };
}

function readSkill(walk: Walk, dir: string): SkillFrontmatter {
  const file = walk.files.get(`${dir}/${SKILL_FILE}`);
  if (!file) throw new SkillFolderError(`skill ${dir}: ${SKILL_FILE} is not a regular file`);
  if (file.size > SKILL_LIMITS.bytes) throw new SkillFolderError(`skill ${dir}: ${SKILL_FILE} is too large`);
  const parsed = parseFrontmatter(readFileSync(file.path, "utf8"));
  if ("error" in parsed) throw new SkillFolderError(`skill ${dir}: ${parsed.error}`);
  const folder = dir.slice(dir.lastIndexOf("/") + 1);
  const problem = nameProblem(parsed.ok.name);
  if (problem) throw new SkillFolderError(`skill ${dir}: ${problem}`);
  if (parsed.ok.name !== folder)
    throw new SkillFolderError(`skill ${dir}: the name "${parsed.ok.name}" is not its folder's name "${folder}"`);
  return parsed.ok;
}

/** The served file at `rel` (digest computed once, however many skills list it). */
function served(
  walk: Walk,
  files: Map<string, ServedFile>,
  rel: string,
  described: ReadonlyMap<string, SkillFrontmatter>,
): { entry: SkillResource } {
  const uri = `skill://${rel}`;
  let file = files.get(uri);
  if (!file) {
    const { path, size } = walk.files.get(rel)!;
    const bytes = readFileSync(path);
    if (bytes.length !== size) throw new SkillFolderError(`${path} changed while it was read`);
    const base = rel.slice(rel.lastIndexOf("/") + 1);
    const skill = base === SKILL_FILE ? described.get(rel.slice(0, -SKILL_FILE.length - 1)) : undefined;
    file = {
      uri,
      path,
      size,
      digest: skillDigest(bytes),
      mimeType: mimeTypeOf(base),
      // The path, not the base name: names of one server's resources stay distinct (hosts such as ClientSessionGroup key on them).
      name: skill?.name ?? rel,
      ...(skill ? { description: skill.description } : {}),
    };
    files.set(uri, file);
  }
  return { entry: { uri, digest: file.digest, size: file.size } };
}

/** Each directory URI above a served file (the top folder excluded), with its direct children. */
export function directoryTree(uris: Iterable<string>): Map<string, string[]> {
  const children = new Map<string, Set<string>>();
  for (const uri of uris) {
    let child = uri;
    for (let cut = child.lastIndexOf("/"); cut > "skill://".length - 1; cut = child.lastIndexOf("/")) {
      const parent = child.slice(0, cut);
      if (parent.length <= "skill://".length) break;
      let set = children.get(parent);
      if (!set) children.set(parent, (set = new Set()));
      set.add(child);
      child = parent;
    }
  }
  return new Map([...children].map(([dir, set]) => [dir, [...set].sort()]));
}
