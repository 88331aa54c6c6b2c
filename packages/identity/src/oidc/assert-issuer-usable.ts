import { AppError } from '@parapet/errors';
import { discoverOidcIssuer, type OidcIssuerMetadata } from './discover-oidc-issuer';

/**
 * Save-time discovery: an issuer Parapet could not sign in with is refused on the form's issuer
 * field with the reason, rather than saved and failing at someone's first sign-in.
 */
export async function assertIssuerUsable({
  issuer,
  fetch,
}: {
  issuer: string;
  fetch?: typeof globalThis.fetch;
}): Promise<OidcIssuerMetadata> {
  const discovered = await discoverOidcIssuer({
    issuer,
    ...(fetch === undefined ? {} : { fetch }),
  });
  if (discovered.ok) return discovered.metadata;
  throw new AppError('INVALID_INPUT', discovered.message, {
    fieldErrors: { issuer: [discovered.message] },
  });
}
