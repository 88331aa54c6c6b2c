import { ResponseCookies } from 'next/dist/server/web/spec-extension/cookies';
import { describe, expect, it } from 'vitest';
import { sessionCookie } from './session-cookie';
import { writeSessionCookie } from './write-session-cookie';

// Next.js's own cookie writer (the one `cookies()` hands a server action), so what is checked is
// the Set-Cookie header the browser receives.
function setCookieHeader(
  secure: boolean,
  session: Parameters<typeof writeSessionCookie>[0]['session'],
) {
  const headers = new Headers();
  writeSessionCookie({
    cookies: new ResponseCookies(headers),
    session,
    cookie: sessionCookie({ secure }),
  });
  return headers.get('set-cookie');
}

describe('writeSessionCookie', () => {
  const expires = new Date('2030-01-01T09:00:00Z');

  it.each([
    [
      true,
      '__Secure-authjs.session-token=token; Path=/; Expires=Tue, 01 Jan 2030 09:00:00 GMT; Secure; HttpOnly; SameSite=lax',
    ],
    [
      false,
      'authjs.session-token=token; Path=/; Expires=Tue, 01 Jan 2030 09:00:00 GMT; HttpOnly; SameSite=lax',
    ],
  ])('sets the session (secure: %s)', (secure, expected) => {
    expect(setCookieHeader(secure, { token: 'token', expires })).toBe(expected);
  });

  // A browser ignores a Set-Cookie for a __Secure- name without the Secure attribute, so
  // clearing must repeat the attributes the cookie was set with.
  it.each([
    [true, '__Secure-authjs.session-token=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=lax'],
    [false, 'authjs.session-token=; Path=/; Max-Age=0; HttpOnly; SameSite=lax'],
  ])('clears it with the attributes it was set with (secure: %s)', (secure, expected) => {
    expect(setCookieHeader(secure, 'clear')).toBe(expected);
  });
});
