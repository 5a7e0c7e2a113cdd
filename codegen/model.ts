import { GenerateError } from "./errors.js";
import type { LoadedSchema } from "./load.js";
import type { CapabilityRule, Direction, ExtensionMethods, Overlay } from "./overlay.js";

export type { Direction };
import { isSchemaNode, type SchemaNode } from "./schema-walk.js";

/** Which side's capabilities must contain `path` for a method to be used. */
export interface CapabilityGate {
  side: "server" | "client";
  path: string[];
}

/** A message's payload: the JSON pointer of its `params` and whether it must be present. */
export interface ParamsModel {
  pointer: string;
  required: boolean;
  /** A caller may leave params out: none of its fields is required but `_meta`, which the session fills. */
  callerMayOmit: boolean;
}

export interface RequestModel {
  method: string;
  /** The request definition, e.g. CallToolRequest. */
  type: string;
  /** The request definition's description, if the schema gives one. */
  description?: string;
  directions: Direction[];
  params: ParamsModel | null;
  /** The result definition, e.g. CallToolResult. */
  resultType: string;
  /** The pointer of what may stand in `result` on the wire (may widen resultType, as 2026-07-28's InputRequiredResult does). */
  wireResultPointer: string;
  /** The TypeScript expression of the wire result type, over the revision's types module. */
  wireResultTs: string;
  capability: CapabilityGate | null;
  /** The session-filled fields (overlay `sessionResultFields`) the result requires, which the session sets when a handler leaves them out. */
  sessionFields: string[];
  /** The params fields a caller may pass first (overlay `addressedBy`), or null. */
  addressedBy: string[] | null;
}

export interface NotificationModel {
  method: string;
  type: string;
  /** The notification definition's description, if the schema gives one. */
  description?: string;
  directions: Direction[];
  params: ParamsModel | null;
  capability: CapabilityGate | null;
}

/** The JSON-RPC envelope definitions, found by shape among JSONRPCMessage's members. */
export interface EnvelopeModel {
  request: string;
  notification: string;
  result: string;
  error: string;
}

/** Everything the emitters need about one schema: plain data, no I/O. */
export interface ProtocolModel {
  name: string;
  sha256: string;
  dialect: LoadedSchema["dialect"];
  defsKeyword: LoadedSchema["defsKeyword"];
  definitionNames: string[];
  /** An initialize handshake exists (2024-11-05 to 2025-11-25). */
  stateful: boolean;
  /** JSON-RPC batches are part of JSONRPCMessage (2025-03-26). */
  batching: boolean;
  /** Streamable HTTP streams open with a priming event (overlay `revisionTraits`: the spec says so, the schema cannot). */
  primingEvents: boolean;
  envelope: EnvelopeModel | null;
  requests: RequestModel[];
  notifications: NotificationModel[];
  /** JSON-RPC error codes the schema names: definitions whose `code` (or `error.code`) is a constant. */
  errorCodes: ErrorCodeModel[];
}

/** A schema as loaded, with the model derived from it. */
export interface ModeledSchema {
  schema: LoadedSchema;
  model: ProtocolModel;
}

/** A named JSON-RPC error code, e.g. MethodNotFoundError -> -32601. */
export interface ErrorCodeModel {
  definition: string;
  code: number;
}

type Kind = "request" | "notification";

interface Member {
  kind: Kind;
  directions: Direction[];
}

const UNIONS = {
  ClientRequest: ["request", "clientToServer"],
  ServerRequest: ["request", "serverToClient"],
  ClientNotification: ["notification", "clientToServer"],
  ServerNotification: ["notification", "serverToClient"],
} as const satisfies Record<string, [Kind, Direction]>;

/** Derives the protocol model of a schema; fails on anything it cannot pair or place. */
export function buildModel(schema: LoadedSchema, name: string, overlay: Overlay): ProtocolModel {
  const ctx = new ModelContext(schema, overlay);
  const extension = overlay.extensions[name];
  const members = extension ? ctx.extensionMembers(extension) : ctx.unionMembers();
  const requests: RequestModel[] = [];
  const notifications: NotificationModel[] = [];
  for (const [type, { kind, directions }] of members) {
    const shape = ctx.messageShape(type);
    if (kind === "request") requests.push(ctx.request(type, shape, directions));
    else notifications.push(ctx.notification(type, shape, directions));
  }
  ctx.checkOverlayExpectations(requests);
  const byMethod = (a: { method: string }, b: { method: string }) =>
    a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
  return {
    name,
    sha256: schema.sha256,
    dialect: schema.dialect,
    defsKeyword: schema.defsKeyword,
    definitionNames: Object.keys(schema.definitions).sort(),
    stateful: requests.some((r) => r.method === "initialize"),
    batching: ctx.hasBatches(),
    primingEvents: overlay.revisionTraits[name]?.primingEvents ?? false,
    envelope: ctx.envelope(),
    requests: requests.sort(byMethod),
    notifications: notifications.sort(byMethod),
    errorCodes: ctx.errorCodes(),
  };
}

interface MessageShape {
  method: string;
  params: ParamsModel | null;
}

class ModelContext {
  readonly #schema: LoadedSchema;
  readonly #overlay: Overlay;

  constructor(schema: LoadedSchema, overlay: Overlay) {
    this.#schema = schema;
    this.#overlay = overlay;
  }

  get defs(): Record<string, SchemaNode> {
    return this.#schema.definitions;
  }

  fail(message: string, definition?: string): never {
    throw new GenerateError(message, this.#schema.file, definition);
  }

  pointer(...parts: string[]): string {
    return `#/${[this.#schema.defsKeyword, ...parts].join("/")}`;
  }

  /** Definitions that fix a JSON-RPC error code, directly (`code`) or in an error response (`error.code`). */
  errorCodes(): ErrorCodeModel[] {
    const codes: ErrorCodeModel[] = [];
    const constCode = (name: string, def: SchemaNode): number | undefined => {
      const code = this.properties(name, def).get("code")?.schema.const;
      return Number.isInteger(code) ? (code as number) : undefined;
    };
    for (const [name, def] of Object.entries(this.defs)) {
      const error = this.properties(name, def).get("error")?.schema;
      const code = constCode(name, def) ?? (error ? constCode(name, error) : undefined);
      if (code !== undefined) codes.push({ definition: name, code });
    }
    return codes.sort((a, b) => (a.definition < b.definition ? -1 : 1));
  }

  /** Message definitions with the directions they travel, from the Client/Server unions. */
  unionMembers(): Map<string, Member> {
    const members = new Map<string, Member>();
    for (const [union, [kind, direction]] of Object.entries(UNIONS)) {
      const def = this.defs[union];
      if (!def) continue;
      for (const member of this.resolveUnion(union, def)) {
        const known = members.get(member);
        if (known && known.kind !== kind) this.fail(`is both a request and a notification`, member);
        members.set(member, { kind, directions: [...(known?.directions ?? []), direction] });
      }
    }
    if (members.size === 0)
      this.fail("no ClientRequest, ServerRequest, ClientNotification or ServerNotification union");
    return members;
  }

  /** Message definitions of an extension schema, placed by the overlay. */
  extensionMembers(ext: ExtensionMethods): Map<string, Member> {
    const members = new Map<string, Member>();
    const place = (kind: Kind, table: Record<string, Direction>) => {
      for (const [method, direction] of Object.entries(table)) {
        const type = Object.keys(this.defs).find((name) => this.methodConst(name, this.defs[name]!) === method);
        if (!type) this.fail(`the overlay names method "${method}" but no definition has it`);
        members.set(type, { kind, directions: [direction] });
      }
    };
    place("request", ext.requests);
    place("notification", ext.notifications);
    return members;
  }

  /** A union's member definitions: `anyOf`/`oneOf` of refs, a single ref, or one inlined member. */
  resolveUnion(union: string, def: SchemaNode): string[] {
    const alternatives = (def.anyOf ?? def.oneOf ?? [def]) as unknown[];
    return alternatives.map((alt) => {
      if (!isSchemaNode(alt)) this.fail("union member is not a schema", union);
      if (typeof alt.$ref === "string") return this.refName(alt.$ref, union);
      const method = this.methodConst(union, alt);
      const named = Object.keys(this.defs).find(
        (name) => name !== union && this.methodConst(name, this.defs[name]!) === method,
      );
      if (!named) this.fail(`inlined member with method "${method}" matches no definition`, union);
      return named;
    });
  }

  refName(ref: string, at: string): string {
    const prefix = `#/${this.#schema.defsKeyword}/`;
    const name = ref.startsWith(prefix) ? ref.slice(prefix.length) : "";
    if (!name || !this.defs[name]) this.fail(`unresolvable $ref "${ref}"`, at);
    return name;
  }

  /** Property schemas of a definition, merged across `allOf`, with the pointer of each. */
  properties(
    name: string,
    def: SchemaNode,
    base: string[] = [name],
  ): Map<string, { schema: SchemaNode; pointer: string[]; required: boolean }> {
    const props = new Map<string, { schema: SchemaNode; pointer: string[]; required: boolean }>();
    if (typeof def.$ref === "string") {
      const target = this.refName(def.$ref, name);
      for (const [k, v] of this.properties(target, this.defs[target]!, [target])) props.set(k, v);
    }
    const required = new Set(Array.isArray(def.required) ? (def.required as string[]) : []);
    if (isSchemaNode(def.properties)) {
      for (const [key, schema] of Object.entries(def.properties)) {
        if (isSchemaNode(schema))
          props.set(key, { schema, pointer: [...base, "properties", key], required: required.has(key) });
      }
    }
    for (const key of required) {
      const prop = props.get(key);
      if (prop) prop.required = true;
    }
    if (Array.isArray(def.allOf)) {
      def.allOf.forEach((part, i) => {
        if (!isSchemaNode(part)) return;
        for (const [k, v] of this.properties(name, part, [...base, "allOf", String(i)])) {
          const prev = props.get(k);
          props.set(k, { ...v, required: v.required || (prev?.required ?? false) });
        }
      });
    }
    return props;
  }

  methodConst(name: string, def: SchemaNode): string | undefined {
    const method = this.properties(name, def).get("method")?.schema;
    return method && typeof method.const === "string" ? method.const : undefined;
  }

  messageShape(type: string): MessageShape {
    const props = this.properties(type, this.defs[type]!);
    const method = props.get("method")?.schema.const;
    if (typeof method !== "string") this.fail("message definition has no `method` const", type);
    const params = props.get("params");
    if (!params) return { method, params: null };
    const required = [...this.properties(type, params.schema, params.pointer)]
      .filter(([, p]) => p.required)
      .map(([k]) => k);
    return {
      method,
      params: {
        pointer: `#/${[this.#schema.defsKeyword, ...params.pointer].join("/")}`,
        required: params.required,
        callerMayOmit: !params.required || required.every((k) => k === "_meta"),
      },
    };
  }

  request(type: string, shape: MessageShape, directions: Direction[]): RequestModel {
    const resultType = this.resultOf(type, shape.method);
    const response = this.defs[`${resultType}Response`];
    const wireResult = response && this.properties(`${resultType}Response`, response).get("result");
    return {
      method: shape.method,
      type,
      ...this.description(type),
      directions,
      params: shape.params,
      resultType,
      wireResultPointer: wireResult
        ? `#/${[this.#schema.defsKeyword, ...wireResult.pointer].join("/")}`
        : this.pointer(resultType),
      wireResultTs: wireResult ? `${resultType}Response["result"]` : resultType,
      capability: this.capability(shape.method, directions),
      sessionFields: this.requiredFields(resultType).filter((f) => this.#overlay.sessionResultFields.includes(f)),
      addressedBy: this.addressedBy(type, shape.method),
    };
  }

  /** The overlay's `addressedBy` fields of `method`, checked against its params: the first a required string. */
  addressedBy(type: string, method: string): string[] | null {
    const fields = this.#overlay.addressedBy[method];
    if (!fields) return null;
    const params = this.properties(type, this.defs[type]!).get("params");
    const props = params
      ? this.properties(type, params.schema)
      : new Map<string, { required: boolean; schema: SchemaNode }>();
    const [first, ...rest] = fields;
    const lead = props.get(first!);
    if (!lead?.required || lead.schema.type !== "string")
      this.fail(`overlay addresses ${method} by "${first}", which is not a required string of its params`, type);
    for (const field of rest)
      if (!props.has(field)) this.fail(`overlay addresses ${method} by "${field}", which its params lack`, type);
    return fields;
  }

  /** The required property names of a definition (through allOf). */
  requiredFields(name: string): string[] {
    return [...this.properties(name, this.defs[name]!)].filter(([, p]) => p.required).map(([k]) => k);
  }

  notification(type: string, shape: MessageShape, directions: Direction[]): NotificationModel {
    return {
      method: shape.method,
      type,
      ...this.description(type),
      directions,
      params: shape.params,
      capability: this.capability(shape.method, directions),
    };
  }

  /** `{ description }` of a definition that has one, else nothing. */
  description(name: string): { description?: string } {
    const text = this.defs[name]?.description;
    return typeof text === "string" ? { description: text } : {};
  }

  /** FooRequest pairs with FooResult unless the overlay says otherwise. */
  resultOf(type: string, method: string): string {
    const exception = this.#overlay.results.find((r) => r.method === method && r.request === type);
    if (exception) {
      if (!this.defs[exception.result])
        this.fail(`overlay pairs it with ${exception.result}, which does not exist`, type);
      return exception.result;
    }
    const expected = type.replace(/Request$/, "Result");
    if (expected === type || !this.defs[expected]) {
      this.fail(
        `cannot pair request "${method}" with a result: no definition ${expected}; add a "results" entry to schema/overlay.json`,
        type,
      );
    }
    return expected;
  }

  /** Overlay entries must still be needed: the name the rule looks for stays absent. */
  checkOverlayExpectations(requests: RequestModel[]): void {
    for (const entry of this.#overlay.results) {
      if (!requests.some((r) => r.type === entry.request)) continue;
      if (this.defs[entry.expectMissing]) {
        this.fail(
          `overlay pairs "${entry.method}" with ${entry.result}, but ${entry.expectMissing} now exists: update schema/overlay.json`,
          entry.request,
        );
      }
    }
  }

  capability(method: string, directions: Direction[]): CapabilityGate | null {
    const rule = this.#overlay.capabilities
      .filter((r: CapabilityRule) => (r.method.endsWith("/") ? method.startsWith(r.method) : method === r.method))
      .sort((a, b) => b.method.length - a.method.length)[0];
    if (!rule) return null;
    const expectedSide = rule.side === "server" ? "clientToServer" : "serverToClient";
    const isNotification = method.startsWith("notifications/");
    if (!isNotification && !directions.includes(expectedSide)) return null;
    const capsDef = this.defs[rule.side === "server" ? "ServerCapabilities" : "ClientCapabilities"];
    return capsDef && this.hasPath(capsDef, rule.path) ? { side: rule.side, path: rule.path } : null;
  }

  hasPath(def: SchemaNode, path: string[]): boolean {
    let node: SchemaNode | undefined = def;
    for (const key of path) {
      const props: unknown = node?.properties;
      const next: unknown = isSchemaNode(props) ? props[key] : undefined;
      node = isSchemaNode(next) ? next : undefined;
      if (node && typeof node.$ref === "string") node = this.defs[this.refName(node.$ref, key)];
      if (!node) return false;
    }
    return true;
  }

  /** Batches are present when JSONRPCMessage admits an array. */
  hasBatches(): boolean {
    const message = this.defs.JSONRPCMessage;
    const alternatives = (message?.anyOf ?? message?.oneOf ?? []) as SchemaNode[];
    return alternatives.some((alt) => {
      const target = typeof alt.$ref === "string" ? this.defs[this.refName(alt.$ref, "JSONRPCMessage")] : alt;
      return target?.type === "array";
    });
  }

  envelope(): EnvelopeModel | null {
    const message = this.defs.JSONRPCMessage;
    if (!message) return null;
    const found: Partial<EnvelopeModel> = {};
    for (const alt of (message.anyOf ?? message.oneOf ?? []) as SchemaNode[]) {
      if (typeof alt.$ref !== "string") continue;
      const name = this.refName(alt.$ref, "JSONRPCMessage");
      const props = this.properties(name, this.defs[name]!);
      if (props.has("result")) found.result = name;
      else if (props.has("error")) found.error = name;
      else if (props.has("method")) found[props.has("id") ? "request" : "notification"] = name;
    }
    if (!found.request || !found.notification || !found.result || !found.error) {
      this.fail("JSONRPCMessage lacks a request, notification, result or error member", "JSONRPCMessage");
    }
    return found as EnvelopeModel;
  }
}
