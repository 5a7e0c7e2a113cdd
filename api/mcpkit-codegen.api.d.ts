// API report for "mcpkit/codegen", made by scripts/api-report.ts from dist/: do not edit, run `npm run api`.

export interface CapabilityGate {
  side: "server" | "client";
  path: string[];
}

export type Dialect = "draft-07" | "2020-12";

export type FileSet = Map<string, string>;

export declare class GenerateError extends Error {
  readonly file: string;
  readonly definition?: string | undefined;
  constructor(message: string, file: string, definition?: string | undefined);
}

export interface LoadedSchema {
  file: string;
  sha256: string;
  dialect: Dialect;
  defsKeyword: "$defs" | "definitions";
  root: SchemaNode;
  definitions: Record<string, SchemaNode>;
}

export interface ModeledSchema {
  schema: LoadedSchema;
  model: ProtocolModel;
}

export interface NotificationModel {
  method: string;
  type: string;
  description?: string;
  directions: Direction[];
  params: ParamsModel | null;
  capability: CapabilityGate | null;
}

export interface Overlay {
  results: ResultException[];
  capabilities: CapabilityRule[];
  extensions: Record<string, ExtensionMethods>;
  sessionResultFields: string[];
  addressedBy: Record<string, string[]>;
  revisionTraits: Record<string, RevisionTraits>;
}

export interface ProtocolModel {
  name: string;
  sha256: string;
  dialect: LoadedSchema["dialect"];
  defsKeyword: LoadedSchema["defsKeyword"];
  definitionNames: string[];
  stateful: boolean;
  batching: boolean;
  primingEvents: boolean;
  envelope: EnvelopeModel | null;
  requests: RequestModel[];
  notifications: NotificationModel[];
  errorCodes: ErrorCodeModel[];
}

export interface RequestModel {
  method: string;
  type: string;
  description?: string;
  directions: Direction[];
  params: ParamsModel | null;
  resultType: string;
  wireResultPointer: string;
  wireResultTs: string;
  capability: CapabilityGate | null;
  sessionFields: string[];
  addressedBy: string[] | null;
}

export interface RevisionEntry {
  name: string;
  repository: string;
  commit: string;
  path: string;
  mirrorPath: string;
  sha256: string;
  dialect: "draft-07" | "2020-12";
  extensionId?: string;
  forRevision?: string;
}

export interface RevisionsFile {
  latest: string;
  revisions: RevisionEntry[];
  extensions: RevisionEntry[];
}

export declare function buildModel(schema: LoadedSchema, name: string, overlay: Overlay): ProtocolModel;

export declare function diffFileSet(outDir: string, files: FileSet): string[];

export declare function emitSchemaFolder(
  schema: LoadedSchema,
  model: ProtocolModel,
  sessionFields?: readonly string[],
): Promise<FileSet>;

export declare function generateProject(root?: string, overlay?: Overlay): Promise<FileSet>;

export declare function generateRevision(options: {
  schema: string;
  revision: string;
  overlay?: Overlay;
}): Promise<FileSet>;

export declare function loadOverlay(file?: string): Overlay;

export declare function loadSchemaFile(file: string, expectedSha256?: string): LoadedSchema;

export declare function modelSchema(file: string, name: string, overlay: Overlay, sha256?: string): ModeledSchema;

export declare function parseSchema(parsed: unknown, file: string, digest: string): LoadedSchema;

export declare function readRevisionsFile(root?: string): RevisionsFile;

// exported as runGenerateCli
export declare function main(argv: string[], log?: (line: string) => void): Promise<number>;

export declare function sha256(bytes: Uint8Array | string): string;

export declare function writeFileSet(outDir: string, files: FileSet): void;

// Reached from the exports above, but not exported by any entry point:

// codegen/model.d.ts

export interface EnvelopeModel {
  request: string;
  notification: string;
  result: string;
  error: string;
}

export interface ErrorCodeModel {
  definition: string;
  code: number;
}

export interface ParamsModel {
  pointer: string;
  required: boolean;
  callerMayOmit: boolean;
}

// codegen/overlay.d.ts

export interface CapabilityRule {
  method: string;
  side: "server" | "client";
  path: string[];
}

export type Direction = "clientToServer" | "serverToClient";

export interface ExtensionMethods {
  requests: Record<string, Direction>;
  notifications: Record<string, Direction>;
}

export interface ResultException {
  method: string;
  request: string;
  result: string;
  expectMissing: string;
}

export interface RevisionTraits {
  primingEvents?: boolean;
}

// codegen/schema-walk.d.ts

export type SchemaNode = {
  [key: string]: unknown;
};
