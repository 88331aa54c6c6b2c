'use server';

import {
  createPolicyGroup,
  deletePolicyGroup,
  publishPolicy,
  rollbackPolicy,
  savePolicyDraft,
} from '@parapet/policy-admin';
import { createPolicyGroupSchema, deletePolicyGroupSchema } from '@parapet/policy-admin/schemas';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { publishFormSchema, rollbackFormSchema, saveDraftFormSchema } from './policy-forms';

export const createPolicyGroupAction = defineAction({
  name: 'policy.createGroup',
  access: memberAccess('admin'),
  input: createPolicyGroupSchema,
  async run({ input, db, caller, request }) {
    const group = await createPolicyGroup({ db, actor: caller.actor, input, ip: request.ip });
    return { data: { name: group.name }, message: `Group “${group.name}” created.` };
  },
});

export const deletePolicyGroupAction = defineAction({
  name: 'policy.deleteGroup',
  access: memberAccess('admin'),
  input: deletePolicyGroupSchema,
  async run({ input, db, caller, request }) {
    const deleted = await deletePolicyGroup({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: `Group “${deleted.name}” deleted.` };
  },
});

export const savePolicyDraftAction = defineAction({
  name: 'policy.saveDraft',
  access: memberAccess('admin'),
  input: saveDraftFormSchema,
  async run({ input, db, caller, request }) {
    const saved = await savePolicyDraft({ db, actor: caller.actor, input, ip: request.ip });
    const problems = saved.issues.length;
    return {
      data: { revision: saved.revision, problems },
      message:
        problems === 0
          ? `Saved as revision ${saved.revision}.`
          : `Saved as revision ${saved.revision}, with ${problems} ${problems === 1 ? 'problem' : 'problems'} to fix before publishing.`,
    };
  },
});

export const publishPolicyAction = defineAction({
  name: 'policy.publish',
  access: memberAccess('admin'),
  input: publishFormSchema,
  async run({ input, db, caller, request }) {
    const published = await publishPolicy({
      db,
      actor: caller.actor,
      input: { message: input.message, expectedRevisions: input.reviewed },
      ip: request.ip,
    });
    return {
      data: { version: published.version },
      message: `Published version ${published.version}.`,
    };
  },
});

export const rollbackPolicyAction = defineAction({
  name: 'policy.rollback',
  access: memberAccess('admin'),
  input: rollbackFormSchema,
  async run({ input, db, caller, request }) {
    const published = await rollbackPolicy({ db, actor: caller.actor, input, ip: request.ip });
    return {
      data: { version: published.version },
      message: `Published version ${published.version} with the content of version ${input.version}.`,
    };
  },
});
