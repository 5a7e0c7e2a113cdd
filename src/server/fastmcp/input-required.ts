import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { principalOf } from "../../protocol/auth-info.js";
import { ErrorCode, McpError } from "../../protocol/errors.js";
import { canonicalJson, isObject } from "../../protocol/jsonrpc.js";
import { own } from "../../validate/core.js";
import { missingCapability, requestCapabilities } from "../stateless.js";
import { InMemoryReplayCache, type ReplayCache } from "../../auth/server/replay-cache.js";
import type { ServerRequestContext } from "../request-context.js";

/**
 * Input-required requests (2026-07-28 on): a handler that needs the client's input (elicitation,
 * sampling, roots) is answered with an InputRequiredResult listing what it asked for, and runs again
 * when the client retries with `inputResponses`. What was answered in earlier rounds travels in
 * `requestState`, sealed with an HMAC so the client can neither forge nor alter it, bound to the
 * request it was issued for and to an expiry, so it cannot be replayed on another request or later.
 */

/** The server-to-client requests a handler may ask of the client. */
export type InputMethod = "elicitation/create" | "sampling/createMessage" | "roots/list";

/** What a handler asks the client for: one input request, named by `key` (unique within the request). */
export interface InputAsk {
  method: InputMethod;
  params: unknown;
  /** The key of the input request; by default one numbered in the order the handler asks. */
  key?: string;
}

/** Where a Context's elicitation, sampling and roots requests go on one request. */
export interface InputChannel {
  ask(input: InputAsk): Promise<unknown>;
}

/** Thrown inside a handler whose input is not there yet; the handler's request is answered with an InputRequiredResult. */
export class InputRequiredSignal extends Error {
  constructor(readonly key: string) {
    super(`input "${key}" is required from the client (input-required request)`);
    this.name = "InputRequiredSignal";
  }
}

/** How request states are sealed: the key and how long a state stays good. */
export interface RequestStateOptions {
  /**
   * The HMAC key; servers behind one load balancer share it (default: the store's shared secret under
   * `runHttp({ store })`, else 32 random bytes per process).
   */
  secret?: string | Uint8Array;
  /** How long an issued state may be presented, in ms (default 10 minutes). */
  ttlMs?: number;
  /**
   * Accept each issued state once: a second request presenting it is refused -32602, for servers whose
   * rounds must not be redeemed twice (the spec asks such servers to enforce it themselves). Used
   * states are remembered until they expire, in `replayCache`.
   */
  singleUse?: boolean;
  /**
   * Where used states are remembered with `singleUse` (default: in this process's memory; under
   * `runHttp({ store })` the store's, shared by every replica).
   */
  replayCache?: ReplayCache;
}

/** The client capability each input method needs. */
export const CAPABILITY: Record<InputMethod, string> = {
  "elicitation/create": "elicitation",
  "sampling/createMessage": "sampling",
  "roots/list": "roots",
};
/** The generated validator of the answer to each input method. */
export const RESULT_VALIDATOR: Record<InputMethod, string> = {
  "elicitation/create": "validateElicitResult",
  "sampling/createMessage": "validateCreateMessageResult",
  "roots/list": "validateListRootsResult",
};
/** The prefix of each input method's default keys. */
export const KEY_PREFIX: Record<InputMethod, string> = {
  "elicitation/create": "elicitation",
  "sampling/createMessage": "sampling",
  "roots/list": "roots",
};

interface StatePayload {
  v: 1;
  /** The method and a digest of the request's own params: the request this state belongs to. */
  m: string;
  d: string;
  /** Expiry, ms since the epoch. */
  e: number;
  /** The keys asked in the round that issued it. */
  k: string[];
  /** Every answer given so far, by key. */
  r: Record<string, unknown>;
  /** A random id, with `singleUse`: what is remembered once the state is used. */
  n?: string;
}

const invalidState = (why: string) => new McpError(ErrorCode.InvalidParams, `Invalid params: requestState ${why}`);

/** Seals and opens request states with one key. */
export class RequestStateSealer {
  // Drawn at the first seal, not here: a server made at module load (a Worker's global scope) may not draw random bytes yet.
  #secret: Uint8Array | undefined;
  readonly #explicit: boolean;
  readonly #ttlMs: number;
  readonly #singleUse: boolean;
  #used: ReplayCache | undefined;

  constructor(options: RequestStateOptions = {}) {
    const { secret } = options;
    this.#secret = secret === undefined ? undefined : typeof secret === "string" ? Buffer.from(secret) : secret;
    this.#explicit = secret !== undefined;
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#singleUse = options.singleUse === true;
    this.#used = options.replayCache;
  }

  /** Remembers used states in `cache` (one every replica shares), with `singleUse`, unless a cache was given. */
  shareReplayCache(cache: ReplayCache): void {
    this.#used ??= cache;
  }

  /** With `singleUse`: records the state as used, or -32602 when it was used before (-32603 if the cache cannot be reached). */
  async consume(payload: StatePayload): Promise<void> {
    if (!this.#singleUse) return;
    let fresh: boolean;
    try {
      fresh =
        payload.n !== undefined &&
        (await (this.#used ??= new InMemoryReplayCache()).remember(`request-state:${payload.n}`, payload.e / 1000));
    } catch {
      throw new McpError(ErrorCode.InternalError, "Internal error: used request states cannot be checked now");
    }
    if (!fresh) throw invalidState("was already used");
  }

  /** Whether a secret was given (which wins over a shared one). */
  get hasSecret(): boolean {
    return this.#explicit;
  }

  /** Seals with `secret` from now on (one every replica shares), unless a secret was given. */
  shareSecret(secret: Uint8Array): void {
    if (!this.#explicit) this.#secret = secret;
  }

  seal(payload: Omit<StatePayload, "v" | "e" | "n">): string {
    const once = this.#singleUse ? { n: randomBytes(16).toString("base64url") } : {};
    const sealed = { v: 1, e: Date.now() + this.#ttlMs, ...payload, ...once };
    const body = Buffer.from(JSON.stringify(sealed)).toString("base64url");
    return `${body}.${this.#mac(body)}`;
  }

  /** The payload of a state issued for this request, or -32602 when it is forged, altered, expired or another request's. */
  open(state: string, method: string, digest: string): StatePayload {
    const dot = state.indexOf(".");
    const body = state.slice(0, dot);
    const mac = Buffer.from(state.slice(dot + 1), "base64url");
    const expected = Buffer.from(this.#mac(body), "base64url");
    if (dot < 0 || mac.length !== expected.length || !timingSafeEqual(mac, expected))
      throw invalidState("failed verification (it was not issued by this server, or was altered)");
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as StatePayload;
    if (payload.m !== method || payload.d !== digest) throw invalidState("was issued for another request");
    if (payload.e < Date.now()) throw invalidState("has expired");
    return payload;
  }

  #mac(body: string): string {
    return createHmac("sha256", (this.#secret ??= randomBytes(32)))
      .update(body)
      .digest("base64url");
  }
}

/**
 * A digest of a request's own params (all but `_meta` and the round-trip fields) and of the principal
 * whose token sent it, so that one user's state is refused when another replays it.
 */
function digestOf(params: unknown, principal: string | undefined): string {
  const own = isObject(params) ? { ...params } : {};
  delete own._meta;
  delete own.inputResponses;
  delete own.requestState;
  const bound = principal === undefined ? canonicalJson(own) : canonicalJson({ params: own, principal });
  return createHash("sha256").update(bound).digest("base64url");
}

/**
 * One round of an input-required request: the answers the client has given (this retry's
 * `inputResponses` and earlier rounds' from the verified state) and what the handler asks for now.
 */
export class InputRound implements InputChannel {
  readonly #request: ServerRequestContext;
  readonly #sealer: RequestStateSealer;
  readonly #digest: string;
  readonly #answers: Record<string, unknown>;
  readonly #opened: StatePayload | undefined;
  readonly #asked = new Map<string, { method: InputMethod; params: unknown }>();
  #count = 0;

  /** Reads the round from the request's params: -32602 when its state or responses are unusable. */
  constructor(request: ServerRequestContext, params: unknown, sealer: RequestStateSealer) {
    this.#request = request;
    this.#sealer = sealer;
    this.#digest = digestOf(params, principalOf(request.auth));
    const { requestState, inputResponses } = (isObject(params) ? params : {}) as Record<string, unknown>;
    if (inputResponses !== undefined && !isObject(inputResponses))
      throw new McpError(ErrorCode.InvalidParams, "Invalid params: inputResponses must be an object");
    let earlier: Record<string, unknown> = {};
    let allowed: string[] | undefined;
    if (requestState !== undefined) {
      if (typeof requestState !== "string") throw invalidState("must be a string");
      const payload = (this.#opened = this.#open(requestState, request.method));
      earlier = payload.r;
      allowed = payload.k;
    }
    const fresh: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(inputResponses ?? {}))
      if (!allowed || allowed.includes(key)) fresh[key] = value;
    this.#answers = { ...earlier, ...fresh };
  }

  #open(state: string, method: string) {
    try {
      return this.#sealer.open(state, method, this.#digest);
    } catch (error) {
      if (error instanceof McpError) throw error;
      throw invalidState("is malformed");
    }
  }

  /** Records the state presented as used, with `singleUse` (a second use is refused -32602). */
  consume(): Promise<void> {
    return this.#opened ? this.#sealer.consume(this.#opened) : Promise.resolve();
  }

  /** Whether the handler asked for input the client has not given yet. */
  get pending(): boolean {
    return this.#asked.size > 0;
  }

  ask(input: InputAsk): Promise<unknown> {
    const key = input.key ?? `${KEY_PREFIX[input.method]}-${++this.#count}`;
    const capability = CAPABILITY[input.method];
    if (!Object.hasOwn(requestCapabilities(this.#request.meta), capability))
      return Promise.reject(missingCapability({ [capability]: {} }));
    if (Object.hasOwn(this.#answers, key)) {
      const answer = this.#answers[key];
      const validator = own(this.#request.revision.validators, RESULT_VALIDATOR[input.method]);
      if (validator && !validator(answer))
        return Promise.reject(
          new McpError(
            ErrorCode.InvalidParams,
            `Invalid params: inputResponses["${key}"] is not a valid answer to ${input.method}`,
          ),
        );
      return Promise.resolve(answer);
    }
    if (!this.#asked.has(key)) this.#asked.set(key, { method: input.method, params: input.params });
    return Promise.reject(new InputRequiredSignal(key));
  }

  /** The InputRequiredResult of this round: what is asked, and the answers so far sealed in the state. */
  result(): Record<string, unknown> {
    const inputRequests: Record<string, unknown> = {};
    for (const [key, { method, params }] of this.#asked) inputRequests[key] = { method, params };
    const requestState = this.#sealer.seal({
      m: this.#request.method,
      d: this.#digest,
      k: [...this.#asked.keys()],
      r: this.#answers,
    });
    return { resultType: "input_required", inputRequests, requestState };
  }
}

/**
 * Runs a handler that may ask for input: on a stateless request, within an InputRound, answering an
 * InputRequiredResult when the handler asked for input not given yet (whatever it then returned or threw).
 */
export async function withInputs<R>(
  request: ServerRequestContext,
  params: unknown,
  sealer: RequestStateSealer,
  run: (channel: InputChannel | undefined) => Promise<R>,
): Promise<R | Record<string, unknown>> {
  if (!request.stateless) return run(undefined);
  const round = new InputRound(request, params, sealer);
  await round.consume();
  try {
    const result = await run(round);
    return round.pending ? round.result() : result;
  } catch (error) {
    if (round.pending) return round.result();
    throw error;
  }
}
