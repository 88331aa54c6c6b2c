import { samlMetadataRoute } from '@/server/auth/sso-routes';
import { publicAccess } from '@/server/entry-points/access';
import { delegateRoute } from '@/server/entry-points/entry-points';

export const GET = delegateRoute({
  name: 'sso.saml.metadata',
  method: 'GET',
  access: publicAccess('SAML service provider metadata is public by design (IdPs fetch it).'),
  handler: samlMetadataRoute,
});
