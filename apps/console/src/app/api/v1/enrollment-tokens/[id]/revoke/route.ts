import { revokeEnrollmentToken } from '@parapet/distribution';
import { revokeEnrollmentTokenSchema } from '@parapet/distribution/schemas';
import { enrollmentTokenOutput } from '@/server/api/distribution-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** Revokes an enrollment token: no device can enroll with it any more; enrolled ones stay. */
export const POST = defineRoute({
  name: 'enrollmentTokens.revoke',
  method: 'POST',
  access: apiAccess('admin'),
  input: revokeEnrollmentTokenSchema,
  api: {
    path: '/api/v1/enrollment-tokens/{id}/revoke',
    summary: 'Revoke an enrollment token (devices enrolled with it stay enrolled)',
    output: enrollmentTokenOutput,
  },
  async run({ input, db, caller, request }) {
    return revokeEnrollmentToken({ db, actor: caller.actor, input, ip: request.ip });
  },
});
