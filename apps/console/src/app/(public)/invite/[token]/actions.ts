'use server';

import { acceptInvite, acceptInviteWithPassword } from '@parapet/accounts';
import { acceptInviteFormSchema, acceptInviteWithPasswordSchema } from '@parapet/accounts/schemas';
import { publicAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const acceptInviteAction = defineAction({
  name: 'invites.acceptInvite',
  access: publicAccess(
    'The invitee may have no account yet: the single-use, expiring invite token is the credential (an existing account also needs its password).',
  ),
  input: acceptInviteFormSchema,
  async run({ input, db, request }) {
    const accepted = await acceptInvite({ db, input, ip: request.ip });
    // Only a success says which it was: the account was new, or its own password was given.
    const notice = accepted.accountCreated ? 'invite' : 'invite-joined';
    return { data: null, redirectTo: `/sign-in?notice=${notice}` };
  },
});

export const acceptInviteWithPasswordAction = defineAction({
  name: 'invites.acceptInviteWithPassword',
  access: publicAccess(
    'An invitee who already has an account proves it with that password, under the sign-in lockouts.',
  ),
  input: acceptInviteWithPasswordSchema,
  async run({ input, db, request }) {
    await acceptInviteWithPassword({ db, input, ip: request.ip });
    return { data: null, redirectTo: '/sign-in?notice=invite-joined' };
  },
});
