import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { DEFAULT_JWT_ALGORITHMS } from "../jwt-verifier.js";
import { sameSecret, single } from "./http.js";
import { ExpiringTable } from "./table.js";
import { OAuthError, type ClientAuthMethod, type OAuthClient } from "./types.js";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** The longest a client assertion may live, in seconds. */
const MAX_ASSERTION_LIFETIME = 300;

/** What client authentication needs from the server. */
export interface ClientAuthContext {
  readonly issuer: string;
  /** The URLs an assertion's `aud` may name: the issuer and the endpoint it is sent to. */
  readonly audiences: readonly string[];
  readonly methods: readonly ClientAuthMethod[];
  readonly getClient: (clientId: string) => Promise<OAuthClient | undefined>;
  /** A `private_key_jwt` client's public keys. */
  readonly clientKeys: (client: OAuthClient) => Promise<JSONWebKeySet | undefined>;
  /** The `jti`s of client assertions already seen, refused a second time. */
  readonly assertionIds: ExpiringTable<true>;
}

interface Presented {
  readonly method: ClientAuthMethod;
  readonly clientId: string;
  readonly secret?: string;
  readonly assertion?: string;
}

/**
 * Authenticates the client of a token or revocation request (RFC 6749 section 2.3, RFC 7523 section
 * 2.2): exactly one method, the one the client registered, among those the server accepts. Failure is
 * 401 `invalid_client` (with a Basic challenge when Basic was tried).
 */
export async function authenticateClient(
  request: Request,
  form: URLSearchParams,
  context: ClientAuthContext,
): Promise<OAuthClient> {
  const presented = presentedCredentials(request, form);
  const challenge: Record<string, string> =
    presented.method === "client_secret_basic" ? { "www-authenticate": 'Basic realm="token"' } : {};
  const refuse = (why: string) => new OAuthError("invalid_client", why, 401, challenge);
  if (!context.methods.includes(presented.method))
    throw refuse(`the client authentication method ${presented.method} is not supported`);
  const client = await context.getClient(presented.clientId);
  if (!client) throw refuse("the client is unknown or the authentication failed");
  if (client.token_endpoint_auth_method !== presented.method)
    throw refuse(`the client must authenticate with ${client.token_endpoint_auth_method}`);
  if (presented.method === "client_secret_basic" || presented.method === "client_secret_post") {
    const expires = client.client_secret_expires_at ?? 0;
    if (!client.client_secret || !sameSecret(client.client_secret, presented.secret ?? ""))
      throw refuse("the client is unknown or the authentication failed");
    if (expires !== 0 && expires <= Date.now() / 1000) throw refuse("the client secret has expired");
  }
  if (presented.method === "private_key_jwt") await checkAssertion(client, presented.assertion!, context, refuse);
  return client;
}

function presentedCredentials(request: Request, form: URLSearchParams): Presented {
  const header = request.headers.get("authorization");
  const bodyId = single(form, "client_id");
  const secret = single(form, "client_secret");
  const assertion = single(form, "client_assertion");
  const used = [header !== null, secret !== undefined, assertion !== undefined].filter(Boolean).length;
  if (used > 1) throw new OAuthError("invalid_request", "the client used more than one authentication method");
  if (header !== null) {
    const basic = /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header);
    const decoded = basic ? Buffer.from(basic[1]!, "base64").toString("utf8") : "";
    const colon = decoded.indexOf(":");
    if (colon < 0)
      throw new OAuthError("invalid_client", "the Authorization header is not valid Basic credentials", 401, {
        "www-authenticate": 'Basic realm="token"',
      });
    const clientId = formDecode(decoded.slice(0, colon));
    if (bodyId !== undefined && bodyId !== clientId)
      throw new OAuthError("invalid_request", "client_id differs from the authenticated client");
    return { method: "client_secret_basic", clientId, secret: formDecode(decoded.slice(colon + 1)) };
  }
  if (assertion !== undefined) {
    if (single(form, "client_assertion_type") !== JWT_BEARER)
      throw new OAuthError("invalid_request", `client_assertion_type must be ${JWT_BEARER}`);
    const sub = unverifiedSubject(assertion);
    if (bodyId !== undefined && bodyId !== sub)
      throw new OAuthError("invalid_client", "client_id differs from the assertion's subject", 401);
    return { method: "private_key_jwt", clientId: sub, assertion };
  }
  if (bodyId === undefined) throw new OAuthError("invalid_client", "the request names no client", 401);
  return secret !== undefined
    ? { method: "client_secret_post", clientId: bodyId, secret }
    : { method: "none", clientId: bodyId };
}

/** RFC 6749 appendix B: the parts of Basic credentials are form-encoded. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    throw new OAuthError("invalid_client", "the Basic credentials are not well encoded", 401);
  }
}

function unverifiedSubject(assertion: string): string {
  try {
    const payload = JSON.parse(Buffer.from(assertion.split(".")[1] ?? "", "base64url").toString("utf8")) as unknown;
    const sub = (payload as { sub?: unknown }).sub;
    if (typeof sub === "string" && sub !== "") return sub;
  } catch {
    // answered below
  }
  throw new OAuthError("invalid_client", "the client assertion is not a JWT naming its client", 401);
}

async function checkAssertion(
  client: OAuthClient,
  assertion: string,
  context: ClientAuthContext,
  refuse: (why: string) => OAuthError,
): Promise<void> {
  const jwks = await context.clientKeys(client);
  if (!jwks) throw refuse("the client's keys could not be had");
  const keys = createLocalJWKSet(jwks);
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, keys, {
      issuer: client.client_id,
      subject: client.client_id,
      audience: [...context.audiences],
      algorithms: [...DEFAULT_JWT_ALGORITHMS],
      requiredClaims: ["exp", "jti"],
      clockTolerance: 30,
    }));
  } catch {
    throw refuse("the client assertion is not valid");
  }
  if (payload.exp! - Date.now() / 1000 > MAX_ASSERTION_LIFETIME) throw refuse("the client assertion lives too long");
  const key = `${client.client_id} ${payload.jti!}`;
  if (context.assertionIds.get(key)) throw refuse("the client assertion was already used");
  context.assertionIds.set(key, true, (payload.exp! + 30) * 1000);
}
