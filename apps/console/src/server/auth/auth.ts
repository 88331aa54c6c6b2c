import { sessionPolicy } from '@parapet/accounts';
import NextAuth from 'next-auth';
import { db } from '../db';
import { runtimeSettings } from '../runtime-settings';
import { createHashedSessionAdapter } from './hashed-session-adapter';
import { finishOidcSignIn, oidcProviders } from './oidc-providers';
import { sessionCookie } from './session-cookie';

/**
 * Auth.js with database sessions. Local password sign-in does not go through a Credentials
 * provider (that would force JWT sessions): the sign-in action verifies the password and
 * creates the session row itself, then sets this same cookie. Auth.js reads, slides and ends
 * sessions through the hashed adapter, serves /api/auth/*, and runs the OIDC connections as
 * providers (oidc-providers.ts): their signIn step completes the sign-in through the identity
 * domain and starts the console session itself, so Auth.js stores no user or session of its
 * own for them. SAML does not go through Auth.js (see sso-routes.ts).
 * The configuration is lazy so building the app needs neither a database nor a secret.
 * Auth.js's own signOut is deliberately not exported (nor served, see without-auth-sign-out):
 * signing out goes through the console's action, which records it.
 */
export const { auth, handlers, signIn } = NextAuth(async (request) => {
  const settings = runtimeSettings();
  const cookie = sessionCookie();
  return {
    adapter: createHashedSessionAdapter(db()),
    providers: await oidcProviders(request),
    // Behind a proxy the operator sets AUTH_URL or AUTH_TRUST_HOST; `pnpm start` on loopback
    // trusts the Host header itself (see runtime-settings.ts).
    secret: settings.authSecret,
    trustHost: settings.trustHost,
    session: {
      strategy: 'database',
      maxAge: sessionPolicy.idleSeconds,
      updateAge: sessionPolicy.updateAgeSeconds,
    },
    useSecureCookies: cookie.options.secure,
    cookies: { sessionToken: { name: cookie.name, options: cookie.options } },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    callbacks: {
      async signIn({ account }) {
        const next = await finishOidcSignIn({
          providerId: account?.provider,
          idToken: account?.id_token,
        });
        return next ?? false;
      },
      session({ session, user }) {
        return {
          expires: session.expires,
          user: { id: user.id, email: user.email, name: user.name ?? null },
        };
      },
    },
  };
});
