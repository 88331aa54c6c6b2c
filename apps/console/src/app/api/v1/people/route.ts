import { createPerson, listPeople } from '@parapet/policy-admin';
import { createPersonSchema, listPeopleSchema } from '@parapet/policy-admin/schemas';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';
import { personOutput } from './person-output';

/** One page of the directory, by email; filter by `group`, `active` or `search`. */
export const GET = defineRoute({
  name: 'people.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: listPeopleSchema,
  api: {
    path: '/api/v1/people',
    summary: 'List people (paged by email: pass `nextAfter` as `after`)',
    output: z.object({
      people: z.array(personOutput),
      total: z.number().int(),
      nextAfter: z.string().optional(),
    }),
  },
  async run({ input, db, caller }) {
    return listPeople({ db, actor: caller.actor, input });
  },
});

/** Adds a person to the directory, in the named groups. */
export const POST = defineRoute({
  name: 'people.create',
  method: 'POST',
  access: apiAccess('admin'),
  input: createPersonSchema,
  api: { path: '/api/v1/people', summary: 'Add a person', output: personOutput },
  status: 201,
  async run({ input, db, caller, request }) {
    return createPerson({ db, actor: caller.actor, input, ip: request.ip });
  },
});
