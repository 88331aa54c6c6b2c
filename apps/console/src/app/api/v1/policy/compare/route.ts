import { comparePolicies } from '@parapet/policy-admin';
import { comparePoliciesSchema } from '@parapet/policy-admin/schemas';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The requests whose decision would change between two policies (published → drafts). */
export const POST = defineRoute({
  name: 'policy.compare',
  method: 'POST',
  access: apiAccess('auditor'),
  input: comparePoliciesSchema,
  api: {
    path: '/api/v1/policy/compare',
    summary: 'List the requests whose decision changes between two policies',
  },
  async run({ input, db, caller }) {
    return comparePolicies({ db, actor: caller.actor, input });
  },
});
