import type { NextRequest } from 'next/server';

// Auth.js serves its actions under /api/auth/<action>[/<provider>] (its own parser splits the
// path the same way, ignoring empty segments).
const authBasePath = '/api/auth';

/**
 * Auth.js's endpoints minus its sign-out (`/api/auth/signout`, GET and POST). Signing out is the
 * console's own action (app/(console)/account/actions.ts), which ends the session and records
 * `sign_out`, with the address, in every organization of the person; Auth.js's endpoint would
 * end it without a trace in the activity log. One way out, recorded, is simpler to keep right
 * than two; the endpoint answers 404 as if it did not exist.
 */
export function withoutAuthSignOut(
  handler: (request: NextRequest) => Promise<Response>,
): (request: NextRequest) => Promise<Response> {
  return async (request) => {
    const path = new URL(request.url).pathname;
    const [action] = path.slice(authBasePath.length).split('/').filter(Boolean);
    if (path.startsWith(authBasePath) && action === 'signout') {
      return Response.json(
        { error: { code: 'NOT_FOUND', message: 'Not found. Sign out from the console.' } },
        { status: 404, headers: { 'Cache-Control': 'no-store' } },
      );
    }
    return handler(request);
  };
}
