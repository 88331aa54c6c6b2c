import { getPolicyDraft, savePolicyDraft } from '@parapet/policy-admin';
import { policyFormatField } from '@parapet/policy-admin/schemas';
import { z } from 'zod';
import { draftOutput, ifMatchField, revisionEtag, savedDraftOutput } from '@/server/api/policy-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The guardrails draft as written, with its problems and its revision as ETag. */
export const GET = defineRoute({
  name: 'policyApi.getGuardrails',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/policy/guardrails',
    summary: 'Read the guardrails draft',
    output: draftOutput,
  },
  async run({ db, caller }) {
    return getPolicyDraft({ db, actor: caller.actor, input: { layer: 'guardrails' } });
  },
  headers: (draft) => ({ ETag: revisionEtag(draft.revision) }),
});

/** Saves the guardrails draft as sent (YAML or JSON), valid or not. Owners only. */
export const PUT = defineRoute({
  name: 'policyApi.saveGuardrails',
  method: 'PUT',
  access: apiAccess('owner'),
  input: z.strictObject({ source: z.string(), format: policyFormatField, ifMatch: ifMatchField }),
  api: {
    path: '/api/v1/policy/guardrails',
    summary: 'Save the guardrails draft (If-Match: an older revision is refused with 412)',
    output: savedDraftOutput,
  },
  bodyKind: 'document',
  headerInput: { ifMatch: 'if-match' },
  async run({ input, db, caller, request }) {
    const { source, format, ifMatch } = input;
    return savePolicyDraft({
      db,
      actor: caller.actor,
      input: { layer: 'guardrails', source, format, expectedRevision: ifMatch },
      ip: request.ip,
    });
  },
  headers: (saved) => ({ ETag: revisionEtag(saved.revision) }),
});
