import { exportEvents, exportEventsSchema } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * The filtered events as a CSV or NDJSON download, oldest first, streamed from a server-side
 * cursor. `X-Parapet-Total-Events` says how many rows follow (counted in the export's own
 * snapshot), so a client can show progress as rows arrive.
 */
export const GET = defineRoute({
  name: 'events.export',
  method: 'GET',
  access: apiAccess('auditor'),
  input: exportEventsSchema,
  api: {
    path: '/api/v1/events/export',
    summary: 'Export audit events as CSV or NDJSON (streamed; X-Parapet-Total-Events)',
  },
  async run({ input, caller }) {
    return exportEvents({ pool: getPgPool(), actor: caller.actor, input });
  },
  stream: async (plan) => {
    const { total, body } = await plan.start();
    return {
      name: plan.filename,
      contentType: plan.contentType,
      headers: {
        'X-Parapet-Total-Events': String(total),
        'Access-Control-Expose-Headers': 'X-Parapet-Total-Events',
      },
      body,
    };
  },
});
