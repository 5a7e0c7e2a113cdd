/**
 * An OAuth 2.1 authorization server for MCP servers: the routes (metadata, authorize, token,
 * registration, revocation, JWKS), the provider interface an application implements, an in-memory
 * provider for development and tests, and a proxy provider delegating the login to an upstream
 * identity provider.
 */
export { AuthorizationServer, type AuthorizationServerOptions, type AuthorizationServerRoute } from "./server.js";
export {
  OAuthError,
  type AuthorizationOutcome,
  type AuthorizationRequest,
  type AuthorizationServerProvider,
  type ClientAuthMethod,
  type CodeRecord,
  type FinishAuthorization,
  type ProviderRoute,
  type GrantType,
  type OAuthClient,
  type RefreshRecord,
  type UsedRecord,
} from "./types.js";
export { approveAtOnce, InMemoryProvider, type InMemoryProviderOptions, type LoginHandler } from "./memory-provider.js";
export { ProxyProvider, type ProxyProviderOptions, type UpstreamProvider } from "./proxy-provider.js";
export { acceptableRedirectUri, loopbackRedirectUri, redirectUriMatches } from "./redirect-uri.js";
export type { RegistrationOptions } from "./registration.js";
export type { ClientMetadataDocumentOptions } from "./cimd.js";
export { publicHttpsUrl, type RemoteFetchOptions } from "./remote-json.js";
