import { createDirectory, createDirectorySchema, listDirectories } from '@parapet/directory';
import { z } from 'zod';
import { createdDirectoryOutput, directoryOutput } from '@/server/api/directories-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The organization's SCIM directory connections, with sync and error counts. */
export const GET = defineRoute({
  name: 'directories.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/directories',
    summary: 'List the SCIM directory connections (base URL, last sync, counts; never tokens)',
    output: z.object({ directories: z.array(directoryOutput) }),
  },
  async run({ db, caller, request }) {
    return {
      directories: await listDirectories({ db, actor: caller.actor, origin: request.origin }),
    };
  },
});

/**
 * A new SCIM directory connection: `{ "name" }`. The answer holds the base URL and the bearer
 * token to paste into the IdP; the token is never shown again (rotate it if it is lost).
 */
export const POST = defineRoute({
  name: 'directories.create',
  method: 'POST',
  access: apiAccess('owner'),
  input: createDirectorySchema,
  api: {
    path: '/api/v1/directories',
    summary: 'Add a SCIM directory connection (its token is shown once)',
    output: createdDirectoryOutput,
  },
  status: 201,
  async run({ input, db, caller, request }) {
    const created = await createDirectory({
      db,
      actor: caller.actor,
      input,
      origin: request.origin,
      ip: request.ip,
    });
    return {
      id: created.id,
      name: created.name,
      scimBaseUrl: created.scimBaseUrl,
      token: created.token,
    };
  },
});
