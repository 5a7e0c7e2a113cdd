import type { Validator } from "../../../generated/common.js";
import { describeErrors, ErrorCode, McpError } from "../../protocol/errors.js";
import { toErrors, own } from "../../validate/core.js";
import { missingCapability } from "../stateless.js";
import {
  CAPABILITY,
  KEY_PREFIX,
  RESULT_VALIDATOR,
  type InputAsk,
  type InputChannel,
  type InputMethod,
} from "../fastmcp/input-required.js";

interface Outstanding {
  method: InputMethod;
  params: unknown;
  resolve: (answer: unknown) => void;
  reject: (error: unknown) => void;
}

/** One outstanding input request of a task, as `tasks/get` lists it under `inputRequests`. */
export interface TaskInputRequest {
  method: InputMethod;
  params: unknown;
}

/**
 * Where a task's elicitation, sampling and roots questions go (tasks extension): each becomes an
 * outstanding input request, listed by `tasks/get` while the task is `input_required`, and the
 * handler's promise settles when `tasks/update` answers it. Several may be outstanding at once. A key
 * is never reused over the task's lifetime.
 */
export class TaskChannel implements InputChannel {
  readonly #capabilities: Readonly<Record<string, unknown>>;
  readonly #changed: () => void;
  readonly #outstanding = new Map<string, Outstanding>();
  readonly #issued = new Set<string>();
  #count = 0;
  #closed: Error | undefined;

  /**
   * @param capabilities what the request that created the task declared: a question needing a
   *   capability it lacks is refused with -32021
   * @param changed told whenever the outstanding requests change
   */
  constructor(capabilities: Readonly<Record<string, unknown>>, changed: () => void) {
    this.#capabilities = capabilities;
    this.#changed = changed;
  }

  ask(input: InputAsk): Promise<unknown> {
    if (this.#closed) return Promise.reject(this.#closed);
    const capability = CAPABILITY[input.method];
    if (!Object.hasOwn(this.#capabilities, capability)) return Promise.reject(missingCapability({ [capability]: {} }));
    const key = input.key ?? this.#nextKey(input.method);
    if (this.#issued.has(key))
      return Promise.reject(
        new TypeError(`mcpkit: input key "${key}" was already used by this task (keys are unique over a task's life)`),
      );
    this.#issued.add(key);
    return new Promise((resolve, reject) => {
      this.#outstanding.set(key, { method: input.method, params: input.params, resolve, reject });
      this.#changed();
    });
  }

  #nextKey(method: InputMethod): string {
    let key: string;
    do key = `${KEY_PREFIX[method]}-${++this.#count}`;
    while (this.#issued.has(key));
    return key;
  }

  /** Whether some question is waiting for the client's answer. */
  get waiting(): boolean {
    return this.#outstanding.size > 0;
  }

  /** The outstanding input requests, by key. */
  inputRequests(): Record<string, TaskInputRequest> {
    const out: Record<string, TaskInputRequest> = {};
    for (const [key, { method, params }] of this.#outstanding) out[key] = { method, params };
    return out;
  }

  /**
   * Answers outstanding questions. Each answer is checked against the generated result validator of
   * its request's method first, and one invalid answer (-32602, with its path) applies none; answers
   * under keys not outstanding (never issued, answered already) are ignored. Resolves with how many applied.
   */
  answer(
    responses: Readonly<Record<string, unknown>>,
    validators: Readonly<Record<string, Validator<unknown>>>,
  ): number {
    const accepted: [string, Outstanding, unknown][] = [];
    for (const [key, answer] of Object.entries(responses)) {
      const pending = this.#outstanding.get(key);
      if (!pending) continue;
      const validator = own(validators, RESULT_VALIDATOR[pending.method]);
      if (validator && !validator(answer)) {
        const errors = toErrors(validator.errors, `/inputResponses/${key}`);
        throw new McpError(
          ErrorCode.InvalidParams,
          `Invalid params: inputResponses["${key}"] is not a valid answer to ${pending.method}: ${describeErrors(errors)}`,
          { errors },
        );
      }
      accepted.push([key, pending, answer]);
    }
    for (const [key, pending, answer] of accepted) {
      this.#outstanding.delete(key);
      pending.resolve(answer);
    }
    if (accepted.length > 0) this.#changed();
    return accepted.length;
  }

  /** Refuses every outstanding and later question with `reason` (the task ended). */
  close(reason: Error): void {
    this.#closed ??= reason;
    const pending = [...this.#outstanding.values()];
    this.#outstanding.clear();
    for (const { reject } of pending) reject(reason);
  }
}
