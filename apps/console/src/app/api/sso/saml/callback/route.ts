import { samlCallbackRoute } from '@/server/auth/sso-routes';
import { publicAccess } from '@/server/entry-points/access';
import { delegateRoute } from '@/server/entry-points/entry-points';

export const GET = delegateRoute({
  name: 'sso.saml.callback',
  method: 'GET',
  access: publicAccess(
    'Ends a SAML sign-in: a one-time code redeemed with this browser’s PKCE verifier.',
  ),
  handler: samlCallbackRoute,
});
