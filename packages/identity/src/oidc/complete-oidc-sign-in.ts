import type { PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { completeSsoSignIn, type SsoSignInResult } from '../sso/complete-sso-sign-in';
import { loadOidcConnection } from './load-oidc-connection';
import { oidcClaimsToProfile } from './oidc-claims-to-profile';
import { verifyOidcIdToken } from './verify-oidc-id-token';

/**
 * Completes a sign-in through an OIDC connection from the ID token its token endpoint returned:
 * verifies the token (signature against the issuer's keys, issuer, audience, expiry, and the
 * nonce when the caller holds it), maps its claims (email required and not unverified, name, the
 * groups claim as a list), then hands the profile to completeSsoSignIn, which checks the email's
 * domain belongs to the connection's organization and applies the role mapping just in time.
 * Refusals, with nothing stored: NOT_FOUND (the connection is gone, disabled or its issuer
 * unreachable), TOKEN_INVALID (the token or its claims fail a check), FORBIDDEN (from the core:
 * the email's domain is not the organization's).
 */
export async function completeOidcSignIn({
  db,
  connectionId,
  idToken,
  expectedNonce,
  ip,
  now,
  fetch,
}: {
  db: PrismaClient;
  connectionId: string;
  idToken: string;
  expectedNonce?: string;
  ip?: string | undefined;
  now?: Date;
  fetch?: typeof globalThis.fetch;
}): Promise<SsoSignInResult> {
  const connection = await loadOidcConnection({
    db,
    connectionId,
    ...(fetch === undefined ? {} : { fetch }),
    ...(now === undefined ? {} : { now }),
  });
  if (connection === null) {
    throw new AppError(
      'NOT_FOUND',
      'This SSO connection is not enabled or its issuer cannot be reached.',
    );
  }
  const verified = await verifyOidcIdToken({
    idToken,
    issuer: connection.issuer,
    clientId: connection.clientId,
    jwksUri: connection.metadata.jwksUri,
    ...(expectedNonce === undefined ? {} : { expectedNonce }),
    ...(now === undefined ? {} : { now }),
    ...(fetch === undefined ? {} : { fetch }),
  });
  if (!verified.ok) throw new AppError('TOKEN_INVALID', verified.message);
  const mapped = oidcClaimsToProfile({
    claims: verified.claims,
    groupsClaim: connection.groupsClaim,
  });
  if (!mapped.ok) throw new AppError('TOKEN_INVALID', mapped.message);
  return completeSsoSignIn({ db, connectionId, profile: mapped.profile, ip });
}
