/** The tools examples/notes-server.ts offers, sorted: both example tests expect exactly these. */
export const NOTES_TOOLS = [
  "add_note",
  "delete_note",
  "list_workspaces",
  "reindex",
  "search_notes",
  "summarize_note",
] as const;
