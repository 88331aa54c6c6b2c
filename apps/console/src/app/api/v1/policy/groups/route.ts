import { listPolicyGroups } from '@parapet/policy-admin';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

const groupRow = z.object({
  name: z.string(),
  description: z.string(),
  members: z.number(),
  activeMembers: z.number(),
  draftRevision: z.number(),
  draftUpdatedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

/** The organization's policy groups, in layer order, with member counts. */
export const GET = defineRoute({
  name: 'policyApi.listGroups',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/policy/groups',
    summary: 'List the policy groups',
    output: z.object({ groups: z.array(groupRow) }),
  },
  async run({ db, caller }) {
    return { groups: await listPolicyGroups({ db, actor: caller.actor }) };
  },
});
