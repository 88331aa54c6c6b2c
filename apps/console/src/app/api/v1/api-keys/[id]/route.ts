import { revokeApiKey } from '@parapet/accounts';
import { apiKeyRowSchema, revokeApiKeySchema } from '@parapet/accounts/schemas';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** Revokes an API key: it stops working at once. Answers with the key as it now is. */
export const DELETE = defineRoute({
  name: 'apiKeys.revoke',
  method: 'DELETE',
  access: apiAccess('owner'),
  input: revokeApiKeySchema,
  api: {
    path: '/api/v1/api-keys/{id}',
    summary: 'Revoke an API key (it stops working at once)',
    output: apiKeyRowSchema,
  },
  async run({ input, db, caller, request }) {
    return revokeApiKey({ db, actor: caller.actor, input, ip: request.ip });
  },
});
