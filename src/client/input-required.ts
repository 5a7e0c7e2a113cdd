import { isObject } from "../protocol/jsonrpc.js";

/**
 * Input-required requests (basic/patterns/mrtr): a result with `resultType: "input_required"` is
 * answered by fulfilling its `inputRequests` and sending the same request again, with a new id, the
 * `inputResponses` and the `requestState` echoed exactly, until the server completes it.
 */

/** The requests a server may answer with `input_required`. */
export const INPUT_METHODS: ReadonlySet<string> = new Set(["tools/call", "prompts/get", "resources/read"]);

/** The rounds one call may take before it is given up (the server keeps asking). */
export const MAX_INPUT_ROUNDS = 16;

/** The server-to-client requests an InputRequiredResult may carry. */
const INPUT_REQUEST_METHODS: ReadonlySet<string> = new Set([
  "elicitation/create",
  "sampling/createMessage",
  "roots/list",
]);

/**
 * A input-required request that could not be completed here: the server asked for input this
 * client cannot give (no handler, an unknown method, a malformed request), or kept asking past the cap.
 * Thrown locally; the request is not sent again.
 */
export class InputRequiredError extends Error {
  readonly method: string;

  constructor(method: string, message: string, options?: ErrorOptions) {
    super(`${method}: ${message}`, options);
    this.name = "InputRequiredError";
    this.method = method;
  }
}

/**
 * Fulfils one input request of a `request` call (`key` names it in `inputRequests`) and resolves with
 * its result.
 */
export type InputAnswerer = (method: string, params: unknown, key: string, request: string) => Promise<unknown>;

/** Whether a result asks for more input; a result without `resultType` is complete. */
export function isInputRequired(result: unknown): result is Record<string, unknown> {
  return isObject(result) && result.resultType === "input_required";
}

/**
 * Sends `params` through `send`, and while the answer is `input_required`, answers its input requests
 * and sends again. Each retry is built from the caller's params alone, so no earlier round's
 * `inputResponses` or `requestState` survive into it; `requestState` is sent only when the last
 * answer had one. Resolves with the complete result and the number of rounds it took.
 */
export async function withInputRounds(
  method: string,
  params: Record<string, unknown> | undefined,
  send: (params: Record<string, unknown> | undefined) => Promise<unknown>,
  answer: InputAnswerer,
  maxRounds = MAX_INPUT_ROUNDS,
): Promise<{ result: unknown; rounds: number }> {
  let current = params;
  for (let round = 1; ; round++) {
    const result = await send(current);
    if (!isInputRequired(result)) return { result, rounds: round };
    if (round >= maxRounds)
      throw new InputRequiredError(method, `the server still asked for input after ${round} rounds; gave up`);
    const responses = await fulfil(method, result.inputRequests, answer);
    const { inputResponses: _responses, requestState: _state, ...base } = params ?? {};
    current = { ...base };
    if (responses) current.inputResponses = responses;
    if (typeof result.requestState === "string") current.requestState = result.requestState;
  }
}

/** Answers every input request, concurrently; undefined when there were none. */
async function fulfil(
  method: string,
  requests: unknown,
  answer: InputAnswerer,
): Promise<Record<string, unknown> | undefined> {
  if (requests === undefined) return undefined;
  if (!isObject(requests))
    throw new InputRequiredError(method, "the server's inputRequests is not an object of requests");
  const entries = Object.entries(requests);
  for (const [key, request] of entries) {
    if (!isObject(request) || typeof request.method !== "string")
      throw new InputRequiredError(method, `input request "${key}" names no method`);
    if (!INPUT_REQUEST_METHODS.has(request.method))
      throw new InputRequiredError(
        method,
        `input request "${key}" asks for ${request.method}, which is not an input request`,
      );
  }
  const answers = await Promise.all(
    entries.map(async ([key, request]) => {
      const { method: asked, params } = request as { method: string; params?: unknown };
      return [key, await answer(asked, params ?? {}, key, method)] as const;
    }),
  );
  return entries.length === 0 ? undefined : Object.fromEntries(answers);
}
