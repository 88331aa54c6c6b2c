import { listSigningKeys } from '@parapet/distribution';
import { z } from 'zod';
import { signingKeysOutput } from '@/server/api/distribution-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The org's bundle-signing keys (public parts only) and its key-set chain. */
export const GET = defineRoute({
  name: 'signingKeys.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/signing-keys',
    summary: 'List the signing keys and key-set versions',
    output: signingKeysOutput,
  },
  async run({ db, caller }) {
    return listSigningKeys({ db, actor: caller.actor });
  },
});
