import { simulatePolicy } from '@parapet/policy-admin';
import { simulatePolicySchema } from '@parapet/policy-admin/schemas';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * Decides requests as the drafts, the published version or any version would, for a set of
 * groups or a person: one decision per request, in order, exactly the engine's (a malformed
 * request is its own deny with a reason). Read-only, so auditors may call it.
 */
export const POST = defineRoute({
  name: 'policy.simulate',
  method: 'POST',
  access: apiAccess('auditor'),
  input: simulatePolicySchema,
  api: {
    path: '/api/v1/policy/simulate',
    summary: 'Simulate requests against the drafts, the published version or a version',
  },
  async run({ input, db, caller }) {
    return simulatePolicy({ db, actor: caller.actor, input });
  },
});
