// API report for "mcpkit/validate", made by scripts/api-report.ts from dist/: do not edit, run `npm run api`.

export declare const LATEST: "2026-07-28";

export interface MessageOptions {
  resultOf?: string;
}

export declare const REVISIONS: readonly ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

export type Revision = (typeof REVISIONS)[number];

export interface ValidateOptions<R extends Revision, T> {
  revision?: R;
  type: T;
}

export interface ValidationError {
  path: string;
  message: string;
}

export type ValidationResult<T> =
  | {
      valid: true;
      value: T;
    }
  | {
      valid: false;
      errors: ValidationError[];
    };

export declare function validate<
  R extends Revision = typeof LATEST,
  T extends keyof RevisionDefinitions[R] & string = keyof RevisionDefinitions[R] & string,
>(value: unknown, options: ValidateOptions<R, T>): ValidationResult<RevisionDefinitions[R][T]>;

export declare function validateMessage(
  message: unknown,
  options?: MessageOptions & {
    revision?: Revision;
  },
): ValidationResult<unknown>;
