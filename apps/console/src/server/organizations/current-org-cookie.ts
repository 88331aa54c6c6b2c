import { secureCookiesEnabled } from '@/env';
import type { CookieWriter } from '../auth/write-session-cookie';

/**
 * The cookie naming the organization the console shows, when the person belongs to several.
 * It is a preference, not a credential: every request checks it against the session user's own
 * memberships (resolveCurrentMember) and ignores it otherwise, and every action and route still
 * takes the organization from its own input. HttpOnly and Lax like the session cookie, and
 * `__Secure-` on HTTPS, so another site can neither read nor plant it.
 */
export function currentOrgCookie({ secure = secureCookiesEnabled() }: { secure?: boolean } = {}) {
  return {
    name: `${secure ? '__Secure-' : ''}parapet.current-org`,
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure } as const,
  };
}

const yearSeconds = 365 * 24 * 60 * 60;

/** Remembers the chosen organization (for a year; it outlives sessions, like a setting). */
export function writeCurrentOrgCookie({
  cookies,
  orgId,
}: {
  cookies: CookieWriter;
  orgId: string;
}): void {
  const cookie = currentOrgCookie();
  cookies.set(cookie.name, orgId, { ...cookie.options, maxAge: yearSeconds });
}
