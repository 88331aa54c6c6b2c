import type { PublicJwk } from './jwk';
import { findKeySetKeyProblem, type KeySetClaims, keySetClaimsSchema } from './key-set-claims';
import { readCanonicalPayload, readGeneralJws } from './read-general-jws';
import { type Refused, refuse, type TrustState } from './trust-state';
import { assertVerifierInput, clockSkewSeconds, describeTime } from './verify-bundle';
import { checkJwsSignatures } from './verify-jws-signatures';

export type VerifiedTrust = { ok: true; trust: TrustState };

type KeySet = TrustState['keySet'];

/**
 * Applies a key-set chain to a trust state: every set above the trusted version, in the order
 * given, must be exactly the next version, for the trusted org, signed by a key of the set before
 * it and by every key it adds (see applyKeySet). Sets at or below the trusted version are checked
 * for shape and otherwise ignored, so a client can always send the whole chain. Nothing is
 * applied unless the whole chain is good.
 */
export async function verifyKeySets(
  keySetTexts: readonly string[],
  trust: TrustState,
  now: Date,
): Promise<VerifiedTrust | Refused> {
  assertVerifierInput(trust, now);
  return applyKeySetChain(keySetTexts, trust, now, 0);
}

/** verifyKeySets, naming each set by its place in a longer list that starts at `offset`. */
export async function applyKeySetChain(
  keySetTexts: readonly string[],
  trust: TrustState,
  now: Date,
  offset: number,
): Promise<VerifiedTrust | Refused> {
  if (!Array.isArray(keySetTexts)) return refuse('malformed', 'The key sets are not a list');
  let keySet: KeySet = trust.keySet;
  for (const [index, text] of keySetTexts.entries()) {
    const read = await readKeySet(text, trust.org, now, `keySets[${index + offset}]`);
    if (!read.ok) return read;
    if (read.claims.version <= keySet.version) continue;
    const applied = await applyKeySet(read, keySet);
    if (!applied.ok) return applied;
    keySet = applied.keySet;
  }
  return { ok: true, trust: { ...trust, keySet } };
}

type ReadKeySet = Awaited<ReturnType<typeof readKeySet>> & { ok: true };

/** A key set's document and claims, refused for anything that needs no previous set to judge. */
export async function readKeySet(text: unknown, org: string, now: Date, where: string) {
  const jws = readGeneralJws(text, 'parapet-keyset+jws');
  if (!jws.ok) return named(jws, where);
  // The payload is read before any signature is checked only to learn the version; nothing in
  // it is trusted until applyKeySet has checked its signatures.
  const payload = readCanonicalPayload(jws.value.payload);
  if (!payload.ok) return named(payload, where);
  const parsed = keySetClaimsSchema.safeParse(payload.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(
      'malformed',
      `${where}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`,
    );
  }
  const claims: KeySetClaims = parsed.data;
  const keyProblem = await findKeySetKeyProblem(claims.keys);
  if (keyProblem !== undefined) return refuse('malformed', `${where}: ${keyProblem}`);
  if (claims.org !== org)
    return refuse('wrong_org', `${where} is for org ${claims.org}, not ${org}`);
  if (claims.iat * 1000 > now.getTime() + clockSkewSeconds * 1000)
    return refuse(
      'not_yet_valid',
      `${where} is issued at ${describeTime(claims.iat)}, in the future`,
    );
  return { ok: true as const, jws: jws.value, claims };
}

/**
 * The next key set, given the one before it (or none, for version 1, which is trusted on first
 * use). The chain rule: set N+1 must carry a valid signature by a key of set N (authority) and by
 * every key it adds, that is every kid not in set N (possession: holding a key of N is not
 * enough to introduce another key). Version 1 adds all its keys, so each must sign it. A set
 * that only removes keys must still be signed by at least one of the keys it keeps, so every set
 * is signed by a key of its own.
 */
export async function applyKeySet(
  read: ReadKeySet,
  previous: KeySet | undefined,
): Promise<{ ok: true; keySet: KeySet } | Refused> {
  const { claims, jws } = read;
  const expected = (previous?.version ?? 0) + 1;
  if (claims.version !== expected)
    return refuse(
      'keyset_rollback',
      `Key set version ${claims.version} does not follow ${expected - 1}`,
    );
  if (previous !== undefined) {
    const chained = await checkJwsSignatures(jws, previous.keys);
    if (chained.status === 'invalid')
      return refuse(
        'signature_invalid',
        `Key set ${claims.version}: the signature by ${chained.kid} does not verify`,
      );
    if (chained.status === 'none')
      return refuse(
        'keyset_chain_broken',
        `Key set ${claims.version} is not signed by a key of set ${previous.version}`,
      );
  }
  const own = await checkJwsSignatures(jws, claims.keys);
  if (own.status === 'invalid')
    return refuse(
      'signature_invalid',
      `Key set ${claims.version}: the signature by ${own.kid} does not verify`,
    );
  if (own.status === 'none')
    return refuse(
      'keyset_chain_broken',
      `Key set ${claims.version} is not signed by any of its own keys`,
    );
  const previousKids = new Set(previous?.keys.map((key) => key.kid));
  const unsigned = claims.keys.find((key) => !previousKids.has(key.kid) && !own.kids.has(key.kid));
  if (unsigned !== undefined)
    return refuse(
      'keyset_chain_broken',
      previous === undefined
        ? `Key set ${claims.version} is not signed by ${unsigned.kid}, a key it contains`
        : `Key set ${claims.version} adds key ${unsigned.kid} but is not signed by it`,
    );
  const keys: PublicJwk[] = claims.keys;
  return { ok: true, keySet: { version: claims.version, keys } };
}

function named(refused: Refused, where: string): Refused {
  return refuse(refused.refusal.reason, `${where}: ${refused.refusal.message}`);
}
