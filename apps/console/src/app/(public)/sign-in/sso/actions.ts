'use server';

import { AppError } from '@parapet/errors';
import { findSsoConnectionsForEmail, safeCallbackUrl } from '@parapet/identity';
import { publicAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { ssoEmailSchema } from './sso-email.schema';

const notSetUp =
  'Single sign-on is not set up for this email’s domain. Sign in with your password, or ask an owner.';

/** Where the browser starts a sign-in through one connection. */
function startPath(connectionId: string, callbackUrl: string): string {
  const params = new URLSearchParams({ connection: connectionId });
  if (callbackUrl !== '/') params.set('callbackUrl', callbackUrl);
  return `/api/sso/start?${params}`;
}

/**
 * Finds the organization by the email's domain among the claimed ones, then its enabled
 * connections: one starts at once, several are offered to choose from. An unclaimed domain and a
 * domain whose organization has no connection read the same.
 */
export const findSsoAction = defineAction({
  name: 'auth.findSso',
  access: publicAccess('Finding how to sign in comes before any session exists.'),
  input: ssoEmailSchema,
  async run({ input, db }) {
    const callbackUrl = safeCallbackUrl(input.callbackUrl);
    const choices = await findSsoConnectionsForEmail({ db, email: input.email });
    if (choices.length === 0) {
      throw new AppError('NOT_FOUND', notSetUp, { fieldErrors: { email: [notSetUp] } });
    }
    // The browser goes on by itself (a full navigation: the start answers with a redirect to
    // another site, which a client-side transition could not follow).
    return {
      data: {
        choices: choices.map((choice) => ({
          name: choice.name,
          protocol: choice.protocol,
          href: startPath(choice.id, callbackUrl),
        })),
      },
    };
  },
});
