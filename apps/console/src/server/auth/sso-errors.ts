/**
 * Why an SSO sign-in ended without a session, as the sign-in page names it. Only these codes
 * travel in the address (`/sign-in/sso?error=…`), never free text, so a crafted link cannot
 * make the page say anything else; the detailed reason goes to the server log.
 */
export const ssoErrorMessages = {
  refused:
    'Your identity provider’s answer was refused. Try again; if it keeps failing, ask an owner to check the SSO connection.',
  expired: 'The sign-in took too long or was already used. Start again.',
  forbidden:
    'Your identity provider signed you in, but this organization does not accept your account (its email domain is not one of the organization’s).',
  unavailable: 'Single sign-on is not available right now.',
} as const;

export type SsoErrorCode = keyof typeof ssoErrorMessages;

/** The message for an `error` query parameter, if it names one. */
export function ssoErrorMessage(code: unknown): string | undefined {
  if (typeof code !== 'string' || !Object.hasOwn(ssoErrorMessages, code)) return undefined;
  return ssoErrorMessages[code as SsoErrorCode];
}

/** The page an SSO failure sends the browser to, keeping where it was going. */
export function ssoErrorPath(code: SsoErrorCode, callbackUrl = '/'): string {
  const params = new URLSearchParams({ error: code });
  if (callbackUrl !== '/') params.set('callbackUrl', callbackUrl);
  return `/sign-in/sso?${params}`;
}
