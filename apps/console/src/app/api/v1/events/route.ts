import { listEvents, listEventsSchema } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

const eventItem = z
  .object({
    id: z.uuid(),
    time: z.iso.datetime(),
    deviceId: z.uuid(),
    surface: z.string(),
    decision: z.string(),
    mode: z.string(),
    resource: z.string(),
    chain: z.string(),
  })
  .loose();

/**
 * Stored decision events, newest first, filtered like the dashboards (`range` or `from`/`to`,
 * `person`, `device`, `group`, `surface`, `decision`, `mode`, `rule`), a page at a time.
 */
export const GET = defineRoute({
  name: 'events.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: listEventsSchema,
  api: {
    path: '/api/v1/events',
    summary: 'List audit events (filtered; paged: pass `nextCursor` as `cursor`)',
    output: z.object({ events: z.array(eventItem), nextCursor: z.string().nullable() }),
  },
  async run({ input, caller }) {
    return listEvents({ pool: getPgPool(), actor: caller.actor, input });
  },
});
