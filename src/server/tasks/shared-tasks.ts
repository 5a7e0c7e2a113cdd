/**
 * The store several replicas of a server share their tasks through (see `mcpkit/redis`): each task's
 * latest state, kept until its TTL, so that any replica answers `tasks/get`; and a channel per
 * replica, so that `tasks/cancel` and `tasks/update` received by one replica reach the one running the
 * task's work. Without one (the default), tasks live in the memory of the process running them.
 */

/** A task as replicas share it. */
export interface TaskRecord {
  readonly taskId: string;
  /** Who may see it (see {@link TaskManagerOptions.owner}); undefined: anyone with the id. */
  readonly owner: string | undefined;
  /** The replica running its work (the channel its commands go to). */
  readonly replica: string;
  /** Its DetailedTask, as `tasks/get` answers it. */
  readonly task: Readonly<Record<string, unknown>>;
  /** When it may be forgotten, in milliseconds since the epoch; null for no limit of its own. */
  readonly expiresAt: number | null;
}

/** What one replica asks of the replica running a task: cancel it, or give it the client's answers. */
export type TaskCommand =
  | { readonly taskId: string; readonly owner: string | undefined; readonly cancel: true }
  | {
      readonly taskId: string;
      readonly owner: string | undefined;
      readonly inputResponses: Readonly<Record<string, unknown>>;
    };

/**
 * Tasks shared by replicas. Every method rejects when the store cannot be reached; the store reports
 * that outage itself (`redisStore` logs its loss and return once each), and the request that needed it
 * is answered -32603 (the TaskManager logs each such failure only at debug level).
 */
export interface SharedTaskStore {
  /** Keeps the task's latest state (replacing what was kept) until its `expiresAt`. */
  save(record: TaskRecord): Promise<void>;
  /** The task's latest state, or undefined when none is kept (unknown or expired). */
  load(taskId: string): Promise<TaskRecord | undefined>;
  /** Sends `command` to `replica`; resolves false when no such replica listens (it is gone). */
  send(replica: string, command: TaskCommand): Promise<boolean>;
  /** Calls `handler` with each command sent to `replica`, until the returned function is called. */
  listen(replica: string, handler: (command: TaskCommand) => void): Promise<() => Promise<void>>;
}

/** Whether a DetailedTask's status is one nothing changes any more. */
export function isTerminalStatus(status: unknown): boolean {
  return status === "completed" || status === "failed" || status === "cancelled";
}
