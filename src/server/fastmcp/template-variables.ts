/**
 * RFC 6570 template variables, read off a template's text: by type (a `{var*}` explode form can yield
 * a list, anything else one string) and at run time (what the matcher gives, put in those shapes).
 */

type Operator = "+" | "#" | "." | "/" | ";" | "?" | "&";
type Spec<S extends string> = S extends `${infer N}*`
  ? { name: N; explode: true }
  : S extends `${infer N}:${string}`
    ? { name: N; explode: false }
    : { name: S; explode: false };
type Specs<E extends string> = E extends `${infer A},${infer B}` ? Specs<A> | Specs<B> : Spec<E>;
type ExpressionSpecs<E extends string> = E extends `${Operator}${infer Rest}` ? Specs<Rest> : Specs<E>;
type TemplateSpecs<T extends string> = T extends `${string}{${infer E}}${infer Rest}`
  ? ExpressionSpecs<E> | TemplateSpecs<Rest>
  : never;

/** The variables of an RFC 6570 template, read off its text: `"notes://{id}{?tag*}"` -> "id" | "tag". */
export type TemplateVariables<T extends string> = TemplateSpecs<T>["name"];

/**
 * What a resource handler receives: the template's variables by name (none for a fixed URI), a string
 * each, or a list of strings for an explode form (`{/path*}`, `{?tag*}`); a variable the URI leaves out
 * is "" (or []).
 */
export type ResourceVariables<T extends string> = {
  [S in TemplateSpecs<T> as S["name"]]: S["explode"] extends true ? string[] : string;
};

/** One variable of a template as written. */
export interface VariableSpec {
  name: string;
  explode: boolean;
  operator: string;
}

/** What separates the items of an exploded list, per operator. */
const SEPARATORS: Record<string, string> = {
  "": ",",
  "+": ",",
  "#": ",",
  ".": ".",
  "/": "/",
  ";": ";",
  "?": "&",
  "&": "&",
};
/** The operators whose items are written `name=value`. */
const NAMED = new Set([";", "?", "&"]);

/** The variables of a template, in order. */
export function templateVariables(template: string): VariableSpec[] {
  const specs: VariableSpec[] = [];
  for (const [, expression = ""] of template.matchAll(/\{([^}]*)\}/g)) {
    const operator = /^[+#./;?&]/.test(expression) ? expression[0]! : "";
    for (const part of expression.slice(operator.length).split(",")) {
      const explode = part.endsWith("*");
      specs.push({ name: (explode ? part.slice(0, -1) : part).replace(/:\d+$/, ""), explode, operator });
    }
  }
  return specs;
}

/** Puts what the matcher gave in the shapes {@link ResourceVariables} promises. */
export function shapeVariables(
  specs: readonly VariableSpec[],
  params: Record<string, string | string[]>,
): Record<string, string | string[]> {
  const shaped: Record<string, string | string[]> = {};
  for (const { name, explode, operator } of specs) {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (!explode) {
      shaped[name] = Array.isArray(value) ? value.join(",") : (value ?? "");
      continue;
    }
    const items = Array.isArray(value) ? value : value ? value.split(SEPARATORS[operator] ?? ",") : [];
    shaped[name] = NAMED.has(operator)
      ? items.map((item) => (item.startsWith(`${name}=`) ? item.slice(name.length + 1) : item))
      : items;
  }
  return shaped;
}
