import { destinationInputSchema } from '@parapet/audit';
import { createDestination, listDestinations } from '@parapet/audit/destinations';
import { z } from 'zod';
import { getEnv } from '@/env';
import { destinationOutput } from '@/server/api/destinations-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The organization's SIEM destinations with their state and lag, never their secrets. */
export const GET = defineRoute({
  name: 'destinations.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/destinations',
    summary: 'List the SIEM destinations (state, lag, last error; never their secrets)',
    output: z.object({ destinations: z.array(destinationOutput) }),
  },
  async run({ db, caller }) {
    return { destinations: await listDestinations({ db, actor: caller.actor }) };
  },
});

/**
 * A new destination: `type`, `name`, `format` (optional) and the type's settings (a webhook's
 * `url` and `secret`). Secrets are sealed and never shown again. It receives what is stored
 * from now on, not what was stored before.
 */
export const POST = defineRoute({
  name: 'destinations.create',
  method: 'POST',
  access: apiAccess('admin'),
  input: destinationInputSchema,
  api: {
    path: '/api/v1/destinations',
    summary: 'Add a SIEM destination (its secrets are never shown again)',
    output: destinationOutput,
  },
  status: 201,
  async run({ input, db, caller, request }) {
    return createDestination({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
      network: getEnv().exportNetwork,
    });
  },
});
