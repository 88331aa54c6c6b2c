'use server';

import { setupOrganization } from '@parapet/accounts';
import { setupOrganizationFormSchema } from '@parapet/accounts/schemas';
import { publicAccess } from '@/server/actions/access';
import { defineAction } from '@/server/actions/define-action';

export const setupAction = defineAction({
  name: 'setup.setupOrganization',
  access: publicAccess(
    'First run: no account exists yet. The domain refuses once any owner exists.',
  ),
  input: setupOrganizationFormSchema,
  async run({ input, db, request }) {
    await setupOrganization({ db, input, ip: request.ip });
    return { data: null, redirectTo: '/sign-in?notice=setup' };
  },
});
