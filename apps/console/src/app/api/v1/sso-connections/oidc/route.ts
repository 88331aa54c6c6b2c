import { createOidcConnection, createOidcConnectionSchema } from '@parapet/identity';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';
import { oidcConnectionOutput, toOidcConnectionOutput } from './oidc-connection-output';

/**
 * A new OIDC connection (owners): `name`, `issuer`, `clientId`, `clientSecret`, and optionally
 * `groupsAttribute`, `roleMappings`, `defaultRole`. The issuer is discovered before anything is
 * stored (422 with the reason on `issuer` when Parapet could not sign in with it); the secret is
 * sealed and never shown again.
 */
export const POST = defineRoute({
  name: 'sso.oidc.create',
  method: 'POST',
  access: apiAccess('owner'),
  input: createOidcConnectionSchema,
  api: {
    path: '/api/v1/sso-connections/oidc',
    summary: 'Add an OIDC single sign-on connection (its client secret is never shown again)',
    output: oidcConnectionOutput,
  },
  status: 201,
  async run({ input, db, caller, request }) {
    const created = await createOidcConnection({ db, actor: caller.actor, input, ip: request.ip });
    return toOidcConnectionOutput(created, request.origin);
  },
});
