import { destinationIdSchema, sendTestEvent } from '@parapet/audit/destinations';
import { getEnv } from '@/env';
import { testEventOutput } from '@/server/api/destinations-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/**
 * Sends one synthetic event, clearly marked as a test (host `parapet-test.invalid`, rule and
 * agent `parapet-test`), and answers how the receiver took it. A refusal or a timeout is a 200
 * with `delivered: false` and the reason: the call worked, the destination did not.
 */
export const POST = defineRoute({
  name: 'destinations.test',
  method: 'POST',
  access: apiAccess('admin'),
  input: destinationIdSchema,
  api: {
    path: '/api/v1/destinations/{id}/test',
    summary: 'Send a test event to a SIEM destination and say how it was received',
    output: testEventOutput,
  },
  async run({ input, db, caller, request }) {
    return sendTestEvent({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
      network: getEnv().exportNetwork,
    });
  },
});
