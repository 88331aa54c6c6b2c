import type { Provider } from 'next-auth/providers';

/**
 * Identity providers besides local passwords. Empty for now: the SSO issue adds SAML (through
 * @boxyhq/saml-jackson, as an OAuth-style provider) and OIDC here, configured from the
 * database or environment. The Auth.js configuration and the sign-in page are built from this
 * list, so adding a provider needs no change elsewhere.
 */
export function ssoProviders(): Provider[] {
  return [];
}

/** Name and sign-in path of each configured provider, for the sign-in page's SSO buttons. */
export function ssoProviderSummaries(): { id: string; name: string }[] {
  return ssoProviders().map((provider) => {
    const resolved = typeof provider === 'function' ? provider() : provider;
    return { id: resolved.id, name: resolved.name };
  });
}
