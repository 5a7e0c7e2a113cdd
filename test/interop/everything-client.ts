import { ClientSession } from "../../src/client/client-session.js";
import { stdioClient, type StdioClientTransport } from "../../src/transports/stdio/stdio.js";
import { ROOT } from "../support/paths.js";
import { captureLogger } from "../support/peers.js";
import { EVERYTHING_BIN, Inbox, StderrLog } from "./helpers.js";

export type CallToolResult = Awaited<ReturnType<ClientSession["callTool"]>>;
/** Any JSON object the tests pick apart. */
export type Block = Record<string, any>;

/** The params of notifications/message. */
export interface LogMessage {
  level: string;
  logger?: string;
  data?: unknown;
}

/** Put in the server's environment, for get-env to show. */
export const MARKER = "mcpkit-interop-marker";
/** What our "user" answers to a form elicitation. */
export const ELICITED = { name: "Ada Lovelace", check: true, email: "ada@example.com", integer: 7 };
const RELATED_TASK = "io.modelcontextprotocol/related-task";

/**
 * The client's side of task-augmented requests (2025-11-25 tasks): a sampling or elicitation request that
 * carries `task` is answered with a CreateTaskResult at once, finished a moment later, and its result
 * handed over through tasks/result.
 */
class ClientTasks {
  readonly #tasks = new Map<string, { task: Block; result?: Block }>();
  #next = 0;

  /** Starts a task whose result `produce` makes; answers what the request must return (CreateTaskResult). */
  start(ttl: number | undefined, produce: () => Block): { task: Block } {
    const now = new Date().toISOString();
    const taskId = `client-task-${++this.#next}`;
    const entry: { task: Block; result?: Block } = {
      task: { taskId, status: "working", createdAt: now, lastUpdatedAt: now, ttl: ttl ?? null, pollInterval: 100 },
    };
    this.#tasks.set(taskId, entry);
    setImmediate(() => {
      entry.result = produce();
      entry.task = { ...entry.task, status: "completed", lastUpdatedAt: new Date().toISOString() };
    });
    return { task: { ...entry.task } };
  }

  get(taskId: string): Block {
    const entry = this.#tasks.get(taskId);
    if (!entry) throw new Error(`no task ${taskId}`);
    return { ...entry.task };
  }

  result(taskId: string): Block {
    const entry = this.#tasks.get(taskId);
    if (!entry?.result) throw new Error(`task ${taskId} has no result yet`);
    return { ...entry.result, _meta: { [RELATED_TASK]: { taskId } } };
  }

  list(): Block[] {
    return [...this.#tasks.values()].map((e) => ({ ...e.task }));
  }
}

/** Plays the model: answers with what it read. */
function sample(params: Block): Block {
  const first = (params.messages as Block[])[0]?.content as Block | undefined;
  return {
    role: "assistant",
    content: { type: "text", text: `mcpkit model read: ${first?.type === "text" ? first.text : "?"}` },
    model: "interop-model",
    stopReason: "endTurn",
  };
}

/** Plays the user: opens every URL, picks "programming" when asked to disambiguate, else fills the form. */
function elicit(params: Block): Block {
  if (params.mode === "url") return { action: "accept" };
  if ("interpretation" in (params.requestedSchema?.properties ?? {}))
    return { action: "accept", content: { interpretation: "programming" } };
  return { action: "accept", content: ELICITED };
}

/**
 * A ClientSession on server-everything run as a child over stdio, declaring every client capability
 * (sampling, form and url elicitation, roots, tasks for sampling and elicitation), with what the server
 * sends kept for the tests to wait on.
 */
export class EverythingClient {
  readonly stderr = new StderrLog("server-everything");
  readonly logger = captureLogger();
  readonly logs = new Inbox<LogMessage>();
  readonly updates = new Inbox<{ uri: string }>();
  readonly listChanges = new Inbox<string>();
  readonly samplingRequests: Block[] = [];
  readonly elicitationRequests: Block[] = [];
  roots = [{ uri: "file:///work/project", name: "project" }];
  readonly transport: StdioClientTransport;
  readonly session: ClientSession;
  readonly #tasks = new ClientTasks();

  constructor() {
    this.transport = stdioClient({
      command: process.execPath,
      args: [EVERYTHING_BIN, "stdio"],
      env: { MCPKIT_INTEROP: MARKER },
      cwd: ROOT,
      stderr: this.stderr.line,
    });
    this.session = new ClientSession(this.transport, {
      clientInfo: { name: "mcpkit-interop", version: "0.0.1" },
      logger: this.logger,
      capabilities: {
        elicitation: { form: {}, url: {} },
        tasks: { list: {}, cancel: {}, requests: { sampling: { createMessage: {} }, elicitation: { create: {} } } },
      },
    });
    this.#handle(this.session);
  }

  #handle(session: ClientSession): void {
    // Task-augmented requests answer a CreateTaskResult, which the generated handler types do not allow for.
    session
      .onCreateMessage((params) => {
        this.samplingRequests.push(params);
        const task = (params as Block).task as Block | undefined;
        return (task ? this.#tasks.start(task.ttl, () => sample(params)) : sample(params)) as never;
      })
      .onElicit((params) => {
        this.elicitationRequests.push(params);
        const task = (params as Block).task as Block | undefined;
        return (task ? this.#tasks.start(task.ttl, () => elicit(params)) : elicit(params)) as never;
      })
      .onGetTask(({ taskId }) => this.#tasks.get(taskId) as never)
      .onGetTaskPayload(({ taskId }) => this.#tasks.result(taskId) as never)
      .onListTasks(() => ({ tasks: this.#tasks.list() }) as never)
      .onListRoots(() => ({ roots: this.roots }))
      .onLoggingMessage((params) => this.logs.push(params))
      .onResourceUpdated((params) => this.updates.push(params))
      .onResourceListChanged(() => this.listChanges.push("resources"))
      .onToolListChanged(() => this.listChanges.push("tools"));
  }
}
