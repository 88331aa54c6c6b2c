import { createApiKey, listApiKeys } from '@parapet/accounts';
import { apiKeyRowSchema, createApiKeySchema } from '@parapet/accounts/schemas';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The organization's API keys, without their secrets. Read-only, so auditors may call it. */
export const GET = defineRoute({
  name: 'apiKeys.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/api-keys',
    summary: 'List the API keys (never their secrets)',
    output: z.object({ apiKeys: z.array(apiKeyRowSchema) }),
  },
  async run({ db, caller }) {
    return { apiKeys: await listApiKeys({ db, actor: caller.actor }) };
  },
});

/** A new API key; its secret is in this answer and nowhere else, ever. Owners only. */
export const POST = defineRoute({
  name: 'apiKeys.create',
  method: 'POST',
  access: apiAccess('owner'),
  input: createApiKeySchema,
  api: {
    path: '/api/v1/api-keys',
    summary: 'Create an API key (the answer holds its secret, shown once)',
    output: z.object({ id: z.uuid(), key: z.string().describe('`ppk_…`: store it now.') }),
  },
  status: 201,
  async run({ input, db, caller, request }) {
    const { id, key } = await createApiKey({ db, actor: caller.actor, input, ip: request.ip });
    return { id, key };
  },
});
