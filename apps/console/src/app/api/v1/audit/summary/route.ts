import { eventFiltersSchema, loadDashboard } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The compliance dashboard's panels for the filters, as the Audit page shows them. */
export const GET = defineRoute({
  name: 'audit.summary',
  method: 'GET',
  access: apiAccess('auditor'),
  input: eventFiltersSchema,
  api: {
    path: '/api/v1/audit/summary',
    summary: 'Dashboard panels: decisions over time, top denied, audit-mode hits, breakdowns',
    output: z
      .object({
        from: z.iso.datetime(),
        to: z.iso.datetime(),
        source: z.enum(['rollups', 'events']),
        totals: z.object({
          events: z.number(),
          allow: z.number(),
          deny: z.number(),
          ask: z.number(),
          auditDeny: z.number(),
        }),
      })
      .loose(),
  },
  async run({ input, caller }) {
    return loadDashboard({ pool: getPgPool(), actor: caller.actor, input });
  },
});
