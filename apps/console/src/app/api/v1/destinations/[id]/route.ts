import {
  deleteDestination,
  destinationIdSchema,
  getDestination,
  updateDestination,
  updateDestinationSchema,
} from '@parapet/audit/destinations';
import { getEnv } from '@/env';
import { destinationOutput } from '@/server/api/destinations-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

export const GET = defineRoute({
  name: 'destinations.get',
  method: 'GET',
  access: apiAccess('auditor'),
  input: destinationIdSchema,
  api: {
    path: '/api/v1/destinations/{id}',
    summary: 'Read a SIEM destination (state, lag, last error; never its secrets)',
    output: destinationOutput,
  },
  async run({ input, db, caller }) {
    return getDestination({ db, actor: caller.actor, input });
  },
});

/**
 * Changes the settings given and keeps the others: a secret left out keeps the stored one; null
 * clears an optional setting; `enabled: false` pauses the export. The type cannot change.
 */
export const PATCH = defineRoute({
  name: 'destinations.update',
  method: 'PATCH',
  access: apiAccess('admin'),
  input: updateDestinationSchema,
  api: {
    path: '/api/v1/destinations/{id}',
    summary: 'Change a SIEM destination (only the fields given; a secret left out is kept)',
    output: destinationOutput,
  },
  async run({ input, db, caller, request }) {
    return updateDestination({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
      network: getEnv().exportNetwork,
    });
  },
});

/** Deletes a destination: nothing more is sent to it. */
export const DELETE = defineRoute({
  name: 'destinations.delete',
  method: 'DELETE',
  access: apiAccess('admin'),
  input: destinationIdSchema,
  api: { path: '/api/v1/destinations/{id}', summary: 'Delete a SIEM destination' },
  status: 204,
  async run({ input, db, caller, request }) {
    await deleteDestination({ db, actor: caller.actor, input, ip: request.ip });
    return null;
  },
});
