import { claimDomain, claimDomainSchema, listDomains } from '@parapet/identity';
import { z } from 'zod';
import { orgDomainOutput, toOrgDomainOutput } from '@/server/api/sso-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

export const GET = defineRoute({
  name: 'sso.domains.list',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/domains',
    summary: 'List the email domains claimed for single sign-on',
    output: z.object({ domains: z.array(orgDomainOutput) }),
  },
  async run({ db, caller }) {
    return { domains: (await listDomains({ db, actor: caller.actor })).map(toOrgDomainOutput) };
  },
});

/** Claims `domain` (owners); 409 when any organization of the installation holds it. */
export const POST = defineRoute({
  name: 'sso.domains.claim',
  method: 'POST',
  access: apiAccess('owner'),
  input: claimDomainSchema,
  api: {
    path: '/api/v1/domains',
    summary: 'Claim an email domain (one organization per domain in the installation)',
    output: orgDomainOutput,
  },
  status: 201,
  async run({ input, db, caller, request }) {
    return toOrgDomainOutput(await claimDomain({ db, actor: caller.actor, input, ip: request.ip }));
  },
});
