'use server';

import { changePassword, signOut } from '@parapet/accounts';
import { changePasswordFormSchema } from '@parapet/accounts/schemas';
import { z } from 'zod';
import { memberAccess, sessionAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const changePasswordAction = defineAction({
  name: 'account.changePassword',
  access: memberAccess('auditor'),
  input: changePasswordFormSchema,
  async run({ input, db, caller, request }) {
    const { otherSessionsEnded } = await changePassword({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
      sessionToken: caller.sessionToken,
    });
    return {
      data: null,
      message:
        otherSessionsEnded > 0
          ? `Password changed. ${otherSessionsEnded} other session${otherSessionsEnded === 1 ? ' was' : 's were'} signed out.`
          : 'Password changed.',
    };
  },
});

export const signOutAction = defineAction({
  name: 'auth.signOut',
  access: sessionAccess,
  input: z.strictObject({}),
  async run({ db, caller, request }) {
    await signOut({
      db,
      sessionToken: caller.sessionToken,
      actor: { userId: caller.user.userId, email: caller.user.email },
      ip: request.ip,
    });
    return { data: null, session: 'clear', redirectTo: '/sign-in?notice=signed-out' };
  },
});
