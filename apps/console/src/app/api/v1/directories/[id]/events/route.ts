import { listDirectoryEvents, listDirectoryEventsSchema } from '@parapet/directory';
import { z } from 'zod';
import { directoryEventOutput } from '@/server/api/directories-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * A directory's event log, newest first: `outcome` (ok, refused, error) filters, `limit` (up to
 * 200) sizes a page, and `cursor` (a page's `nextCursor`) continues.
 */
export const GET = defineRoute({
  name: 'directories.events',
  method: 'GET',
  access: apiAccess('auditor'),
  input: listDirectoryEventsSchema,
  api: {
    path: '/api/v1/directories/{id}/events',
    summary: 'Read a directory’s event log (newest first; filter by outcome; keyset paging)',
    output: z.object({
      events: z.array(directoryEventOutput),
      nextCursor: z.string().nullable(),
    }),
  },
  async run({ input, db, caller }) {
    return listDirectoryEvents({ db, actor: caller.actor, input });
  },
});
