import {
  deleteConnection,
  getSsoConnection,
  updateSsoConnection,
  updateSsoConnectionSchema,
} from '@parapet/identity';
import { idInput, ssoConnectionOutput, toSsoConnectionOutput } from '@/server/api/sso-api';
import { consoleJackson } from '@/server/auth/saml-jackson';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

export const GET = defineRoute({
  name: 'sso.connections.get',
  method: 'GET',
  access: apiAccess('auditor'),
  input: idInput,
  api: {
    path: '/api/v1/sso-connections/{id}',
    summary: 'Read an SSO connection',
    output: ssoConnectionOutput,
  },
  async run({ input, db, caller, request }) {
    const view = await getSsoConnection({ db, actor: caller.actor, id: input.id });
    return toSsoConnectionOutput(view, request.origin);
  },
});

/** Changes what every protocol shares: `name`, `enabled`, `groupsAttribute`, the role mapping. */
export const PATCH = defineRoute({
  name: 'sso.connections.update',
  method: 'PATCH',
  access: apiAccess('owner'),
  input: updateSsoConnectionSchema.extend({ id: idInput.shape.id }),
  api: {
    path: '/api/v1/sso-connections/{id}',
    summary: 'Change an SSO connection’s name, state, groups attribute or role mapping',
    output: ssoConnectionOutput,
  },
  async run({ input, db, caller, request }) {
    const { id, ...changes } = input;
    const view = await updateSsoConnection({
      db,
      actor: caller.actor,
      id,
      input: changes,
      ip: request.ip,
    });
    return toSsoConnectionOutput(view, request.origin);
  },
});

/** Deletes a connection; the memberships it made stay, with their role as it is. */
export const DELETE = defineRoute({
  name: 'sso.connections.delete',
  method: 'DELETE',
  access: apiAccess('owner'),
  input: idInput,
  api: { path: '/api/v1/sso-connections/{id}', summary: 'Delete an SSO connection' },
  status: 204,
  async run({ input, db, caller, request }) {
    await deleteConnection({
      db,
      actor: caller.actor,
      jackson: () => consoleJackson(request.origin),
      id: input.id,
      ip: request.ip,
    });
    return null;
  },
});
