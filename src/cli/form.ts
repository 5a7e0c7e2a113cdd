/** An answer to one form field, as it is sent. */
export type Value = string | number | boolean | string[];
/** A titled choice of an enum field. */
export type Choice = { const: string; title?: string };
/** The parts of a requested-schema property a form question needs. */
export type Field = {
  type?: string;
  title?: string;
  description?: string;
  default?: unknown;
  enum?: string[];
  enumNames?: string[];
  oneOf?: Choice[];
  items?: { enum?: string[]; anyOf?: Choice[] };
  minimum?: number;
  maximum?: number;
};

/** The titled choices of a form field: `oneOf`/`anyOf` consts, or a legacy `enum` with `enumNames`. */
export function titledOf(field: Field): Choice[] | undefined {
  const names = field.enumNames;
  return names && field.enum
    ? field.enum.map((v, i) => ({ const: v, title: names[i] }))
    : (field.oneOf ?? field.items?.anyOf);
}

/** The choices a form field allows, if it is an enum (single or multi-select, titled or not). */
export function choicesOf(field: Field): string[] | undefined {
  return field.enum ?? field.items?.enum ?? titledOf(field)?.map((c) => c.const);
}

/** An answer typed for a form field, as the value to send; `undefined` leaves it out; an Error asks again. */
export function coerce(field: Field, raw: string, required: boolean): Value | Error | undefined {
  const text = raw.trim();
  if (text === "") {
    if (field.default !== undefined) return field.default as Value;
    return required ? new Error("an answer is required") : undefined;
  }
  const choices = choicesOf(field);
  const titled = titledOf(field) ?? [];
  const choose = (word: string) =>
    choices?.includes(word) ? word : titled.find((c) => c.title?.toLowerCase() === word.toLowerCase())?.const;
  if (field.type === "boolean") {
    if (/^(y|yes|true|1)$/i.test(text)) return true;
    return /^(n|no|false|0)$/i.test(text) ? false : new Error("answer y or n");
  }
  if (field.type === "number" || field.type === "integer") {
    const n = Number(text);
    if (!Number.isFinite(n) || (field.type === "integer" && !Number.isInteger(n)))
      return new Error(`expected ${field.type === "integer" ? "an integer" : "a number"}`);
    if ((field.minimum !== undefined && n < field.minimum) || (field.maximum !== undefined && n > field.maximum))
      return new Error(`expected a number from ${field.minimum ?? "-∞"} to ${field.maximum ?? "∞"}`);
    return n;
  }
  if (field.type === "array") {
    const picked = text.split(",").map((w) => choose(w.trim()) ?? w.trim());
    const bad = picked.find((w) => choices && !choices.includes(w));
    return bad === undefined ? picked : new Error(`${JSON.stringify(bad)} is not one of ${choices!.join(", ")}`);
  }
  if (!choices) return text;
  return choose(text) ?? new Error(`expected one of ${choices.join(", ")}`);
}

/** `confirm (boolean, required)`: the prompt of one form field. */
export function fieldPrompt(name: string, field: Field, required: boolean): string {
  const choices = titledOf(field)?.map((c) => (c.title ? `${c.const} (${c.title})` : c.const)) ?? choicesOf(field);
  const parts = [field.type === "array" ? "list" : (field.type ?? "string")];
  if (choices) parts.push(`${field.type === "array" ? "any" : "one"} of ${choices.join(", ")}`);
  if (field.default !== undefined) parts.push(`default ${JSON.stringify(field.default)}`);
  else parts.push(required ? "required" : "optional");
  return `  ${name} (${parts.join(", ")}): `;
}
