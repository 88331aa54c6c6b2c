import { getPolicyVersion } from '@parapet/policy-admin';
import { z } from 'zod';
import { versionRow, versionSegmentField } from '@/server/api/policy-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** One published version with the source of every document and its compile result. */
export const GET = defineRoute({
  name: 'policyApi.getVersion',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({ version: versionSegmentField }),
  api: {
    path: '/api/v1/policy/versions/{version}',
    summary: 'Read a published policy version',
    output: versionRow.extend({
      documents: z.array(
        z.object({
          layer: z.string(),
          format: z.enum(['yaml', 'json']),
          source: z.string(),
          revision: z.number(),
        }),
      ),
      compileResult: z.object({}).loose(),
    }),
  },
  async run({ input, db, caller }) {
    return getPolicyVersion({ db, actor: caller.actor, input });
  },
});
