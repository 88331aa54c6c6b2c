import { directoryIdSchema, rotateDirectoryToken } from '@parapet/directory';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** A new token for a directory; the old one is refused from now on. */
export const POST = defineRoute({
  name: 'directories.rotateToken',
  method: 'POST',
  access: apiAccess('owner'),
  input: directoryIdSchema,
  api: {
    path: '/api/v1/directories/{id}/rotate-token',
    summary: 'Replace a directory’s token (the old one stops at once; the new one is shown once)',
    output: z.object({ token: z.string() }),
  },
  async run({ input, db, caller, request }) {
    return rotateDirectoryToken({ db, actor: caller.actor, input, ip: request.ip });
  },
});
