import { diffPolicyVersions } from '@parapet/policy-admin';
import { z } from 'zod';
import { versionSegmentField } from '@/server/api/policy-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

const side = z.union([z.literal('draft'), versionSegmentField]);

/**
 * A rule-aware diff of two versions, or of a version and the drafts (`draft`): per document and
 * surface, rules added, removed, changed and moved, with a line diff of the source beside it.
 */
export const GET = defineRoute({
  name: 'policyApi.diff',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({ from: side, to: side }),
  api: { path: '/api/v1/policy/diff', summary: 'Compare two policy versions (or the drafts)' },
  async run({ input, db, caller }) {
    return diffPolicyVersions({ db, actor: caller.actor, input });
  },
});
