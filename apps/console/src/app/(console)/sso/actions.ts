'use server';

import {
  claimDomain,
  claimDomainSchema,
  createSamlConnection,
  releaseDomain,
  releaseDomainSchema,
  setRequireSso,
} from '@parapet/identity';
import { consoleJackson } from '@/server/auth/saml-jackson';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { createSamlFormSchema, requireSsoFormSchema } from './sso-form-input';

export const createSamlConnectionAction = defineAction({
  name: 'sso.createSamlConnection',
  access: memberAccess('owner'),
  input: createSamlFormSchema,
  async run({ input, db, caller, request }) {
    const created = await createSamlConnection({
      db,
      actor: caller.actor,
      jackson: () => consoleJackson(request.origin),
      origin: request.origin,
      input,
      ip: request.ip,
    });
    return { data: null, redirectTo: `/sso/${created.id}` };
  },
});

export const claimDomainAction = defineAction({
  name: 'sso.claimDomain',
  access: memberAccess('owner'),
  input: claimDomainSchema,
  async run({ input, db, caller, request }) {
    const row = await claimDomain({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: `${row.domain} is now claimed for this organization.` };
  },
});

export const releaseDomainAction = defineAction({
  name: 'sso.releaseDomain',
  access: memberAccess('owner'),
  input: releaseDomainSchema,
  async run({ input, db, caller, request }) {
    await releaseDomain({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: 'Domain released.' };
  },
});

export const setRequireSsoAction = defineAction({
  name: 'sso.setRequireSso',
  access: memberAccess('owner'),
  input: requireSsoFormSchema,
  async run({ input, db, caller, request }) {
    const { requireSso } = await setRequireSso({ db, actor: caller.actor, input, ip: request.ip });
    return {
      data: null,
      message: requireSso
        ? 'SSO is now required. Only owners can still sign in with a password.'
        : 'SSO is no longer required.',
    };
  },
});
