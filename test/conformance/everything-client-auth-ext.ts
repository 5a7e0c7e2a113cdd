// The everything-client's side of the authorization extension scenarios (the `extensions` suite):
// client credentials (private_key_jwt and client_secret_basic), enterprise-managed authorization,
// workload identity federation, and DPoP-bound authorization codes. Each is an ordinary provider built
// from the harness's context (MCP_CONFORMANCE_CONTEXT); nothing in the library knows the scenarios.
import { generateDPoPKey } from "../../src/auth/client/dpop.js";
import {
  clientCredentialsGrant,
  enterpriseManagedGrant,
  workloadIdentityGrant,
  type NoUserGrant,
} from "../../src/auth/client/grants.js";
import { MemoryOAuthClientProvider } from "../../src/auth/client/memory-provider.js";
import { followAuthorization } from "./everything-client-auth.js";
import type { OAuthClientProvider } from "../../src/auth/client/provider.js";

/** Registered and sent, never fetched: the redirect is read off the authorization endpoint's answer. */
const REDIRECT_URL = "http://127.0.0.1:3000/callback";

/** The context keys the extension scenarios hand out (SCENARIOS.md section 1.4). */
interface ExtensionContext {
  client_id?: string;
  client_secret?: string;
  private_key_pem?: string;
  signing_algorithm?: string;
  idp_client_id?: string;
  idp_id_token?: string;
  idp_issuer?: string;
  idp_token_endpoint?: string;
  valid_jwt?: string;
}

/** An in-memory provider with, optionally, a grant without a user and a DPoP key. */
class ExtensionProvider extends MemoryOAuthClientProvider {
  readonly grant?: NoUserGrant;
  readonly #dpop: ReturnType<typeof generateDPoPKey> | undefined;

  constructor(options: { grant?: NoUserGrant; dpop?: boolean }) {
    super({
      clientMetadata: {
        client_name: "mcpkit-everything-client",
        redirect_uris: [REDIRECT_URL],
        application_type: "native",
        grant_types: ["authorization_code", "refresh_token"],
      },
      authorize: followAuthorization,
    });
    if (options.grant) this.grant = options.grant;
    this.#dpop = options.dpop ? generateDPoPKey() : undefined;
  }

  async dpopKeyPair() {
    return (await this.#dpop)?.keyPair;
  }
}

function required(context: ExtensionContext, ...keys: (keyof ExtensionContext)[]): string[] {
  return keys.map((key) => {
    const value = context[key];
    if (typeof value !== "string") throw new Error(`the scenario's context has no ${key}`);
    return value;
  });
}

/** The provider for one of the extension scenarios, from its context; undefined for any other scenario. */
export function extensionAuthProvider(scenario: string, context: ExtensionContext): OAuthClientProvider | undefined {
  switch (scenario) {
    case "auth/client-credentials-jwt": {
      const [clientId, pem] = required(context, "client_id", "private_key_pem");
      const auth = { privateKey: pem!, algorithm: context.signing_algorithm ?? "ES256" };
      return new ExtensionProvider({ grant: clientCredentialsGrant({ clientId: clientId!, auth }) });
    }
    case "auth/client-credentials-basic": {
      const [clientId, clientSecret] = required(context, "client_id", "client_secret");
      return new ExtensionProvider({
        grant: clientCredentialsGrant({ clientId: clientId!, auth: { clientSecret: clientSecret! } }),
      });
    }
    case "auth/enterprise-managed-authorization": {
      const [clientId, clientSecret, idpClientId, idToken, tokenEndpoint] = required(
        context,
        "client_id",
        "client_secret",
        "idp_client_id",
        "idp_id_token",
        "idp_token_endpoint",
      );
      const idp = {
        tokenEndpoint: tokenEndpoint!,
        clientId: idpClientId!,
        idToken: idToken!,
        ...(context.idp_issuer ? { issuer: context.idp_issuer } : {}),
      };
      const client = { clientId: clientId!, auth: { clientSecret: clientSecret! } };
      return new ExtensionProvider({ grant: enterpriseManagedGrant({ idp, client }) });
    }
    case "auth/wif-jwt-bearer": {
      const [clientId, assertion] = required(context, "client_id", "valid_jwt");
      return new ExtensionProvider({ grant: workloadIdentityGrant({ clientId: clientId!, assertion: assertion! }) });
    }
    case "auth/dpop":
    case "auth/dpop-nonce":
      return new ExtensionProvider({ dpop: true });
    default:
      return undefined;
  }
}
