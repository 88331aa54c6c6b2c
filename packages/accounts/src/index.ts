// @parapet/accounts: organizations, members, roles, invites, local sign-in and sessions. Plain
// async functions, one per file, each taking one options object with the database client and
// (for member actions) the acting member. Forms import schemas from '@parapet/accounts/schemas'.

export { changePassword } from './account/change-password';
export { type AccountDetails, getAccount } from './account/get-account';
export { createActivityCheckpoint } from './activity/create-activity-checkpoint';
export {
  type ActivityCheckpointPublicKey,
  getActivityCheckpointKey,
} from './activity/get-activity-checkpoint-key';
export {
  type ActivityPage,
  type ActivityRow,
  type ChainStatus,
  listActivity,
} from './activity/list-activity';
export {
  type CheckpointVerification,
  verifyActivityCheckpoint,
} from './activity/verify-activity-checkpoint';
export { authenticateApiKey } from './api-keys/authenticate-api-key';
export { type CreatedApiKey, createApiKey } from './api-keys/create-api-key';
export { type ApiKeyRow, listApiKeys } from './api-keys/list-api-keys';
export { revokeApiKey } from './api-keys/revoke-api-key';
export {
  type AcceptedInvite,
  acceptInvite,
  acceptInviteWithPassword,
} from './invites/accept-invite';
export { type CreatedInvite, createInvite } from './invites/create-invite';
export { getInviteByToken, type InvitePreview } from './invites/get-invite-by-token';
export { inviteLifetimeMs } from './invites/invite-policy';
export { listInvites, type PendingInvite } from './invites/list-invites';
export { revokeInvite } from './invites/revoke-invite';
export { changeMemberRole } from './members/change-member-role';
export { findMembership, type MembershipSummary } from './members/find-membership';
export { listMembers, type MemberRow } from './members/list-members';
export { listUserMemberships } from './members/list-user-memberships';
export { removeMember } from './members/remove-member';
export * from './organizations';
export { getOverview, type Overview } from './overview/get-overview';
export * from './schemas';
export {
  type AuthJsSession,
  type AuthJsUser,
  endAuthJsSession,
  extendAuthJsSession,
  readAuthJsSession,
  storeAuthJsSession,
} from './sessions/auth-js-sessions';
export { type CreatedSession, createSession } from './sessions/create-session';
export { readSession, type SessionUser } from './sessions/read-session';
export {
  absoluteSessionEnd,
  capSessionExpiry,
  sessionPolicy,
} from './sessions/session-policy';
export { signOut } from './sessions/sign-out';
export { isSetupComplete } from './setup/is-setup-complete';
export { type SetupOrganizationResult, setupOrganization } from './setup/setup-organization';
export type { Actor, MemberContext } from './shared/actor';
export { assertRole } from './shared/assert-role';
export { parseInput } from './shared/parse-input';
export { hashPassword, verifyPassword } from './shared/passwords';
export { createSecretToken, hashSecretToken } from './shared/tokens';
export {
  type ActorActivityEntry,
  inOrgTransaction,
  lockOrganization,
  type OrgTransaction,
  recordActivity,
} from './shared/transactions';
export { isUniqueViolation } from './shared/unique-violation';
export { type SignInResult, signInWithPassword } from './sign-in/sign-in-with-password';
export { throttlePolicy } from './sign-in/throttle-policy';
