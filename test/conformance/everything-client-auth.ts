// The everything-client's side of the auth/* scenarios: a provider fed from the harness's context
// (MCP_CONFORMANCE_CONTEXT), which plays the user's browser by requesting the authorization URL
// itself and reading the redirect's Location (the harness's /authorize approves at once).
import { MemoryOAuthClientProvider } from "../../src/auth/client/memory-provider.js";
import type { OAuthClientInformation } from "../../src/auth/client/provider.js";

/** A Client ID Metadata Document URL; the harness expects this one and never fetches it. */
const CLIENT_METADATA_URL = "https://conformance-test.local/client-metadata.json";
/** Registered and sent, never fetched: the redirect is read off the authorization endpoint's answer. */
const REDIRECT_URL = "http://127.0.0.1:3000/callback";

interface AuthContext {
  client_id?: string;
  client_secret?: string;
  issuer?: string;
}

/** Requests the authorization URL as a browser would, without following the redirect, and answers where it pointed. */
export async function followAuthorization(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
  await response.body?.cancel();
  const location = response.headers.get("location");
  if (response.status < 300 || response.status > 399 || location === null)
    throw new Error(`the authorization endpoint answered HTTP ${response.status} without a redirect`);
  return new URL(location, url);
}

/** A provider whose pre-registered client (the context's, when it names one) serves the issuer it names, or any. */
class ConformanceProvider extends MemoryOAuthClientProvider {
  readonly #preRegistered: OAuthClientInformation | undefined;
  readonly #issuer: string | undefined;

  constructor(context: AuthContext) {
    super({
      clientMetadata: {
        client_name: "mcpkit-everything-client",
        redirect_uris: [REDIRECT_URL],
        application_type: "native",
        grant_types: ["authorization_code", "refresh_token"],
      },
      clientMetadataUrl: CLIENT_METADATA_URL,
      authorize: followAuthorization,
    });
    const { client_id, client_secret } = context;
    if (client_id !== undefined) {
      this.#preRegistered = client_secret === undefined ? { client_id } : { client_id, client_secret };
    }
    this.#issuer = context.issuer;
  }

  override clientInformation(issuer: string): OAuthClientInformation | undefined {
    const saved = super.clientInformation(issuer);
    if (saved !== undefined || this.#preRegistered === undefined) return saved;
    return this.#issuer === undefined || this.#issuer === issuer ? this.#preRegistered : undefined;
  }
}

/** The provider for an auth/* scenario, from the harness's context. */
export function conformanceAuthProvider(): MemoryOAuthClientProvider {
  const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? "{}") as AuthContext;
  return new ConformanceProvider(context);
}
