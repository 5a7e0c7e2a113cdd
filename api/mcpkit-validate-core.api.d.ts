// API report for "mcpkit/validate/core", made by scripts/api-report.ts from dist/: do not edit, run `npm run api`.

export interface MessageOptions {
  resultOf?: string;
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

export declare function check<T>(validator: Validator<T>, value: unknown, prefix?: string): ValidationResult<T>;

export declare function eitherValidator(first: Validator<unknown>, second: Validator<unknown>): Validator<unknown>;

export declare function orAlternate(
  result: Validator<unknown>,
  validators: Readonly<Record<string, Validator<unknown>>>,
  name?: string,
): Validator<unknown>;

export declare function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined;

export declare function toErrors(
  issues: readonly ValidatorIssue[] | null | undefined,
  prefix?: string,
): ValidationError[];

export declare function validateMessageValue(
  revision: RevisionSpec,
  message: unknown,
  options?: MessageOptions,
): ValidationResult<unknown>;

export declare function validateValue<T = unknown>(
  revision: RevisionSpec,
  value: unknown,
  type: string,
): ValidationResult<T>;
