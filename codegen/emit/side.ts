import type { Direction } from "../model.js";
import { callName, handlerName, IN_PACKAGE, sendName, str } from "./names.js";
import { absoluteLinks } from "./types.js";

/** What the side emitter needs of a method: the same for one revision and for the cross-revision surface. */
export interface SideMethod {
  method: string;
  type: string;
  directions: Direction[];
  hasParams: boolean;
  callerMayOmit: boolean;
  /** The message definition's description (the schema's words). */
  description?: string;
  /** The named result type of a request (`CallToolResult`); absent for notifications. */
  resultType?: string;
  /** The params fields a caller may pass first (`callTool(name, args)`), or null. */
  addressedBy?: string[] | null;
  /** The namespace the method's named types are read from (`T`, or `T3` on the surface). */
  types: string;
  /** The revisions that have the method, oldest first, when known: `@since` and `@deprecated` come from them. */
  revisions?: readonly string[];
}

/** A model message as the side emitter sees it, its types read from namespace `types`. */
export function sideMethod(
  m: {
    method: string;
    type: string;
    directions: Direction[];
    params: { callerMayOmit: boolean } | null;
    description?: string;
    resultType?: string;
    addressedBy?: string[] | null;
  },
  types = "T",
  revisions?: readonly string[],
): SideMethod {
  return {
    method: m.method,
    type: m.type,
    directions: m.directions,
    hasParams: m.params !== null,
    callerMayOmit: m.params?.callerMayOmit ?? true,
    ...(m.description === undefined ? {} : { description: m.description }),
    ...(m.resultType === undefined ? {} : { resultType: m.resultType }),
    ...(m.addressedBy ? { addressedBy: m.addressedBy } : {}),
    types,
    ...(revisions ? { revisions } : {}),
  };
}

export interface SideInput {
  side: "client" | "server";
  header: string;
  /** The imports of the namespaces the methods' `types` name. */
  typeImports: string[];
  requests: SideMethod[];
  notifications: SideMethod[];
  /** The newest revision of the registry: a method it lacks is `@deprecated`. */
  latest?: string;
  /** Where common.ts is imported from (default: the sibling of the folder, as in generated/). */
  common?: string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A JSDoc block, indented two spaces: the schema's words, then what the method does on the wire, then tags. */
function jsdoc(m: SideMethod, action: string, latest: string | undefined): string[] {
  const lines: string[] = [];
  if (m.description) lines.push(...absoluteLinks(m.description).replaceAll("*/", "*\\/").split("\n"), "");
  lines.push(action);
  const since = m.revisions?.[0];
  if (since) lines.push("", `@since ${since}`);
  const last = m.revisions?.at(-1);
  if (latest && last && last !== latest)
    lines.push(`@deprecated Not in ${latest}, the newest revision: the last to have it is ${last}.`);
  return ["  /**", ...lines.map((l) => (l ? `   * ${l}` : "   *")), "   */"];
}

/** A params field as a parameter name: `arguments` cannot name one in a class (strict mode). */
const argName = (field: string) => (field === "arguments" ? "args" : field);

/** The typed call of a request, one line over the abstract `request` (two forms when addressed by name). */
function requestCall(m: SideMethod, latest: string | undefined): string[] {
  const name = callName(m.type);
  const method = str(m.method);
  const params = `CallerParams<RequestMap[${method}]["params"]>`;
  const result = `Promise<${m.types}.${m.resultType}>`;
  const doc = jsdoc(m, `Sends \`${m.method}\` (${m.type}).`, latest);
  if (m.addressedBy) {
    const [lead, rest] = m.addressedBy;
    const restType = `${params}[${str(rest ?? "")}]`;
    const pack = rest
      ? `extra === undefined ? { ${lead}: target } : { ${lead}: target, ${rest}: extra }`
      : `{ ${lead}: target }`;
    const head = rest
      ? [
          `  ${name}(${lead}: string, ${argName(rest)}?: ${restType}, options?: Options): ${result};`,
          `  ${name}(params: ${params}, options?: Options): ${result};`,
          `  ${name}(target: string | ${params}, extraOrOptions?: ${restType} | Options, options?: Options): ${result} {`,
          `    if (typeof target !== "string") return this.request(${method}, target, extraOrOptions as Options | undefined);`,
          `    const extra = extraOrOptions as ${restType} | undefined;`,
        ]
      : [
          `  ${name}(${lead}: string, options?: Options): ${result};`,
          `  ${name}(params: ${params}, options?: Options): ${result};`,
          `  ${name}(target: string | ${params}, options?: Options): ${result} {`,
          `    if (typeof target !== "string") return this.request(${method}, target, options);`,
        ];
    return [...doc, ...head, `    return this.request(${method}, (${pack}) as ${params}, options);`, "  }"];
  }
  const optional = m.callerMayOmit ? "?" : "";
  const arg = m.hasParams ? `params${optional}: ${params}, ` : "";
  return [
    ...doc,
    `  ${name}(${arg}options?: Options): ${result} {`,
    `    return this.request(${method}, ${m.hasParams ? "params" : "undefined"}, options);`,
    "  }",
  ];
}

/** The typed send of a notification, one line over the abstract `notify`. */
function notificationSend(m: SideMethod, latest: string | undefined): string[] {
  const params = `CallerParams<NotificationMap[${str(m.method)}]["params"]>`;
  const arg = m.hasParams ? `params${m.callerMayOmit ? "?" : ""}: ${params}, ` : "";
  return [
    ...jsdoc(m, `Sends \`${m.method}\` (${m.type}).`, latest),
    `  ${sendName(m.type)}(${arg}options?: Options): Promise<void> {`,
    `    return this.notify(${str(m.method)}, ${m.hasParams ? "params" : "undefined"}, options);`,
    "  }",
  ];
}

/** The typed registration of a handler, one line over the abstract `setRequestHandler` / `setNotificationHandler`. */
function registrar(m: SideMethod, table: string, setter: string, latest: string | undefined): string[] {
  return [
    ...jsdoc(m, `Handles \`${m.method}\` (${m.type}); returns \`this\`, for chaining.`, latest),
    `  ${handlerName(m.type)}(handler: ${table}[${str(m.method)}]): this {`,
    `    return this.${setter}(${str(m.method)}, handler);`,
    "  }",
  ];
}

/**
 * Emits client.ts or server.ts: what one side sends and receives, as name -> method tables, handler
 * signatures, and abstract base classes whose one-line methods (`listTools`, `onCallTool`,
 * `createMessage`, ...) the sessions inherit.
 *
 * The client gets one base (its calls and its handlers: a ClientSession does both); the server two,
 * since handlers are registered on the Server and calls made on a ServerSession. `initialize` has
 * neither a call nor a registrar: the handshake is each session's own.
 */
export function emitSide(input: SideInput): string {
  const { side, header, typeImports, requests, notifications, latest, common = IN_PACKAGE.common } = input;
  const S = cap(side);
  const outgoing: Direction = side === "client" ? "clientToServer" : "serverToClient";
  const incoming: Direction = side === "client" ? "serverToClient" : "clientToServer";
  const sends = (m: SideMethod) => m.directions.includes(outgoing);
  const receives = (m: SideMethod) => m.directions.includes(incoming);
  const handshake = (m: SideMethod) => m.method === "initialize";
  const handledRequests = requests.filter((m) => receives(m) && !handshake(m));
  const handledNotifications = notifications.filter(receives);
  const Peer = side === "client" ? "Server" : "Client";
  const callMembers = [
    "  /** Sends any request this side sends, typed by method. */",
    `  abstract request<M extends ${S}RequestMethod>(method: M, params?: CallerParams<RequestMap[M]["params"]>, options?: Options): Promise<RequestMap[M]["result"]>;`,
    "",
    "  /** Sends any notification this side sends, typed by method. */",
    `  abstract notify<M extends ${S}NotificationMethod>(method: M, params?: CallerParams<NotificationMap[M]["params"]>, options?: Options): Promise<void>;`,
    "",
    ...requests.filter((m) => sends(m) && !handshake(m)).flatMap((m) => [...requestCall(m, latest), ""]),
    ...notifications.filter(sends).flatMap((m) => [...notificationSend(m, latest), ""]),
  ];
  const handlerMembers = [
    `  /** Handles any request the ${Peer.toLowerCase()} sends, typed by method. */`,
    `  abstract setRequestHandler<M extends keyof ${S}RequestHandlers<Ctx>>(method: M, handler: ${S}RequestHandlers<Ctx>[M]): this;`,
    "",
    `  /** Handles any notification the ${Peer.toLowerCase()} sends, typed by method. */`,
    `  abstract setNotificationHandler<M extends keyof ${S}NotificationHandlers<Ctx>>(method: M, handler: ${S}NotificationHandlers<Ctx>[M]): this;`,
    "",
    ...handledRequests.flatMap((m) => [...registrar(m, `${S}RequestHandlers<Ctx>`, "setRequestHandler", latest), ""]),
    ...handledNotifications.flatMap((m) => [
      ...registrar(m, `${S}NotificationHandlers<Ctx>`, "setNotificationHandler", latest),
      "",
    ]),
  ];
  const bases =
    side === "client"
      ? [
          "/**",
          " * Every call a client makes and every handler it registers, one typed method each over the abstract",
          " * `request`, `notify`, `setRequestHandler` and `setNotificationHandler` a session implements.",
          " */",
          "export abstract class ClientMethods<Options, Ctx> {",
          ...callMembers,
          ...handlerMembers,
          "}",
        ]
      : [
          "/** Every handler a server registers, one typed method each over the abstract `setRequestHandler` and `setNotificationHandler`. */",
          "export abstract class ServerHandlerMethods<Ctx> {",
          ...handlerMembers,
          "}",
          "",
          "/** Every call a server session makes, one typed method each over the abstract `request` and `notify`. */",
          "export abstract class ServerSessionMethods<Options> {",
          ...callMembers,
          "}",
        ];
  const out = [
    header,
    `import type { CallerParams, MaybePromise } from ${str(common)};`,
    `import type { ${S}NotificationMethod, ${S}RequestMethod, NotificationMap, RequestMap } from "./methods.js";`,
    ...typeImports,
    "",
    `/** The requests a ${side} sends: call name -> method. */`,
    `export const ${side}Requests = {`,
    ...requests.filter(sends).map((m) => `  ${callName(m.type)}: ${str(m.method)},`),
    "} as const;",
    "",
    `/** The notifications a ${side} sends: send name -> method. */`,
    `export const ${side}Notifications = {`,
    ...notifications.filter(sends).map((m) => `  ${sendName(m.type)}: ${str(m.method)},`),
    "} as const;",
    "",
    `/** The requests and notifications a ${side} handles: registration name -> method. */`,
    `export const ${side}Handlers = {`,
    ...[...handledRequests, ...handledNotifications].map((m) => `  ${handlerName(m.type)}: ${str(m.method)},`),
    "} as const;",
    "",
    `/** Handler signatures for the requests a ${side} receives, keyed by method. */`,
    `export interface ${S}RequestHandlers<Ctx> {`,
    ...handledRequests.map(
      (m) =>
        `  ${str(m.method)}: (params: RequestMap[${str(m.method)}]["params"], ctx: Ctx) => MaybePromise<RequestMap[${str(m.method)}]["wireResult"]>;`,
    ),
    "}",
    "",
    `/** Handler signatures for the notifications a ${side} receives, keyed by method. */`,
    `export interface ${S}NotificationHandlers<Ctx> {`,
    ...notifications
      .filter(receives)
      .map(
        (m) =>
          `  ${str(m.method)}: (params: NotificationMap[${str(m.method)}]["params"], ctx: Ctx) => MaybePromise<void>;`,
      ),
    "}",
    "",
    ...bases,
    "",
  ];
  return out.join("\n");
}
