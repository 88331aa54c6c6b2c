import { type BundleClaims, bundleClaimsSchema } from './bundle-claims';
import { readCanonicalPayload, readGeneralJws } from './read-general-jws';
import { type Refused, refuse, type TrustState, trustStateSchema } from './trust-state';
import { checkJwsSignatures } from './verify-jws-signatures';

/** How far ahead of the endpoint's clock a bundle's `iat` may be. */
export const clockSkewSeconds = 300;

export type VerifiedBundle = { ok: true; claims: BundleClaims; trust: TrustState };

/**
 * Decides whether an endpoint may apply a bundle (docs/distribution.md, "Key sets and trust").
 * Cheap, keyless checks run first and the payload is read only once a trusted signature vouches
 * for it. On refusal the caller keeps its trust state and its last good bundle; on success the
 * returned trust records the new highest `ver`. Hostile text yields a refusal, never a throw;
 * a `trust` or `now` that is not valid is the caller's bug and throws.
 */
export async function verifyBundle(
  bundleText: string,
  trust: TrustState,
  now: Date,
): Promise<VerifiedBundle | Refused> {
  assertVerifierInput(trust, now);
  const jws = readGeneralJws(bundleText, 'parapet-bundle+jws');
  if (!jws.ok) return jws;

  const signatures = await checkJwsSignatures(jws.value, trust.keySet.keys);
  if (signatures.status === 'invalid')
    return refuse(
      'signature_invalid',
      `The signature by trusted key ${signatures.kid} does not verify`,
    );
  if (signatures.status === 'none')
    return refuse(
      'unknown_kid',
      `No signature is by a key of trusted key set ${trust.keySet.version}`,
    );

  const payload = readCanonicalPayload(jws.value.payload);
  if (!payload.ok) return payload;
  const parsed = bundleClaimsSchema.safeParse(payload.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(
      'malformed',
      `Claim ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const claims = parsed.data;

  if (claims.org !== trust.org)
    return refuse('wrong_org', `The bundle is for org ${claims.org}, not ${trust.org}`);
  if (claims.iss !== trust.iss)
    return refuse('wrong_issuer', `The bundle is issued by ${claims.iss}, not ${trust.iss}`);
  const nowMs = now.getTime();
  if (nowMs >= claims.exp * 1000)
    return refuse('expired', `The bundle expired at ${describeTime(claims.exp)}`);
  if (claims.iat * 1000 > nowMs + clockSkewSeconds * 1000)
    return refuse(
      'not_yet_valid',
      `The bundle is issued at ${describeTime(claims.iat)}, in the future`,
    );
  if (claims.ver < trust.highestVer)
    return refuse(
      'rollback',
      `Bundle ver ${claims.ver} is below ${trust.highestVer}, already accepted`,
    );

  return {
    ok: true,
    claims,
    trust: { ...trust, highestVer: Math.max(trust.highestVer, claims.ver) },
  };
}

export function assertVerifierInput(trust: TrustState, now: Date) {
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError('now must be a valid Date');
  if (!trustStateSchema.safeParse(trust).success)
    throw new TypeError('trust is not a valid trust state');
}

/** A claim's time for a message; a signed but absurd value must not make the message throw. */
export function describeTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds} s after the epoch` : date.toISOString();
}
