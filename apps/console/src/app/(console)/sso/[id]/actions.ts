'use server';

import { deleteConnection, updateSsoConnection } from '@parapet/identity';
import { z } from 'zod';
import { consoleJackson } from '@/server/auth/saml-jackson';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { updateConnectionFormSchema } from '../sso-form-input';

export const updateSsoConnectionAction = defineAction({
  name: 'sso.updateConnection',
  access: memberAccess('owner'),
  input: updateConnectionFormSchema,
  async run({ input, db, caller, request }) {
    const { id, ...changes } = input;
    await updateSsoConnection({ db, actor: caller.actor, id, input: changes, ip: request.ip });
    return { data: null, message: 'Saved. The mapping applies from each person’s next sign-in.' };
  },
});

export const deleteSsoConnectionAction = defineAction({
  name: 'sso.deleteConnection',
  access: memberAccess('owner'),
  input: z.object({ id: z.uuid() }),
  async run({ input, db, caller, request }) {
    await deleteConnection({
      db,
      actor: caller.actor,
      jackson: () => consoleJackson(request.origin),
      id: input.id,
      ip: request.ip,
    });
    return { data: null, redirectTo: '/sso' };
  },
});
