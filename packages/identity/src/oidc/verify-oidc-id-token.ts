import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import { createGuardedFetch } from './guarded-fetch';

export type IdTokenOutcome =
  | { ok: true; claims: JWTPayload & Record<string, unknown> }
  | {
      ok: false;
      reason: 'signature' | 'issuer' | 'audience' | 'expired' | 'nonce' | 'malformed' | 'keys';
      message: string;
    };

// Keys are read at most this often per issuer, unless a token names a key not yet seen.
const keysTtlMs = 10 * 60_000;
const keySets = new Map<string, { keys: JSONWebKeySet; readAt: number }>();

/**
 * Verifies an ID token the way OpenID Connect Core §3.1.3.7 lists it: signed by one of the
 * issuer's published keys (asymmetric algorithms only), `iss` the configured issuer, `aud` the
 * client id (and `azp` it when there are several), not expired (60 s leeway for clock skew),
 * and `nonce` the one the sign-in sent when the caller knows it. Auth.js's OAuth library
 * checks iss, aud, exp and nonce but trusts TLS for the signature of a token from the token
 * endpoint; this check adds the signature, so a token endpoint answer altered on its way (a
 * TLS-intercepting proxy, a mis-pointed endpoint) is refused.
 */
export async function verifyOidcIdToken({
  idToken,
  issuer,
  clientId,
  jwksUri,
  expectedNonce,
  now = new Date(),
  fetch: fetchImpl = createGuardedFetch(),
}: {
  idToken: string;
  issuer: string;
  clientId: string;
  jwksUri: string;
  expectedNonce?: string;
  now?: Date;
  fetch?: typeof fetch;
}): Promise<IdTokenOutcome> {
  let verified: JWTPayload;
  try {
    verified = await verifyWithKeys({ idToken, issuer, clientId, jwksUri, now, fetchImpl });
  } catch (error) {
    return refusal(error);
  }
  const claims = verified as JWTPayload & Record<string, unknown>;
  if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== clientId) {
    return {
      ok: false,
      reason: 'audience',
      message: 'The ID token names other audiences and another authorized party.',
    };
  }
  if (expectedNonce !== undefined && claims.nonce !== expectedNonce) {
    return {
      ok: false,
      reason: 'nonce',
      message: 'The ID token was issued for another sign-in (nonce mismatch).',
    };
  }
  return { ok: true, claims };
}

async function verifyWithKeys({
  idToken,
  issuer,
  clientId,
  jwksUri,
  now,
  fetchImpl,
}: {
  idToken: string;
  issuer: string;
  clientId: string;
  jwksUri: string;
  now: Date;
  fetchImpl: typeof fetch;
}): Promise<JWTPayload> {
  const options = {
    issuer,
    audience: clientId,
    currentDate: now,
    clockTolerance: 60,
    algorithms: [
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
      'ES256',
      'ES384',
      'ES512',
      'EdDSA',
    ],
    requiredClaims: ['sub', 'iat', 'exp'],
  };
  const cached = keySets.get(jwksUri);
  const fresh = cached !== undefined && now.getTime() - cached.readAt < keysTtlMs;
  const keys = fresh ? cached.keys : await readKeys({ jwksUri, fetchImpl, now });
  try {
    return (await jwtVerify(idToken, createLocalJWKSet(keys), options)).payload;
  } catch (error) {
    // A key rotated in since the keys were read: read them once more before refusing.
    if (!(error instanceof errors.JWKSNoMatchingKey) || !fresh) throw error;
    const reread = await readKeys({ jwksUri, fetchImpl, now });
    return (await jwtVerify(idToken, createLocalJWKSet(reread), options)).payload;
  }
}

async function readKeys({
  jwksUri,
  fetchImpl,
  now,
}: {
  jwksUri: string;
  fetchImpl: typeof fetch;
  now: Date;
}) {
  const response = await fetchImpl(jwksUri, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new KeysUnavailable(`${jwksUri} answered HTTP ${response.status}.`);
  const body = (await response.json()) as JSONWebKeySet;
  if (!Array.isArray(body?.keys)) throw new KeysUnavailable(`${jwksUri} holds no key set.`);
  keySets.set(jwksUri, { keys: body, readAt: now.getTime() });
  return body;
}

class KeysUnavailable extends Error {}

function refusal(error: unknown): Extract<IdTokenOutcome, { ok: false }> {
  if (error instanceof errors.JWTExpired)
    return { ok: false, reason: 'expired', message: 'The ID token has expired.' };
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss')
      return { ok: false, reason: 'issuer', message: 'The ID token comes from another issuer.' };
    if (error.claim === 'aud')
      return {
        ok: false,
        reason: 'audience',
        message: 'The ID token was issued to another client.',
      };
    return {
      ok: false,
      reason: 'malformed',
      message: `The ID token's ${error.claim} claim is not acceptable.`,
    };
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey
  ) {
    return {
      ok: false,
      reason: 'signature',
      message: "The ID token's signature does not match the issuer's keys.",
    };
  }
  if (
    error instanceof KeysUnavailable ||
    (error instanceof Error && !(error instanceof errors.JOSEError))
  ) {
    return {
      ok: false,
      reason: 'keys',
      message: `The issuer's keys could not be read: ${error.message}`,
    };
  }
  return { ok: false, reason: 'malformed', message: 'The ID token is not a valid signed JWT.' };
}
