import { getPolicyDraft, savePolicyDraft } from '@parapet/policy-admin';
import { policyFormatField } from '@parapet/policy-admin/schemas';
import { z } from 'zod';
import { draftOutput, ifMatchField, revisionEtag, savedDraftOutput } from '@/server/api/policy-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The baseline draft as written, with its problems and its revision as ETag. */
export const GET = defineRoute({
  name: 'policyApi.getBaseline',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/policy/baseline',
    summary: 'Read the baseline draft',
    output: draftOutput,
  },
  async run({ db, caller }) {
    return getPolicyDraft({ db, actor: caller.actor, input: { layer: 'baseline' } });
  },
  headers: (draft) => ({ ETag: revisionEtag(draft.revision) }),
});

/** Saves the baseline draft as sent (YAML or JSON), valid or not. Admins and owners. */
export const PUT = defineRoute({
  name: 'policyApi.saveBaseline',
  method: 'PUT',
  access: apiAccess('admin'),
  input: z.strictObject({ source: z.string(), format: policyFormatField, ifMatch: ifMatchField }),
  api: {
    path: '/api/v1/policy/baseline',
    summary: 'Save the baseline draft (If-Match: an older revision is refused with 412)',
    output: savedDraftOutput,
  },
  bodyKind: 'document',
  headerInput: { ifMatch: 'if-match' },
  async run({ input, db, caller, request }) {
    const { source, format, ifMatch } = input;
    return savePolicyDraft({
      db,
      actor: caller.actor,
      input: { layer: 'baseline', source, format, expectedRevision: ifMatch },
      ip: request.ip,
    });
  },
  headers: (saved) => ({ ETag: revisionEtag(saved.revision) }),
});
