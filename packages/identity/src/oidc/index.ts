// OIDC, the second single sign-on protocol: connections (issuer discovery, sealed client
// secret), the ID token checks, and the sign-in that hands a verified profile to the core.

export { completeOidcSignIn } from './complete-oidc-sign-in';
export { createOidcConnection } from './create-oidc-connection';
export {
  checkDiscoveryDocument,
  discoverOidcIssuer,
  type OidcDiscoveryOutcome,
  type OidcIssuerMetadata,
  parseIssuerUrl,
} from './discover-oidc-issuer';
export { createGuardedFetch, isLoopbackHost, refusedAddressReason } from './guarded-fetch';
export { listOidcSignInOptions, type OidcSignInOptions } from './list-oidc-sign-in-options';
export {
  forgetOidcConnection,
  loadOidcConnection,
  type OidcSignInConnection,
} from './load-oidc-connection';
export { oidcClaimsToProfile } from './oidc-claims-to-profile';
export {
  type CreateOidcConnectionInput,
  createOidcConnectionSchema,
  oidcClientSecretPurpose,
  type UpdateOidcConnectionInput,
  updateOidcConnectionSchema,
} from './oidc-connection-schemas';
export { updateOidcConnection } from './update-oidc-connection';
export { type IdTokenOutcome, verifyOidcIdToken } from './verify-oidc-id-token';
