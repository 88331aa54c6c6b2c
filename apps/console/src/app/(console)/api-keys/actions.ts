'use server';

import { createApiKey, revokeApiKey } from '@parapet/accounts';
import { createApiKeySchema, revokeApiKeySchema, roleLabels } from '@parapet/accounts/schemas';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const createApiKeyAction = defineAction({
  name: 'apiKeys.createKey',
  access: memberAccess('owner'),
  input: createApiKeySchema,
  async run({ input, db, caller, request }) {
    const created = await createApiKey({ db, actor: caller.actor, input, ip: request.ip });
    return {
      // Shown once: only the key's hash is stored, so it cannot be shown again.
      data: { name: input.name, role: input.role, key: created.key },
      message: `API key “${input.name}” created as ${roleLabels[input.role]}.`,
    };
  },
});

export const revokeApiKeyAction = defineAction({
  name: 'apiKeys.revokeKey',
  access: memberAccess('owner'),
  input: revokeApiKeySchema,
  async run({ input, db, caller, request }) {
    const revoked = await revokeApiKey({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: `API key “${revoked.name}” revoked.` };
  },
});
