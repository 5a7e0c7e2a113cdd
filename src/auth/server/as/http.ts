import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { OAuthError } from "./types.js";
import { readCappedText } from "../../../protocol/capped-read.js";

/** The largest request body the authorization server reads, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A fresh random value: 32 bytes, base64url (codes, tokens, ids, secrets). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** The SHA-256 of a value, base64url: how codes and refresh tokens are stored. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

/** Compares two secrets in constant time (over their hashes, so lengths leak nothing). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/** Reads a request body as text, refusing one over {@link MAX_BODY_BYTES}. */
export async function readBody(request: Request): Promise<string> {
  const tooLarge = () => new OAuthError("invalid_request", "the request body is too large", 413);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  return readCappedText(request.body, MAX_BODY_BYTES, tooLarge);
}

/** Reads an `application/x-www-form-urlencoded` body (RFC 6749 section 3.2). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    throw new OAuthError("invalid_request", "the body must be application/x-www-form-urlencoded");
  return new URLSearchParams(await readBody(request));
}

/**
 * The single value of a parameter: undefined when absent or empty (RFC 6749 section 3.1), an
 * `invalid_request` when repeated.
 */
export function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new OAuthError("invalid_request", `the parameter ${name} is repeated`);
  return values[0] === "" ? undefined : values[0];
}

/** Like {@link single}, but the parameter must be there. */
export function required(params: URLSearchParams, name: string): string {
  const value = single(params, name);
  if (value === undefined) throw new OAuthError("invalid_request", `the parameter ${name} is missing`);
  return value;
}

/** A JSON answer that no cache keeps (RFC 6749 section 5.1). */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache", ...headers },
  });
}

/** The JSON error answer of an {@link OAuthError}. */
export function errorResponse(error: OAuthError): Response {
  return jsonResponse({ error: error.error, error_description: error.description }, error.status, {
    ...error.headers,
  });
}

/** Runs an endpoint, turning an {@link OAuthError} into its answer; only `methods` are allowed. */
export function endpoint(
  methods: readonly string[],
  run: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!methods.includes(request.method))
      return new Response("Method not allowed", { status: 405, headers: { allow: methods.join(", ") } });
    try {
      return await run(request);
    } catch (error) {
      if (error instanceof OAuthError) return errorResponse(error);
      throw error;
    }
  };
}

/** Seconds since the epoch. */
export const nowSeconds = (now: () => number = Date.now): number => Math.floor(now() / 1000);
