'use server';

import { decideDeviceLogin, decideDeviceLoginSchema } from '@parapet/identity/device-login';
import { sessionAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const decideDeviceLoginAction = defineAction({
  name: 'deviceLogin.decide',
  access: sessionAccess,
  input: decideDeviceLoginSchema,
  async run({ input, db, caller, request }) {
    // The domain function accepts only an SSO session of the org where the caller is an active
    // person; a console password session is refused there with its reason.
    const decided = await decideDeviceLogin({
      db,
      sessionToken: caller.sessionToken,
      input,
      ip: request.ip,
    });
    return {
      data: decided,
      redirectTo: `/device?done=${decided.decision === 'approve' ? 'approved' : 'denied'}`,
    };
  },
});
