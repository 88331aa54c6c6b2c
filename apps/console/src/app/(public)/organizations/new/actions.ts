'use server';

import { absoluteSessionEnd, signUp } from '@parapet/accounts';
import { signUpFormSchema } from '@parapet/accounts/schemas';
import { ensureOrgSigningKeys } from '@parapet/distribution';
import { publicAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { assertSelfServiceOrganizations } from '@/server/organizations/organization-creation';

export const signUpAction = defineAction({
  name: 'organizations.signUp',
  access: publicAccess(
    'Self-service sign-up creates an account and its first organization: refused unless PARAPET_ORG_CREATION is self-service, and limited per address.',
  ),
  input: signUpFormSchema,
  async run({ input, db, request }) {
    assertSelfServiceOrganizations();
    const now = new Date();
    const signedUp = await signUp({
      db,
      input,
      ip: request.ip,
      provisionOrganization: ensureOrgSigningKeys,
      now,
    });
    // As at sign-in: the cookie may live until the session's absolute end; the database decides
    // idle expiry.
    return {
      data: null,
      session: { token: signedUp.sessionToken, expires: absoluteSessionEnd(now) },
      currentOrg: signedUp.orgId,
      redirectTo: '/',
    };
  },
});
