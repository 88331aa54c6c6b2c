import { rotateSigningKey } from '@parapet/distribution';
import { z } from 'zod';
import { signingKeysOutput } from '@/server/api/distribution-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * Adds a new signing key beside the current one, in a key set signed by both: bundles carry both
 * signatures until the previous key is retired. Owners only.
 */
export const POST = defineRoute({
  name: 'signingKeys.rotate',
  method: 'POST',
  access: apiAccess('owner'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/signing-keys/rotate',
    summary: 'Rotate: add a new signing key beside the current one',
    output: signingKeysOutput,
  },
  status: 201,
  async run({ db, caller, request }) {
    return rotateSigningKey({ db, actor: caller.actor, ip: request.ip });
  },
});
