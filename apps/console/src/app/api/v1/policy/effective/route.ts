import { getEffectivePolicy } from '@parapet/policy-admin';
import { getEffectivePolicySchema } from '@parapet/policy-admin/schemas';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * The effective policy, exactly the engine's toJSON, for `?groups=a,b` or `?person=<email>` (an
 * inactive person's is guardrails and baseline alone), of the published version unless
 * `?against=draft` or a version number.
 */
export const GET = defineRoute({
  name: 'policy.effective',
  method: 'GET',
  access: apiAccess('auditor'),
  input: getEffectivePolicySchema,
  api: {
    path: '/api/v1/policy/effective',
    summary: 'The effective policy for a set of groups or a person',
  },
  async run({ input, db, caller }) {
    const { effectivePolicy } = await getEffectivePolicy({ db, actor: caller.actor, input });
    return effectivePolicy;
  },
});
