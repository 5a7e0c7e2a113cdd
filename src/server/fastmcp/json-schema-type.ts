/**
 * The TypeScript type of the values a JSON Schema literal (`as const`) accepts, read off its text, for
 * the keywords tool and form schemas use: `type` (one or a list), `properties` with `required` and
 * `additionalProperties`, `items`, `enum`, `const`, `anyOf` and `oneOf`. Anything else (`$ref`,
 * `allOf`, conditionals, a schema nested deeper than 8 levels) reads as `unknown`, which the validator
 * still checks at run time.
 */
export type FromJsonSchema<S> = Read<S, []>;

type Deeper<D extends unknown[]> = [...D, unknown];

type Read<S, D extends unknown[]> = D["length"] extends 8
  ? unknown
  : S extends { readonly const: infer C }
    ? C
    : S extends { readonly enum: readonly (infer E)[] }
      ? E
      : S extends { readonly anyOf: readonly (infer A)[] }
        ? Read<A, Deeper<D>>
        : S extends { readonly oneOf: readonly (infer A)[] }
          ? Read<A, Deeper<D>>
          : S extends { readonly type: readonly (infer T)[] }
            ? Typed<S, T, D>
            : S extends { readonly type: infer T }
              ? Typed<S, T, D>
              : unknown;

/** One `type` of a schema (distributes over a list of them). */
type Typed<S, T, D extends unknown[]> = T extends "object"
  ? ObjectOf<S, Deeper<D>>
  : T extends "array"
    ? S extends { readonly items: infer I }
      ? Read<I, Deeper<D>>[]
      : unknown[]
    : T extends "string"
      ? string
      : T extends "number" | "integer"
        ? number
        : T extends "boolean"
          ? boolean
          : T extends "null"
            ? null
            : unknown;

type RequiredOf<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;

/** Other properties: none with `additionalProperties: false`, typed by a schema there, else anything. */
type Rest<S, D extends unknown[]> = S extends { readonly additionalProperties: false }
  ? unknown
  : S extends { readonly additionalProperties: infer A extends object }
    ? { [key: string]: Read<A, D> | undefined }
    : { [key: string]: unknown };

type Flat<T> = { [K in keyof T]: T[K] };

type ObjectOf<S, D extends unknown[]> = S extends { readonly properties: infer P }
  ? Flat<
      { -readonly [K in keyof P as K extends RequiredOf<S> ? K : never]: Read<P[K], D> } & {
        -readonly [K in keyof P as K extends RequiredOf<S> ? never : K]?: Read<P[K], D>;
      } & Rest<S, D>
    >
  : Flat<Rest<S, D>>;
