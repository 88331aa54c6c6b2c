'use server';

import { revokeDevice } from '@parapet/distribution';
import { revokeDeviceSchema } from '@parapet/distribution/schemas';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const revokeDeviceAction = defineAction({
  name: 'devices.revokeDevice',
  access: memberAccess('admin'),
  input: revokeDeviceSchema,
  async run({ input, db, caller, request }) {
    const device = await revokeDevice({ db, actor: caller.actor, input, ip: request.ip });
    return {
      data: null,
      message: `${device.hostname} is revoked: the edge refuses it from its next request on.`,
    };
  },
});
