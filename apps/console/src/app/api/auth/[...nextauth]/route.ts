import { handlers } from '@/server/auth/auth';
import { withoutAuthSignOut } from '@/server/auth/without-auth-sign-out';
import { publicAccess } from '@/server/entry-points/access';
import { delegateRoute } from '@/server/entry-points/entry-points';

// Auth.js's own endpoints (session, CSRF, and the SSO providers a later issue adds), except
// its sign-out: the console's sign-out action is the one way out, and it is recorded. They
// authenticate callers themselves, through the hashed session adapter.
const access = publicAccess('Auth.js endpoints authenticate their callers themselves.');

export const GET = delegateRoute({
  name: 'auth.endpoints.get',
  method: 'GET',
  access,
  handler: withoutAuthSignOut(handlers.GET),
});
export const POST = delegateRoute({
  name: 'auth.endpoints.post',
  method: 'POST',
  access,
  handler: withoutAuthSignOut(handlers.POST),
});
