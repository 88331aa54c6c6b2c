import { samlAcsRoute } from '@/server/auth/sso-routes';
import { publicAccess } from '@/server/entry-points/access';
import { delegateRoute } from '@/server/entry-points/entry-points';

// The IdP posts its signed answer here from another site, so no session or same-origin check can
// apply: the response's signature, audience, recipient, time window and InResponseTo are what
// authenticate it.
export const POST = delegateRoute({
  name: 'sso.saml.acs',
  method: 'POST',
  access: publicAccess('The SAML ACS: the signed response authenticates the call itself.'),
  handler: samlAcsRoute,
});
