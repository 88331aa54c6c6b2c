import { rollbackPolicy } from '@parapet/policy-admin';
import { rollbackPolicySchema } from '@parapet/policy-admin/schemas';
import { publishedOutput } from '@/server/api/policy-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * Publishes an older version's content as a new version and resets the drafts to it, after
 * checking it again. Admins and owners (owners only if its guardrails differ from the draft's).
 */
export const POST = defineRoute({
  name: 'policyApi.rollback',
  method: 'POST',
  access: apiAccess('admin'),
  input: rollbackPolicySchema,
  api: {
    path: '/api/v1/policy/rollback',
    summary: 'Roll back: publish an older version’s content as a new version',
    output: publishedOutput,
  },
  async run({ input, db, caller, request }) {
    return rollbackPolicy({ db, actor: caller.actor, input, ip: request.ip });
  },
  status: 201,
});
