import type { Role } from '@parapet/db';
import { getPolicyDraft, savePolicyDraft } from '@parapet/policy-admin';
import { policyFormatField } from '@parapet/policy-admin/schemas';
import { z } from 'zod';
import { apiAccess } from '../entry-points/access';
import { defineRoute } from '../entry-points/entry-points';
import { draftOutput, ifMatchField, revisionEtag, savedDraftOutput } from './policy-api';

/**
 * `GET` and `PUT /api/v1/policy/<layer>` for the org's one guardrails or baseline document: the
 * draft as written with its problems and its revision as ETag, and a save of the document as
 * sent (YAML or JSON), valid or not, refused with 412 when `If-Match` names an older revision.
 * The two routes differ only in their layer and in who may save.
 */
export function fixedLayerDraftRoutes({
  layer,
  routeName,
  saveRole,
}: {
  layer: 'guardrails' | 'baseline';
  /** `Guardrails` → `policyApi.getGuardrails`, `policyApi.saveGuardrails`. */
  routeName: string;
  saveRole: Role;
}) {
  const path = `/api/v1/policy/${layer}`;
  const GET = defineRoute({
    name: `policyApi.get${routeName}`,
    method: 'GET',
    access: apiAccess('auditor'),
    input: z.strictObject({}),
    api: { path, summary: `Read the ${layer} draft`, output: draftOutput },
    async run({ db, caller }) {
      return getPolicyDraft({ db, actor: caller.actor, input: { layer } });
    },
    headers: (draft) => ({ ETag: revisionEtag(draft.revision) }),
  });
  const PUT = defineRoute({
    name: `policyApi.save${routeName}`,
    method: 'PUT',
    access: apiAccess(saveRole),
    input: z.strictObject({ source: z.string(), format: policyFormatField, ifMatch: ifMatchField }),
    api: {
      path,
      summary: `Save the ${layer} draft (If-Match: an older revision is refused with 412)`,
      output: savedDraftOutput,
    },
    bodyKind: 'document',
    headerInput: { ifMatch: 'if-match' },
    async run({ input, db, caller, request }) {
      const { source, format, ifMatch } = input;
      return savePolicyDraft({
        db,
        actor: caller.actor,
        input: { layer, source, format, expectedRevision: ifMatch },
        ip: request.ip,
      });
    },
    headers: (saved) => ({ ETag: revisionEtag(saved.revision) }),
  });
  return { GET, PUT };
}
