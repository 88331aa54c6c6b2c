// The protocol-neutral core of single sign-on for console members: claimed domains,
// connections, role mapping, just-in-time membership, require SSO, and the SSO session.

export {
  type ClaimDomainInput,
  claimDomain,
  claimDomainSchema,
  type OrgDomainRow,
} from './claim-domain';
export {
  completeSsoSignIn,
  type SsoProfile,
  type SsoSignInResult,
  ssoProfileSchema,
} from './complete-sso-sign-in';
export {
  createSsoConnection,
  type SsoConnectionCommonInput,
  type SsoConnectionProtocolFields,
  ssoConnectionCommonSchema,
} from './create-sso-connection';
export { deleteSsoConnection } from './delete-sso-connection';
export { domainSchema, emailDomain, normalizeDomain } from './email-domain';
export { findSsoConnectionsForEmail, type SsoChoice } from './find-sso-connections-for-email';
export { listDomains } from './list-domains';
export { getSsoConnection, listSsoConnections } from './list-sso-connections';
export { mapSsoRole } from './map-sso-role';
export { releaseDomain, releaseDomainSchema } from './release-domain';
export { safeCallbackUrl } from './safe-callback-url';
export {
  getSsoSettings,
  type SsoSettings,
  setRequireSso,
  ssoSettingsSchema,
} from './set-require-sso';
export { type SsoConnectionView, toSsoConnectionView } from './sso-connection-view';
export {
  type DefaultRole,
  defaultRoleSchema,
  mappedRoleSchema,
  type RoleMapping,
  roleMappingSchema,
  roleMappingsSchema,
} from './sso-roles';
export { startSsoSession } from './start-sso-session';
export {
  type UpdateSsoConnectionInput,
  updateSsoConnection,
  updateSsoConnectionSchema,
} from './update-sso-connection';
