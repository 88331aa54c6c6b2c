'use server';

import { setupOrganization } from '@parapet/accounts';
import { setupOrganizationFormSchema } from '@parapet/accounts/schemas';
import { ensureOrgSigningKeys } from '@parapet/distribution';
import { publicAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { checkSetupToken } from '@/server/setup/setup-gate';

export const setupAction = defineAction({
  name: 'setup.setupOrganization',
  access: publicAccess(
    'First run: no account exists yet. A network-facing console asks for the setup token from its log; the domain refuses once any owner exists.',
  ),
  input: setupOrganizationFormSchema,
  async run({ input, db, request }) {
    const { setupToken, ...organization } = input;
    checkSetupToken(setupToken);
    // The organization's first signing key and key set 1 are made in the same commit, so its
    // first enrolled device gets a trust root that was never missing.
    await setupOrganization({
      db,
      input: organization,
      ip: request.ip,
      provisionOrganization: ensureOrgSigningKeys,
    });
    return { data: null, redirectTo: '/sign-in?notice=setup' };
  },
});
