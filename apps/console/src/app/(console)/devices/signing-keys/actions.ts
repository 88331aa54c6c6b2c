'use server';

import { retireSigningKey, rotateSigningKey } from '@parapet/distribution';
import { retireSigningKeySchema } from '@parapet/distribution/schemas';
import { z } from 'zod';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const rotateSigningKeyAction = defineAction({
  name: 'signingKeys.rotateKey',
  access: memberAccess('owner'),
  input: z.strictObject({}),
  async run({ db, caller, request }) {
    const view = await rotateSigningKey({ db, actor: caller.actor, ip: request.ip });
    return {
      data: null,
      message: `Key set ${view.currentKeySetVersion} adds a new key: bundles carry both signatures until you retire the previous key.`,
    };
  },
});

export const retireSigningKeyAction = defineAction({
  name: 'signingKeys.retireKey',
  access: memberAccess('owner'),
  input: retireSigningKeySchema,
  async run({ input, db, caller, request }) {
    const view = await retireSigningKey({ db, actor: caller.actor, input, ip: request.ip });
    return {
      data: null,
      message: `Key ${input.kid} is retired; key set ${view.currentKeySetVersion} leaves it out.`,
    };
  },
});
