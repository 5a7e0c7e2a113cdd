/**
 * The client side of MCP authorization: the provider an application implements, the flow's
 * shared state, the in-memory provider, discovery, and the error every failed step throws.
 */
export { OAuthClientAuth, type OAuthClientAuthOptions } from "./client-auth.js";
export { clientAuthFor, type ClientAuthOption } from "./authorized-request.js";
export { MemoryOAuthClientProvider, type MemoryOAuthClientProviderOptions } from "./memory-provider.js";
export type {
  ClientSigningKey,
  GrantContext,
  InvalidateScope,
  OAuthClientInformation,
  OAuthClientMetadata,
  OAuthClientProvider,
  OAuthTokens,
  PresentedRequest,
  TokenEndpointAuthMethod,
  TokenPresenter,
} from "./provider.js";
export { OAuthFlowError, type OAuthFlowStep } from "./errors.js";
export { discoverAuthorization, type AuthorizationDiscovery, type AuthorizationDiscoveryOptions } from "./discovery.js";
export type { AuthorizationServerMetadata } from "./authorization-server.js";
export type { ProtectedResourceMetadata } from "./protected-resource.js";
export type { DiscoveryFetchOptions } from "./metadata-fetch.js";
export { parseWwwAuthenticate, selectChallenge, type AuthChallenge } from "./www-authenticate.js";
// DPoP, the grants without a user, and the provider for terminals and desktop apps.
export {
  dpopFetch,
  dpopPresenter,
  DPoPProver,
  exportDPoPKey,
  generateDPoPKey,
  importDPoPKey,
  type DPoPAlgorithm,
  type DPoPFetchOptions,
  type DPoPKey,
  type StoredDPoPKey,
} from "./dpop.js";
export {
  clientCredentialsGrant,
  enterpriseManagedGrant,
  workloadIdentityGrant,
  type ClientCredentialsAuth,
  type ConfidentialClient,
  type EnterpriseIdentityProvider,
  type EnterpriseManagedOptions,
  type NoUserGrant,
  type Supplied,
  type WorkloadIdentityOptions,
} from "./grants.js";
export { NodeOAuthProvider, type NodeOAuthProviderOptions, type StoredAuthStatus } from "./node/provider.js";
export { configDirectory } from "./node/file-store.js";
