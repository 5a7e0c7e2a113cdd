/**
 * mcpkit: the Model Context Protocol for TypeScript, generated from the protocol's JSON Schema.
 *
 * This entry point carries the revision registry and validation; the session engine, ClientSession
 * and transports join it as they land.
 */
export {
  extensions,
  LATEST,
  REVISIONS,
  revisions,
  surface,
  type Revision,
  type RevisionDefinitions,
} from "../generated/index.js";
export type { CapabilityGate, NotificationSpec, RequestSpec, RevisionSpec, Validator } from "../generated/index.js";
export { validate, validateMessage, type ValidationError, type ValidationResult } from "./validate/index.js";
