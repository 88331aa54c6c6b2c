import { importPolicyArchive } from '@parapet/policy-admin';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

const policyIssue = z.object({
  layer: z.string(),
  path: z.string(),
  line: z.number().int().optional(),
  message: z.string(),
});

/**
 * Loads a .tar.gz policy folder into the drafts (what `parapet-policy push` sends): checked
 * whole before anything is saved; each changed document gets a new revision and its problems.
 * Admins and owners (owners alone when it holds guardrails).
 */
export const POST = defineRoute({
  name: 'policyApi.import',
  method: 'POST',
  access: apiAccess('admin'),
  bodyKind: 'archive',
  input: z.strictObject({
    archive: z.custom<Buffer>((value) => Buffer.isBuffer(value), {
      error: 'Send the archive as the request body (Content-Type: application/gzip).',
    }),
  }),
  api: {
    path: '/api/v1/policy/import',
    summary: 'Load a .tar.gz policy folder into the drafts',
    output: z.object({
      documents: z.array(
        z.object({
          layer: z.string(),
          revision: z.number().int(),
          changed: z.boolean(),
          issues: z.array(policyIssue),
        }),
      ),
      groupsNotInArchive: z.array(z.string()),
    }),
  },
  async run({ input, db, caller, request }) {
    return importPolicyArchive({ db, actor: caller.actor, archive: input.archive, ip: request.ip });
  },
});
