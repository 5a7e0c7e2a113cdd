// A FastMCP server that publishes a folder of Agent Skills (the skills extension, SEP-2640): every
// file a skill:// resource, skills/list and skills/get with digests, directory reads, and a reload
// when the folder changes. Usage: node --import tsx examples/skills-server.ts [folder]
import { fileURLToPath } from "node:url";
import { FastMCP } from "mcpkit/server";

const folder = process.argv[2] ?? fileURLToPath(new URL("./skills", import.meta.url));

const app = new FastMCP("skills-demo", {
  version: "1.0.0",
  instructions: "Skills for release work and incidents; load skill://release-notes/SKILL.md to write release notes.",
});

// A skill that breaks the naming rules or the limits makes this throw, saying which and why.
app.skills(folder, { directoryRead: true, cache: { ttlMs: 60_000, cacheScope: "public" } });

await app.runStdio();
