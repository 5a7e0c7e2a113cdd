// API report for "mcpkit/generated", made by scripts/api-report.ts from dist/: do not edit, run `npm run api`.

export type CallerParams<P> = P extends {
  _meta: infer M;
}
  ? Omit<P, "_meta"> & {
      _meta?: M;
    }
  : P;

export interface CapabilityGate {
  readonly side: "server" | "client";
  readonly path: readonly string[];
}

export type Direction = "clientToServer" | "serverToClient";

export interface EnvelopeSpec {
  readonly request: string;
  readonly notification: string;
  readonly result: string;
  readonly error: string;
}

export declare class LazyValidators<V extends object> {
  #private;
  readonly exports: V;
  constructor(url: string, file: string, names: readonly (keyof V & string)[], load?: () => Promise<unknown>);
  table<T extends Record<string, object>>(table: T): T;
  ready(): Promise<void>;
}

export type MaybePromise<T> = T | Promise<T>;

export interface NotificationSpec {
  readonly method: string;
  readonly type: string;
  readonly directions: readonly Direction[];
  readonly capability: CapabilityGate | null;
  readonly notification: Validator<unknown>;
  readonly params: Validator<unknown> | null;
  readonly paramsRequired: boolean;
}

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
  readonly sessionFields: readonly string[];
}

export interface RevisionSpec {
  readonly name: string;
  readonly sha256: string;
  readonly dialect: "draft-07" | "2020-12";
  readonly stateful: boolean;
  readonly batching: boolean;
  readonly primingEvents: boolean;
  readonly envelope: EnvelopeSpec | null;
  readonly requests: Readonly<Record<string, RequestSpec>>;
  readonly notifications: Readonly<Record<string, NotificationSpec>>;
  readonly validators: Readonly<Record<string, Validator<unknown>>>;
}

export type SessionResultField = "resultType" | "ttlMs" | "cacheScope";

export interface Validator<T> {
  (data: unknown): data is T;
  errors?: ValidatorIssue[] | null;
}

export interface ValidatorIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export declare class ValidatorsLoading extends Error {
  readonly loading: Promise<void>;
  constructor(file: string, loading: Promise<void>);
}

export declare function loadValidators(revision: { readonly validators: object }): Promise<void>;
