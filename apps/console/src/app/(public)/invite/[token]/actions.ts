'use server';

import { acceptInvite } from '@parapet/accounts';
import { acceptInviteFormSchema } from '@parapet/accounts/schemas';
import { publicAccess } from '@/server/actions/access';
import { defineAction } from '@/server/actions/define-action';

export const acceptInviteAction = defineAction({
  name: 'invites.acceptInvite',
  access: publicAccess(
    'The invitee has no account yet; the single-use, expiring invite token is the credential.',
  ),
  input: acceptInviteFormSchema,
  async run({ input, db, request }) {
    await acceptInvite({ db, input, ip: request.ip });
    return { data: null, redirectTo: '/sign-in?notice=invite' };
  },
});
