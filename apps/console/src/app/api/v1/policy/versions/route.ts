import { listPolicyVersions } from '@parapet/policy-admin';
import { z } from 'zod';
import { versionRow } from '@/server/api/policy-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The published versions, newest first. */
export const GET = defineRoute({
  name: 'policyApi.listVersions',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/policy/versions',
    summary: 'List the published policy versions',
    output: z.object({ versions: z.array(versionRow) }),
  },
  async run({ db, caller }) {
    return { versions: await listPolicyVersions({ db, actor: caller.actor }) };
  },
});
