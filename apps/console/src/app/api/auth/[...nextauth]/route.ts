import { publicAccess } from '@/server/actions/access';
import { handlers } from '@/server/auth/auth';
import { delegateRoute } from '@/server/routes/define-route';

// Auth.js's own endpoints (session, CSRF, sign-out, and the SSO providers a later issue adds).
// They authenticate callers themselves, through the hashed session adapter.
const access = publicAccess('Auth.js endpoints authenticate their callers themselves.');

export const GET = delegateRoute({
  name: 'auth.endpoints.get',
  method: 'GET',
  access,
  handler: handlers.GET,
});
export const POST = delegateRoute({
  name: 'auth.endpoints.post',
  method: 'POST',
  access,
  handler: handlers.POST,
});
