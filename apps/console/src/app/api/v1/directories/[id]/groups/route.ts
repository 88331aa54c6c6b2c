import { directoryGroupsSchema, listDirectoryGroups } from '@parapet/directory';
import { z } from 'zod';
import { directoryGroupOutput } from '@/server/api/directories-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** A directory's SCIM groups with member counts and the policy groups each maps to. */
export const GET = defineRoute({
  name: 'directories.groups',
  method: 'GET',
  access: apiAccess('auditor'),
  input: directoryGroupsSchema,
  api: {
    path: '/api/v1/directories/{id}/groups',
    summary: 'List a directory’s SCIM groups and their policy group mappings',
    output: z.object({ groups: z.array(directoryGroupOutput) }),
  },
  async run({ input, db, caller }) {
    return { groups: await listDirectoryGroups({ db, actor: caller.actor, input }) };
  },
});
