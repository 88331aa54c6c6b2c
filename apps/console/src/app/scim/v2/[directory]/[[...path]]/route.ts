import { directoryTokenAccess } from '@/server/entry-points/access';
import { delegateRoute } from '@/server/entry-points/entry-points';
import { serveScim } from '@/server/scim/serve-scim';

// SCIM 2.0 (RFC 7643/7644) for one directory connection: /scim/v2/<directory>/Users, /Groups,
// /ServiceProviderConfig, /Schemas, /ResourceTypes. Identity providers call it with the
// directory's bearer token, which the directory package checks on every request; the
// authorization suite runs the directory-token checks on each method.

export const dynamic = 'force-dynamic';

const access = directoryTokenAccess;

export const GET = delegateRoute({ name: 'scim.get', method: 'GET', access, handler: serveScim });
export const POST = delegateRoute({
  name: 'scim.post',
  method: 'POST',
  access,
  handler: serveScim,
});
export const PUT = delegateRoute({ name: 'scim.put', method: 'PUT', access, handler: serveScim });
export const PATCH = delegateRoute({
  name: 'scim.patch',
  method: 'PATCH',
  access,
  handler: serveScim,
});
export const DELETE = delegateRoute({
  name: 'scim.delete',
  method: 'DELETE',
  access,
  handler: serveScim,
});
