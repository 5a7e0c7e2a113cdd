import { ValidatorsLoading } from "../../generated/lazy.js";
import { isObject, isRequestId } from "./jsonrpc.js";
import type { RequestId } from "./inbound.js";
import type { MessageInfo } from "./transport.js";

/** Reads one of `revision`'s validators, which loads them all (or throws {@link ValidatorsLoading}). */
export function readValidators(revision: { readonly validators: Readonly<Record<string, unknown>> }): void {
  for (const name in revision.validators) {
    void revision.validators[name];
    return;
  }
}

/**
 * Runs `read` until none of the validators it reads is still loading, waiting for each that is. Where
 * validators load synchronously (Node, unbundled) `read` runs once.
 */
export async function whenLoaded<T>(read: () => T): Promise<T> {
  for (;;) {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ValidatorsLoading)) throw error;
      await error.loading;
    }
  }
}

/** `again()` once the validators `error` waits for are loaded, when it is {@link ValidatorsLoading}; else `error`, rejected. */
export function afterLoading<T>(error: unknown, again: () => Promise<T>): Promise<T> {
  return error instanceof ValidatorsLoading ? error.loading.then(again) : Promise.reject(error);
}

/**
 * The inbound messages of one connection while validators they need load (a bundle, an edge runtime,
 * where they load asynchronously): the message that needed them and every one received after it wait,
 * and are dispatched in the order they came once the validators are there. When they cannot be
 * loaded, each request that waited is refused (`refuse`, with -32603 in mind): never left unanswered.
 */
export class InboundBacklog {
  readonly #dispatch: (message: unknown, info: MessageInfo | undefined) => void;
  readonly #refuse: (id: RequestId, message: string) => void;
  #waiting: [unknown, MessageInfo | undefined][] | undefined;

  constructor(
    dispatch: (message: unknown, info: MessageInfo | undefined) => void,
    refuse: (id: RequestId, message: string) => void,
  ) {
    this.#dispatch = dispatch;
    this.#refuse = refuse;
  }

  /** Dispatches `message` now, or keeps it behind those waiting. `dispatch` reads validators before anything else. */
  receive(message: unknown, info: MessageInfo | undefined): void {
    if (this.#waiting) {
      this.#waiting.push([message, info]);
      return;
    }
    try {
      this.#dispatch(message, info);
    } catch (error) {
      if (!(error instanceof ValidatorsLoading)) throw error;
      this.#waiting = [[message, info]];
      error.loading.then(
        () => this.#resume(),
        (failure: unknown) => this.#fail(failure),
      );
    }
  }

  #resume(): void {
    const waiting = this.#waiting ?? [];
    this.#waiting = undefined;
    for (const [index, [message, info]] of waiting.entries()) {
      this.receive(message, info);
      if (this.#waiting) {
        (this.#waiting as [unknown, MessageInfo | undefined][]).push(...waiting.slice(index + 1));
        return;
      }
    }
  }

  #fail(failure: unknown): void {
    const waiting = this.#waiting ?? [];
    this.#waiting = undefined;
    const reason = `Internal error: could not load the protocol's validators: ${failure instanceof Error ? failure.message : String(failure)}`;
    for (const [message] of waiting)
      for (const item of Array.isArray(message) ? message : [message])
        if (isObject(item) && typeof item.method === "string" && isRequestId(item.id)) this.#refuse(item.id, reason);
  }
}
