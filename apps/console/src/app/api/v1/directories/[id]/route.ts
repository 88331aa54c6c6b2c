import { deleteDirectory, directoryIdSchema, getDirectory } from '@parapet/directory';
import { directoryOutput } from '@/server/api/directories-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

export const GET = defineRoute({
  name: 'directories.get',
  method: 'GET',
  access: apiAccess('auditor'),
  input: directoryIdSchema,
  api: {
    path: '/api/v1/directories/{id}',
    summary: 'Read a SCIM directory connection (never its token)',
    output: directoryOutput,
  },
  async run({ input, db, caller, request }) {
    return getDirectory({ db, actor: caller.actor, input, origin: request.origin });
  },
});

/**
 * Deletes a directory connection: its token stops working; its people stay, detached, and lose
 * the policy groups they held through it.
 */
export const DELETE = defineRoute({
  name: 'directories.delete',
  method: 'DELETE',
  access: apiAccess('owner'),
  input: directoryIdSchema,
  api: { path: '/api/v1/directories/{id}', summary: 'Delete a SCIM directory connection' },
  status: 204,
  async run({ input, db, caller, request }) {
    await deleteDirectory({ db, actor: caller.actor, input, ip: request.ip });
    return null;
  },
});
