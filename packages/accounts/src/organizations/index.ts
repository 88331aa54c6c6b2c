// Many organizations: creating them (the operator's command, or self-service when the
// installation allows it) and what a new one gets. Choosing the current one is the console's.
export {
  type CreatedOrganizationWithInvite,
  createOrganizationWithInvite,
} from './create-organization-with-invite';
export { createOwnOrganization } from './create-own-organization';
export { listOrganizations, type OrganizationSummary } from './list-organizations';
export type { OrganizationOrigin, ProvisionOrganization } from './provision';
export { type SignedUp, signUp } from './sign-up';
