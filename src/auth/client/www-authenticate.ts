import { OAuthFlowError } from "./errors.js";

/**
 * One challenge of a `WWW-Authenticate` header (RFC 9110 section 11.6.1): its scheme and either its
 * auth-params or a token68. The parameters an MCP client reads (RFC 6750, RFC 9728, RFC 9449) are
 * also given by name.
 */
export interface AuthChallenge {
  /** The scheme; `Bearer` and `DPoP` are spelled so whatever case the server used. */
  scheme: string;
  /** Every auth-param, names lower-cased (they are case-insensitive), values unquoted. */
  params: Readonly<Record<string, string>>;
  /** The token68 form of a challenge, when the server used it instead of auth-params. */
  token68?: string;
  /** `resource_metadata`: where the Protected Resource Metadata is (RFC 9728 section 5.1). */
  resourceMetadata?: string;
  /** `scope`: the space-separated scopes this request needs. */
  scope?: string;
  /** `error`, e.g. `invalid_token` or `insufficient_scope`. */
  error?: string;
  /** `error_description`, for people. */
  errorDescription?: string;
  /** `algs` of a DPoP challenge: the proof algorithms the server accepts. */
  algs?: string[];
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
const SPACE = /[ \t\r\n]/;
const KNOWN_SCHEMES: Record<string, string> = { bearer: "Bearer", dpop: "DPoP" };

/** A cursor over the header text; every failure is an OAuthFlowError naming the column. */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text.charAt(this.pos);
  }
  skipSpace(): boolean {
    const start = this.pos;
    while (!this.done && SPACE.test(this.peek())) this.pos++;
    return this.pos > start;
  }
  /** Skips spaces and empty list elements (`#rule` allows them). */
  skipSeparators(): void {
    while (!this.done && (SPACE.test(this.peek()) || this.peek() === ",")) this.pos++;
  }
  token(): string {
    const start = this.pos;
    while (!this.done && TCHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  fail(reason: string): never {
    throw new OAuthFlowError("www-authenticate", `${reason} (column ${this.pos + 1} of ${JSON.stringify(this.text)})`);
  }
  found(): string {
    return this.done ? "the end" : JSON.stringify(this.peek());
  }
  quoted(): string {
    let value = "";
    this.pos++;
    for (;;) {
      if (this.done) this.fail("unterminated quoted string");
      const c = this.text.charAt(this.pos++);
      if (c === '"') return value;
      if (c === "\\") {
        if (this.done) this.fail("unterminated quoted string");
        value += this.text.charAt(this.pos++);
      } else if (c < " " && c !== "\t") {
        this.pos--;
        this.fail("control character in a quoted string");
      } else value += c;
    }
  }
  /** A token68 here, when the rest of this challenge is exactly one. */
  token68(): string | undefined {
    TOKEN68.lastIndex = this.pos;
    const match = TOKEN68.exec(this.text);
    if (!match) return undefined;
    const after = this.pos + match[0].length;
    const rest = this.text.slice(after).trimStart();
    if (rest !== "" && !rest.startsWith(",")) return undefined;
    this.pos = after;
    return match[0];
  }
  /** Whether an auth-param (`name =`) starts here, without moving. */
  atParam(): boolean {
    const start = this.pos;
    const name = this.token();
    this.skipSpace();
    const param = name !== "" && this.peek() === "=";
    this.pos = start;
    return param;
  }
}

function readParams(s: Scanner, params: Record<string, string>): void {
  for (;;) {
    const name = s.token().toLowerCase();
    if (name === "") s.fail(`expected a parameter name, found ${s.found()}`);
    s.skipSpace();
    if (s.peek() !== "=") s.fail(`expected "=" after parameter ${name}, found ${s.found()}`);
    s.pos++;
    s.skipSpace();
    const value = s.peek() === '"' ? s.quoted() : s.token();
    if (value === "" && s.text.charAt(s.pos - 1) !== '"') s.fail(`expected a value for parameter ${name}`);
    if (Object.hasOwn(params, name)) s.fail(`parameter ${name} given twice in one challenge`);
    params[name] = value;
    s.skipSpace();
    if (s.done) return;
    if (s.peek() !== ",") s.fail(`expected "," or the end after parameter ${name}, found ${s.found()}`);
    s.skipSeparators();
    if (s.done || !s.atParam()) return;
  }
}

function readChallenge(s: Scanner): AuthChallenge {
  const scheme = s.token();
  if (scheme === "") s.fail(`expected an auth-scheme, found ${s.found()}`);
  const challenge: AuthChallenge = { scheme: KNOWN_SCHEMES[scheme.toLowerCase()] ?? scheme, params: {} };
  if (s.done || s.peek() === ",") return challenge;
  if (!s.skipSpace()) s.fail(`expected a space after the scheme ${scheme}, found ${s.found()}`);
  if (s.done || s.peek() === ",") return challenge;
  const token68 = s.token68();
  if (token68 !== undefined) return { ...challenge, token68 };
  const params: Record<string, string> = {};
  readParams(s, params);
  return withNamedParams({ ...challenge, params });
}

function withNamedParams(challenge: AuthChallenge): AuthChallenge {
  const p = challenge.params;
  const named: AuthChallenge = { ...challenge };
  if (p.resource_metadata !== undefined) named.resourceMetadata = p.resource_metadata;
  if (p.scope !== undefined) named.scope = p.scope;
  if (p.error !== undefined) named.error = p.error;
  if (p.error_description !== undefined) named.errorDescription = p.error_description;
  if (p.algs !== undefined) named.algs = p.algs.split(/\s+/).filter(Boolean);
  return named;
}

/**
 * Parses a `WWW-Authenticate` header value into its challenges, in order: any number of them, each
 * with auth-params (token or quoted-string values, backslash escapes undone) or a token68, with any
 * spacing around the separators. A header that does not parse, or that is missing or empty, throws
 * an {@link OAuthFlowError} at step `www-authenticate` whose reason says what was wrong and where.
 */
export function parseWwwAuthenticate(header: string | null | undefined): AuthChallenge[] {
  if (typeof header !== "string")
    throw new OAuthFlowError("www-authenticate", "the response has no WWW-Authenticate header");
  const s = new Scanner(header);
  const challenges: AuthChallenge[] = [];
  s.skipSeparators();
  while (!s.done) {
    challenges.push(readChallenge(s));
    s.skipSeparators();
  }
  if (challenges.length === 0) throw new OAuthFlowError("www-authenticate", "the WWW-Authenticate header is empty");
  return challenges;
}

/**
 * The challenge an MCP client acts on: the first of the given schemes present, in the order given
 * (Bearer before DPoP unless told otherwise). None present throws an {@link OAuthFlowError} at step
 * `www-authenticate` naming the schemes the server offered.
 */
export function selectChallenge(
  challenges: readonly AuthChallenge[],
  schemes: readonly ("Bearer" | "DPoP")[] = ["Bearer", "DPoP"],
): AuthChallenge {
  for (const scheme of schemes) {
    const found = challenges.find((c) => c.scheme === scheme);
    if (found) return found;
  }
  const offered = challenges.map((c) => c.scheme).join(", ");
  throw new OAuthFlowError("www-authenticate", `no ${schemes.join(" or ")} challenge (the server offered ${offered})`);
}
