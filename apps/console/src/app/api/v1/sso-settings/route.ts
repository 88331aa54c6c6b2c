import { getSsoSettings, setRequireSso, ssoSettingsSchema } from '@parapet/identity';
import { z } from 'zod';
import { ssoSettingsOutput } from '@/server/api/sso-api';
import { apiAccess } from '@/server/entry-points/access';
import { defineRoute } from '@/server/entry-points/entry-points';

export const GET = defineRoute({
  name: 'sso.settings.get',
  method: 'GET',
  access: apiAccess('auditor'),
  input: z.strictObject({}),
  api: {
    path: '/api/v1/sso-settings',
    summary: 'Read the SSO settings',
    output: ssoSettingsOutput,
  },
  async run({ db, caller }) {
    return getSsoSettings({ db, orgId: caller.actor.orgId });
  },
});

/**
 * `{ "requireSso": true }` (owners; 409 until an enabled connection exists): password sign-in is
 * then refused for everyone but the organization's owners, whose sign-ins are flagged.
 */
export const PUT = defineRoute({
  name: 'sso.settings.update',
  method: 'PUT',
  access: apiAccess('owner'),
  input: ssoSettingsSchema,
  api: { path: '/api/v1/sso-settings', summary: 'Require SSO (or not)', output: ssoSettingsOutput },
  async run({ input, db, caller, request }) {
    return setRequireSso({ db, actor: caller.actor, input, ip: request.ip });
  },
});
