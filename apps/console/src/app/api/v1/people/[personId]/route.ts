import { getPerson, updatePerson } from '@parapet/policy-admin';
import { personIdSchema, updatePersonSchema } from '@parapet/policy-admin/schemas';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';
import { personOutput } from '../person-output';

export const GET = defineRoute({
  name: 'people.get',
  method: 'GET',
  access: apiAccess('auditor'),
  input: personIdSchema,
  api: { path: '/api/v1/people/{personId}', summary: 'Read a person', output: personOutput },
  async run({ input, db, caller }) {
    return getPerson({ db, actor: caller.actor, input });
  },
});

/**
 * Changes the fields given (display name, external id, groups, active) and leaves the others:
 * `{ "active": false }` deactivates; null clears a display name or external id. People are
 * never deleted, so the activity log keeps naming who they were.
 */
export const PUT = defineRoute({
  name: 'people.update',
  method: 'PUT',
  access: apiAccess('admin'),
  input: updatePersonSchema,
  api: {
    path: '/api/v1/people/{personId}',
    summary: 'Change a person (only the fields given; `active: false` deactivates)',
    output: personOutput,
  },
  async run({ input, db, caller, request }) {
    return updatePerson({ db, actor: caller.actor, input, ip: request.ip });
  },
});
