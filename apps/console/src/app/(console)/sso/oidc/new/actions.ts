'use server';

import { createOidcConnection } from '@parapet/identity';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { createOidcConnectionFormSchema } from '../oidc-form-input';

/** What the page shows once the connection exists: the redirect URI to give the IdP. */
export type CreatedOidcConnection = { id: string; name: string; redirectUri: string };

export const createOidcConnectionAction = defineAction({
  name: 'sso.createOidcConnection',
  access: memberAccess('owner'),
  input: createOidcConnectionFormSchema,
  async run({
    input,
    db,
    caller,
    request,
  }): Promise<{ data: CreatedOidcConnection; message: string }> {
    const created = await createOidcConnection({ db, actor: caller.actor, input, ip: request.ip });
    return {
      data: {
        id: created.id,
        name: created.name,
        redirectUri: `${request.origin}/api/auth/callback/oidc-${created.id}`,
      },
      message: `Connection “${created.name}” added: the issuer answered and offers what Parapet needs.`,
    };
  },
});
