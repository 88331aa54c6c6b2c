import { delegateRoute } from '@/server/entry-points/entry-points';
import { scimAccess } from '@/server/scim/scim-access';
import { serveScim } from '@/server/scim/serve-scim';

// SCIM 2.0 (RFC 7643/7644) for one directory connection: /scim/v2/<directory>/Users, /Groups,
// /ServiceProviderConfig, /Schemas, /ResourceTypes. Identity providers call it with the
// directory's bearer token, which the directory package checks on every request.

export const dynamic = 'force-dynamic';

export const GET = delegateRoute({
  name: 'scim.get',
  method: 'GET',
  access: scimAccess,
  handler: serveScim,
});
export const POST = delegateRoute({
  name: 'scim.post',
  method: 'POST',
  access: scimAccess,
  handler: serveScim,
});
export const PUT = delegateRoute({
  name: 'scim.put',
  method: 'PUT',
  access: scimAccess,
  handler: serveScim,
});
export const PATCH = delegateRoute({
  name: 'scim.patch',
  method: 'PATCH',
  access: scimAccess,
  handler: serveScim,
});
export const DELETE = delegateRoute({
  name: 'scim.delete',
  method: 'DELETE',
  access: scimAccess,
  handler: serveScim,
});
