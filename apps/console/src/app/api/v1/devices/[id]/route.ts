import { getDevice } from '@parapet/distribution';
import { deviceIdSchema } from '@parapet/distribution/schemas';
import { deviceOutput } from '@/server/api/distribution-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

export const GET = defineRoute({
  name: 'devices.get',
  method: 'GET',
  access: apiAccess('auditor'),
  input: deviceIdSchema,
  api: { path: '/api/v1/devices/{id}', summary: 'Read a device', output: deviceOutput },
  async run({ input, db, caller }) {
    return getDevice({ db, actor: caller.actor, input });
  },
});
