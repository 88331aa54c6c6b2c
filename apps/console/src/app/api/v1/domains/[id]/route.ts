import { releaseDomain } from '@parapet/identity';
import { idInput } from '@/server/api/sso-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

/** Releases a claimed domain (owners): its people can no longer sign in through SSO. */
export const DELETE = defineRoute({
  name: 'sso.domains.release',
  method: 'DELETE',
  access: apiAccess('owner'),
  input: idInput,
  api: { path: '/api/v1/domains/{id}', summary: 'Release a claimed email domain' },
  status: 204,
  async run({ input, db, caller, request }) {
    await releaseDomain({ db, actor: caller.actor, input, ip: request.ip });
    return null;
  },
});
