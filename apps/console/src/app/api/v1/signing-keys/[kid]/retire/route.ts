import { retireSigningKey } from '@parapet/distribution';
import { retireSigningKeySchema } from '@parapet/distribution/schemas';
import { signingKeysOutput } from '@/server/api/distribution-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** Retires a key left over from a rotation: the next key set and bundles leave it out. Owners. */
export const POST = defineRoute({
  name: 'signingKeys.retire',
  method: 'POST',
  access: apiAccess('owner'),
  input: retireSigningKeySchema,
  api: {
    path: '/api/v1/signing-keys/{kid}/retire',
    summary: 'Retire a signing key left over from a rotation',
    output: signingKeysOutput,
  },
  async run({ input, db, caller, request }) {
    return retireSigningKey({ db, actor: caller.actor, input, ip: request.ip });
  },
});
