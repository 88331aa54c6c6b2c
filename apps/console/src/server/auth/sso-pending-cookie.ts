import { z } from 'zod';
import { secureCookiesEnabled } from '@/env';

/**
 * What a browser keeps between starting a SAML sign-in and its callback: the `state` that must
 * come back, the PKCE verifier that redeems the code, and where to go afterwards. HttpOnly,
 * SameSite=Lax (the callback is a top-level GET after the IdP's POST, which Lax allows), only
 * under /api/sso, ten minutes. Forging it gains nothing: the code is bound to the verifier
 * jackson saw at the start.
 */
const pendingSchema = z.object({
  state: z.string().min(20).max(200),
  codeVerifier: z.string().min(43).max(128),
  callbackUrl: z.string().max(2000),
});
export type SsoPending = z.infer<typeof pendingSchema>;

export const ssoPendingMaxAgeSeconds = 600;

export function ssoPendingCookieName(secure = secureCookiesEnabled()): string {
  return `${secure ? '__Secure-' : ''}parapet-sso-pending`;
}

export function ssoPendingCookieOptions(secure = secureCookiesEnabled()) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/api/sso', secure };
}

export function encodeSsoPending(pending: SsoPending): string {
  return Buffer.from(JSON.stringify(pending), 'utf8').toString('base64url');
}

export function decodeSsoPending(value: string | undefined): SsoPending | null {
  if (!value) return null;
  try {
    const parsed = pendingSchema.safeParse(
      JSON.parse(Buffer.from(value, 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
