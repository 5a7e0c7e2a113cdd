import type { Direction, NotificationModel, ProtocolModel, RequestModel } from "../model.js";
import {
  header,
  IN_PACKAGE,
  paramsValidatorName,
  resultValidatorName,
  str,
  validatorName,
  type SharedImports,
} from "./names.js";
import { validatorNames } from "./validators.js";

const gate = (m: RequestModel | NotificationModel) =>
  m.capability ? `{ side: ${str(m.capability.side)}, path: [${m.capability.path.map(str).join(", ")}] }` : "null";

const methodUnion = (methods: { method: string; directions: Direction[] }[], direction: Direction) => {
  const picked = methods.filter((m) => m.directions.includes(direction)).map((m) => str(m.method));
  return picked.length ? picked.join(" | ") : "never";
};

/** The TypeScript type of a message's params, as a caller of the revision's types module sees it. */
export function paramsType(ns: string, m: RequestModel | NotificationModel): string {
  return m.params ? `NonNullable<${ns}.${m.type}["params"]>` : "undefined";
}

/** A table field read from the lazily loaded validators: a getter, so that reading the table loads none. */
const lazy = (field: string, name: string) => `get ${field}() { return v.${name}; }`;

/**
 * Emits methods.ts: the per-method tables (data, their validators read through `v`, which loads
 * validators.cjs on first use; the literal `import()` is there for bundlers to follow) and the maps of params and result types.
 */
export function emitMethods(model: ProtocolModel, shared: SharedImports = IN_PACKAGE): string {
  const out: string[] = [
    header(model.name, model.sha256),
    `import type { NotificationSpec, RequestSpec } from ${str(shared.common)};`,
    `import { LazyValidators } from ${str(shared.lazy)};`,
    `import type * as T from "./types.js";`,
    `import type * as V from "./validators.cjs";`,
    "",
    `/** The validators of ${model.name} (validators.cjs), loaded when one is first read. */`,
    `export const validators = new LazyValidators<V.Validators>(import.meta.url, "./validators.cjs", [${validatorNames(model).map(str).join(", ")}], () => import("./validators.cjs"));`,
    "const v = validators.exports;",
    "",
    `/** The request methods of ${model.name}, keyed by method. */`,
    "export const requests = validators.table({",
  ];
  for (const r of model.requests) {
    out.push(
      `  ${str(r.method)}: { method: ${str(r.method)}, type: ${str(r.type)}, directions: [${r.directions.map(str).join(", ")}], capability: ${gate(r)},`,
      `    ${lazy("request", validatorName(r.type))}, ${r.params ? lazy("params", paramsValidatorName(r.type)) : "params: null"}, paramsRequired: ${r.params?.required ?? false},`,
      `    ${lazy("result", resultValidatorName(r.type))}, resultType: ${str(r.resultType)}, sessionFields: [${r.sessionFields.map(str).join(", ")}] },`,
    );
  }
  out.push(
    "} as const satisfies Record<string, RequestSpec>);",
    "",
    `/** The notification methods of ${model.name}, keyed by method. */`,
    "export const notifications = validators.table({",
  );
  for (const n of model.notifications) {
    out.push(
      `  ${str(n.method)}: { method: ${str(n.method)}, type: ${str(n.type)}, directions: [${n.directions.map(str).join(", ")}], capability: ${gate(n)},`,
      `    ${lazy("notification", validatorName(n.type))}, ${n.params ? lazy("params", paramsValidatorName(n.type)) : "params: null"}, paramsRequired: ${n.params?.required ?? false} },`,
    );
  }
  out.push("} as const satisfies Record<string, NotificationSpec>);", "");
  out.push(
    "/** Params, result and wire result (what may stand in `result`) of every request method. */",
    "export interface RequestMap {",
  );
  for (const r of model.requests) {
    out.push(
      `  ${str(r.method)}: { params: ${paramsType("T", r)}; result: T.${r.resultType}; wireResult: T.${r.wireResultTs}; callerMayOmitParams: ${r.params?.callerMayOmit ?? true} };`,
    );
  }
  out.push("}", "", "/** Params of every notification method. */", "export interface NotificationMap {");
  for (const n of model.notifications) {
    out.push(
      `  ${str(n.method)}: { params: ${paramsType("T", n)}; callerMayOmitParams: ${n.params?.callerMayOmit ?? true} };`,
    );
  }
  out.push(
    "}",
    "",
    "/** Requests a client sends. */",
    `export type ClientRequestMethod = ${methodUnion(model.requests, "clientToServer")};`,
    "/** Requests a server sends. */",
    `export type ServerRequestMethod = ${methodUnion(model.requests, "serverToClient")};`,
    "/** Notifications a client sends. */",
    `export type ClientNotificationMethod = ${methodUnion(model.notifications, "clientToServer")};`,
    "/** Notifications a server sends. */",
    `export type ServerNotificationMethod = ${methodUnion(model.notifications, "serverToClient")};`,
    "",
  );
  return out.join("\n");
}
