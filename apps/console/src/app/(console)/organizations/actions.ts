'use server';

import { createOwnOrganization, findMembership } from '@parapet/accounts';
import { createOwnOrganizationSchema, switchOrganizationSchema } from '@parapet/accounts/schemas';
import { ensureOrgSigningKeys } from '@parapet/distribution';
import { AppError } from '@parapet/errors';
import { sessionAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { assertSelfServiceOrganizations } from '@/server/organizations/organization-creation';

export const switchOrganizationAction = defineAction({
  name: 'organizations.switch',
  access: sessionAccess,
  input: switchOrganizationSchema,
  async run({ input, db, caller }) {
    // Only one of the person's own organizations can be chosen; the cookie this sets is checked
    // again against their memberships on every request, so it is never trusted alone.
    const membership = await findMembership({
      db,
      userId: caller.user.userId,
      orgId: input.orgId,
    });
    if (!membership) throw new AppError('FORBIDDEN', 'You are not a member of this organization.');
    return {
      data: null,
      message: `Switched to ${membership.organizationName}.`,
      currentOrg: membership.orgId,
      redirectTo: '/',
    };
  },
});

export const createOrganizationAction = defineAction({
  name: 'organizations.create',
  access: sessionAccess,
  input: createOwnOrganizationSchema,
  async run({ input, db, caller, request }) {
    assertSelfServiceOrganizations();
    const { userId, email } = caller.user;
    // A new organization gets its first signing key and key set 1 in the same commit, as at
    // first-run setup.
    const created = await createOwnOrganization({
      db,
      user: { userId, email },
      input,
      ip: request.ip,
      provisionOrganization: ensureOrgSigningKeys,
    });
    return {
      data: null,
      message: `${created.name} created.`,
      currentOrg: created.orgId,
      redirectTo: '/',
    };
  },
});
