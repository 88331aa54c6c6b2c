import { secureCookiesEnabled } from '@/env';

export type SessionCookie = {
  name: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean };
};

/**
 * The session cookie, named and flagged exactly as Auth.js names it for database sessions, so
 * the password sign-in action (which sets it) and Auth.js (which reads, refreshes and clears
 * it) agree. HttpOnly always; Secure with the `__Secure-` prefix when served over HTTPS.
 */
export function sessionCookie({
  secure = secureCookiesEnabled(),
}: {
  secure?: boolean;
} = {}): SessionCookie {
  return {
    name: `${secure ? '__Secure-' : ''}authjs.session-token`,
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
  };
}
