/**
 * mcpkit/codegen: generate the typed surface of any MCP schema revision.
 *
 * `generateRevision({ schema, revision })` returns the files; `writeFileSet(outDir, files)` writes
 * them atomically. `generateProject()` rebuilds the package's own generated/ folder.
 */
export { main as runGenerateCli } from "./cli.js";
export { GenerateError } from "./errors.js";
export {
  diffFileSet,
  emitSchemaFolder,
  generateProject,
  generateRevision,
  modelSchema,
  readRevisionsFile,
  writeFileSet,
  type FileSet,
  type RevisionEntry,
  type RevisionsFile,
} from "./generate.js";
export { loadSchemaFile, parseSchema, sha256, type Dialect, type LoadedSchema } from "./load.js";
export {
  buildModel,
  type CapabilityGate,
  type ModeledSchema,
  type NotificationModel,
  type ProtocolModel,
  type RequestModel,
} from "./model.js";
export { loadOverlay, type Overlay } from "./overlay.js";
