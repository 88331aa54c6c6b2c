import { deletePolicyGroup, getPolicyDraft, savePolicyDraft } from '@parapet/policy-admin';
import { groupNameField, policyFormatField } from '@parapet/policy-admin/schemas';
import { z } from 'zod';
import { draftOutput, ifMatchField, revisionEtag, savedDraftOutput } from '@/server/api/policy-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

const path = '/api/v1/policy/groups/{group}';

/** A group's draft as written, with its problems and its revision as ETag. */
export const GET = defineRoute({
  name: 'policyApi.getGroup',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({ group: groupNameField }),
  api: { path, summary: 'Read a policy group’s draft', output: draftOutput },
  async run({ input, db, caller }) {
    return getPolicyDraft({ db, actor: caller.actor, input: { layer: `group:${input.group}` } });
  },
  headers: (draft) => ({ ETag: revisionEtag(draft.revision) }),
});

/**
 * Saves a group's draft as sent (YAML or JSON), valid or not; a group that does not exist yet
 * is created (201). Admins and owners.
 */
export const PUT = defineRoute({
  name: 'policyApi.saveGroup',
  method: 'PUT',
  access: apiAccess('admin'),
  input: z.strictObject({
    group: groupNameField,
    source: z.string(),
    format: policyFormatField,
    ifMatch: ifMatchField,
  }),
  api: {
    path,
    summary: 'Save a policy group’s draft, creating the group if new (If-Match: 412 if stale)',
    output: savedDraftOutput,
  },
  bodyKind: 'document',
  headerInput: { ifMatch: 'if-match' },
  async run({ input, db, caller, request }) {
    const { group, source, format, ifMatch } = input;
    return savePolicyDraft({
      db,
      actor: caller.actor,
      input: { layer: `group:${group}`, source, format, expectedRevision: ifMatch },
      ip: request.ip,
    });
  },
  status: (saved) => (saved.groupCreated ? 201 : 200),
  headers: (saved) => ({ ETag: revisionEtag(saved.revision) }),
});

/** Deletes a group with its draft and its people's memberships. Admins and owners. */
export const DELETE = defineRoute({
  name: 'policyApi.deleteGroup',
  method: 'DELETE',
  access: apiAccess('admin'),
  input: z.strictObject({ group: groupNameField }),
  api: {
    path,
    summary: 'Delete a policy group (its draft and memberships go with it)',
    output: z.object({ name: z.string(), members: z.number() }),
  },
  async run({ input, db, caller, request }) {
    return deletePolicyGroup({
      db,
      actor: caller.actor,
      input: { name: input.group },
      ip: request.ip,
    });
  },
});
