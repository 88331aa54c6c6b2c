import { listDeviceChains, listDeviceChainsSchema } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** Each device's event chain as ingestion saw it (ok, gaps, breaks, late), irregular first. */
export const GET = defineRoute({
  name: 'audit.chains.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: listDeviceChainsSchema,
  api: {
    path: '/api/v1/audit/chains',
    summary: 'List device chain status (gaps, missing events, breaks, late events)',
    output: z
      .object({
        devices: z.array(z.object({ deviceId: z.uuid(), state: z.string() }).loose()),
        counts: z.record(z.string(), z.number()),
      })
      .loose(),
  },
  async run({ input, caller }) {
    return listDeviceChains({ pool: getPgPool(), actor: caller.actor, input });
  },
});
