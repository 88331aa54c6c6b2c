import { type NextRequest, NextResponse } from 'next/server';

// An optimistic check only: a request for a console page without any session cookie goes
// straight to sign-in. Whether a cookie is valid is decided by the pages and actions themselves
// (server/pages/require-member.ts, server/actions/resolve-caller.ts), never here.
const sessionCookieNames = ['authjs.session-token', '__Secure-authjs.session-token'];

export function proxy(request: NextRequest) {
  const hasSessionCookie = sessionCookieNames.some((name) => request.cookies.has(name));
  if (hasSessionCookie) return NextResponse.next();
  const signIn = new URL('/sign-in', request.url);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Console pages only: not the public pages, Auth.js and API routes, or static assets.
  matcher: ['/', '/members/:path*', '/activity/:path*', '/account/:path*'],
};
