// Client-safe entry point: the zod schemas the console's forms validate with (the same ones the
// domain functions parse with) and role rules for showing controls. Nothing here touches the
// database or native modules, so client components may import it.

export { changePasswordFormSchema, changePasswordSchema } from './account/change-password.schema';
export { activityLabel, activityLabels } from './activity/activity-labels';
export { listActivitySchema } from './activity/list-activity.schema';
export { verifyActivityCheckpointSchema } from './activity/verify-activity-checkpoint.schema';
export { apiKeyPattern } from './api-keys/api-key-format';
export { apiKeyRowSchema } from './api-keys/api-key-row.schema';
export { createApiKeySchema } from './api-keys/create-api-key.schema';
export { revokeApiKeySchema } from './api-keys/revoke-api-key.schema';
export {
  acceptInviteFormSchema,
  acceptInviteSchema,
  acceptInviteWithPasswordSchema,
  inviteTokenField,
} from './invites/accept-invite.schema';
export { createInviteSchema } from './invites/create-invite.schema';
export { type InviteStatus, inviteStatusMessage } from './invites/invite-policy';
export { revokeInviteSchema } from './invites/revoke-invite.schema';
export { changeMemberRoleSchema } from './members/change-member-role.schema';
export { removeMemberSchema } from './members/remove-member.schema';
export {
  createOrganizationWithInviteSchema,
  createOwnOrganizationSchema,
  signUpFormSchema,
  signUpSchema,
  switchOrganizationSchema,
} from './organizations/organization-schemas';
export {
  setupOrganizationFormSchema,
  setupOrganizationSchema,
  setupTokenField,
} from './setup/setup-organization.schema';
export { emailField, idField, roles } from './shared/fields';
export { humanNameField, optionalHumanNameField } from './shared/human-name';
export {
  assignableRoles,
  canManageRole,
  roleAtLeast,
  roleDescriptions,
  roleLabels,
} from './shared/roles';
export { signInSchema } from './sign-in/sign-in.schema';
