/** What an SSO sign-in hands to the protocol-neutral core, whichever protocol it came through. */
export type OidcSsoProfile = {
  email: string;
  name?: string;
  /** Every claim as a list of strings, the groups claim among them; role mappings read these. */
  attributes: Record<string, string[]>;
};

export type OidcProfileOutcome =
  | { ok: true; profile: OidcSsoProfile }
  | { ok: false; message: string };

// Claims about the token rather than the person: role mappings on them would be meaningless.
const tokenClaims = new Set([
  'iss',
  'aud',
  'exp',
  'iat',
  'nbf',
  'auth_time',
  'nonce',
  'at_hash',
  'c_hash',
  'azp',
  'jti',
  'sid',
]);

/**
 * Turns verified ID token claims into an SSO profile. The email is required and must not be
 * marked unverified (`email_verified: false`): the email decides which organization and
 * account the person lands in, so an address the IdP itself has not confirmed is refused. The
 * groups claim may be a list or a single string (Okta sends a list, some IdPs one string); a
 * missing one is an empty list.
 */
export function oidcClaimsToProfile({
  claims,
  groupsClaim,
}: {
  claims: Record<string, unknown>;
  groupsClaim: string;
}): OidcProfileOutcome {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (email === '' || !email.includes('@')) {
    return {
      ok: false,
      message: 'The identity provider sent no email address (ask it for the email scope/claim).',
    };
  }
  if (claims.email_verified === false || claims.email_verified === 'false') {
    return { ok: false, message: 'The identity provider says this email address is not verified.' };
  }
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (tokenClaims.has(name)) continue;
    const values = asStrings(value);
    if (values !== null) attributes[name] = values;
  }
  attributes[groupsClaim] = asStrings(claims[groupsClaim]) ?? [];
  const name =
    typeof claims.name === 'string' && claims.name.trim() !== ''
      ? claims.name.trim().slice(0, 120)
      : undefined;
  return { ok: true, profile: { email, ...(name === undefined ? {} : { name }), attributes } };
}

function asStrings(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return value as string[];
  return null;
}
