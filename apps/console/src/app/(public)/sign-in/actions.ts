'use server';

import { absoluteSessionEnd, signInWithPassword } from '@parapet/accounts';
import { signInSchema } from '@parapet/accounts/schemas';
import { publicAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const signInAction = defineAction({
  name: 'auth.signInWithPassword',
  access: publicAccess('Signing in is how a caller obtains a session; lockouts limit guessing.'),
  input: signInSchema,
  async run({ input, db, request }) {
    const now = new Date();
    const session = await signInWithPassword({ db, input, ip: request.ip, now });
    // The cookie may live until the session's absolute end; the database decides idle expiry.
    return {
      data: null,
      session: { token: session.sessionToken, expires: absoluteSessionEnd(now) },
      redirectTo: '/',
    };
  },
});
