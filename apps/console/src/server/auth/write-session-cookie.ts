import { type SessionCookie, sessionCookie } from './session-cookie';

/** What writes cookies: Next.js's `cookies()` in an action, or a ResponseCookies. */
export type CookieWriter = {
  set: (name: string, value: string, options: SessionCookie['options'] & CookieLifetime) => unknown;
};

type CookieLifetime = { expires?: Date; maxAge?: number };

/**
 * Sets the session cookie, or clears it. Clearing writes the cookie again, empty, with
 * `Max-Age=0` and the very attributes it was set with: a browser ignores a Set-Cookie for a
 * `__Secure-` name that lacks `Secure`, so a plain delete would leave the session cookie in
 * place on HTTPS.
 */
export function writeSessionCookie({
  cookies,
  session,
  cookie = sessionCookie(),
}: {
  cookies: CookieWriter;
  session: { token: string; expires: Date } | 'clear';
  cookie?: SessionCookie;
}): void {
  if (session === 'clear') {
    cookies.set(cookie.name, '', { ...cookie.options, maxAge: 0 });
    return;
  }
  cookies.set(cookie.name, session.token, { ...cookie.options, expires: session.expires });
}
