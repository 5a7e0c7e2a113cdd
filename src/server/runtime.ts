import type { RevisionSpec } from "../../generated/common.js";
import type { RequestMap } from "../../generated/surface/methods.js";
import type { RevisionSet } from "../protocol/negotiation.js";
import type { AnyNotificationHandler, AnyRequestHandler } from "../protocol/connection.js";
import type { ServerExtension } from "./extensions.js";
import type { CacheHints } from "./stateless.js";
import type { ServerRequestContext } from "./request-context.js";

type InitializeResult = RequestMap["initialize"]["result"];

/**
 * What a server hands each of its sessions: its identity, what it declares, its handlers and
 * extensions, and a way to be told the session ended. The Server implements it with one object made
 * once; a session sees nothing else of the Server.
 */
export interface ServerRuntime {
  readonly info: InitializeResult["serverInfo"];
  /** The revisions the server speaks: the built-in ones and any it was given. */
  readonly revisions: RevisionSet;
  readonly instructions: string | undefined;
  /** The capabilities declared at initialize. */
  readonly capabilities: InitializeResult["capabilities"];
  /** The capabilities declared under one revision (what `server/discover` answers). */
  capabilitiesFor(revision: RevisionSpec): InitializeResult["capabilities"];
  /** `revision` with the methods of the extensions in use that apply to it. */
  withExtensions(revision: RevisionSpec): RevisionSpec;
  /** Whether the handler of `method` serves requests read under `revision` (an extension's only under its revisions). */
  handles(revision: RevisionSpec, method: string): boolean;
  /** The extension in use that defines request `method` under `revision`, if any. */
  extensionOf(revision: RevisionSpec, method: string): ServerExtension | undefined;
  /** A `subscriptions/listen` filter with the extensions' topics agreed. */
  agreeTopics(
    requested: Record<string, unknown>,
    request: ServerRequestContext,
    agreed: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  /** Whether an agreed filter wants an extension's notification. */
  topicWanted(filter: Record<string, unknown>, method: string, params: unknown): boolean;
  /** The caching hints of `method`'s results, if any were set. */
  cacheHints(method: string): CacheHints | undefined;
  /** The handler a session dispatches request `method` to. */
  requestHandler(method: string): AnyRequestHandler<ServerRequestContext> | undefined;
  /** `handler` (of `method`) inside the server's middleware; itself when there is none. */
  around(handler: AnyRequestHandler<ServerRequestContext>): AnyRequestHandler<ServerRequestContext>;
  /** The handler a session dispatches notification `method` to. */
  notificationHandler(method: string): AnyNotificationHandler | undefined;
  /** A session's connection ended: it is no longer served. */
  ended(session: object): void;
}
