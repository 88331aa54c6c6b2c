import { type Refused, refuse } from './trust-state';
import { applyKeySet, applyKeySetChain, readKeySet, type VerifiedTrust } from './verify-key-sets';

/**
 * The trust an endpoint starts from at enrollment. Key set 1 is trusted on first use: it arrives
 * over TLS in the answer to an authenticated enrollment, and only has to be for the org and
 * signed by every key it contains. The rest of the chain is then applied as `verifyKeySets`
 * does.
 */
export async function trustFromEnrollment(options: {
  org: string;
  iss: string;
  keySets: readonly string[];
  now: Date;
}): Promise<VerifiedTrust | Refused> {
  const { org, iss, keySets, now } = options;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError('now must be a valid Date');
  if (typeof org !== 'string' || org === '' || typeof iss !== 'string' || iss === '')
    throw new TypeError('org and iss must be non-empty strings');
  if (!Array.isArray(keySets) || keySets.length === 0)
    return refuse('keyset_chain_broken', 'Enrollment carried no key set to start from');
  const [first, ...rest] = keySets;
  const read = await readKeySet(first, org, now, 'keySets[0]');
  if (!read.ok) return read;
  const anchored = await applyKeySet(read, undefined);
  if (!anchored.ok) return anchored;
  return applyKeySetChain(rest, { org, iss, keySet: anchored.keySet, highestVer: 0 }, now, 1);
}
