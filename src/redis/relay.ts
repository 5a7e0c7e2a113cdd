import { randomUUID } from "node:crypto";
import { isObject } from "../protocol/jsonrpc.js";
import type { Logger } from "../protocol/logger.js";
import type { Forward, ForwardedAnswer, ForwardedRequest, OwnerAnswer } from "../transports/http/session-sharing.js";
import type { RedisClient } from "./client.js";

/** Forwards open at once from this replica; beyond it, a forward is refused (the request answered 503). */
const MAX_FORWARDS = 10_000;

/** How often, in ms, the owners of open forwards are checked to be still listening. */
const OWNER_CHECK_MS = 1000;

/** One message on a replica's relay channel. */
type RelayMessage =
  | { k: "req"; f: string; from: string; r: ForwardedRequest }
  | { k: "abort"; f: string }
  | { k: "reply"; f: string; s: number; h: Record<string, string>; b?: string }
  | { k: "head"; f: string; s: number; h: Record<string, string> }
  | { k: "data"; f: string; d: string }
  | { k: "end"; f: string };

/** A forward waiting for its answer, on the replica that received the request. */
interface OpenForward {
  readonly owner: string;
  readonly answer: ForwardedAnswer;
}

/** A forwarded request being served, on its owner. */
interface Served {
  readonly from: string;
  readonly aborts: (() => void)[];
  aborted: boolean;
}

/**
 * Requests forwarded between replicas over Redis pub/sub, each replica listening on its own channel
 * `<prefix>relay:<replica>`: a request goes to its owner's channel, its answer (whole, or a head then
 * chunks then an end) back to the sender's, in order. A PUBLISH that reaches nobody means the other
 * side is gone: a request is then not forwarded, and an answer's stream is aborted. An owner that
 * stops while answering is noticed within a second (its channel has no listener any more).
 */
export class RedisRelay {
  readonly replica: string;
  readonly #client: RedisClient;
  readonly #prefix: string;
  readonly #logger: Logger | undefined;
  readonly #forwards = new Map<string, OpenForward>();
  readonly #served = new Map<string, Served>();
  #check: NodeJS.Timeout | undefined;
  // Whether this replica's channel is subscribed now: answers can reach it only then.
  #listening = false;

  constructor(client: RedisClient, replica: string, options: { prefix: string; logger?: Logger }) {
    this.#client = client;
    this.replica = replica;
    this.#prefix = `${options.prefix}relay:`;
    this.#logger = options.logger;
  }

  async forward(owner: string, request: ForwardedRequest, answer: ForwardedAnswer): Promise<Forward | undefined> {
    if (!this.#listening) throw new Error("the relay channel is not subscribed: an answer could not come back");
    if (this.#forwards.size >= MAX_FORWARDS) throw new Error(`${MAX_FORWARDS} forwarded requests are open`);
    const f = randomUUID();
    this.#forwards.set(f, { owner, answer });
    const heard = await this.#publish(owner, { k: "req", f, from: this.replica, r: request }).catch(
      (error: unknown) => {
        this.#forwards.delete(f);
        throw error;
      },
    );
    if (heard === 0) {
      this.#forwards.delete(f);
      return undefined;
    }
    this.#watchOwners();
    let aborted = false;
    return {
      abort: () => {
        if (aborted || !this.#forwards.delete(f)) return;
        aborted = true;
        this.#publish(owner, { k: "abort", f }).catch(() => {});
      },
    };
  }

  /** Listens on this replica's channel with `subscriber`, serving forwarded requests with `handler`. */
  async listen(
    subscriber: RedisClient,
    handler: (request: ForwardedRequest, answer: OwnerAnswer) => void,
  ): Promise<void> {
    await subscriber.subscribe(this.#prefix + this.replica, (text: string) => {
      const message = parse(text);
      if (message) this.#receive(message, handler);
      else this.#logger?.warn("redis: a malformed relay message was ignored");
    });
    this.#listening = true;
  }

  /**
   * This replica's subscription is lost (Redis went away): pub/sub keeps nothing, so answers on their
   * way are lost too. Open forwards end as if their owner were gone (a client resumes its stream), and
   * no forward starts until the subscription is back ({@link resubscribed}).
   */
  unsubscribed(): void {
    this.#listening = false;
    for (const [f, open] of [...this.#forwards]) {
      this.#forwards.delete(f);
      open.answer.end(true);
    }
  }

  /** The subscription is back after {@link unsubscribed}. */
  resubscribed(): void {
    this.#listening = true;
  }

  /** Ends what is open: forwards are answered as gone, served requests aborted. */
  close(): void {
    if (this.#check) clearInterval(this.#check);
    this.#check = undefined;
    this.unsubscribed();
    for (const f of [...this.#served.keys()]) this.#abortServed(f);
  }

  #receive(message: RelayMessage, handler: (request: ForwardedRequest, answer: OwnerAnswer) => void): void {
    if (message.k === "req") return handler(message.r, this.#ownerAnswer(message.f, message.from));
    if (message.k === "abort") return this.#abortServed(message.f);
    const open = this.#forwards.get(message.f);
    if (!open) return;
    if (message.k === "reply") {
      this.#forwards.delete(message.f);
      open.answer.reply(message.s, message.h, message.b);
    } else if (message.k === "head") open.answer.head(message.s, message.h);
    else if (message.k === "data") open.answer.data(message.d);
    else {
      this.#forwards.delete(message.f);
      open.answer.end(false);
    }
  }

  /** How the owner answers request `f` from replica `from`; a publish nobody hears aborts it. */
  #ownerAnswer(f: string, from: string): OwnerAnswer {
    const served: Served = { from, aborts: [], aborted: false };
    this.#served.set(f, served);
    const send = (message: RelayMessage, last: boolean) => {
      if (served.aborted) return;
      if (last) this.#served.delete(f);
      this.#publish(from, message).then(
        (heard) => heard === 0 && this.#abortServed(f, served),
        () => this.#abortServed(f, served),
      );
    };
    return {
      reply: (s, h, b) => send(b === undefined ? { k: "reply", f, s, h } : { k: "reply", f, s, h, b }, true),
      head: (s, h) => send({ k: "head", f, s, h }, false),
      data: (d) => send({ k: "data", f, d }, false),
      end: () => send({ k: "end", f }, true),
      onAbort: (listener) => void (served.aborted ? listener() : served.aborts.push(listener)),
    };
  }

  #abortServed(f: string, known?: Served): void {
    const served = known ?? this.#served.get(f);
    if (!served || served.aborted) return;
    served.aborted = true;
    if (this.#served.get(f) === served) this.#served.delete(f);
    for (const listener of served.aborts.splice(0)) listener();
  }

  #publish(replica: string, message: RelayMessage): Promise<number> {
    return this.#client.publish(this.#prefix + replica, JSON.stringify(message));
  }

  /** While forwards are open, checks every second that their owners still listen; a gone owner's forwards end. */
  #watchOwners(): void {
    if (this.#check) return;
    this.#check = setInterval(() => void this.#checkOwners(), OWNER_CHECK_MS);
    this.#check.unref();
  }

  async #checkOwners(): Promise<void> {
    if (this.#forwards.size === 0) {
      clearInterval(this.#check);
      this.#check = undefined;
      return;
    }
    const owners = [...new Set([...this.#forwards.values()].map((open) => open.owner))];
    let listening: Record<string, number>;
    try {
      listening = (await this.#client.pubSubNumSub(owners.map((o) => this.#prefix + o))) as Record<string, number>;
    } catch {
      return; // Redis is away: checked again next time
    }
    for (const [f, open] of [...this.#forwards]) {
      if (Number(listening[this.#prefix + open.owner] ?? 0) > 0) continue;
      this.#forwards.delete(f);
      this.#logger?.debug(`redis: replica ${open.owner} stopped while answering a forwarded request`);
      open.answer.end(true);
    }
  }
}

function parse(text: string): RelayMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(message) || typeof message.f !== "string" || typeof message.k !== "string") return undefined;
  if (message.k === "req")
    return typeof message.from === "string" &&
      isObject(message.r) &&
      typeof message.r.method === "string" &&
      isObject(message.r.headers)
      ? (message as RelayMessage)
      : undefined;
  if (message.k === "reply" || message.k === "head")
    return typeof message.s === "number" && isObject(message.h) ? (message as RelayMessage) : undefined;
  if (message.k === "data") return typeof message.d === "string" ? (message as RelayMessage) : undefined;
  return message.k === "abort" || message.k === "end" ? (message as RelayMessage) : undefined;
}
