// A realistic FastMCP server: a small notes store with tools (structured output, progress, logging,
// sampling, elicitation, roots), resources and templates with completion, and a prompt.
import { z } from "zod";
import { FastMCP, resourceLink } from "mcpkit/server";

interface Note {
  id: string;
  title: string;
  body: string;
  tags: string[];
}

const notes = new Map<string, Note>();
let nextId = 1;
function addNote(title: string, body: string, tags: string[]): Note {
  const note = { id: String(nextId++), title, body, tags };
  notes.set(note.id, note);
  return note;
}
addNote("Welcome", "Notes are plain text with tags.", ["intro"]);
addNote("Groceries", "Milk, eggs, bread.", ["home", "todo"]);

const app = new FastMCP("notes", {
  version: "1.0.0",
  instructions: "A notes store: add, search, read and review notes.",
});

const completeIds = (value: string) => [...notes.keys()].filter((id) => id.startsWith(value));
const completeTags = (value: string) =>
  [...new Set([...notes.values()].flatMap((n) => n.tags))].filter((t) => t.startsWith(value));

app.tool(
  "add_note",
  {
    title: "Add a note",
    description: "Store a note and return its id",
    input: z.object({ title: z.string().min(1), body: z.string(), tags: z.array(z.string()).default([]) }),
    output: z.object({ id: z.string(), count: z.number() }),
  },
  async ({ title, body, tags }, ctx) => {
    const note = addNote(title, body, tags);
    await ctx.log.info("note added", { id: note.id });
    await app.notifyResourceUpdated("notes://index");
    return { id: note.id, count: notes.size };
  },
);

app.tool(
  "search_notes",
  {
    description: "Find notes whose title or body contains the query; returns links to them",
    input: z.object({ query: z.string() }),
    annotations: { readOnlyHint: true },
  },
  ({ query }) => {
    const found = [...notes.values()].filter((n) => `${n.title} ${n.body}`.toLowerCase().includes(query.toLowerCase()));
    return found.length === 0
      ? "No notes match."
      : found.map((n) => resourceLink({ uri: `notes://${n.id}`, name: n.title, mimeType: "text/plain" }));
  },
);

app.tool(
  "reindex",
  {
    description: "Rebuild the search index, reporting progress",
    input: z.object({ passes: z.number().int().min(1).max(20) }),
  },
  async ({ passes }, ctx) => {
    for (let pass = 1; pass <= passes; pass++) {
      if (ctx.signal.aborted) throw new Error("reindex cancelled");
      await new Promise((resolve) => setTimeout(resolve, 10));
      await ctx.reportProgress(pass, passes, `pass ${pass} of ${passes}`);
      await ctx.log.debug(`pass ${pass} done`);
    }
    return `Reindexed ${notes.size} notes in ${passes} passes.`;
  },
);

app.tool(
  "summarize_note",
  { description: "Ask the client's model for a one-line summary of a note", input: z.object({ id: z.string() }) },
  async ({ id }, ctx) => {
    const note = notes.get(id);
    if (!note) throw new Error(`No note ${id}`);
    const { content } = await ctx.sample(`Summarize in one line:\n\n${note.title}\n${note.body}`, { maxTokens: 100 });
    const first = Array.isArray(content) ? content[0] : content;
    return first?.type === "text" ? first.text : "(the model answered without text)";
  },
);

app.tool(
  "delete_note",
  { description: "Delete a note after asking the user to confirm", input: z.object({ id: z.string() }) },
  async ({ id }, ctx) => {
    if (!notes.has(id)) throw new Error(`No note ${id}`);
    const answer = await ctx.elicit(
      `Delete note ${id}?`,
      z.object({ confirm: z.boolean().describe("Really delete?") }),
    );
    if (answer.action !== "accept" || !answer.content.confirm) return `Kept note ${id}.`;
    notes.delete(id);
    await app.notifyResourceUpdated("notes://index");
    return `Deleted note ${id}.`;
  },
);

app.tool(
  "list_workspaces",
  { description: "The client's roots, where notes could be exported" },
  async (_args, ctx) => {
    const roots = await ctx.listRoots();
    return roots.map((root) => `${root.name ?? "(unnamed)"}: ${root.uri}`).join("\n") || "No roots.";
  },
);

app.resource(
  "notes://index",
  { name: "index", description: "Every note's id and title", mimeType: "application/json" },
  () => [...notes.values()].map(({ id, title }) => ({ id, title })),
);

app.resource(
  "notes://{id}",
  { name: "note", description: "One note as text", mimeType: "text/plain", complete: { id: completeIds } },
  ({ id }) => {
    const note = notes.get(id);
    if (!note) throw new Error(`No note ${id}`);
    return `# ${note.title}\n\n${note.body}\n\ntags: ${note.tags.join(", ")}`;
  },
);

app.resource(
  "notes://tags/{tag}",
  { name: "tag", description: "Notes with a tag", mimeType: "application/json", complete: { tag: completeTags } },
  ({ tag }) => [...notes.values()].filter((n) => n.tags.includes(tag)).map((n) => n.id),
);

app.prompt(
  "review_note",
  {
    description: "Ask for a review of a note",
    arguments: {
      id: { description: "The note", required: true, complete: completeIds },
      style: {
        description: "brief or detailed",
        complete: (v) => ["brief", "detailed"].filter((s) => s.startsWith(v)),
      },
    },
  },
  async ({ id, style }, ctx) => {
    const contents = await ctx.readResource(`notes://${id}`);
    const text = contents.contents[0] && "text" in contents.contents[0] ? contents.contents[0].text : "";
    return `Review this note${style ? ` (${style})` : ""}:\n\n${text}`;
  },
);

await app.runStdio();
