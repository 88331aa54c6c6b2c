import { listDevices } from '@parapet/distribution';
import { listDevicesSchema } from '@parapet/distribution/schemas';
import { z } from 'zod';
import { deviceOutput } from '@/server/api/distribution-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * One page of the enrolled devices with the org's current bundle generation, so `activeVer`
 * reads against it; filter by `state`, `person`, `group` or a search `q`.
 */
export const GET = defineRoute({
  name: 'devices.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: listDevicesSchema,
  api: {
    path: '/api/v1/devices',
    summary: 'List devices (paged: pass `nextCursor` as `cursor`)',
    output: z.object({
      devices: z.array(deviceOutput),
      generation: z.number().int().describe('The org’s current bundle generation (`ver`).'),
      nextCursor: z.string().nullable(),
    }),
  },
  async run({ input, db, caller }) {
    return listDevices({ db, actor: caller.actor, input });
  },
});
