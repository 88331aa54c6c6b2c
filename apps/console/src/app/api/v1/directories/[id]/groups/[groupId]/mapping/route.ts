import { setDirectoryGroupMapping, setDirectoryGroupMappingSchema } from '@parapet/directory';
import { directoryGroupOutput } from '@/server/api/directories-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * Sets the policy groups a SCIM group maps to: `{ "policyGroups": ["eng"] }` replaces the
 * previous list (an empty list removes the mapping). Its members' policy changes at once.
 */
export const PUT = defineRoute({
  name: 'directories.setMapping',
  method: 'PUT',
  access: apiAccess('admin'),
  input: setDirectoryGroupMappingSchema,
  api: {
    path: '/api/v1/directories/{id}/groups/{groupId}/mapping',
    summary: 'Map a SCIM group to policy groups (replaces the list; members change at once)',
    output: directoryGroupOutput,
  },
  async run({ input, db, caller, request }) {
    return setDirectoryGroupMapping({ db, actor: caller.actor, input, ip: request.ip });
  },
});
