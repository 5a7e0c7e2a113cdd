import type { RevisionSpec } from "../../generated/common.js";
import type { Revision } from "../../generated/index.js";
import type { ClientRequestMethod, RequestMap } from "../../generated/surface/methods.js";
import type { RequestOptions, SessionOptions } from "../protocol/connection.js";

/** What initialize answers: the server's revision, capabilities, identity and instructions. */
export type InitializeResult = RequestMap["initialize"]["result"];
/** What server/discover answers (2026-07-28 on): supported versions, capabilities, identity in `_meta`. */
export type DiscoverResult = RequestMap["server/discover"]["result"];
/** What a server declares it can do. */
export type ServerCapabilities = InitializeResult["capabilities"] | DiscoverResult["capabilities"];
/** What a client declares it can do. */
export type ClientCapabilities = RequestMap["initialize"]["params"]["capabilities"];
/** A client's or server's name and version. */
export type Implementation = InitializeResult["serverInfo"];
/** A log level, as `io.modelcontextprotocol/logLevel` (or logging/setLevel) names it. */
export type LoggingLevel = RequestMap["logging/setLevel"]["params"]["level"];

/** What a call of `M` resolves with: its result (the fields older revisions lack are optional in it). */
export type RequestResult<M extends ClientRequestMethod> = RequestMap[M]["result"];
/** A tool, as tools/list describes it. */
export type Tool = RequestMap["tools/list"]["result"]["tools"][number];
/** A resource, as resources/list describes it. */
export type Resource = RequestMap["resources/list"]["result"]["resources"][number];
/** A resource template, as resources/templates/list describes it. */
export type ResourceTemplate = RequestMap["resources/templates/list"]["result"]["resourceTemplates"][number];
/** A prompt, as prompts/list describes it. */
export type Prompt = RequestMap["prompts/list"]["result"]["prompts"][number];

/**
 * What initialize() settled, in either mode: `stateful` after the initialize handshake (`result` is its
 * answer), `stateless` after server/discover (`result` is the discover result; serverInfo is its
 * `_meta["io.modelcontextprotocol/serverInfo"]`, which a server only should send).
 */
export type ServerDescription =
  | {
      mode: "stateful";
      protocolVersion: Revision;
      capabilities: ServerCapabilities;
      serverInfo: Implementation;
      instructions?: string;
      result: InitializeResult;
    }
  | {
      mode: "stateless";
      protocolVersion: Revision;
      capabilities: ServerCapabilities;
      serverInfo?: Implementation;
      instructions?: string;
      result: DiscoverResult;
    };

/** Options of a ClientSession. */
export interface ClientSessionOptions extends SessionOptions {
  /** How this client names itself (default: mcpkit). */
  clientInfo?: Implementation;
  /** Capabilities declared beyond those the registered handlers imply (sampling, elicitation, roots). */
  capabilities?: ClientCapabilities;
  /**
   * The revision to speak. A stateless one (2026-07-28) speaks only that mode (server/discover, then
   * per-request `_meta`); a stateful one only the initialize handshake, offering it. By default the
   * newest stateless revision is probed and a stateful server gets the newest stateful one. A revision
   * given in `revisions` may be named too.
   */
  protocolVersion?: Revision | (string & {});
  /**
   * Revisions spoken beyond the built-in ones: the `revision` a module from `mcp generate` exports,
   * validated with its own validators. They count as newer than the built-in ones (the last given the
   * newest): the newest stateless one is probed first, the newest stateful one offered at initialize.
   */
  revisions?: readonly RevisionSpec[];
  /** Milliseconds the server/discover probe waits before taking the server for a stateful one (5000; HTTP: the request timeout). */
  discoverTimeout?: number;
  /** The log level every stateless request asks for (`io.modelcontextprotocol/logLevel`); unset, servers send no log messages. */
  logLevel?: LoggingLevel;
  /** Rounds an input-required request may take before it fails (16). */
  maxInputRounds?: number;
  /**
   * Take part in the tasks extension (`io.modelcontextprotocol/tasks`, 2026-07-28): stateless requests
   * declare it, and a tool call the server answers with a task is followed to its end (polling
   * `tasks/get`, answering its questions with the registered handlers) unless `callToolTask` asks for
   * the task itself. `pollIntervalMs`: the wait between polls when the server suggests none (1,000).
   */
  tasks?: boolean | { pollIntervalMs?: number };
}

/** Per-call options of a ClientSession request. */
export interface ClientRequestOptions extends RequestOptions {
  /** false bypasses the ttl cache for this call (its fresh result is still kept). */
  cache?: boolean;
  /** The log level this request asks for (stateless sessions), over the session's `logLevel`. */
  logLevel?: LoggingLevel;
}
