import { signIn } from '@/server/auth/auth';
import { oidcProviderId } from '@/server/auth/oidc-providers';
import { startSsoRoute } from '@/server/auth/sso-routes';
import { publicAccess } from '@/server/entry-points/access';
import { delegateRoute } from '@/server/entry-points/entry-points';

// Starting a sign-in at an IdP: the person still has to authenticate there, and what comes back
// is checked before any session exists.
export const GET = delegateRoute({
  name: 'sso.start',
  method: 'GET',
  access: publicAccess(
    'Starts a single sign-on at the identity provider; nothing is granted here.',
  ),
  handler: (request) =>
    startSsoRoute(request, async (connectionId, callbackUrl) => {
      const url = await signIn(oidcProviderId(connectionId), {
        redirectTo: callbackUrl,
        redirect: false,
      });
      return typeof url === 'string' ? url : '/sign-in/sso?error=unavailable';
    }),
});
