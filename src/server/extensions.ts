import type { ExtensionSpec } from "../protocol/extensions.js";
import { hasCapability } from "../protocol/negotiation.js";
import { metaOf } from "../protocol/mcp-headers.js";
import { missingExtension, requestCapabilities } from "./stateless.js";
import type { ServerRequestContext } from "./request-context.js";

export { extendRevision } from "../protocol/extensions.js";

/**
 * Extensions (`capabilities.extensions`) on the server: method tables generated from an extension's own schema,
 * served beside a revision's. A request is read under its revision's methods plus those of every
 * extension registered for that revision; an extension method is served only to a request whose
 * client capabilities declare the extension.
 */

/** Notifications an extension adds to `subscriptions/listen`: a filter key listing ids, and what is sent about each. */
export interface SubscriptionTopic {
  /** The key of the listen filter that lists the ids (`taskIds`). */
  readonly key: string;
  /** The notification sent about them (`notifications/tasks`). */
  readonly notification: string;
  /** The id a notification is about. */
  readonly idOf: (params: unknown) => unknown;
  /** Of the ids a listen request asks for, those its requester may follow (the rest are left out). */
  readonly agree: (ids: readonly string[], request: ServerRequestContext) => string[] | Promise<string[]>;
}

/** An extension a server serves under some revisions: its methods, what it declares, what it adds to subscriptions. */
export interface ServerExtension extends ExtensionSpec {
  /** What the server declares under `capabilities.extensions[id]` (default `{}`: supported, no settings). */
  readonly settings?: Record<string, unknown>;
  /** What it adds to `subscriptions/listen`, offered only to requests that declare it. */
  readonly topics?: readonly SubscriptionTopic[];
  /**
   * Whether a stateless request must declare the extension in its client capabilities to be served
   * (default true; false for an extension that asks nothing of clients, such as skills).
   */
  readonly requiresDeclaration?: boolean;
}

/** The extension among `extensions` that applies to `revision` and defines request `method`, if any. */
export function extensionOf(
  extensions: Iterable<ServerExtension>,
  revision: string,
  method: string,
): ServerExtension | undefined {
  for (const extension of extensions)
    if (extension.revisions.includes(revision) && Object.hasOwn(extension.spec.requests, method)) return extension;
  return undefined;
}

/** Whether client capabilities declare extension `id`. */
export function declaresExtension(capabilities: unknown, id: string): boolean {
  return hasCapability(capabilities, ["extensions", id]);
}

/**
 * The refusal of an extension method whose request does not declare the extension in its `_meta`
 * client capabilities: -32021 naming it in `data.requiredCapabilities`; undefined when it does.
 */
export function extensionRefusal(extension: ServerExtension, message: Record<string, unknown>) {
  if (extension.requiresDeclaration === false) return undefined;
  if (declaresExtension(requestCapabilities(metaOf(message)), extension.id)) return undefined;
  return missingExtension(
    extension.id,
    `Missing required client capability: extension ${extension.id} (required by ${String(message.method)})`,
  );
}

/**
 * The listen filter agreed with the topics of the extensions that apply: each requested topic
 * narrowed to what the requester may follow; -32021 when the request asks for one of an extension it
 * does not declare.
 */
export async function agreeTopics(
  extensions: Iterable<ServerExtension>,
  requested: Record<string, unknown>,
  request: ServerRequestContext,
  agreed: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const out = { ...agreed };
  for (const extension of extensions) {
    if (!extension.revisions.includes(request.revision.name)) continue;
    for (const topic of extension.topics ?? []) {
      const ids = requested[topic.key];
      if (!Array.isArray(ids)) continue;
      if (!declaresExtension(request.clientCapabilities, extension.id)) throw missingExtension(extension.id);
      out[topic.key] = await topic.agree(
        ids.filter((id): id is string => typeof id === "string"),
        request,
      );
    }
  }
  return out;
}

/** Whether an agreed filter wants a notification of one of the extensions' topics. */
export function topicWanted(
  extensions: Iterable<ServerExtension>,
  filter: Record<string, unknown>,
  method: string,
  params: unknown,
): boolean {
  for (const extension of extensions)
    for (const topic of extension.topics ?? []) {
      if (topic.notification !== method) continue;
      const ids = filter[topic.key];
      if (Array.isArray(ids) && ids.includes(topic.idOf(params))) return true;
    }
  return false;
}
