import { publishPolicy } from '@parapet/policy-admin';
import { publishPolicySchema } from '@parapet/policy-admin/schemas';
import { publishedOutput } from '@/server/api/policy-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * Publishes the drafts as the next version once the whole policy compiles and every test
 * passes; otherwise 422 with POLICY_INVALID or POLICY_TESTS_FAILED and every problem in
 * `issues`. Admins and owners.
 */
export const POST = defineRoute({
  name: 'policyApi.publish',
  method: 'POST',
  access: apiAccess('admin'),
  input: publishPolicySchema,
  api: {
    path: '/api/v1/policy/publish',
    summary: 'Publish the drafts as the next version (422 with every issue or failing test)',
    output: publishedOutput,
  },
  async run({ input, db, caller, request }) {
    return publishPolicy({ db, actor: caller.actor, input, ip: request.ip });
  },
  status: 201,
});
