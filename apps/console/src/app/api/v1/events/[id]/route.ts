import { eventIdSchema, getEvent } from '@parapet/audit/dashboards';
import { getPgPool } from '@parapet/db';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** One stored event: its columns, the body as the device sent it, and its chain facts. */
export const GET = defineRoute({
  name: 'events.get',
  method: 'GET',
  access: apiAccess('auditor'),
  input: eventIdSchema,
  api: {
    path: '/api/v1/events/{id}',
    summary: 'Read an audit event (with its body, hash and chain facts)',
    output: z
      .object({
        id: z.uuid(),
        hash: z.string(),
        hashMatches: z.boolean().describe('Whether the stored body still hashes to `hash`.'),
        body: z.record(z.string(), z.unknown()),
      })
      .loose(),
  },
  async run({ input, caller }) {
    return getEvent({ pool: getPgPool(), actor: caller.actor, input });
  },
});
