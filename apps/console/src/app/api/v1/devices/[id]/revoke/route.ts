import { revokeDevice } from '@parapet/distribution';
import { revokeDeviceSchema } from '@parapet/distribution/schemas';
import { deviceOutput } from '@/server/api/distribution-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** Revokes a device: the edge refuses it from its next request on (403 DEVICE_REVOKED). */
export const POST = defineRoute({
  name: 'devices.revoke',
  method: 'POST',
  access: apiAccess('admin'),
  input: revokeDeviceSchema,
  api: {
    path: '/api/v1/devices/{id}/revoke',
    summary: 'Revoke a device (cut off at its next request)',
    output: deviceOutput,
  },
  async run({ input, db, caller, request }) {
    return revokeDevice({ db, actor: caller.actor, input, ip: request.ip });
  },
});
