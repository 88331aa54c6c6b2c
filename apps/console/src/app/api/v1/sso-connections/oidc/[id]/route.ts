import { updateOidcConnection, updateOidcConnectionSchema } from '@parapet/identity';
import { z } from 'zod';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';
import { oidcConnectionOutput, toOidcConnectionOutput } from '../oidc-connection-output';

/**
 * Changes an OIDC connection's issuer (discovered again first), client id or client secret
 * (owners). A secret left out is kept. Name, enabled, groups claim and role mapping are the
 * same for every protocol and change through the SSO connection itself.
 */
export const PATCH = defineRoute({
  name: 'sso.oidc.update',
  method: 'PATCH',
  access: apiAccess('owner'),
  input: updateOidcConnectionSchema.extend({ id: z.uuid() }),
  api: {
    path: '/api/v1/sso-connections/oidc/{id}',
    summary: 'Change an OIDC connection’s issuer, client id or client secret',
    output: oidcConnectionOutput,
  },
  async run({ input: { id, ...changes }, db, caller, request }) {
    const updated = await updateOidcConnection({
      db,
      actor: caller.actor,
      id,
      input: changes,
      ip: request.ip,
    });
    return toOidcConnectionOutput(updated, request.origin);
  },
});
