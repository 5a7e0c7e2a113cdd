import { header } from "./names.js";

/** Emits common.ts: the shapes every generated revision shares. Data types only; no behaviour. */
export function emitCommon(sessionResultFields: readonly string[] = []): string {
  const fields = sessionResultFields.map((f) => JSON.stringify(f)).join(" | ") || "never";
  return `${header("the generator itself", "none")}
/** One ajv error, as the standalone validators report it. */
export interface ValidatorIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A validator compiled at generation time: a type guard that leaves its first error in \`errors\`. */
export interface Validator<T> {
  (data: unknown): data is T;
  errors?: ValidatorIssue[] | null;
}

/** Which side of a connection sends a message. */
export type Direction = "clientToServer" | "serverToClient";

/** The capability that must have been declared, on \`side\`, for a method to be used. */
export interface CapabilityGate {
  readonly side: "server" | "client";
  readonly path: readonly string[];
}

/** One request method of a revision. */
export interface RequestSpec {
  readonly method: string;
  readonly type: string;
  readonly directions: readonly Direction[];
  readonly capability: CapabilityGate | null;
  readonly request: Validator<unknown>;
  readonly params: Validator<unknown> | null;
  readonly paramsRequired: boolean;
  readonly result: Validator<unknown>;
  readonly resultType: string;
  /** Session-filled fields the result requires (\`resultType\`, caching hints): set by the session when a handler leaves them out. */
  readonly sessionFields: readonly string[];
}

/** One notification method of a revision. */
export interface NotificationSpec {
  readonly method: string;
  readonly type: string;
  readonly directions: readonly Direction[];
  readonly capability: CapabilityGate | null;
  readonly notification: Validator<unknown>;
  readonly params: Validator<unknown> | null;
  readonly paramsRequired: boolean;
}

/** The JSON-RPC envelope definitions of a revision. */
export interface EnvelopeSpec {
  readonly request: string;
  readonly notification: string;
  readonly result: string;
  readonly error: string;
}

/** Everything known about one generated revision (or extension). */
export interface RevisionSpec {
  readonly name: string;
  readonly sha256: string;
  readonly dialect: "draft-07" | "2020-12";
  /** An initialize handshake exists. */
  readonly stateful: boolean;
  /** JSON-RPC batches are allowed. */
  readonly batching: boolean;
  /** Streamable HTTP streams open with a priming event (an event id and no data), so a client can resume one that closes before its first message. */
  readonly primingEvents: boolean;
  readonly envelope: EnvelopeSpec | null;
  readonly requests: Readonly<Record<string, RequestSpec>>;
  readonly notifications: Readonly<Record<string, NotificationSpec>>;
  /** Every validator by export name (\`validateCallToolRequest\`, \`validateCallToolRequest$params\`, ...). */
  readonly validators: Readonly<Record<string, Validator<unknown>>>;
}

/** Params as a caller passes them: \`_meta\` may be left to the session to fill. */
export type CallerParams<P> = P extends { _meta: infer M } ? Omit<P, "_meta"> & { _meta?: M } : P;

/** Result fields the session fills when a handler leaves them out, and which older revisions' results lack: optional in every generated result type. */
export type SessionResultField = ${fields};

/** A handler's return: a value or a promise of one. */
export type MaybePromise<T> = T | Promise<T>;
`;
}
