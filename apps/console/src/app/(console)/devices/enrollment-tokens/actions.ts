'use server';

import { createEnrollmentToken, revokeEnrollmentToken } from '@parapet/distribution';
import { revokeEnrollmentTokenSchema } from '@parapet/distribution/schemas';
import { enrollmentInstructions } from '@/server/enrollment-command';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { createEnrollmentTokenFormSchema } from './enrollment-token-form-schema';

export const createEnrollmentTokenAction = defineAction({
  name: 'enrollmentTokens.createToken',
  access: memberAccess('admin'),
  input: createEnrollmentTokenFormSchema,
  async run({ input, db, caller, request }) {
    const created = await createEnrollmentToken({ db, actor: caller.actor, input, ip: request.ip });
    // Shown once: only the token's hash is stored, so neither it nor its command can be shown
    // again.
    return {
      data: {
        label: created.name ?? created.prefix,
        token: created.token,
        reusable: created.reusable,
        expiresAt: created.expiresAt.toISOString(),
        ...enrollmentInstructions(created.token),
      },
      message: `Enrollment token “${created.name ?? created.prefix}” created.`,
    };
  },
});

export const revokeEnrollmentTokenAction = defineAction({
  name: 'enrollmentTokens.revokeToken',
  access: memberAccess('admin'),
  input: revokeEnrollmentTokenSchema,
  async run({ input, db, caller, request }) {
    const revoked = await revokeEnrollmentToken({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: `Enrollment token “${revoked.name ?? revoked.prefix}” revoked.` };
  },
});
