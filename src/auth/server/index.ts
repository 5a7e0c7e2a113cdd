/**
 * The resource-server side of MCP authorization: token verifiers, the bearer guard every HTTP
 * transport runs, and the Protected Resource Metadata document (RFC 9728).
 */
export { principalOf, type AuthInfo } from "../../protocol/auth-info.js";
export { InvalidTokenError, type TokenRequest, type TokenVerifier } from "./verifier.js";
export { DEFAULT_JWT_ALGORITHMS, jwtVerifier, type JwtVerifierOptions } from "./jwt-verifier.js";
export { IntrospectionError, introspectionVerifier, type IntrospectionVerifierOptions } from "./introspection.js";
export {
  boundThumbprint,
  DEFAULT_DPOP_ALGORITHMS,
  DpopVerifier,
  type DpopFailure,
  type DpopOptions,
  type DpopRequest,
} from "./dpop.js";
export {
  bearerGuard,
  type BearerGuardOptions,
  type GuardOutcome,
  type GuardRefusal,
  type GuardRequest,
} from "./bearer-guard.js";
export {
  RESOURCE_METADATA_PATH,
  resourceMetadata,
  resourceMetadataHandler,
  resourceMetadataPaths,
  resourceMetadataUrl,
  type ResourceMetadataOptions,
} from "./resource-metadata.js";
