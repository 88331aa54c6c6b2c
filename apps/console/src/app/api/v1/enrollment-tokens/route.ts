import { createEnrollmentToken, listEnrollmentTokens } from '@parapet/distribution';
import { createEnrollmentTokenSchema } from '@parapet/distribution/schemas';
import { z } from 'zod';
import { createdEnrollmentTokenOutput, enrollmentTokenOutput } from '@/server/api/distribution-api';
import { enrollmentInstructions } from '@/server/enrollment-command';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The organization's enrollment tokens, newest first, never their secrets. */
export const GET = defineRoute({
  name: 'enrollmentTokens.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/enrollment-tokens',
    summary: 'List the enrollment tokens (never their secrets)',
    output: z.object({ enrollmentTokens: z.array(enrollmentTokenOutput) }),
  },
  async run({ db, caller }) {
    return { enrollmentTokens: await listEnrollmentTokens({ db, actor: caller.actor }) };
  },
});

/**
 * A new enrollment token, for one person's device (`person`) or a fleet (`groups`, `reusable`).
 * The token is in this answer and nowhere else, ever, with the edge's address and the command
 * that enrolls a device with it.
 */
export const POST = defineRoute({
  name: 'enrollmentTokens.create',
  method: 'POST',
  access: apiAccess('admin'),
  input: createEnrollmentTokenSchema,
  api: {
    path: '/api/v1/enrollment-tokens',
    summary: 'Create an enrollment token (the answer holds the token and the command, shown once)',
    output: createdEnrollmentTokenOutput,
  },
  status: 201,
  async run({ input, db, caller, request }) {
    const created = await createEnrollmentToken({ db, actor: caller.actor, input, ip: request.ip });
    return { ...created, ...enrollmentInstructions(created.token) };
  },
});
