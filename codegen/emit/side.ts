import type { Direction } from "../model.js";
import { callName, handlerName, sendName, str } from "./names.js";

/** What the side emitter needs of a method: the same for one revision and for the cross-revision surface. */
export interface SideMethod {
  method: string;
  type: string;
  directions: Direction[];
  hasParams: boolean;
  callerMayOmit: boolean;
}

/** A model message as the side emitter sees it. */
export function sideMethod(m: {
  method: string;
  type: string;
  directions: Direction[];
  params: { callerMayOmit: boolean } | null;
}): SideMethod {
  return {
    method: m.method,
    type: m.type,
    directions: m.directions,
    hasParams: m.params !== null,
    callerMayOmit: m.params?.callerMayOmit ?? true,
  };
}

export interface SideInput {
  side: "client" | "server";
  header: string;
  requests: SideMethod[];
  notifications: SideMethod[];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Emits client.ts or server.ts: what one side sends (typed call signatures and the name -> method
 * tables the session installs them from) and what it receives (typed handler signatures).
 */
export function emitSide({ side, header, requests, notifications }: SideInput): string {
  const S = cap(side);
  const outgoing: Direction = side === "client" ? "clientToServer" : "serverToClient";
  const incoming: Direction = side === "client" ? "serverToClient" : "clientToServer";
  const sends = (m: SideMethod) => m.directions.includes(outgoing);
  const receives = (m: SideMethod) => m.directions.includes(incoming);
  const paramsArg = (map: string, m: SideMethod) =>
    m.hasParams ? `params${m.callerMayOmit ? "?" : ""}: CallerParams<${map}[${str(m.method)}]["params"]>, ` : "";
  const out = [
    header,
    `import type { CallerParams, MaybePromise, SessionFilled } from "../common.js";`,
    `import type { NotificationMap, RequestMap } from "./methods.js";`,
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
    ...[...requests, ...notifications].filter(receives).map((m) => `  ${handlerName(m.type)}: ${str(m.method)},`),
    "} as const;",
    "",
    `/** Typed calls for the requests a ${side} sends. */`,
    `export interface ${S}Requests<Options> {`,
    ...requests
      .filter(sends)
      .flatMap((m) => [
        `  /** Sends \`${m.method}\` (${m.type}). */`,
        `  ${callName(m.type)}(${paramsArg("RequestMap", m)}options?: Options): Promise<SessionFilled<RequestMap[${str(m.method)}]["result"]>>;`,
      ]),
    "}",
    "",
    `/** Typed calls for the notifications a ${side} sends. */`,
    `export interface ${S}Notifications<Options> {`,
    ...notifications
      .filter(sends)
      .flatMap((m) => [
        `  /** Sends \`${m.method}\` (${m.type}). */`,
        `  ${sendName(m.type)}(${paramsArg("NotificationMap", m)}options?: Options): Promise<void>;`,
      ]),
    "}",
    "",
    `/** Handler signatures for the requests a ${side} receives, keyed by method. */`,
    `export interface ${S}RequestHandlers<Ctx> {`,
    ...requests
      .filter(receives)
      .map(
        (m) =>
          `  ${str(m.method)}: (params: RequestMap[${str(m.method)}]["params"], ctx: Ctx) => MaybePromise<SessionFilled<RequestMap[${str(m.method)}]["wireResult"]>>;`,
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
    `/** One registration method per handled message (\`onCallTool\`, \`onToolListChanged\`, ...), returning \`Self\` for chaining. */`,
    `export interface ${S}HandlerRegistrars<Ctx, Self> {`,
    ...requests
      .filter(receives)
      .map((m) => `  ${handlerName(m.type)}(handler: ${S}RequestHandlers<Ctx>[${str(m.method)}]): Self;`),
    ...notifications
      .filter(receives)
      .map((m) => `  ${handlerName(m.type)}(handler: ${S}NotificationHandlers<Ctx>[${str(m.method)}]): Self;`),
    "}",
    "",
  ];
  return out.join("\n");
}
