// API report for "mcpkit/redis", made by scripts/api-report.ts from dist/: do not edit, run `npm run api`.

export type RedisClient = ReturnType<typeof createClient>;

export declare class RedisEventStore implements EventStore {
  #private;
  constructor(client: RedisClient, options?: RedisEventStoreOptions);
  storeEvent(streamId: string, message: unknown): Promise<string>;
  replayEventsAfter(
    lastEventId: string,
    send: (eventId: string, message: unknown) => void,
  ): Promise<string | undefined>;
  firstEvent(streamId: string): Promise<
    | {
        id: string;
        message: unknown;
      }
    | undefined
  >;
  forgetStream(streamId: string): void;
}

export interface RedisEventStoreOptions {
  prefix?: string;
  maxEventsPerStream?: number;
  maxAgeMs?: number;
  logger?: Logger;
}

export declare class RedisNotificationBus implements NotificationBus {
  #private;
  constructor(
    client: RedisClient,
    options?: {
      prefix?: string;
      logger?: Logger;
    },
  );
  publish(notification: SharedNotification): Promise<void>;
  listen(handler: (notification: SharedNotification) => void): Promise<() => Promise<void>>;
}

export declare class RedisReplayCache implements ReplayCache {
  #private;
  constructor(client: RedisClient, prefix?: string);
  remember(key: string, untilSec: number): Promise<boolean>;
}

export declare class RedisSessions implements SessionSharing {
  #private;
  readonly replica: string;
  constructor(
    client: RedisClient,
    options?: {
      prefix?: string;
      logger?: Logger;
    },
  );
  register(sessionId: string, record: SessionRecord, ttlMs: number): Promise<void>;
  update(sessionId: string, changes: SessionChanges): Promise<void>;
  refresh(sessionId: string, ttlMs: number): Promise<void>;
  lookup(sessionId: string): Promise<SessionRecord | undefined>;
  claim(sessionId: string, from: string, ttlMs: number): Promise<boolean>;
  reassert(sessionId: string, record: SessionRecord, ttlMs: number): Promise<boolean>;
  remove(sessionId: string): Promise<void>;
  forward(owner: string, request: ForwardedRequest, answer: ForwardedAnswer): Promise<Forward | undefined>;
  serve(
    handler: (request: ForwardedRequest, answer: OwnerAnswer) => void,
    reconnected: () => void,
  ): Promise<() => Promise<void>>;
}

export interface RedisStore extends ServerStore {
  readonly eventStore: RedisEventStore;
  readonly tasks: RedisTaskStore;
  readonly replayCache: RedisReplayCache;
  readonly notifications: RedisNotificationBus;
  readonly sessions: RedisSessions;
  ready(): Promise<boolean>;
  secret(name: string): Promise<Uint8Array>;
  readonly client: RedisClient;
  close(): Promise<void>;
}

export interface RedisStoreOptions {
  url: string;
  prefix?: string;
  events?: Pick<RedisEventStoreOptions, "maxEventsPerStream" | "maxAgeMs">;
  tasks?: Pick<RedisTaskStoreOptions, "maxTaskTtlMs">;
  logger?: Logger;
}

export declare class RedisTaskStore implements SharedTaskStore {
  #private;
  constructor(client: RedisClient, options?: RedisTaskStoreOptions);
  save(record: TaskRecord): Promise<void>;
  load(taskId: string): Promise<TaskRecord | undefined>;
  send(replica: string, command: TaskCommand): Promise<boolean>;
  listen(replica: string, handler: (command: TaskCommand) => void): Promise<() => Promise<void>>;
}

export interface RedisTaskStoreOptions {
  prefix?: string;
  maxTaskTtlMs?: number;
  logger?: Logger;
}

export declare function redisStore(options: RedisStoreOptions): Promise<RedisStore>;
