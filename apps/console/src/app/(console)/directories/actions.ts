'use server';

import {
  createDirectory,
  deleteDirectory,
  rotateDirectoryToken,
  setDirectoryGroupMapping,
} from '@parapet/directory';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import {
  createDirectoryFormSchema,
  directoryFormSchema,
  groupMappingFormSchema,
} from './directory-form-schemas';

export const createDirectoryAction = defineAction({
  name: 'directories.createDirectory',
  access: memberAccess('owner'),
  input: createDirectoryFormSchema,
  async run({ input, db, caller, request }) {
    const created = await createDirectory({
      db,
      actor: caller.actor,
      input,
      origin: request.origin,
      ip: request.ip,
    });
    // Shown once: only the token's hash is stored.
    return {
      data: {
        id: created.id,
        name: created.name,
        scimBaseUrl: created.scimBaseUrl,
        token: created.token,
      },
      message: `Directory “${created.name}” created.`,
    };
  },
});

export const rotateDirectoryTokenAction = defineAction({
  name: 'directories.rotateDirectoryToken',
  access: memberAccess('owner'),
  input: directoryFormSchema,
  async run({ input, db, caller, request }) {
    const { token } = await rotateDirectoryToken({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
    });
    return { data: { token }, message: 'A new token replaced the old one, which no longer works.' };
  },
});

export const deleteDirectoryAction = defineAction({
  name: 'directories.deleteDirectory',
  access: memberAccess('owner'),
  input: directoryFormSchema,
  async run({ input, db, caller, request }) {
    const deleted = await deleteDirectory({ db, actor: caller.actor, input, ip: request.ip });
    return {
      data: null,
      message: `Directory “${deleted.name}” deleted.`,
      redirectTo: '/directories',
    };
  },
});

export const setGroupMappingAction = defineAction({
  name: 'directories.setGroupMapping',
  access: memberAccess('admin'),
  input: groupMappingFormSchema,
  async run({ input, db, caller, request }) {
    const group = await setDirectoryGroupMapping({
      db,
      actor: caller.actor,
      input: { id: input.id, groupId: input.groupId, policyGroups: input.groups },
      ip: request.ip,
    });
    const to = group.policyGroups.length === 0 ? 'no policy group' : group.policyGroups.join(', ');
    return { data: null, message: `“${group.displayName}” now maps to ${to}.` };
  },
});
