import { exportPolicyArchive } from '@parapet/policy-admin';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * The drafts, or one published version (`?version=n`), as a .tar.gz of the folder
 * `parapet-policy check` reads (what `parapet-policy pull` fetches). Any member.
 */
export const GET = defineRoute({
  name: 'policyApi.export',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({
    version: z.coerce
      .number({ error: 'A version is a whole number.' })
      .int('A version is a whole number.')
      .min(1, 'Versions start at 1.')
      .max(2_147_483_647, 'There is no such version.')
      .optional(),
  }),
  api: {
    path: '/api/v1/policy/export',
    summary: 'Download the drafts (or ?version=n) as a .tar.gz policy folder',
  },
  async run({ input, db, caller }) {
    return exportPolicyArchive({ db, actor: caller.actor, version: input.version });
  },
  file: ({ fileName, archive }) => ({
    name: fileName,
    contentType: 'application/gzip',
    content: archive,
  }),
});
