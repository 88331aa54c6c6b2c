import {
  createSamlConnection,
  createSamlConnectionSchema,
  listSsoConnections,
} from '@parapet/identity';
import { z } from 'zod';
import { ssoConnectionOutput, toSsoConnectionOutput } from '@/server/api/sso-api';
import { consoleJackson } from '@/server/auth/saml-jackson';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** The organization's SSO connections, SAML and OIDC, with the values their IdPs need. */
export const GET = defineRoute({
  name: 'sso.connections.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/sso-connections',
    summary: 'List the SSO connections (protocol, state, role mapping, the values for the IdP)',
    output: z.object({ connections: z.array(ssoConnectionOutput) }),
  },
  async run({ db, caller, request }) {
    const connections = await listSsoConnections({ db, actor: caller.actor });
    return { connections: connections.map((view) => toSsoConnectionOutput(view, request.origin)) };
  },
});

/**
 * A new SAML connection (owners): `name`, and the IdP's metadata as `metadataXml` or
 * `metadataUrl` (https), optionally `groupsAttribute`, `roleMappings`, `defaultRole`. The answer
 * holds `saml.spEntityId`, `saml.acsUrl` and `saml.spMetadataUrl` to give the IdP.
 */
export const POST = defineRoute({
  name: 'sso.connections.createSaml',
  method: 'POST',
  access: apiAccess('owner'),
  input: createSamlConnectionSchema,
  api: {
    path: '/api/v1/sso-connections',
    summary: 'Add a SAML connection from the IdP metadata (XML or its https URL)',
    output: ssoConnectionOutput,
  },
  status: 201,
  async run({ input, db, caller, request }) {
    const created = await createSamlConnection({
      db,
      actor: caller.actor,
      jackson: () => consoleJackson(request.origin),
      origin: request.origin,
      input,
      ip: request.ip,
    });
    return toSsoConnectionOutput(created, request.origin);
  },
});
