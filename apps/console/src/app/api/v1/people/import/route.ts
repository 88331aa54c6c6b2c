import { applyPeopleImport, previewPeopleImport } from '@parapet/policy-admin';
import { booleanField } from '@parapet/policy-admin/schemas';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

const importSchema = z.strictObject({
  csv: z.string({ error: 'Send the people as CSV text.' }),
  preview: booleanField.optional(),
});

/**
 * Imports people from a CSV body (`Content-Type: text/csv`): with `?preview=true` it answers
 * what would change and every bad line, writing nothing; otherwise it applies every line or,
 * if any is bad, none (400, each bad line in `issues`).
 */
export const POST = defineRoute({
  name: 'people.import',
  method: 'POST',
  access: apiAccess('admin'),
  input: importSchema,
  bodyKind: 'csv',
  api: {
    path: '/api/v1/people/import',
    summary: 'Import people from CSV (header row; groups separated by ";"), or preview it',
  },
  async run({ input, db, caller, request }) {
    const { csv, preview } = input;
    if (preview) return previewPeopleImport({ db, actor: caller.actor, csv });
    return applyPeopleImport({ db, actor: caller.actor, csv, ip: request.ip });
  },
});
